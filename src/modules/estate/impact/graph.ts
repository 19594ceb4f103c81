import type { RelationshipKind } from '../tables.js';
import type { GraphRows } from './queries.js';

/**
 * How one system's failure reaches another, in the words of the one it reaches: it depends on,
 * runs on or is hosted by the system before it in the chain, or (one step only) integrates with it.
 */
export const steps = ['depends-on', 'runs-on', 'hosted-by', 'integrates-with'] as const;
export type Step = (typeof steps)[number];
const stepOf: Record<RelationshipKind, number> = { 'depends-on': 0, 'runs-on': 1, hosts: 2, 'integrates-with': 3 };

/**
 * An organisation's estate as arrays, built once per change of the estate and walked in memory:
 * at a county's scale (50,000 systems, 200,000 relationships) a walk of the whole estate takes a
 * few milliseconds where a recursive query took most of a second. Nodes are numbered 0..n-1;
 * adjacency is kept as offsets into one array per direction (compressed sparse rows).
 */
export interface EstateGraph {
  version: number;
  node: Map<number, number>;
  ids: number[];
  identifiers: string[];
  names: string[];
  /** Criticality tier, 0 where not known. */
  tiers: Uint8Array;
  /** Users, -1 where not known. */
  users: Int32Array;
  /** What fails when a node fails, and how each of those relates to it. */
  down: Adjacency;
  /** What a node needs: the nodes whose failure takes it down. */
  up: Adjacency;
  partners: Adjacency;
  /** The council services each node supports (service ids). */
  services: Adjacency;
  /** The nodes supporting each service. */
  serviceSystems: Map<number, number[]>;
  /** Every node, most critical first, then by name: lists come out in this order without sorting. */
  order: Int32Array;
}

interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
  how: Uint8Array;
}

function adjacency(n: number, edges: [number, number, number][]): Adjacency {
  const offsets = new Int32Array(n + 1);
  for (const [from] of edges) offsets[from + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(edges.length);
  const how = new Uint8Array(edges.length);
  for (const [from, to, step] of edges) {
    const at = fill[from]!++;
    targets[at] = to;
    how[at] = step;
  }
  return { offsets, targets, how };
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

export function buildGraph(rows: GraphRows, version: number): EstateGraph {
  const n = rows.systems.length;
  const node = new Map<number, number>();
  const ids: number[] = [];
  const identifiers: string[] = [];
  const names: string[] = [];
  const tiers = new Uint8Array(n);
  const users = new Int32Array(n).fill(-1);
  rows.systems.forEach((s, i) => {
    node.set(Number(s.id), i);
    ids.push(Number(s.id));
    identifiers.push(s.identifier);
    names.push(s.name);
    tiers[i] = s.criticality && s.criticality > 0 && s.criticality < 256 ? s.criticality : 0;
    if (s.users !== null && s.users >= 0) users[i] = Math.min(s.users, 2 ** 31 - 1);
  });
  const down: [number, number, number][] = [];
  const up: [number, number, number][] = [];
  const partners: [number, number, number][] = [];
  for (const r of rows.relationships) {
    const from = node.get(Number(r.from_system_id));
    const to = node.get(Number(r.to_system_id));
    if (from === undefined || to === undefined || from === to) continue;
    const step = stepOf[r.kind];
    if (r.kind === 'integrates-with') {
      partners.push([from, to, step], [to, from, step]);
    } else if (r.kind === 'hosts') {
      // The hosted system fails with its host.
      down.push([from, to, step]);
      up.push([to, from, step]);
    } else {
      down.push([to, from, step]);
      up.push([from, to, step]);
    }
  }
  const supports: [number, number, number][] = [];
  const serviceSystems = new Map<number, number[]>();
  for (const r of rows.supports) {
    const at = node.get(Number(r.system_id));
    if (at === undefined) continue;
    const service = Number(r.service_id);
    supports.push([at, service, 0]);
    const list = serviceSystems.get(service);
    if (list) list.push(at);
    else serviceSystems.set(service, [at]);
  }
  const order = Int32Array.from(
    ids.map((_, i) => i).sort((a, b) => (tiers[a] || 255) - (tiers[b] || 255) || collator.compare(names[a]!, names[b]!) || ids[a]! - ids[b]!),
  );
  return {
    version,
    node,
    ids,
    identifiers,
    names,
    tiers,
    users,
    down: adjacency(n, down),
    up: adjacency(n, up),
    partners: adjacency(n, partners),
    services: adjacency(n, supports),
    serviceSystems,
    order,
  };
}

/**
 * What a walk reached: for each node, the node before it on the shortest chain from the start
 * (-1 where not reached) and the step by which it was reached. Breadth first, so every chain shown
 * is a shortest one, and a cycle ends the walk rather than repeating it.
 */
export interface Walk {
  starts: number[];
  before: Int32Array;
  how: Uint8Array;
  /** Reached nodes in the order reached, the starts left out. */
  reached: number[];
  /** Integration partners of the start or of anything reached, not themselves reached. */
  degraded: number[];
  /** A reached node that leads back to a start: the start depends on itself through it. */
  cycleThrough: number | null;
}

const DEGRADED = 3;

/** Everything that fails when any of `starts` fails, transitively, and what may be degraded one step further. */
export function failureOf(graph: EstateGraph, starts: number[]): Walk {
  return walk(graph, starts, graph.down, true);
}

/** Everything the `starts` need to run, transitively: what would take them down by failing. */
export function needsOf(graph: EstateGraph, starts: number[]): Walk {
  return walk(graph, starts, graph.up, false);
}

function walk(graph: EstateGraph, starts: number[], along: Adjacency, withPartners: boolean): Walk {
  const n = graph.ids.length;
  const before = new Int32Array(n).fill(-1);
  const how = new Uint8Array(n);
  const isStart = new Uint8Array(n);
  for (const s of starts) {
    before[s] = s;
    isStart[s] = 1;
  }
  const queue = [...starts];
  const reached: number[] = [];
  let cycleThrough: number | null = null;
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    for (let e = along.offsets[at]!; e < along.offsets[at + 1]!; e++) {
      const next = along.targets[e]!;
      if (before[next] !== -1) {
        if (isStart[next] && !isStart[at] && cycleThrough === null) cycleThrough = at;
        continue;
      }
      before[next] = at;
      how[next] = along.how[e]!;
      queue.push(next);
      reached.push(next);
    }
  }
  const degraded: number[] = [];
  if (withPartners) {
    const { offsets, targets } = graph.partners;
    for (const at of queue)
      for (let e = offsets[at]!; e < offsets[at + 1]!; e++) {
        const next = targets[e]!;
        if (before[next] !== -1) continue;
        before[next] = at;
        how[next] = DEGRADED;
        degraded.push(next);
      }
  }
  return { starts, before, how, reached, degraded, cycleThrough };
}

export interface ChainStep {
  id: number;
  name: string;
  /** How this system relates to the one before it; null for the first. */
  step: Step | null;
}

const stepWords: Record<Step, string> = {
  'depends-on': 'depends on',
  'runs-on': 'runs on',
  'hosted-by': 'is hosted by',
  'integrates-with': 'integrates with',
};

/** A chain as a person says it: "Payroll runs on SQL cluster 2, which depends on Core network". */
export function chainText(chain: ChainStep[]): string {
  const parts: string[] = [];
  for (let i = chain.length - 1; i > 0; i--)
    parts.push(`${i === chain.length - 1 ? chain[i]!.name + ' ' : 'which '}${stepWords[chain[i]!.step!]} ${chain[i - 1]!.name}`);
  return parts.join(', ');
}

/** The shortest chain from a start to `to`, start first. */
export function chainTo(graph: EstateGraph, w: Walk, to: number): ChainStep[] {
  const out: ChainStep[] = [];
  for (let at = to, guard = 0; guard <= graph.ids.length; guard++) {
    const prev = w.before[at]!;
    if (prev === -1) return [];
    out.push({ id: graph.ids[at]!, name: graph.names[at]!, step: prev === at ? null : steps[w.how[at]!]! });
    if (prev === at) break;
    at = prev;
  }
  return out.reverse();
}

/** Members of `nodes` in the graph's order (most critical first, then by name), from `offset`, at most `limit`. */
export function inOrder(graph: EstateGraph, nodes: number[], offset: number, limit: number): number[] {
  const mark = new Uint8Array(graph.ids.length);
  for (const x of nodes) mark[x] = 1;
  const out: number[] = [];
  let skipped = 0;
  for (const x of graph.order) {
    if (!mark[x]) continue;
    if (skipped++ < offset) continue;
    out.push(x);
    if (out.length >= limit) break;
  }
  return out;
}

export interface ServiceReach {
  serviceId: number;
  /** The most critical tier among the systems reaching it, 0 when none says. */
  tier: number;
  systems: number;
}

/** The services the given nodes support, the most critical first, then by how many of the nodes support each. */
export function servicesOf(graph: EstateGraph, nodes: Iterable<number>): ServiceReach[] {
  const found = new Map<number, ServiceReach>();
  const { offsets, targets } = graph.services;
  for (const at of nodes)
    for (let e = offsets[at]!; e < offsets[at + 1]!; e++) {
      const serviceId = targets[e]!;
      const tier = graph.tiers[at]!;
      const r = found.get(serviceId);
      if (!r) found.set(serviceId, { serviceId, tier, systems: 1 });
      else {
        r.systems++;
        if (tier && (!r.tier || tier < r.tier)) r.tier = tier;
      }
    }
  return [...found.values()].sort((a, b) => (a.tier || 255) - (b.tier || 255) || b.systems - a.systems || a.serviceId - b.serviceId);
}

/**
 * The least number of people a failure reaches: the same people use many systems, so adding user
 * counts up would overstate it; the largest user base among the systems that fail is the floor.
 */
export function usersReached(graph: EstateGraph, nodes: Iterable<number>): number | null {
  let most = -1;
  for (const at of nodes) most = Math.max(most, graph.users[at]!);
  return most < 0 ? null : most;
}
