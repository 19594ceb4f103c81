import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { dict, type Dict } from '../../../platform/index.js';
import { cafRule, cafScale, checkTree, emptyNode, type DerivationRule, type FileProblem, type FrameworkNode, type FrameworkTree, type Level } from './tree.js';

export const maxFrameworkBytes = 8 * 1024 * 1024;
const maxText = 10_000;

export type ReadFramework = { tree: FrameworkTree; warnings: FileProblem[]; problems: [] } | { tree: null; warnings: FileProblem[]; problems: FileProblem[] };

/**
 * Reads a framework file in any of the formats Steward takes: its own (which it also exports),
 * WebCAF's YAML (the Cabinet Office's CAF files, in each of the shapes they have had) and CISO
 * Assistant's library YAML. Bounded in size and in aliases; a file that is none of them, or whose
 * tree is broken, gives its problems with their lines and no tree.
 */
export function readFrameworkFile(data: Buffer, hints: { filename?: string; version?: string } = {}): ReadFramework {
  if (data.length > maxFrameworkBytes) return refuse(0, `the file is larger than ${maxFrameworkBytes / 1024 / 1024} MB`);
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) return refuse(0, 'the file is not text: a framework file is YAML or JSON');
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, version: '1.2' });
  } catch (e) {
    return refuse(0, `the file cannot be read as YAML or JSON (${(e as Error).message.slice(0, 200)})`);
  }
  if (doc.errors.length) {
    return {
      tree: null,
      warnings: [],
      problems: doc.errors.slice(0, 20).map((e) => ({ line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line, reason: plainYamlError(e.message) })),
    };
  }
  const y = new Yaml(doc, lines);
  const root = y.node(doc.contents);
  if (!isMap(root)) return refuse(1, 'the file is not a framework: it should start with the framework’s name and parts');
  let read: { tree: FrameworkTree; problems: FileProblem[] };
  try {
    if (y.get(root, 'steward-framework')) read = readSteward(y, root);
    else if (isMap(y.get(y.get(root, 'objects'), 'framework'))) read = readCisoAssistant(y, root);
    else if (y.get(root, 'objectives')) read = readWebCaf(y, root);
    else
      return refuse(1, 'the file is not one of the formats Steward reads: Steward’s own framework file, a WebCAF framework YAML, or a CISO Assistant library');
  } catch (e) {
    if (e instanceof TooLarge) return refuse(0, e.message);
    throw e;
  }
  // WebCAF's files say their version only in their names (…-v4.0.yaml).
  if (!read.tree.version) read.tree.version = /v(\d+(?:\.\d+)+)/i.exec(hints.filename ?? '')?.[1] ?? hints.version?.trim() ?? '';
  if (!read.tree.version) read.problems.push({ line: 0, reason: 'the file does not say which version of the framework it is: give the version with the file' });
  const checked = checkTree(read.tree);
  const problems = [...read.problems, ...checked.problems];
  if (problems.length) return { tree: null, warnings: checked.warnings, problems: problems.sort((a, b) => a.line - b.line).slice(0, 50) };
  return { tree: read.tree, warnings: checked.warnings, problems: [] };
}

const refuse = (line: number, reason: string): ReadFramework => ({ tree: null, warnings: [], problems: [{ line, reason }] });
const plainYamlError = (message: string) =>
  /unique/i.test(message)
    ? 'the same key is written twice in one place: the two cannot be told apart'
    : `the file is not valid YAML here (${message.split('\n')[0]!.slice(0, 160)})`;

class TooLarge extends Error {}
/** Entries read in all: aliases can repeat a part of a file many times over, and each repeat counts. */
const readingBudget = 50_000;

/** Reading a YAML tree with its lines, following aliases, never expanding them beyond a budget. */
class Yaml {
  private spent = 0;
  private spend(n: number) {
    this.spent += n;
    if (this.spent > readingBudget)
      throw new TooLarge(
        `the file repeats its parts more than ${readingBudget.toLocaleString('en-GB')} times over (through aliases): it is not a framework Steward can take`,
      );
  }
  constructor(
    private doc: Document,
    private lines: LineCounter,
  ) {}
  // Resolving an alias searches the whole document, so each is resolved once.
  private resolved = new Map<unknown, unknown>();
  node(n: unknown): Node | undefined {
    let current = n;
    for (let i = 0; i < 10 && isAlias(current); i++) {
      const alias = current;
      if (!this.resolved.has(alias)) this.resolved.set(alias, alias.resolve(this.doc));
      current = this.resolved.get(alias);
    }
    return (current ?? undefined) as Node | undefined;
  }
  line(n: unknown): number {
    const range = (n as { range?: [number, number] } | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : 0;
  }
  get(map: unknown, key: string): Node | undefined {
    const m = this.node(map);
    if (!isMap(m)) return undefined;
    for (const pair of m.items) if (isScalar(pair.key) && String(pair.key.value) === key) return this.node(pair.value);
    return undefined;
  }
  entries(map: unknown): [string, Node | undefined, number][] {
    const m = this.node(map);
    if (!isMap(m)) return [];
    this.spend(m.items.length);
    return m.items.map((pair) => [isScalar(pair.key) ? String(pair.key.value) : '', this.node(pair.value), this.line(pair.key)]);
  }
  items(seq: unknown): (Node | undefined)[] {
    const s = this.node(seq);
    if (!isSeq(s)) return [];
    this.spend(s.items.length);
    return s.items.map((i) => this.node(i));
  }
  text(n: unknown): string {
    const v = this.node(n);
    if (!isScalar(v) || v.value === null || v.value === undefined) return '';
    const raw = v.value instanceof Date ? v.value.toISOString().slice(0, 10) : String(v.value);
    // Files made from PDFs carry line separators and words broken at the end of a line.
    return raw
      .replace(/[\u2028\u2029]/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .trim()
      .slice(0, maxText);
  }
  bool(n: unknown): boolean | undefined {
    const v = this.node(n);
    if (!isScalar(v)) return undefined;
    if (typeof v.value === 'boolean') return v.value;
    const t = String(v.value).toLowerCase();
    return t === 'true' || t === 'yes' ? true : t === 'false' || t === 'no' ? false : undefined;
  }
}

/** "Partially achieved", "Not Achieved", "partially-achieved": one of the CAF's statuses, or '' for none. */
function cafStatus(text: string): string {
  const t = text.toLowerCase().replace(/[\s_]+/g, '-');
  return cafScale.some((s) => s.key === t) ? t : '';
}

const cafTiers: Level[] = cafScale;
const webCafTiers = ['not-achieved', 'partially-achieved', 'achieved'];

/** WebCAF's framework YAML: objectives › principles › outcomes (or sections) › indicators by tier. */
function readWebCaf(y: Yaml, root: Node): { tree: FrameworkTree; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const profiles = new Set<string>();
  const nodes: FrameworkNode[] = [];
  const node = (code: string, level: string, map: Node | undefined, line: number): FrameworkNode => ({
    ...emptyNode(code, level, y.text(y.get(map, 'title')), line),
    description: y.text(y.get(map, 'description')),
  });
  for (const [objectiveKey, objective, objectiveLine] of y.entries(y.get(root, 'objectives'))) {
    const o = node(y.text(y.get(objective, 'code')) || objectiveKey, 'objective', objective, objectiveLine);
    nodes.push(o);
    for (const [principleKey, principle, principleLine] of y.entries(y.get(objective, 'principles'))) {
      const p = node(y.text(y.get(principle, 'code')) || principleKey, 'principle', principle, principleLine);
      o.children.push(p);
      for (const [outcomeKey, outcome, outcomeLine] of y.entries(y.get(principle, 'outcomes') ?? y.get(principle, 'sections'))) {
        const c = node(y.text(y.get(outcome, 'code')) || outcomeKey, 'outcome', outcome, outcomeLine);
        c.assessable = true;
        p.children.push(c);
        const indicators = y.get(outcome, 'indicators');
        for (const [tier, , tierLine] of y.entries(indicators))
          if (!webCafTiers.includes(tier))
            problems.push({ line: tierLine, reason: `“${tier}” under ${c.code} is not a tier (not-achieved, partially-achieved, achieved)` });
        for (const tier of webCafTiers) {
          for (const [key, value, line] of y.entries(y.get(indicators, tier))) {
            const text = isMap(value) ? y.text(y.get(value, 'description')) : y.text(value);
            const reference = isMap(value) ? y.text(y.get(value, 'ncsc-index')) : '';
            c.indicators.push({ code: key, reference, tier, text, line });
          }
        }
        for (const [profile, target, line] of y.entries(y.get(outcome, 'min_profile_requirement'))) {
          const status = cafStatus(y.text(target));
          if (!status) problems.push({ line, reason: `${c.code}’s ${profile} profile asks for “${y.text(target)}”, which is not a CAF status` });
          else c.targets[profile] = status;
          profiles.add(profile);
        }
      }
    }
  }
  const version = /v?(\d+(?:\.\d+)*)/.exec(y.text(y.get(root, 'version')))?.[1] ?? '';
  return {
    tree: {
      key: 'caf',
      version,
      name: y.text(y.get(root, 'name')) || 'Cyber Assessment Framework',
      description: y.text(y.get(root, 'description')),
      format: 'webcaf',
      levels: ['objective', 'principle', 'outcome'],
      scale: cafScale,
      tiers: cafTiers,
      rule: webCafRule(y, y.get(root, 'assessment-rules')),
      profiles: [...profiles].map((key) => ({ key, name: key.charAt(0).toUpperCase() + key.slice(1) })),
      nodes,
    },
    problems,
  };
}

/**
 * WebCAF's rule in either of its shapes: the 27 combinations of none / some / all (achieved,
 * partially achieved, not achieved), or a short list of [tier, all | any]. The list says nothing
 * of order, so a step on "any" comes first: one not-achieved indicator that holds outweighs the rest.
 */
function webCafRule(y: Yaml, rules: Node | undefined): DerivationRule {
  const entries = y.entries(rules);
  if (!entries.length) return cafRule;
  const table = dict<string>();
  for (const [key, value] of entries) {
    if (/^(all|some|none)_(all|some|none)_(all|some|none)$/.test(key)) {
      const status = cafStatus(y.text(y.get(value, 'outcome_status')));
      if (status) table[key] = status;
    }
  }
  if (Object.keys(table).length) return { kind: 'table', order: ['achieved', 'partially-achieved', 'not-achieved'], statuses: table };
  const steps = entries
    .map(([, value]) => y.items(value).map((i) => y.text(i)))
    .filter((pair) => webCafTiers.includes(pair[0] ?? '') && (pair[1] === 'all' || pair[1] === 'any'))
    .map(([tier, holds]) => ({ status: tier!, tier: tier!, holds: holds as 'all' | 'any' }));
  if (!steps.length) return cafRule;
  return { kind: 'tiered', steps: [...steps.filter((s) => s.holds === 'any'), ...steps.filter((s) => s.holds === 'all')], otherwise: 'not-achieved' };
}

const cisoTier = /^\[([A-Za-z0-9.]+?)\.(NA|PA|A)\.(\d+)\]\s*/;

/**
 * CISO Assistant's library: a flat list of requirement nodes joined by parent_urn. Where each
 * assessable node's questions carry the CAF's tier in front of their text ([A1.a.NA.1]), the
 * outcome is derived as the CAF says; otherwise each assessable requirement is rated by choice.
 */
function readCisoAssistant(y: Yaml, root: Node): { tree: FrameworkTree; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const framework = y.get(y.get(root, 'objects'), 'framework');
  const byUrn = new Map<string, FrameworkNode>();
  const roots: FrameworkNode[] = [];
  let tiered = false;
  const list = y.items(y.get(framework, 'requirement_nodes'));
  for (const item of list) {
    const line = y.line(item);
    const urn = y.text(y.get(item, 'urn'));
    if (!urn) {
      problems.push({ line, reason: 'a requirement node has no urn' });
      continue;
    }
    if (byUrn.has(urn)) {
      problems.push({ line, reason: `the urn ${urn} is used twice: the two cannot be told apart` });
      continue;
    }
    const assessable = y.bool(y.get(item, 'assessable')) ?? false;
    const n: FrameworkNode = {
      code: y.text(y.get(item, 'ref_id')) || urn.split(':').pop()!,
      level: assessable ? 'requirement' : 'section',
      title: y.text(y.get(item, 'name')),
      description: y.text(y.get(item, 'description')),
      assessable,
      targets: dict(),
      indicators: [],
      children: [],
      line,
    };
    if (!n.title) n.title = n.description.slice(0, 200);
    for (const [, question, qLine] of y.entries(y.get(item, 'questions'))) {
      const text = y.text(y.get(question, 'text'));
      const m = cisoTier.exec(text);
      if (!m) {
        n.indicators.push({ code: `Q${n.indicators.length + 1}`, reference: '', tier: 'achieved', text, line: qLine });
        continue;
      }
      tiered = true;
      const tier = m[2] === 'NA' ? 'not-achieved' : m[2] === 'PA' ? 'partially-achieved' : 'achieved';
      n.indicators.push({ code: `${m[1]}.${m[2]}.${m[3]}`, reference: `${m[1]}.${m[2]}.${m[3]}`, tier, text: text.slice(m[0].length), line: qLine });
    }
    byUrn.set(urn, n);
    const parent = y.text(y.get(item, 'parent_urn'));
    if (!parent) roots.push(n);
    else {
      const p = byUrn.get(parent);
      if (!p) problems.push({ line, reason: `${n.code} names a parent (${parent}) that comes nowhere before it in the file` });
      else p.children.push(n);
    }
  }
  // In a tiered file the levels are the CAF's: objective, principle, outcome by depth.
  const depthNames = tiered ? ['objective', 'principle', 'outcome'] : [];
  const levels = new Set<string>();
  const name = (nodes: FrameworkNode[], depth: number) => {
    for (const n of nodes) {
      if (tiered) n.level = depthNames[depth] ?? `level ${depth + 1}`;
      levels.add(n.level);
      name(n.children, depth + 1);
    }
  };
  name(roots, 0);
  const scores = y.items(y.get(framework, 'scores_definition')).map((s, i) => ({
    key: y.text(y.get(s, 'score')) || String(i),
    label: y.text(y.get(s, 'name')) || `Score ${i}`,
    rank: Number(y.text(y.get(s, 'score'))) || i,
  }));
  const ref = y.text(y.get(framework, 'ref_id')) || y.text(y.get(root, 'ref_id'));
  return {
    tree: {
      key: tiered ? 'caf' : ref.replace(/[-_]?v?\d+(\.\d+)*$/, '') || 'framework',
      version: /(\d+(?:\.\d+)+)/.exec(ref)?.[1] ?? y.text(y.get(root, 'version')),
      name: y.text(y.get(framework, 'name')) || y.text(y.get(root, 'name')),
      description: y.text(y.get(framework, 'description')),
      format: 'ciso-assistant',
      levels: [...levels],
      scale: tiered ? cafScale : scores.length ? scores : compliance,
      tiers: tiered ? cafTiers : [],
      rule: tiered ? cafRule : { kind: 'chosen' },
      profiles: [],
      nodes: roots,
    },
    problems,
  };
}

const compliance: Level[] = [
  { key: 'non-compliant', label: 'Not met', rank: 1 },
  { key: 'partially-compliant', label: 'Partly met', rank: 2 },
  { key: 'compliant', label: 'Met', rank: 3 },
];

/** Steward's own framework file (written by its export): the tree nested, the rule and scale as data. */
function readSteward(y: Yaml, root: Node): { tree: FrameworkTree; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const levelList = (n: Node | undefined, fallback: Level[]) => {
    const items = y.items(n);
    if (!items.length) return fallback;
    return items.map((i, rank) => ({ key: y.text(y.get(i, 'key')), label: y.text(y.get(i, 'label')) || y.text(y.get(i, 'key')), rank: rank + 1 }));
  };
  const scale = levelList(y.get(root, 'scale'), cafScale);
  const tiers = levelList(y.get(root, 'tiers'), []);
  const rule = stewardRule(y, y.get(root, 'rule'), problems) ?? (tiers.length ? cafRule : { kind: 'chosen' as const });
  const read = (item: Node | undefined): FrameworkNode => {
    const line = y.line(item);
    const n: FrameworkNode = {
      code: y.text(y.get(item, 'code')),
      level: y.text(y.get(item, 'level')),
      title: y.text(y.get(item, 'title')),
      description: y.text(y.get(item, 'description')),
      assessable: y.bool(y.get(item, 'assessable')) ?? false,
      targets: dict(),
      indicators: [],
      children: y.items(y.get(item, 'children')).map(read),
      line,
    };
    const own = stewardRule(y, y.get(item, 'rule'), problems);
    if (own) n.rule = own;
    for (const [profile, target] of y.entries(y.get(item, 'targets'))) n.targets[profile] = y.text(target);
    for (const i of y.items(y.get(item, 'indicators')))
      n.indicators.push({
        code: y.text(y.get(i, 'code')),
        reference: y.text(y.get(i, 'reference')),
        tier: y.text(y.get(i, 'tier')),
        text: y.text(y.get(i, 'text')),
        line: y.line(i),
      });
    return n;
  };
  return {
    tree: {
      key: y.text(y.get(root, 'key')),
      version: y.text(y.get(root, 'version')),
      name: y.text(y.get(root, 'name')),
      description: y.text(y.get(root, 'description')),
      format: 'steward',
      levels: y.items(y.get(root, 'levels')).map((l) => y.text(l)),
      scale,
      tiers,
      rule,
      profiles: y.items(y.get(root, 'profiles')).map((p) => ({ key: y.text(y.get(p, 'key')), name: y.text(y.get(p, 'name')) || y.text(y.get(p, 'key')) })),
      nodes: y.items(y.get(root, 'nodes')).map(read),
    },
    problems,
  };
}

function stewardRule(y: Yaml, n: Node | undefined, problems: FileProblem[]): DerivationRule | undefined {
  if (!n) return undefined;
  const kind = y.text(y.get(n, 'kind'));
  if (kind === 'chosen') return { kind };
  if (kind === 'tiered') {
    const steps = y
      .items(y.get(n, 'steps'))
      .map((s) => ({ status: y.text(y.get(s, 'status')), tier: y.text(y.get(s, 'tier')), holds: y.text(y.get(s, 'holds')) as 'any' | 'all' }));
    for (const s of steps)
      if (s.holds !== 'any' && s.holds !== 'all')
        problems.push({ line: y.line(n), reason: 'each step of a tiered rule holds when “any” or “all” of its tier holds' });
    return { kind, steps, otherwise: y.text(y.get(n, 'otherwise')) };
  }
  if (kind === 'table') {
    const statuses: Dict<string> = dict();
    for (const [key, value] of y.entries(y.get(n, 'statuses'))) statuses[key] = y.text(value);
    return { kind, order: y.items(y.get(n, 'order')).map((o) => y.text(o)), statuses };
  }
  problems.push({ line: y.line(n), reason: `the rule is “${kind}”: a rule is tiered, table or chosen` });
  return undefined;
}
