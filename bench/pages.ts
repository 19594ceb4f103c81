import { load, signInWithForm, startServer, type Row } from './lib.js';
import { demoAdminEmail, demoPassword } from '../src/demo/council.js';

/** Signs in like a browser: fetch the form for its CSRF cookie and token, then post it. */
/** Signs in as the demo council's administrator. */
export const signIn = (base: string) => signInWithForm(base, demoAdminEmail, demoPassword);

/** The floor every page is measured against: the signed-in home page beside a bare render of it. */
export async function pageFloor(seconds: number): Promise<Row[]> {
  const rows: Row[] = [];
  const bare = await startServer('bare');
  try {
    await load('warm-up', `http://127.0.0.1:${bare.port}/`, { seconds: 1 });
    rows.push(await load('bare Fastify route, same layout, no database', `http://127.0.0.1:${bare.port}/`, { seconds }));
  } finally {
    bare.child.kill();
  }
  const steward = await startServer('steward');
  try {
    const base = `http://127.0.0.1:${steward.port}`;
    const cookie = await signIn(base);
    await load('warm-up', `${base}/`, { seconds: 1, headers: { cookie } });
    rows.push(await load('signed-in home page (SQLite)', `${base}/`, { seconds, headers: { cookie } }));
    rows.push(await load('GET /healthz (SQLite)', `${base}/healthz`, { seconds }));
  } finally {
    steward.child.kill();
  }
  return rows;
}
