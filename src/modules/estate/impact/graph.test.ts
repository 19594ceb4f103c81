import { describe, expect, it } from 'vitest';
import { buildGraph, chainText, chainTo, failureOf, inOrder, needsOf, servicesOf, usersReached } from './graph.js';
import type { GraphRows } from './queries.js';
import type { RelationshipKind } from '../tables.js';

function estate(
  systems: [number, string, number | null, number | null][],
  relationships: [number, RelationshipKind, number][],
  supports: [number, number][] = [],
) {
  const rows: GraphRows = {
    systems: systems.map(([id, name, criticality, users]) => ({ id, identifier: `S-${id}`, name, criticality, users })),
    relationships: relationships.map(([from, kind, to]) => ({ from_system_id: from, kind, to_system_id: to })),
    supports: supports.map(([system_id, service_id]) => ({ system_id, service_id })),
  };
  return buildGraph(rows, 1);
}

describe('what a failure reaches', () => {
  const g = estate(
    [
      [1, 'Core network', 1, null],
      [2, 'Hypervisor cluster', 1, null],
      [3, 'SQL server', 2, 20],
      [4, 'Revenues and benefits', 1, 300],
      [5, 'Bulky waste booking form', 4, 5000],
      [6, 'Document management', 2, 800],
      [7, 'Data warehouse', 3, 40],
    ],
    [
      [2, 'runs-on', 1],
      [2, 'hosts', 3],
      [4, 'depends-on', 3],
      [5, 'runs-on', 1],
      [4, 'integrates-with', 6],
      [7, 'integrates-with', 6],
    ],
    [
      [4, 100],
      [5, 200],
      [6, 300],
    ],
  );
  const node = (id: number) => g.node.get(id)!;
  const names = (nodes: number[]) => nodes.map((n) => g.names[n]).sort();

  it('travels along runs on, hosted by and depends on, transitively', () => {
    const w = failureOf(g, [node(1)]);
    expect(names(w.reached)).toEqual(['Bulky waste booking form', 'Hypervisor cluster', 'Revenues and benefits', 'SQL server']);
    expect(chainText(chainTo(g, w, node(4)))).toBe(
      'Revenues and benefits depends on SQL server, which is hosted by Hypervisor cluster, which runs on Core network',
    );
  });

  it('takes integration partners one step only, apart from what fails', () => {
    const w = failureOf(g, [node(1)]);
    expect(names(w.degraded)).toEqual(['Document management']);
    expect(w.degraded).not.toContain(node(7));
    expect(chainTo(g, w, node(6)).at(-1)).toMatchObject({ name: 'Document management', step: 'integrates-with' });
  });

  it('gives a leaf a small answer, not the connected estate', () => {
    const w = failureOf(g, [node(5)]);
    expect(w.reached).toEqual([]);
    expect(w.degraded).toEqual([]);
  });

  it('walks what a system needs the other way', () => {
    expect(names(needsOf(g, [node(4)]).reached)).toEqual(['Core network', 'Hypervisor cluster', 'SQL server']);
  });

  it('lists the most critical first, then by name, and pages', () => {
    const w = failureOf(g, [node(1)]);
    expect(inOrder(g, w.reached, 0, 10).map((n) => g.names[n])).toEqual([
      'Hypervisor cluster',
      'Revenues and benefits',
      'SQL server',
      'Bulky waste booking form',
    ]);
    expect(inOrder(g, w.reached, 2, 1).map((n) => g.names[n])).toEqual(['SQL server']);
  });

  it('ranks services by the most critical system reaching them, and counts users as the largest base', () => {
    const w = failureOf(g, [node(1)]);
    expect(servicesOf(g, [node(1), ...w.reached]).map((s) => [s.serviceId, s.tier])).toEqual([
      [100, 1],
      [200, 4],
    ]);
    expect(usersReached(g, [node(1), ...w.reached])).toBe(5000);
    expect(usersReached(g, [node(1)])).toBeNull();
  });

  it('ends at a cycle and says where it closes', () => {
    const c = estate(
      [
        [1, 'A', null, null],
        [2, 'B', null, null],
        [3, 'C', null, null],
      ],
      [
        [2, 'depends-on', 1],
        [3, 'depends-on', 2],
        [1, 'depends-on', 3],
      ],
    );
    const w = failureOf(c, [c.node.get(1)!]);
    expect(w.reached).toHaveLength(2);
    expect(chainTo(c, w, w.cycleThrough!).map((s) => s.name)).toEqual(['A', 'B', 'C']);
  });

  it('ignores relationships to systems it does not hold and to the system itself', () => {
    const c = estate(
      [[1, 'A', null, null]],
      [
        [1, 'depends-on', 99],
        [1, 'depends-on', 1],
      ],
    );
    expect(failureOf(c, [0]).reached).toEqual([]);
  });
});
