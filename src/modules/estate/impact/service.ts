import { NotFoundError, type Db } from '../../../platform/index.js';
import { contractsOfSystems } from '../contracts/queries.js';
import { buildGraph, chainTo, failureOf, inOrder, needsOf, servicesOf, usersReached, type ChainStep, type EstateGraph, type Walk } from './graph.js';
import { estateVersion, graphRows, serviceNames } from './queries.js';

/**
 * The graph of each organisation's estate, held per database and checked against the estate's
 * version on every read (one primary-key lookup), so every instance sees a change as soon as it
 * is committed. At most a few organisations are held; the one used longest ago goes first.
 */
const held = new WeakMap<Db, Map<number, EstateGraph>>();
const loading = new WeakMap<Db, Map<string, Promise<EstateGraph>>>();
const mostHeld = 16;

export async function estateGraph(db: Db, organisationId: number): Promise<EstateGraph> {
  const version = await estateVersion(db, organisationId);
  let graphs = held.get(db);
  if (!graphs) held.set(db, (graphs = new Map()));
  const cached = graphs.get(organisationId);
  if (cached && cached.version === version) {
    graphs.delete(organisationId);
    graphs.set(organisationId, cached);
    return cached;
  }
  let pending = loading.get(db);
  if (!pending) loading.set(db, (pending = new Map()));
  const key = `${organisationId}:${version}`;
  let load = pending.get(key);
  if (!load) {
    load = graphRows(db, organisationId)
      .then((rows) => buildGraph(rows, version))
      .finally(() => pending.delete(key));
    pending.set(key, load);
  }
  const graph = await load;
  graphs.delete(organisationId);
  graphs.set(organisationId, graph);
  while (graphs.size > mostHeld) graphs.delete(graphs.keys().next().value!);
  return graph;
}

export interface AffectedSystem {
  id: number;
  identifier: string;
  name: string;
  criticality: number | null;
  chain: ChainStep[];
}

export interface AffectedService {
  id: number;
  name: string;
  /** The most critical tier among the affected systems supporting it. */
  tier: number | null;
  systems: number;
}

const affected = (graph: EstateGraph, w: Walk, at: number): AffectedSystem => ({
  id: graph.ids[at]!,
  identifier: graph.identifiers[at]!,
  name: graph.names[at]!,
  criticality: graph.tiers[at] || null,
  chain: chainTo(graph, w, at),
});

async function named(db: Db, organisationId: number, reach: ReturnType<typeof servicesOf>): Promise<AffectedService[]> {
  const names = await serviceNames(
    db,
    organisationId,
    reach.map((r) => r.serviceId),
  );
  return reach.filter((r) => names.has(r.serviceId)).map((r) => ({ id: r.serviceId, name: names.get(r.serviceId)!, tier: r.tier || null, systems: r.systems }));
}

export interface ImpactOptions {
  /** Where the page of failing systems starts, and how many it holds. */
  offset?: number;
  limit?: number;
  /** How many of the systems that may be degraded to list (all are counted). */
  degradedLimit?: number;
}

/**
 * What a system's failure reaches. It travels along "depends on", "runs on" and "hosted by",
 * transitively; a system that only integrates with one that fails may be degraded, one step and no
 * further, and is shown apart. Each system comes with the shortest chain that reaches it. Counts
 * are of the whole estate; the list is a page of it, most critical first.
 */
export async function impactOf(db: Db, organisationId: number, systemId: number, options: ImpactOptions = {}) {
  const graph = await estateGraph(db, organisationId);
  const start = graph.node.get(systemId);
  if (start === undefined) throw new NotFoundError('There is no such system');
  const offset = Math.max(0, options.offset ?? 0);
  const limit = Math.max(1, options.limit ?? 50);
  const w = failureOf(graph, [start]);
  const failing = [start, ...w.reached];
  const failingServices = servicesOf(graph, failing);
  const failingServiceIds = new Set(failingServices.map((s) => s.serviceId));
  const degradedServices = servicesOf(graph, w.degraded).filter((s) => !failingServiceIds.has(s.serviceId));
  const [services, servicesMayBeDegraded, contracts] = await Promise.all([
    named(db, organisationId, failingServices),
    named(db, organisationId, degradedServices),
    contractsOfSystems(db, organisationId, [systemId]),
  ]);
  const page = inOrder(graph, w.reached, offset, limit + 1);
  return {
    system: { id: systemId, identifier: graph.identifiers[start]!, name: graph.names[start]!, criticality: graph.tiers[start] || null },
    counts: { fails: w.reached.length, mayBeDegraded: w.degraded.length, services: services.length, servicesMayBeDegraded: servicesMayBeDegraded.length },
    users: usersReached(graph, failing),
    services,
    servicesMayBeDegraded,
    fails: page.slice(0, limit).map((at) => affected(graph, w, at)),
    nextOffset: page.length > limit ? offset + limit : null,
    mayBeDegraded: inOrder(graph, w.degraded, 0, options.degradedLimit ?? 50).map((at) => affected(graph, w, at)),
    cycle: w.cycleThrough === null ? null : [...chainTo(graph, w, w.cycleThrough), { id: systemId, name: graph.names[start]!, step: null }],
    contracts,
  };
}

export type Impact = Awaited<ReturnType<typeof impactOf>>;

/** Every system a failure reaches, for a download: those that fail, then those that may be degraded. */
export async function everythingAffected(db: Db, organisationId: number, systemId: number) {
  const graph = await estateGraph(db, organisationId);
  const start = graph.node.get(systemId);
  if (start === undefined) throw new NotFoundError('There is no such system');
  const w = failureOf(graph, [start]);
  const all = (nodes: number[]) => inOrder(graph, nodes, 0, nodes.length).map((at) => affected(graph, w, at));
  return { system: { id: systemId, name: graph.names[start]! }, fails: all(w.reached), mayBeDegraded: all(w.degraded) };
}

/**
 * For an incident against a council service: the systems behind it, what they need, and what else
 * fails if they have failed, so the desk can tell a one-off from an outage.
 */
export async function serviceImpact(db: Db, organisationId: number, serviceId: number, shown = 30) {
  const graph = await estateGraph(db, organisationId);
  const supporting = graph.serviceSystems.get(serviceId) ?? [];
  if (!supporting.length) return null;
  const needs = needsOf(graph, supporting);
  const fails = failureOf(graph, supporting);
  const reach = servicesOf(graph, [...supporting, ...fails.reached]).filter((s) => s.serviceId !== serviceId);
  const ids = (nodes: number[]) => nodes.map((at) => graph.ids[at]!);
  const [services, contracts] = await Promise.all([
    named(db, organisationId, reach),
    contractsOfSystems(db, organisationId, ids([...supporting, ...inOrder(graph, needs.reached, 0, 500)])),
  ]);
  const system = (at: number) => ({ id: graph.ids[at]!, name: graph.names[at]!, criticality: graph.tiers[at] || null });
  return {
    supporting: inOrder(graph, supporting, 0, supporting.length).map(system),
    needs: inOrder(graph, needs.reached, 0, shown).map(system),
    needsCount: needs.reached.length,
    failsCount: fails.reached.length,
    mayBeDegradedCount: fails.degraded.length,
    services,
    users: usersReached(graph, [...supporting, ...fails.reached]),
    contracts,
  };
}

/**
 * The critical systems of something the council must not lose (an essential function): the
 * systems named, and everything they need to run, most critical first.
 */
export async function criticalSystems(db: Db, organisationId: number, systemIds: number[]) {
  const graph = await estateGraph(db, organisationId);
  const starts = systemIds.map((id) => graph.node.get(id)).filter((at): at is number => at !== undefined);
  const needs = needsOf(graph, starts);
  const system = (at: number) => ({ id: graph.ids[at]!, name: graph.names[at]!, criticality: graph.tiers[at] || null });
  return {
    named: inOrder(graph, starts, 0, starts.length).map(system),
    needed: inOrder(graph, needs.reached, 0, needs.reached.length).map(system),
  };
}

/**
 * For each of these systems, the systems it has a relationship with in either direction (it depends
 * on them, they on it, or they integrate), from the graph held in memory: the change calendar's
 * dependency conflicts. A system not in the register has none.
 */
export async function systemNeighbours(db: Db, organisationId: number, systemIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!systemIds.length) return out;
  const graph = await estateGraph(db, organisationId);
  for (const id of new Set(systemIds)) {
    const at = graph.node.get(id);
    if (at === undefined) continue;
    const near = new Set<number>();
    for (const adjacency of [graph.down, graph.up, graph.partners])
      for (let k = adjacency.offsets[at]!; k < adjacency.offsets[at + 1]!; k++) near.add(graph.ids[adjacency.targets[k]!]!);
    if (near.size) out.set(id, [...near]);
  }
  return out;
}
