import { stringify } from 'yaml';
import type { FrameworkNode, FrameworkTree } from './tree.js';

/** A framework as Steward's own file: what it exports, and reads back to the same tree. */
export function frameworkFile(tree: FrameworkTree): string {
  const node = (n: FrameworkNode): Record<string, unknown> => ({
    code: n.code,
    level: n.level,
    title: n.title,
    ...(n.description ? { description: n.description } : {}),
    ...(n.assessable ? { assessable: true } : {}),
    ...(Object.keys(n.targets).length ? { targets: { ...n.targets } } : {}),
    ...(n.rule ? { rule: n.rule } : {}),
    ...(n.indicators.length
      ? { indicators: n.indicators.map((i) => ({ code: i.code, ...(i.reference ? { reference: i.reference } : {}), tier: i.tier, text: i.text })) }
      : {}),
    ...(n.children.length ? { children: n.children.map(node) } : {}),
  });
  return stringify(
    {
      'steward-framework': 1,
      key: tree.key,
      version: tree.version,
      name: tree.name,
      ...(tree.description ? { description: tree.description } : {}),
      levels: tree.levels,
      scale: tree.scale.map((s) => ({ key: s.key, label: s.label })),
      ...(tree.tiers.length ? { tiers: tree.tiers.map((t) => ({ key: t.key, label: t.label })) } : {}),
      rule: tree.rule,
      profiles: tree.profiles,
      nodes: tree.nodes.map(node),
    },
    { lineWidth: 100, aliasDuplicateObjects: false },
  );
}
