import { describe, expect, it } from 'vitest';
import { dueReminders, frameworkChanges, nameKey, plainText, readSkillLevel, shareMet, skillsMatrix, timeOpen, wouldLoop } from './rules.js';
import { foldRoles, foldSkills, type RoleRow } from './framework/reading.js';
import { chartTree, layOutChart, type ChartNode } from './org-chart.js';

describe('the framework’s words as a person reads them', () => {
  it('takes names that differ only in capitals, quotes, dashes and spaces as one', () => {
    expect(nameKey('Service Desk  analyst ')).toBe(nameKey('service desk analyst'));
    expect(nameKey('User‑centred design – lead’s')).toBe(nameKey("user-centred design - lead's"));
  });
  it('reads the four levels however they are written, and nothing else', () => {
    expect(['Practitioner', ' practitioner ', 'Expert level', 'AWARENESS', 'aware'].map(readSkillLevel)).toEqual([
      'practitioner',
      'practitioner',
      'expert',
      'awareness',
      'awareness',
    ]);
    expect(['Advanced', '3', '', 'Senior'].map(readSkillLevel)).toEqual([null, null, null, null]);
  });
  it('keeps descriptions as plain text, a list item to a line', () => {
    expect(plainText('<ul><li>Plan&nbsp;work</li><li>Lead &amp; coach</li></ul>')).toEqual({ text: '- Plan work\n- Lead & coach', hadMarkup: true });
    expect(plainText('  Plain   words ')).toEqual({ text: 'Plain words', hadMarkup: false });
  });
});

const row = (over: Partial<RoleRow>): RoleRow => ({
  line: 2,
  family: 'IT operations',
  role: 'Analyst',
  roleDescription: 'Does analysis',
  roleLevel: 'Junior',
  levelDescription: '',
  skill: 'Incidents',
  skillDescription: '',
  skillLevel: 'working',
  skillLevelDescription: '',
  roleType: '',
  ...over,
});

describe('folding the roles file', () => {
  it('counts a repeated row once, keeps the higher of two levels for one skill and says so', () => {
    const f = foldRoles([row({ line: 2 }), row({ line: 3 }), row({ line: 4, skillLevel: 'expert' }), row({ line: 5, roleLevel: 'Senior', role: 'ANALYST' })]);
    const analyst = f.roles.get('analyst')!;
    expect([...analyst.levels.values()].map((l) => [l.name, l.position])).toEqual([
      ['Junior', 1],
      ['Senior', 2],
    ]);
    expect(analyst.levels.get('junior')!.skills.get('incidents')!.level).toBe(4);
    expect(f.oddities.join(' ')).toMatch(/1 row repeated an earlier row.*line 3/);
    expect(f.oddities.join(' ')).toContain('the higher level is kept');
    expect(f.oddities.join(' ')).toContain('“Analyst” and “ANALYST”');
  });
  it('reads a skills file with a missing level description as a skill, noting it', () => {
    const f = foldSkills([{ line: 2, skill: 'Testing', description: 'x', awareness: 'a', working: 'w', practitioner: 'p', expert: '', roles: '' }]);
    expect(f.skills.get('testing')!.expert).toBe('');
    expect(f.oddities[0]).toContain('no description for one or more of the four levels: Testing');
  });
  it('names what a newer version adds, changes and drops', () => {
    const before = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    const after = new Map([
      ['b', 3],
      ['c', 1],
    ]);
    expect(frameworkChanges(before, after, (x, y) => x === y)).toEqual({ added: ['c'], changed: ['b'], removed: ['a'] });
  });
});

describe('people and posts', () => {
  it('says how long a post has been open in words', () => {
    expect(timeOpen('2026-11-25', '2026-12-02').text).toBe('7 days');
    expect(timeOpen('2026-11-01', '2026-12-02').text).toBe('1 month');
    expect(timeOpen('2025-09-30', '2026-12-02')).toMatchObject({ text: '1 year and 2 months', overAYear: true });
    expect(timeOpen('2024-12-02', '2026-12-02').text).toBe('2 years');
  });
  it('refuses a line manager who reports, through others, to the person', () => {
    const managers = new Map<number, number | null>([
      [1, null],
      [2, 1],
      [3, 2],
    ]);
    expect(wouldLoop(managers, 1, 3)).toBe(true);
    expect(wouldLoop(managers, 1, 1)).toBe(true);
    expect(wouldLoop(managers, 3, 1)).toBe(false);
  });
});

describe('the skills matrix', () => {
  const m = skillsMatrix({
    people: [
      { id: 1, roleLevelId: 10 },
      { id: 2, roleLevelId: 10 },
      { id: 3, roleLevelId: null },
    ],
    skills: [{ id: 100 }, { id: 101 }, { id: 102 }],
    requirements: new Map([
      [
        10,
        new Map([
          [100, 3],
          [101, 2],
        ]),
      ],
    ]),
    assessed: new Map([
      [
        1,
        new Map([
          [100, { self_level: 4, agreed_level: 3 }],
          [102, { self_level: 3, agreed_level: null }],
        ]),
      ],
      [2, new Map([[101, { self_level: 1, agreed_level: null }]])],
    ]),
  });
  it('measures each person against their role, by the agreed level before their own view', () => {
    const gaps = (i: number) => [100, 101, 102].map((s) => m.rows[i]!.cells.get(s)?.gap ?? null);
    expect(gaps(0)).toEqual([0, 2, 0]);
    expect(gaps(1)).toEqual([3, 1, null]);
    expect(m.rows[2]!.cells.size).toBe(0);
    expect(m.rows[0]!.cells.get(102)).toEqual({ required: null, self: 3, agreed: null, gap: 0 });
    expect([m.metCount, m.requiredCount, shareMet(m.metCount, m.requiredCount)]).toEqual([1, 4, 25]);
  });
  it('finds skills nobody has at the level needed, and those only one person holds', () => {
    expect(m.nobodyHolds).toEqual([{ skillId: 101, level: 2 }]);
    expect(m.onePerson).toEqual([
      { skillId: 100, staffId: 1 },
      { skillId: 102, staffId: 1 },
    ]);
  });
});

describe('the organisation chart', () => {
  const node = (key: string, parent: string | null): ChartNode => ({ key, parent, label: key, detail: '', vacancy: false, href: '' });
  const nodes = [node('head', null), node('desk', 'head'), node('infra', 'head'), node('architect', 'head')];
  for (let i = 0; i < 20; i++) nodes.push(node(`analyst${i}`, 'desk'));
  nodes.push(node('engineer', 'infra'), node('vacant', 'infra'));
  const chart = layOutChart(nodes);
  it('places every box once, the head at the top left, with no two boxes overlapping', () => {
    expect(chart.boxes).toHaveLength(nodes.length);
    expect(chart.boxes.find((b) => b.key === 'head')).toMatchObject({ x: 0, y: 0 });
    for (const a of chart.boxes)
      for (const b of chart.boxes)
        if (a !== b)
          expect(a.x + chart.boxWidth <= b.x || b.x + chart.boxWidth <= a.x || a.y + chart.boxHeight <= b.y || b.y + chart.boxHeight <= a.y).toBe(true);
  });
  it('stacks a team of twenty in a column rather than a row twenty boxes wide', () => {
    expect(chart.width).toBeLessThan(chart.boxWidth * 5);
  });
  it('lists the same people as a tree', () => {
    const [head] = chartTree(nodes);
    expect(head!.reports.map((r) => r.key)).toEqual(['desk', 'infra', 'architect']);
    expect(head!.reports[0]!.reports).toHaveLength(20);
  });
});

describe('the heat map’s table, written in code', () => {
  it('escapes every name and word', async () => {
    const { matrixTable } = await import('./matrix-table.js');
    const html = matrixTable(
      'Cap',
      'Person',
      'Gaps',
      [{ name: '<script>x</script>' }],
      [{ header: 'O’Neil & "Sons"', href: '/people/staff/1?a=1&b=2', count: 1, cells: [{ band: 'met', text: 'P', words: '<b>held</b>' }] }],
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('O’Neil &amp; &quot;Sons&quot;');
    expect(html).toContain('href="/people/staff/1?a=1&amp;b=2"');
    expect(html).toContain('&lt;b&gt;held&lt;/b&gt;');
  });
});

describe('certification reminders', () => {
  it('are due 90 and 30 days before a certification runs out, the nearer one only, and never after', () => {
    expect(dueReminders('2030-06-30', '2030-03-01')).toEqual([]);
    expect(dueReminders('2030-06-30', '2030-04-01')).toEqual([90]);
    expect(dueReminders('2030-06-30', '2030-05-31')).toEqual([30]);
    expect(dueReminders('2030-06-30', '2030-06-30')).toEqual([30]);
    expect(dueReminders('2030-06-30', '2030-07-01')).toEqual([]);
    // Across the clocks going forward: days, not hours.
    expect(dueReminders('2030-04-30', '2030-03-31')).toEqual([30]);
  });
});
