import type { DemoContext, Dict } from '../../platform/index.js';
import {
  addAction,
  addEvidence,
  addProfile,
  setProfileTargets,
  answerOutcome,
  assessmentView,
  setActionStatus,
  cafRule,
  cafScale,
  emptyNode,
  frameworkFile,
  importFramework,
  loadFramework,
  moveAssessment,
  readFrameworkFile,
  startAssessment,
  type FrameworkTree,
} from '../assessments/index.js';
import structure from './caf-structure.json' with { type: 'json' };
import { estateLinkables, systemIdsByIdentifierOrName } from '../estate/index.js';
import { riskLinkable } from './risks/records.js';
import { recordEssentialFunction, setCyberEssentialsScope } from './service.js';
import { loadRiskDemo } from './risks/demo.js';
import { loadVulnerabilityDemo } from './vulnerabilities/demo.js';
import { cyberEssentialsFramework } from './cyber-essentials.js';

type Outcome = [string, string, number, number, number, string?, string?];
const status = (s: string | undefined) => (s ? s.toLowerCase().replace(/\s+/g, '-') : undefined);

// Demo wording, in Steward's own words: a council brings the NCSC's text in its own copy of the file.
const phrasing: Dict<((t: string) => string)[]> = {
  'not-achieved': [
    (t) => `Nobody has been asked to look after ${t}.`,
    (t) => `What the council does about ${t} depends on one or two people and is not written down.`,
    (t) => `${cap(t)} has not been looked at since the last restructure.`,
    (t) => `The board has not been told how the council stands on ${t}.`,
    (t) => `Problems with ${t} are found by accident rather than looked for.`,
    (t) => `Suppliers are not asked about ${t} when contracts are let or renewed.`,
    (t) => `There is no record of what was decided about ${t}, or by whom.`,
    (t) => `Staff would not know whom to tell about a problem with ${t}.`,
    (t) => `${cap(t)} relies on settings nobody has checked since the systems were installed.`,
    (t) => `The last review of ${t} found gaps that are still open.`,
    (t) => `Budget for ${t} is found each year from whatever is left over.`,
  ],
  'partially-achieved': [
    (t) => `There is an approach to ${t}, but it is not followed in every directorate.`,
    (t) => `${cap(t)} is written down, but the document is more than two years old.`,
    (t) => `Someone owns ${t}, but reviews happen when there is time rather than on a schedule.`,
    (t) => `The main systems are covered for ${t}; older and smaller ones are not.`,
    (t) => `The larger suppliers have been asked about ${t}; the smaller ones have not.`,
    (t) => `${cap(t)} was tested once, and the actions from the test are half done.`,
    (t) => `The board has heard about ${t}, but not in the last twelve months.`,
    (t) => `Records of ${t} are kept, though not always in the same place.`,
  ],
  achieved: [
    (t) => `${cap(t)} has a named owner and is reviewed at least once a year.`,
    (t) => `The approach to ${t} is written down, agreed and followed across the council.`,
    (t) => `The board sees evidence on ${t} and acts on what it shows.`,
    (t) => `Changes in the estate and in suppliers are reflected in ${t} when they happen.`,
    (t) => `Staff who need to know about ${t} have been told and know where to look.`,
    (t) => `Lessons from incidents and exercises are fed back into ${t}.`,
    (t) => `Contracts set out what suppliers must do for ${t}, and the council checks it.`,
    (t) => `${cap(t)} covers every system in the register, the old ones included.`,
    (t) => `Decisions about ${t} are recorded with who made them and why.`,
    (t) => `${cap(t)} is tested on a schedule, and the results are kept.`,
    (t) => `The money and people ${t} needs are in the approved budget.`,
    (t) => `Internal audit has looked at ${t} and its findings are closed.`,
  ],
};
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const tierCode = { 'not-achieved': 'NA', 'partially-achieved': 'PA', achieved: 'A' } as const;

/** A demo CAF file: the real structure (identifiers, titles, tiers, 3.2 profiles), demo wording. */
function demoCaf(version: '4.0' | '3.2', profilesFrom?: Map<string, Dict<string>>): FrameworkTree {
  const v = structure.versions[version];
  const outcomes = v.outcomes as Outcome[];
  const objectives = v.objectives.map(([code, title]) => emptyNode(code!, 'objective', title!));
  for (const [code, title] of v.principles) objectives.find((o) => code!.startsWith(o.code))!.children.push(emptyNode(code!, 'principle', title!));
  for (const [code, title, na, pa, a, baseline, enhanced] of outcomes) {
    const o = emptyNode(code, 'outcome', title);
    o.assessable = true;
    o.description = `Demo text, not the NCSC’s: what good looks like for ${title.toLowerCase()}.`;
    if (baseline) o.targets = { baseline: status(baseline)!, enhanced: status(enhanced)! };
    else if (profilesFrom?.has(code)) o.targets = { ...profilesFrom.get(code)! };
    for (const [tier, count] of [
      ['not-achieved', na],
      ['partially-achieved', pa],
      ['achieved', a],
    ] as const) {
      for (let n = 1; n <= count; n++) {
        const phrases = phrasing[tier]!;
        const text = phrases[(n - 1 + code.length) % phrases.length]!(title.toLowerCase());
        o.indicators.push({ code: `${code}.${tierCode[tier]}.${n}`, reference: '', tier, text: n > phrases.length ? `${text} (${n})` : text, line: 0 });
      }
    }
    objectives
      .flatMap((x) => x.children)
      .find((p) => code.startsWith(`${p.code}.`))!
      .children.push(o);
  }
  return {
    key: 'caf',
    version,
    name: 'Cyber Assessment Framework (demo wording)',
    description:
      'Demo data: the CAF’s structure with Steward’s own demo wording, not the NCSC’s text. Import your own copy of the framework file for real assessments.',
    format: 'steward',
    levels: ['objective', 'principle', 'outcome'],
    scale: cafScale,
    tiers: cafScale,
    rule: cafRule,
    profiles: [
      { key: 'baseline', name: 'Baseline' },
      { key: 'enhanced', name: 'Enhanced' },
    ],
    nodes: objectives,
  };
}

/** Where the demo council stands on each outcome: mostly partly there, a few gaps in detection and response. */
function demoStatus(code: string, year: 'last' | 'this'): string {
  const h = [...code].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 997, 7);
  const objective = code[0];
  const better = year === 'this' && (objective === 'A' || objective === 'D') ? 2 : 0;
  const roll = (h % 10) + better;
  if (objective === 'C' && roll < 5) return 'not-achieved';
  return roll >= 7 ? 'achieved' : roll >= 3 ? 'partially-achieved' : 'not-achieved';
}

/** Eastwold's CAF: last year's approved self-assessment on 3.2 and this year's on 4.0, carried forward and in progress. */
export async function loadCyberDemo(ctx: DemoContext) {
  const { db, organisationId: org, actor } = ctx;
  const known = await systemIdsByIdentifierOrName(db, org);
  const functions: [string, string, string, string[]][] = [
    [
      'Adult social care',
      'Director of Adult Social Services',
      'Assessments, care packages and safeguarding for adults.',
      ['Adult social care case management', 'Master person index'],
    ],
    [
      'Children’s social care',
      'Director of Children’s Services',
      'Referrals, child protection and children in care.',
      ['Children’s social care case management', 'Master person index'],
    ],
    [
      'Revenues and benefits',
      'Head of Revenues and Benefits',
      'Council tax billing and collection, housing benefit and council tax support payments.',
      ['Revenues and benefits'],
    ],
    [
      'Paying staff and suppliers',
      'Director of Finance (section 151 officer)',
      'Payroll for 4,200 staff and supplier payments.',
      ['HR and payroll', 'Finance (ERP)'],
    ],
    ['Waste collection', 'Head of Environmental Services', 'Weekly bin rounds and bulky waste collections.', ['Waste management and in-cab']],
    ['Housing and homelessness', 'Head of Housing', 'Homelessness duty, temporary accommodation and the housing register.', ['Housing management']],
  ];
  for (const [name, owner, description, systems] of functions)
    await recordEssentialFunction(db, actor, org, { name, owner, description, systems: systems.filter((s) => known.has(s.toLowerCase())).join('\n') });
  await loadRiskDemo(ctx);
  await loadVulnerabilityDemo(ctx);
  const read = (tree: FrameworkTree, filename: string) => {
    const r = readFrameworkFile(Buffer.from(frameworkFile(tree)), { filename });
    if (!r.tree) throw new Error(`The demo framework does not read: ${r.problems.map((p) => p.reason).join('; ')}`);
    return r.tree;
  };
  const caf32 = read(demoCaf('3.2'), 'demo-caf-3.2.steward-framework.yaml');
  const targets32 = new Map(
    (structure.versions['3.2'].outcomes as Outcome[]).filter((o) => o[5]).map((o) => [o[0], { baseline: status(o[5])!, enhanced: status(o[6])! }] as const),
  );
  const caf40 = read(demoCaf('4.0', targets32), 'demo-caf-4.0.steward-framework.yaml');
  const id32 = await importFramework(db, actor, org, caf32, 'demo-caf-3.2.steward-framework.yaml');
  const id40 = await importFramework(db, actor, org, caf40, 'demo-caf-4.0.steward-framework.yaml');
  // The council's own target for 4.0: the baseline carried over by identifier, response and recovery raised a level.
  const own = await addProfile(db, actor, org, id40, { name: 'Eastwold target 2026 to 2027', seedFrom: `${id40}:baseline` });
  const f40 = await loadFramework(db, org, id40);
  await setProfileTargets(
    db,
    actor,
    org,
    id40,
    own.key,
    new Map(f40.nodes.filter((n) => n.assessable && n.code.startsWith('D1')).map((n) => [n.id, 'achieved'] as const)),
  );

  const answer = async (assessmentId: number, frameworkId: number, year: 'last' | 'this', only?: (code: string) => boolean) => {
    const f = await loadFramework(db, org, frameworkId);
    for (const n of f.nodes) {
      if (!n.assessable || (only && !only(n.code))) continue;
      let want = demoStatus(n.code, year);
      const tier = (t: string) => n.indicators.filter((i) => i.tier === t);
      if (want === 'partially-achieved' && !tier('partially-achieved').length) want = 'not-achieved';
      const holding =
        want === 'achieved'
          ? [...tier('achieved'), ...tier('partially-achieved')]
          : want === 'partially-achieved'
            ? [...tier('partially-achieved'), ...tier('achieved').slice(0, Math.max(0, tier('achieved').length - 2))]
            : [...tier('not-achieved').slice(0, 1), ...tier('achieved').slice(0, 1)];
      const override = year === 'last' && n.code === 'B4.d' ? 'partially-achieved' : '';
      await answerOutcome(db, actor, org, assessmentId, n.id, {
        holding: holding.map((i) => i.id),
        comments: {},
        rating: '',
        override,
        justification: override
          ? 'Demo: the vulnerability scanning contract started in February, after the indicators were answered; the first two monthly scans are on file.'
          : '',
        comment: '',
        evidence: `Demo evidence: ${['information security policy v3.1', 'IT risk register, March review', 'SIRO report to the corporate leadership team', 'business continuity test report', 'supplier assurance questionnaire returns'][n.code.length % 5]}.`,
      });
    }
  };

  const last = await startAssessment(db, actor, org, {
    frameworkId: id32,
    title: 'CAF self-assessment 2025 to 2026',
    scope: 'organisation',
    scopeDescription: 'Demo: the whole council, ahead of independent assurance through the CAF for local government programme.',
    profileKey: 'baseline',
    periodStart: '2025-04-01',
    periodEnd: '2026-03-31',
    assurance: 'self-assessment',
  });
  await answer(last, id32, 'last');
  await demoEvidence(ctx, last, id32);
  for (const to of ['in-review', 'ready-for-approval', 'approved'] as const) await moveAssessment(db, actor, org, last, to);

  const current = await startAssessment(db, actor, org, {
    frameworkId: id40,
    title: 'CAF self-assessment 2026 to 2027',
    scope: 'organisation',
    scopeDescription: 'Demo: the organisation first, on objectives A and D; the critical systems follow on B and C.',
    profileKey: 'baseline',
    periodStart: '2026-04-01',
    periodEnd: '2027-03-31',
    assurance: 'self-assessment',
    previousId: last,
  });
  await answer(current, id40, 'this', (code) => code.startsWith('A') || code.startsWith('D'));
  // The improvement plan: an action for each outcome of A and D below the target, a few already done.
  const view = await assessmentView(db, org, current);
  const owners = ['Helen Walsh, Infrastructure and security manager', 'Raj Patel, Applications manager', 'Priya Shah, Head of IT and Digital'];
  const plans = [
    'Write the procedure down and take it to the digital board',
    'Name an owner and set a yearly review',
    'Test it with a tabletop exercise and record the lessons',
    'Extend it to the older line-of-business systems',
  ];
  let n = 0;
  for (const o of view.outcomes.values()) {
    if (o.meets !== false || !/^[AD]/.test(o.node.code)) continue;
    const due = new Date(Date.UTC(2026, 11 + (n % 4) * 2, 28)).toISOString().slice(0, 10);
    const id = await addAction(db, actor, org, current, o.node.id, {
      title: plans[n % plans.length]!,
      owner: owners[n % owners.length]!,
      due: n === 1 ? '2026-10-31' : due,
    });
    if (n % 3 === 2) await setActionStatus(db, actor, org, id, 'done');
    n++;
  }

  // Cyber Essentials readiness, on the same engine: most requirements met, two gaps to close.
  await setCyberEssentialsScope(
    db,
    actor,
    org,
    [
      'Microsoft 365',
      'Identity and sign-in (Entra ID)',
      'Always On VPN',
      'Firewall cluster',
      'End-user devices: corporate laptops',
      'Revenues and benefits',
      'HR and payroll',
    ]
      .filter((s) => known.has(s.toLowerCase()))
      .join('\n'),
  );
  const ceId = await importFramework(db, actor, org, cyberEssentialsFramework(), 'Steward: Cyber Essentials readiness');
  const ce = await loadFramework(db, org, ceId);
  const readiness = await startAssessment(db, actor, org, {
    frameworkId: ceId,
    title: 'Cyber Essentials readiness, winter 2026',
    scope: 'organisation',
    scopeDescription: 'Demo: the corporate network, end-user devices, servers and Microsoft 365; the schools network is out of scope.',
    profileKey: 'certification',
    periodStart: '2026-11-01',
    periodEnd: '2027-01-31',
    assurance: 'self-assessment',
  });
  for (const r of ce.nodes.filter((x) => x.assessable)) {
    const gap = r.code === 'CE3.b' || r.code === 'CE4.b';
    await answerOutcome(db, actor, org, readiness, r.id, {
      holding: (gap ? r.indicators.slice(0, 1) : r.indicators).map((i) => i.id),
      comments: {},
      rating: '',
      override: '',
      justification: '',
      comment:
        r.code === 'CE3.b'
          ? 'Demo: two legacy servers miss the 14-day window; the patching contract changes in January.'
          : gap
            ? 'Demo: the quarterly review of administrator accounts lapsed after the restructure.'
            : '',
      evidence: 'Demo evidence: configuration reports from Intune and the firewall export of 14 November.',
    });
  }
}

/** Last year's evidence, files, links and records alike, which this year's assessment carries forward. */
async function demoEvidence(ctx: DemoContext, assessmentId: number, frameworkId: number) {
  const { db, organisationId: org, actor } = ctx;
  const f = await loadFramework(db, org, frameworkId);
  const node = (code: string) => f.nodes.find((n) => n.code === code)!.id;
  const records = [...estateLinkables, riskLinkable];
  const intranet = 'https://intranet.eastwold.example';
  const report = [
    'Demo data: not a real council document.',
    '',
    'Senior Information Risk Owner: annual report to the corporate leadership team, March 2026',
    '',
    '1. Cyber risk was discussed at four of the six information governance board meetings.',
    '2. The ransomware risk stays outside appetite; the immutable backup project closes it by September.',
    '3. Two phishing exercises ran; the report rate rose from 18% to 31%.',
  ].join('\n');
  const evidence: [string, Parameters<typeof addEvidence>[5]][] = [
    ['A1.a', { kind: 'link', title: 'Demo: Information governance board terms of reference', url: `${intranet}/governance/information-governance-board` }],
    ['A1.a', { kind: 'file', title: 'Demo: SIRO annual report, March 2026', file: { filename: 'siro-annual-report-2026.txt', data: Buffer.from(report) } }],
    ['A2.a', { kind: 'record', recordKind: 'risk', words: 'Ransomware attack encrypts council systems and backups' }],
    ['A2.a', { kind: 'link', title: 'Demo: Corporate risk management strategy 2025', url: `${intranet}/policies/risk-management-strategy` }],
    ['B4.a', { kind: 'record', recordKind: 'system', words: 'Revenues and benefits' }],
    ['B4.a', { kind: 'record', recordKind: 'system', words: 'Firewall cluster' }],
    ['D1.a', { kind: 'link', title: 'Demo: Cyber incident response plan v2.3', url: `${intranet}/it/cyber-incident-response-plan` }],
    ['D1.a', { kind: 'record', recordKind: 'system', words: 'Microsoft 365' }],
  ];
  for (const [code, input] of evidence) await addEvidence(db, actor, org, assessmentId, node(code), input, records);
}
