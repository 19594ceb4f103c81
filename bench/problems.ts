// Problem management on the demo council: the list, a known error's page, the proposals from
// clusters of incidents, and the API's list.
import { load, startServer, type Row } from './lib.js';
import { signIn } from './pages.js';

export async function problemsBench(seconds: number): Promise<Row[]> {
  const steward = await startServer('steward');
  try {
    const base = `http://127.0.0.1:${steward.port}`;
    const headers = { cookie: await signIn(base) };
    const known = (await (await fetch(`${base}/api/v1/known-errors`, { headers })).json()) as { items: { reference: string }[] };
    const reference = known.items[0]?.reference;
    if (!reference) throw new Error('bench: the demo council has no known error');
    await load('warm-up', `${base}/problems`, { seconds: 2, headers, connections: 1 });
    const target = 'p95 ≤ 20 ms, as the queue';
    return [
      await load('problems list, newest first', `${base}/problems`, { seconds, headers, connections: 1, target }),
      await load('problems list, open ones on one filter', `${base}/problems?status=open&priority=p2`, { seconds, headers, connections: 1, target }),
      await load('a known error: incidents, article, timeline', `${base}/problems/${reference}`, { seconds, headers, connections: 1, target }),
      await load('proposed problems from clusters of incidents', `${base}/problems/proposals`, { seconds, headers, connections: 1, target }),
      await load('API: problems, 50 a page', `${base}/api/v1/problems`, { seconds, headers, connections: 1, target }),
    ];
  } finally {
    steward.child.kill();
  }
}
