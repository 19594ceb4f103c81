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
 * Where each box of the chart goes (pure). A manager's reports who manage nobody are stacked in a
 * column beneath them, so a service desk of twenty is a column, not a row twenty boxes wide; reports
 * who manage others stand side by side to the right of that column. Every manager sits at the left
 * of what they manage, so the head of the department is at the top left, where a page that scrolls
 * sideways starts. Reporting lines are paths from each manager to their reports.
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
  const size = new Map<string, { w: number; h: number }>();
  // Post-order without recursion: a deep chain of reports cannot overflow the stack, and people in a loop (refused on entry) are left out.
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
  const split = (n: ChartNode) => {
    const c = kids(n).filter((k) => seen.has(k.key));
    return { leaves: c.filter((k) => !kids(k).length), branches: c.filter((k) => kids(k).length) };
  };
  const column = (count: number) => (count ? count * (H + GAP) - GAP : 0);
  for (const n of order.reverse()) {
    const { leaves, branches } = split(n);
    if (!leaves.length && !branches.length) size.set(n.key, { w: W, h: H });
    else {
      const left = leaves.length ? W + INDENT + (branches.length ? GAP : 0) : 0;
      const w = Math.max(W, left + branches.reduce((sum, k) => sum + size.get(k.key)!.w, 0) + GAP * Math.max(0, branches.length - 1));
      size.set(n.key, { w, h: H + DROP + Math.max(column(leaves.length), ...branches.map((k) => size.get(k.key)!.h)) });
    }
  }
  const boxes: ChartBox[] = [];
  const lines: string[] = [];
  const place = (n: ChartNode, x: number, y: number) => {
    boxes.push({ ...n, x, y, shortLabel: shorten(n.label, 28), shortDetail: shorten(n.detail, 32) });
    const { leaves, branches } = split(n);
    const top = y + H + DROP;
    leaves.forEach((k, i) => {
      const ky = top + i * (H + GAP);
      lines.push(`M${x + INDENT / 2} ${y + H}V${ky + H / 2}H${x + INDENT}`);
      place(k, x + INDENT, ky);
    });
    let bx = x + (leaves.length ? W + INDENT + GAP : 0);
    const mid = y + H + DROP / 2;
    for (const k of branches) {
      lines.push(`M${x + W / 2} ${y + H}V${mid}H${bx + W / 2}V${top}`);
      place(k, bx, top);
      bx += size.get(k.key)!.w + GAP;
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
