// Knowledge suggestions on the demo council: for twenty things a council worker types, is the right
// article among the first three (and first)? Then how fast the search answers, one connection.
import { knowledgePhrasings } from '../src/modules/service-desk/knowledge/phrasings.js';
import { load, startServer, type Row } from './lib.js';
import { signIn } from './pages.js';

export async function knowledgeBench(seconds: number): Promise<Row[]> {
  const steward = await startServer('steward');
  try {
    const base = `http://127.0.0.1:${steward.port}`;
    const headers = { cookie: await signIn(base) };
    let top3 = 0;
    let first = 0;
    for (const p of knowledgePhrasings) {
      const res = (await (await fetch(`${base}/api/v1/articles?q=${encodeURIComponent(p.question)}`, { headers })).json()) as { items: { title: string }[] };
      const titles = res.items.map((a) => a.title);
      if (titles.slice(0, 3).includes(p.article)) top3 += 1;
      else console.log(`  missed: “${p.question}” → ${titles.slice(0, 3).join(' | ') || '(nothing)'}`);
      if (titles[0] === p.article) first += 1;
    }
    const n = knowledgePhrasings.length;
    const url = `${base}/api/v1/articles?q=${encodeURIComponent('vpn not connecting')}`;
    await load('warm-up', url, { seconds: 2, headers });
    const row = await load(`knowledge search “vpn not connecting” (right article in the top three for ${top3}/${n} phrasings, first for ${first}/${n})`, url, {
      seconds,
      headers,
      connections: 1,
      target: `top three ${n}/${n}`,
    });
    return [row];
  } finally {
    steward.child.kill();
  }
}
