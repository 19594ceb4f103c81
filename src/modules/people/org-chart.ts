/** One box of the organisation chart: a person or a vacant post, under whoever they report to. */
export interface ChartNode {
  key: string;
  parent: string | null;
  label: string;
  detail: string;
  vacancy: boolean;
  href: string;
}

export interface ChartBox extends ChartNode {
  x: number;
  y: number;
  shortLabel: string;
  shortDetail: string;
}

const W = 200;
const H = 48;
const GAP = 12;
const DROP = 36;
const INDENT = 20;

const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Where each box of the chart goes (pure). A manager whose reports manage nobody has them stacked
 * beneath, so a service desk of twenty is a column, not a row twenty boxes wide; a manager of
 * managers has them side by side. Reporting lines are paths from each manager to their reports.
 */
export function layOutChart(nodes: ChartNode[]) {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const children = new Map<string, ChartNode[]>();
  const roots: ChartNode[] = [];
  for (const n of nodes) {
    if (n.parent !== null && byKey.has(n.parent) && n.parent !== n.key) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
    else roots.push(n);
  }
  const kids = (n: ChartNode) => children.get(n.key) ?? [];
  const size = new Map<string, { w: number; h: number; stacked: boolean }>();
  // Post-order without recursion: a deep chain of reports cannot overflow the stack.
  const order: ChartNode[] = [];
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n.key)) continue;
    seen.add(n.key);
    order.push(n);
    stack.push(...kids(n));
  }
  for (const n of order.reverse()) {
    const c = kids(n).filter((k) => size.has(k.key));
    if (!c.length) size.set(n.key, { w: W, h: H, stacked: false });
    else if (c.every((k) => !kids(k).length)) size.set(n.key, { w: W + INDENT, h: H + c.length * (H + GAP), stacked: true });
    else {
      const w = Math.max(W, c.reduce((sum, k) => sum + size.get(k.key)!.w, 0) + GAP * (c.length - 1));
      size.set(n.key, { w, h: H + DROP + Math.max(...c.map((k) => size.get(k.key)!.h)), stacked: false });
    }
  }
  const boxes: ChartBox[] = [];
  const lines: string[] = [];
  const place = (n: ChartNode, x: number, y: number) => {
    const s = size.get(n.key)!;
    const c = kids(n).filter((k) => size.has(k.key));
    const bx = s.stacked || !c.length ? x : x + (s.w - W) / 2;
    boxes.push({ ...n, x: bx, y, shortLabel: shorten(n.label, 28), shortDetail: shorten(n.detail, 32) });
    if (!c.length) return;
    if (s.stacked) {
      c.forEach((k, i) => {
        const ky = y + H + GAP + i * (H + GAP);
        lines.push(`M${bx + INDENT / 2} ${y + H}V${ky + H / 2}H${bx + INDENT}`);
        place(k, bx + INDENT, ky);
      });
      return;
    }
    const mid = y + H + DROP / 2;
    let cx = x;
    for (const k of c) {
      const ks = size.get(k.key)!;
      const kx = ks.stacked || !kids(k).length ? cx : cx + (ks.w - W) / 2;
      lines.push(`M${bx + W / 2} ${y + H}V${mid}H${kx + W / 2}V${y + H + DROP}`);
      place(k, cx, y + H + DROP);
      cx += ks.w + GAP;
    }
  };
  let x = 0;
  let height = 0;
  for (const r of roots) {
    place(r, x, 0);
    x += size.get(r.key)!.w + GAP * 2;
    height = Math.max(height, size.get(r.key)!.h);
  }
  return { width: Math.max(W, x - GAP * 2) + 2, height: height + 2, boxWidth: W, boxHeight: H, boxes, lines };
}

/** The same chart as a nested list (the alternative to the picture): each person with their reports. */
export function chartTree(nodes: ChartNode[]) {
  type Item = ChartNode & { reports: Item[] };
  const items = new Map<string, Item>(nodes.map((n) => [n.key, { ...n, reports: [] }]));
  const roots: Item[] = [];
  for (const i of items.values()) {
    const parent = i.parent !== null && i.parent !== i.key ? items.get(i.parent) : undefined;
    if (parent) parent.reports.push(i);
    else roots.push(i);
  }
  return roots;
}
