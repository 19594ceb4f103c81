import { describe, expect, it } from 'vitest';
import { readFrameworkFile } from './read.js';
import { frameworkFile } from './write.js';
import { countsOf, flatten } from './tree.js';
import { ciso, legacyWebCaf, webCaf } from './fixtures.js';

const file = (text: string) => Buffer.from(text);
const hints = { filename: 'cyber-assessment-framework-v4.0.yaml' };

describe('reading framework files', () => {
  it('reads WebCAF’s YAML as it is: aliases, empty and missing tiers, the same key in two tiers, profiles', () => {
    const read = readFrameworkFile(file(webCaf), hints);
    expect(read.problems).toEqual([]);
    const tree = read.tree!;
    expect(tree.format).toBe('webcaf');
    expect(tree.profiles.map((p) => p.key)).toEqual(['baseline', 'enhanced']);
    const counts = countsOf(tree);
    expect(counts.byLevel).toMatchObject({ objective: 2, principle: 2, outcome: 3 });
    expect(counts.byTier).toMatchObject({ 'not-achieved': 3, 'partially-achieved': 3, achieved: 3 });
    const outcomes = flatten(tree.nodes).filter((n) => n.node.assessable);
    expect(outcomes.map((o) => o.node.code)).toEqual(['A1.a', 'A1.b', 'D1.a']);
    expect(outcomes[0]!.node.targets).toEqual({ baseline: 'achieved', enhanced: 'achieved' });
    expect(outcomes[1]!.node.targets).toEqual({ baseline: 'partially-achieved', enhanced: 'achieved' });
    expect(outcomes[2]!.node.targets.baseline).toBe('not-achieved');
    expect(outcomes[0]!.node.indicators.find((i) => i.tier === 'achieved')!.text).toBe('The board talks about it every quarter.');
    expect(outcomes[1]!.node.indicators.filter((i) => i.code === 'A1.b.2').map((i) => i.tier)).toEqual(['partially-achieved', 'achieved']);
    // The list form of the rule says nothing of order: "any not achieved" comes first.
    expect(tree.rule).toEqual({
      kind: 'tiered',
      steps: [
        { status: 'not-achieved', tier: 'not-achieved', holds: 'any' },
        { status: 'achieved', tier: 'achieved', holds: 'all' },
        { status: 'partially-achieved', tier: 'partially-achieved', holds: 'all' },
      ],
      otherwise: 'not-achieved',
    });
    expect(read.warnings.map((w) => w.reason)).toContain('the reference A1.b.PA.1 is used twice under A1.b; both are kept');
  });

  it('reads WebCAF’s 27-combination rule as a table', () => {
    const q = ['all', 'some', 'none'];
    const rules = q
      .flatMap((a) => q.flatMap((pa) => q.map((na) => [a, pa, na])))
      .map(([a, pa, na]) => {
        const status = na !== 'none' ? '*na' : a === 'all' ? '*a' : pa === 'all' ? '*pa' : '*na';
        return `  ${a}_${pa}_${na}:\n    outcome_status_message: x\n    outcome_status: ${status}`;
      })
      .join('\n');
    const text = webCaf.replace(
      /assessment-rules: &standard-rules\n( {2}.*\n| {6}.*\n| {4}.*\n)+?objectives:/,
      `statuses:\n  - &a Achieved\n  - &pa Partially achieved\n  - &na Not achieved\nassessment-rules: &standard-rules\n${rules}\nobjectives:`,
    );
    const tree = readFrameworkFile(file(text), hints).tree!;
    expect(tree.rule.kind).toBe('table');
    if (tree.rule.kind === 'table') {
      expect(tree.rule.statuses.all_none_none).toBe('achieved');
      expect(tree.rule.statuses.some_all_none).toBe('partially-achieved');
      expect(tree.rule.statuses.all_all_some).toBe('not-achieved');
    }
  });

  it('reads WebCAF’s oldest shape: integer keys, sections and indicators as bare text', () => {
    const read = readFrameworkFile(file(legacyWebCaf), { version: '3.2' });
    expect(read.problems).toEqual([]);
    const outcome = flatten(read.tree!.nodes).find((n) => n.node.code === 'A1.a')!.node;
    expect(outcome.indicators.map((i) => [i.tier, i.text])).toEqual([
      ['not-achieved', 'Nobody at the top has heard of the subject.'],
      ['achieved', 'The board talks about it every quarter.'],
    ]);
  });

  it('reads a CISO Assistant library, taking the CAF’s tiers from the questions’ references', () => {
    const read = readFrameworkFile(file(ciso));
    expect(read.problems).toEqual([]);
    const tree = read.tree!;
    expect(tree).toMatchObject({ format: 'ciso-assistant', key: 'caf', version: '4.0', levels: ['objective', 'principle', 'outcome'] });
    const outcome = flatten(tree.nodes).find((n) => n.node.code === 'A1.a')!.node;
    expect(outcome.indicators.map((i) => [i.reference, i.tier, i.text])).toEqual([
      ['A1.a.NA.1', 'not-achieved', 'Nobody at the top has heard of it.'],
      ['A1.a.A.1', 'achieved', 'The board talks about it.'],
    ]);
  });

  it('writes Steward’s own file and reads it back to the same tree', () => {
    const tree = readFrameworkFile(file(webCaf), hints).tree!;
    const again = readFrameworkFile(file(frameworkFile(tree)));
    expect(again.problems).toEqual([]);
    const strip = (t: typeof tree) =>
      JSON.stringify(flatten(t.nodes).map(({ node }) => ({ ...node, line: 0, children: [], indicators: node.indicators.map((i) => ({ ...i, line: 0 })) })));
    expect(strip(again.tree!)).toBe(strip(tree));
    expect(again.tree!.rule).toEqual(tree.rule);
    expect(again.tree!.profiles).toEqual(tree.profiles);
  });

  it('refuses what is not a framework, with the line and the reason, and gives no tree', () => {
    expect(readFrameworkFile(file('name: a shopping list\nitems: [eggs]\n')).problems[0]!.reason).toMatch(/not one of the formats/);
    expect(readFrameworkFile(file('objectives: [unclosed\n')).problems[0]!.reason).toMatch(/not valid YAML/);
    const twice = readFrameworkFile(file(webCaf.replace('          A1.b:\n', '          A1.a:\n')), hints);
    expect(twice.tree).toBeNull();
    expect(twice.problems[0]).toMatchObject({ reason: expect.stringMatching(/cannot be told apart/) });
    expect(twice.problems[0]!.line).toBeGreaterThan(40);
    const orphan = readFrameworkFile(file(ciso.replace('parent_urn: urn:example:node:a1\n', 'parent_urn: urn:example:node:nowhere\n')));
    expect(orphan.tree).toBeNull();
    expect(orphan.problems[0]).toMatchObject({ line: 25, reason: expect.stringMatching(/A1.a names a parent .* nowhere before it/) });
    const badTier = readFrameworkFile(file(webCaf.replace('              partially-achieved: {}\n', '              mostly-achieved: {}\n')), hints);
    expect(badTier.problems[0]!.reason).toMatch(/“mostly-achieved” under A1.a is not a tier/);
    expect(readFrameworkFile(Buffer.from([0, 1, 2, 3])).problems[0]!.reason).toMatch(/not text/);
    expect(readFrameworkFile(file(webCaf)).problems.map((p) => p.reason)).toContain(
      'the file does not say which version of the framework it is: give the version with the file',
    );
  });

  it('refuses indicators under a part nobody assesses, in Steward’s own file', () => {
    const text = frameworkFile(readFrameworkFile(file(webCaf), hints).tree!).replace(
      /(- code: A1\n\s+level: principle\n)/,
      '$1        indicators:\n          - code: X\n            tier: achieved\n            text: Stray\n',
    );
    const read = readFrameworkFile(file(text));
    expect(read.tree).toBeNull();
    expect(read.problems.map((p) => p.reason)).toContain('indicators sit under A1, which is not assessed: an indicator belongs under an outcome');
  });

  it('stops a file that repeats itself through aliases long before it fills the memory', () => {
    let text = 'steward-framework: 1\nkey: bomb\nversion: "1"\nname: Bomb\nlevels: [part]\nrule: {kind: chosen}\nbase: &n0 {code: x, level: part, title: t}\n';
    for (let i = 1; i <= 12; i++)
      text += `l${i}: &n${i} {code: y${i}, level: part, title: t, children: [${Array(10)
        .fill(`*n${i - 1}`)
        .join(', ')}]}\n`;
    text += 'nodes: [*n12]\n';
    const read = readFrameworkFile(file(text));
    expect(read.tree).toBeNull();
    expect(read.problems[0]!.reason).toMatch(/repeats its parts/);
  });
});
