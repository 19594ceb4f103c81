// The board pack on the demo council: every section from live data (KPIs computed from the desk,
// the roadmap, risks, contracts, cyber, the budget), as a print page and as a tagged PDF.
import { load, startServer, type Row } from './lib.js';
import { signIn } from './pages.js';

export async function boardsBench(seconds: number): Promise<Row[]> {
  const steward = await startServer('steward');
  try {
    const base = `http://127.0.0.1:${steward.port}`;
    const headers = { cookie: await signIn(base) };
    const today = new Date().toISOString().slice(0, 10);
    const meetings = (await (await fetch(`${base}/api/v1/meetings`, { headers })).json()) as { items: { id: number; board: string; heldOn: string }[] };
    const last = meetings.items.find((m) => m.board === 'Digital board' && m.heldOn <= today);
    if (!last) throw new Error('bench: the demo digital board has held no meeting');
    const pdf = `${base}/api/v1/meetings/${last.id}/board-pack.pdf`;
    await load('warm-up', pdf, { seconds: 3, headers, connections: 1 });
    return [
      await load('board pack of the last digital board, print page', `${base}/boards/meetings/${last.id}/pack`, {
        seconds,
        headers,
        connections: 1,
        target: 'no target; the PDF’s is 5 s',
      }),
      await load('board pack of the last digital board, tagged PDF (10 pages, embedded font, vector charts)', pdf, {
        seconds: Math.max(seconds, 10),
        headers,
        connections: 1,
        target: '≤ 5 s',
      }),
    ];
  } finally {
    steward.child.kill();
  }
}
