import { dict, type Dict } from '../../../platform/index.js';

/** A value on a rating scale or a tier of indicators: its key, as people read it, and its rank (higher is better). */
export interface Level {
  key: string;
  label: string;
  rank: number;
}

/**
 * How an assessable node's status follows from its indicators: data of the framework, never code
 * written for one framework.
 * - `tiered`: the first step whose tier has indicators and whose condition holds gives the status
 *   (`any`: at least one indicator of the tier holds; `all`: every one does), else `otherwise`.
 *   A tier with no indicators never satisfies a step, so an outcome with no partially-achieved
 *   tier is achieved or not.
 * - `table`: the status for each combination of none / some / all per tier, keyed
 *   `<first>_<second>_<third>` in the order `order` gives (WebCAF's 27 keys).
 * - `chosen`: no indicators decide it; the assessor chooses from the scale (a maturity level).
 */
export type DerivationRule =
  | { kind: 'tiered'; steps: { status: string; tier: string; holds: 'any' | 'all' }[]; otherwise: string }
  | { kind: 'table'; order: string[]; statuses: Dict<string> }
  | { kind: 'chosen' };

export interface Indicator {
  /** Its identifier in the file (unique in its tier of its node). */
  code: string;
  /** The publisher's own numbering where the file gives one (A1.a.NA.1), shown beside the text. */
  reference: string;
  tier: string;
  text: string;
  line: number;
}

export interface FrameworkNode {
  code: string;
  level: string;
  title: string;
  description: string;
  assessable: boolean;
  /** Target status per profile key (the CAF baseline and enhanced profiles). */
  targets: Dict<string>;
  rule?: DerivationRule;
  indicators: Indicator[];
  children: FrameworkNode[];
  line: number;
}

/** A part of a framework with nothing under it yet: what a reader or a module building a framework starts each node from. */
export const emptyNode = (code: string, level: string, title: string, line = 0): FrameworkNode => ({
  code,
  level,
  title,
  description: '',
  assessable: false,
  targets: dict(),
  indicators: [],
  children: [],
  line,
});

/** A framework as read from any of the formats, before it is stored. */
export interface FrameworkTree {
  key: string;
  version: string;
  name: string;
  description: string;
  format: 'steward' | 'webcaf' | 'ciso-assistant';
  /** The names of the levels of the tree, top first (objective, principle, outcome). */
  levels: string[];
  /** The statuses an assessable node can have, lowest rank first. */
  scale: Level[];
  /** The tiers indicators sit in; empty for a framework rated by choice. */
  tiers: Level[];
  rule: DerivationRule;
  profiles: { key: string; name: string }[];
  nodes: FrameworkNode[];
}

/** A reason a file cannot be taken, with the line it is on (0 when it is about the whole file). */
export interface FileProblem {
  line: number;
  reason: string;
}

export const cafScale: Level[] = [
  { key: 'not-achieved', label: 'Not achieved', rank: 1 },
  { key: 'partially-achieved', label: 'Partially achieved', rank: 2 },
  { key: 'achieved', label: 'Achieved', rank: 3 },
];

/** The CAF's rule, the default for a tiered framework whose file gives none. */
export const cafRule: DerivationRule = {
  kind: 'tiered',
  steps: [
    { status: 'not-achieved', tier: 'not-achieved', holds: 'any' },
    { status: 'achieved', tier: 'achieved', holds: 'all' },
    { status: 'partially-achieved', tier: 'partially-achieved', holds: 'all' },
  ],
  otherwise: 'not-achieved',
};

/** Every node, parents before children, with its depth and its parent's position. */
export function flatten(nodes: FrameworkNode[]) {
  const out: { node: FrameworkNode; depth: number; parent: number | null }[] = [];
  const walk = (list: FrameworkNode[], depth: number, parent: number | null) => {
    for (const node of list) {
      out.push({ node, depth, parent });
      walk(node.children, depth + 1, out.length - 1);
    }
  };
  walk(nodes, 0, null);
  return out;
}

/** What a framework holds, by level and by tier. */
export function countsOf(tree: Pick<FrameworkTree, 'nodes' | 'levels' | 'tiers'>) {
  const byLevel = dict<number>();
  const byTier = dict<number>();
  let assessable = 0;
  let indicators = 0;
  for (const { node } of flatten(tree.nodes)) {
    byLevel[node.level] = (byLevel[node.level] ?? 0) + 1;
    if (node.assessable) assessable++;
    for (const i of node.indicators) {
      byTier[i.tier] = (byTier[i.tier] ?? 0) + 1;
      indicators++;
    }
  }
  return { byLevel, byTier, assessable, indicators };
}

export const maxFrameworkNodes = 5_000;
export const maxIndicators = 20_000;

/**
 * What makes a tree unusable, each with its line: two nodes or indicators that cannot be told
 * apart, indicators on a node nobody assesses, a level, tier or target that is not the
 * framework's own, a rule that names a status or tier it does not have. And what is odd but
 * usable (warnings): a publisher's reference used twice, an assessable node with no indicators.
 */
export function checkTree(tree: FrameworkTree): { problems: FileProblem[]; warnings: FileProblem[] } {
  const problems: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const statuses = new Set(tree.scale.map((s) => s.key));
  const tiers = new Set(tree.tiers.map((t) => t.key));
  const profiles = new Set(tree.profiles.map((p) => p.key));
  const checkRule = (rule: DerivationRule, line: number) => {
    if (rule.kind === 'tiered') {
      for (const s of rule.steps) {
        if (!statuses.has(s.status)) problems.push({ line, reason: `the rule gives the status “${s.status}”, which is not on the framework’s scale` });
        if (!tiers.has(s.tier)) problems.push({ line, reason: `the rule reads the tier “${s.tier}”, which the framework does not have` });
      }
      if (!statuses.has(rule.otherwise)) problems.push({ line, reason: `the rule’s last resort “${rule.otherwise}” is not on the framework’s scale` });
    } else if (rule.kind === 'table') {
      for (const s of Object.values(rule.statuses))
        if (!statuses.has(s)) problems.push({ line, reason: `the rule gives the status “${s}”, which is not on the framework’s scale` });
    }
  };
  if (!tree.key) problems.push({ line: 0, reason: 'the file does not say which framework it is' });
  if (!tree.nodes.length) problems.push({ line: 0, reason: 'the file holds no part of a framework' });
  checkRule(tree.rule, 0);
  const seen = new Map<string, number>();
  const flat = flatten(tree.nodes);
  if (flat.length > maxFrameworkNodes) problems.push({ line: 0, reason: `the framework has more than ${maxFrameworkNodes.toLocaleString('en-GB')} parts` });
  let indicatorCount = 0;
  for (const { node } of flat) {
    if (!node.code) problems.push({ line: node.line, reason: `a ${node.level} has no identifier` });
    const before = seen.get(node.code.toLowerCase());
    if (before !== undefined) problems.push({ line: node.line, reason: `${node.code} is used twice (first on line ${before}): the two cannot be told apart` });
    else seen.set(node.code.toLowerCase(), node.line);
    if (!tree.levels.includes(node.level))
      problems.push({ line: node.line, reason: `${node.code} is a “${node.level}”, which is not one of the framework’s levels` });
    if (node.rule) checkRule(node.rule, node.line);
    for (const [profile, target] of Object.entries(node.targets)) {
      if (!profiles.has(profile))
        problems.push({ line: node.line, reason: `${node.code} has a target for the profile “${profile}”, which the file does not define` });
      if (!statuses.has(target)) problems.push({ line: node.line, reason: `${node.code}’s target “${target}” is not on the framework’s scale` });
    }
    if (node.indicators.length && !node.assessable)
      problems.push({
        line: node.indicators[0]!.line,
        reason: `indicators sit under ${node.code}, which is not assessed: an indicator belongs under an outcome`,
      });
    const rule = node.rule ?? tree.rule;
    if (node.assessable && rule.kind !== 'chosen' && !node.indicators.length)
      warnings.push({ line: node.line, reason: `${node.code} has no indicators, so it cannot be assessed until it has` });
    const codes = new Set<string>();
    const references = new Set<string>();
    for (const i of node.indicators) {
      indicatorCount++;
      if (!tiers.has(i.tier))
        problems.push({ line: i.line, reason: `an indicator of ${node.code} is in the tier “${i.tier}”, which the framework does not have` });
      if (!i.text.trim()) problems.push({ line: i.line, reason: `an indicator of ${node.code} has no text` });
      const id = `${i.tier}\u0000${i.code.toLowerCase()}`;
      if (codes.has(id))
        problems.push({ line: i.line, reason: `${node.code} has two indicators called ${i.code} in the same tier: they cannot be told apart` });
      codes.add(id);
      if (i.reference && references.has(i.reference))
        warnings.push({ line: i.line, reason: `the reference ${i.reference} is used twice under ${node.code}; both are kept` });
      if (i.reference) references.add(i.reference);
    }
  }
  if (indicatorCount > maxIndicators) problems.push({ line: 0, reason: `the framework has more than ${maxIndicators.toLocaleString('en-GB')} indicators` });
  return { problems, warnings };
}
