import { own, type DemoContext } from '../../platform/index.js';
import { systemIdsByIdentifierOrName } from '../estate/index.js';
import * as q from './queries.js';
import { loadMaturityDemo } from './maturity-demo.js';
import type { Rag, Stage } from './rules.js';
import {
  addDependency,
  addMeasure,
  addMilestone,
  addObjective,
  addPriority,
  addProject,
  completeMilestone,
  saveStrategy,
  setProjectSystem,
  recordSprintReview,
} from './service.js';

// Demo text, in Steward's own words: a fictional council's plan, strategy and roadmap.
const priorities = [
  ['Tackling climate change', 'Net zero council operations by 2030, and a borough that adapts to a changing climate.'],
  ['Adult social care that helps people stay independent', 'More people supported at home, quicker assessments, carers who are heard.'],
  ['A growing local economy', 'Good jobs, a busy town centre and businesses that find the council easy to deal with.'],
  [
    'A council that is easy to deal with and spends well',
    'Residents served online first, by phone or in person when they need it, and every pound accounted for.',
  ],
] as const;

type MeasureSeed = [name: string, unit: string, direction: 'up' | 'down', baseline: number, current: number, target: number];
const objectives: { title: string; owner: string; serves: number[]; measures: MeasureSeed[] }[] = [
  {
    title: 'Residents can do the things they most often need online, first time',
    owner: 'Director of Resources',
    serves: [3],
    measures: [
      ['Council tax, parking and waste requests made online', '%', 'up', 48, 61, 80],
      ['Online forms abandoned before the end', '%', 'down', 34, 27, 15],
    ],
  },
  {
    title: 'Social workers spend their time with people, not with the system',
    owner: 'Director of Adult Social Care',
    serves: [1],
    measures: [
      ['Hours a week a social worker spends on case recording', 'hours', 'down', 14, 12, 8],
      ['Care assessments completed within 28 days', '%', 'up', 62, 68, 85],
    ],
  },
  {
    title: 'Every critical service can be restored within its agreed time',
    owner: 'Head of IT and Digital',
    serves: [3],
    measures: [['Critical services with a tested recovery plan', '%', 'up', 40, 65, 100]],
  },
  {
    title: 'No system the council relies on is past its end of support',
    owner: 'Head of IT and Digital',
    serves: [3],
    measures: [['Systems past end of support', 'systems', 'down', 23, 17, 0]],
  },
  {
    title: 'Cut the carbon of the council’s technology',
    owner: 'Director of Place',
    serves: [0],
    measures: [
      ['Data centre electricity', 'MWh a year', 'down', 410, 365, 150],
      ['Laptops and phones reused or recycled at end of life', '%', 'up', 55, 72, 95],
    ],
  },
  {
    title: 'Decisions made from one trusted view of the data',
    owner: 'Director of Resources',
    serves: [1, 3],
    measures: [['Board reports drawn from the data warehouse, not spreadsheets', '%', 'up', 10, 35, 75]],
  },
  {
    title: 'Businesses and developers find the council quick to deal with',
    owner: 'Director of Place',
    serves: [2],
    measures: [['Planning applications validated within 5 working days', '%', 'up', 58, 64, 90]],
  },
  {
    title: 'A digital workforce with the skills the strategy needs',
    owner: 'Head of IT and Digital',
    serves: [3],
    measures: [['Required skills the IT department holds', '%', 'up', 61, 68, 85]],
  },
];

interface ProjectSeed {
  title: string;
  kind?: 'programme';
  programme?: string;
  objective: number | null;
  sponsor: string;
  manager: string;
  stage: Stage;
  rag: Rag;
  reason?: string;
  /** Months from today it starts (negative: it has) and how many it runs. */
  start: number;
  months: number;
  budget: number | null;
  spent: number;
  benefits: string;
  retires?: string[];
  introduces?: string[];
}
const sponsors = {
  resources: 'Anita Desai, Director of Resources',
  adults: 'Helen Ward, Director of Adult Social Care',
  children: 'Michael Rowe, Director of Children’s Services',
  place: 'James Lloyd, Director of Place',
  chief: 'Caroline Brooks, Chief Executive',
};
const projects: ProjectSeed[] = [
  {
    title: 'Digital front door',
    kind: 'programme',
    objective: 0,
    sponsor: sponsors.resources,
    manager: 'headOfIt',
    stage: 'beta',
    rag: 'amber',
    reason: 'The payments integration is six weeks late; go-live for parking moved to the next quarter.',
    start: -14,
    months: 30,
    budget: 1_450_000,
    spent: 0.46,
    benefits: 'Fewer calls for things residents can do online; £320,000 a year less in contact centre costs.',
  },
  {
    title: 'New council website on LocalGov Drupal',
    programme: 'Digital front door',
    objective: 0,
    sponsor: sponsors.resources,
    manager: 'applicationsManager',
    stage: 'live',
    rag: 'green',
    start: -14,
    months: 12,
    budget: 180_000,
    spent: 0.97,
    benefits: 'Pages written from what residents search for; one content design standard.',
  },
  {
    title: 'Council tax and benefits online accounts',
    programme: 'Digital front door',
    objective: 0,
    sponsor: sponsors.resources,
    manager: 'applicationsManager',
    stage: 'beta',
    rag: 'amber',
    reason: 'Single sign-on with the revenues system needs a supplier patch, due next month.',
    start: -8,
    months: 12,
    budget: 240_000,
    spent: 0.55,
    benefits: 'Direct debit set up and moving home reported online.',
  },
  {
    title: 'Parking permits and penalty payments online',
    programme: 'Digital front door',
    objective: 0,
    sponsor: sponsors.place,
    manager: 'applicationsManager',
    stage: 'alpha',
    rag: 'green',
    start: -3,
    months: 9,
    budget: 95_000,
    spent: 0.2,
    benefits: 'Permits issued the same day; no paper vouchers.',
  },
  {
    title: 'Report it: missed bins, fly-tipping and potholes',
    programme: 'Digital front door',
    objective: 0,
    sponsor: sponsors.place,
    manager: 'applicationsManager',
    stage: 'discovery',
    rag: 'green',
    start: 1,
    months: 8,
    budget: 120_000,
    spent: 0.03,
    benefits: 'Reports routed straight to crews through the in-cab system.',
  },
  {
    title: 'Replace adult social care case management',
    kind: 'programme',
    objective: 1,
    sponsor: sponsors.adults,
    manager: 'applicationsManager',
    stage: 'alpha',
    rag: 'red',
    reason:
      'The data migration rehearsal found 11% of care packages without a funding record; the board is asked to agree a clean-up before the next rehearsal.',
    start: -10,
    months: 26,
    budget: 2_300_000,
    spent: 0.31,
    benefits: 'Case recording time halved; care packages costed as they are agreed.',
  },
  {
    title: 'Adult social care data clean-up',
    programme: 'Replace adult social care case management',
    objective: 1,
    sponsor: sponsors.adults,
    manager: 'applicationsManager',
    stage: 'beta',
    rag: 'amber',
    reason: 'Two data officers short; an interim starts in January.',
    start: -4,
    months: 7,
    budget: 140_000,
    spent: 0.42,
    benefits: 'Every care package with a funding record before migration.',
  },
  {
    title: 'Mobile working for social workers',
    programme: 'Replace adult social care case management',
    objective: 1,
    sponsor: sponsors.adults,
    manager: 'infrastructureManager',
    stage: 'discovery',
    rag: 'green',
    start: 2,
    months: 10,
    budget: 310_000,
    spent: 0,
    benefits: 'Visits recorded in the home, not typed up later at the office.',
  },
  {
    title: 'Children’s social care case management upgrade',
    objective: 1,
    sponsor: sponsors.children,
    manager: 'applicationsManager',
    stage: 'beta',
    rag: 'green',
    start: -6,
    months: 8,
    budget: 210_000,
    spent: 0.7,
    benefits: 'On a supported version; the new child protection forms from April.',
  },
  {
    title: 'Move to Azure',
    kind: 'programme',
    objective: 2,
    sponsor: sponsors.resources,
    manager: 'infrastructureManager',
    stage: 'beta',
    rag: 'amber',
    reason: 'Three line-of-business systems wait on supplier certification for Azure.',
    start: -16,
    months: 30,
    budget: 1_800_000,
    spent: 0.52,
    benefits: 'The Eastwold House data centre closed; recovery in hours, not days.',
    retires: ['Virtualisation cluster 1', 'Virtualisation cluster 2'],
  },
  {
    title: 'Azure landing zone and backup',
    programme: 'Move to Azure',
    objective: 2,
    sponsor: sponsors.resources,
    manager: 'infrastructureManager',
    stage: 'live',
    rag: 'green',
    start: -16,
    months: 8,
    budget: 260_000,
    spent: 1,
    benefits: 'Immutable backups of every critical system, tested each quarter.',
    introduces: ['Azure landing zone'],
  },
  {
    title: 'Disaster recovery tests for critical services',
    programme: 'Move to Azure',
    objective: 2,
    sponsor: sponsors.chief,
    manager: 'infrastructureManager',
    stage: 'beta',
    rag: 'amber',
    reason: 'Two of eight tests done; the revenues test needs the supplier on site.',
    start: -5,
    months: 10,
    budget: 45_000,
    spent: 0.3,
    benefits: 'A tested recovery plan for every critical service.',
  },
  {
    title: 'Close the Eastwold House data centre',
    programme: 'Move to Azure',
    objective: 4,
    sponsor: sponsors.place,
    manager: 'infrastructureManager',
    stage: 'idea',
    rag: 'green',
    start: 9,
    months: 6,
    budget: 150_000,
    spent: 0,
    benefits: '250 MWh a year less electricity; the room back for the register office.',
    retires: ['Storage area network'],
  },
  {
    title: 'Replace the planning and building control system',
    objective: 6,
    sponsor: sponsors.place,
    manager: 'applicationsManager',
    stage: 'alpha',
    rag: 'amber',
    reason: 'Procurement through the framework takes longer than planned; award now expected in February.',
    start: -5,
    months: 18,
    budget: 620_000,
    spent: 0.12,
    benefits: 'Applications validated in days; the public register online at all times.',
    retires: ['Planning and building control'],
  },
  {
    title: 'Move documents into SharePoint Online',
    objective: 3,
    sponsor: sponsors.resources,
    manager: 'infrastructureManager',
    stage: 'beta',
    rag: 'green',
    start: -9,
    months: 14,
    budget: 280_000,
    spent: 0.6,
    benefits: 'One place for documents with retention applied; the old document management system switched off.',
    retires: ['Document management'],
  },
  {
    title: 'Windows 11 for every laptop',
    objective: 3,
    sponsor: sponsors.resources,
    manager: 'serviceDeskManager',
    stage: 'live',
    rag: 'green',
    start: -12,
    months: 11,
    budget: 95_000,
    spent: 0.94,
    benefits: 'No laptop past its support date; the same build everywhere.',
  },
  {
    title: 'Electoral registration on a supported version',
    objective: 3,
    sponsor: sponsors.chief,
    manager: 'applicationsManager',
    stage: 'discovery',
    rag: 'amber',
    reason: 'Must finish before the canvass; the supplier offers a hosted option to weigh up.',
    start: 0,
    months: 6,
    budget: 60_000,
    spent: 0.05,
    benefits: 'Supported in time for the annual canvass.',
  },
  {
    title: 'Licensing system replacement',
    objective: 3,
    sponsor: sponsors.place,
    manager: 'applicationsManager',
    stage: 'idea',
    rag: 'green',
    start: 8,
    months: 12,
    budget: null,
    spent: 0,
    benefits: 'Licences applied for and paid online; the unsupported system retired.',
  },
  {
    title: 'Data warehouse and Power BI for board reports',
    objective: 5,
    sponsor: sponsors.resources,
    manager: 'applicationsManager',
    stage: 'beta',
    rag: 'green',
    start: -7,
    months: 12,
    budget: 180_000,
    spent: 0.5,
    benefits: 'Board papers drawn from live data, not copied into spreadsheets.',
  },
  {
    title: 'Master person index for adults and children’s services',
    objective: 5,
    sponsor: sponsors.children,
    manager: 'applicationsManager',
    stage: 'discovery',
    rag: 'green',
    start: 1,
    months: 12,
    budget: 230_000,
    spent: 0.02,
    benefits: 'One record of a person across services, matched safely.',
  },
  {
    title: 'Local land and property gazetteer cleanse',
    objective: 5,
    sponsor: sponsors.place,
    manager: 'applicationsManager',
    stage: 'closed',
    rag: 'green',
    start: -20,
    months: 9,
    budget: 35_000,
    spent: 1,
    benefits: 'Gold standard from GeoPlace; every address used by waste and council tax matched.',
  },
  {
    title: 'Contact centre telephony into the cloud',
    objective: 0,
    sponsor: sponsors.resources,
    manager: 'serviceDeskManager',
    stage: 'live',
    rag: 'green',
    start: -11,
    months: 9,
    budget: 160_000,
    spent: 0.88,
    benefits: 'Callback instead of queueing; call recordings kept as policy says.',
  },
  {
    title: 'Laptop reuse and recycling',
    objective: 4,
    sponsor: sponsors.place,
    manager: 'serviceDeskManager',
    stage: 'beta',
    rag: 'green',
    start: -6,
    months: 12,
    budget: 20_000,
    spent: 0.4,
    benefits: 'Old laptops to local schools and charities, wiped to standard.',
  },
  {
    title: 'Greener printing: fewer, shared devices',
    objective: 4,
    sponsor: sponsors.place,
    manager: 'serviceDeskManager',
    stage: 'idea',
    rag: 'green',
    start: 12,
    months: 6,
    budget: null,
    spent: 0,
    benefits: 'Half the printers; print on demand.',
  },
  {
    title: 'Cyber Essentials Plus certification',
    objective: 2,
    sponsor: sponsors.chief,
    manager: 'infrastructureManager',
    stage: 'beta',
    rag: 'amber',
    reason: 'Forty library public PCs must be rebuilt before the assessment.',
    start: -4,
    months: 6,
    budget: 25_000,
    spent: 0.5,
    benefits: 'Certified, as the PSN and our insurer expect.',
  },
  {
    title: 'Skills plan for the IT department',
    objective: 7,
    sponsor: sponsors.resources,
    manager: 'headOfIt',
    stage: 'alpha',
    rag: 'green',
    start: -2,
    months: 12,
    budget: 38_000,
    spent: 0.3,
    benefits: 'Every role with its capability framework level; the top five gaps closed.',
  },
  {
    title: 'Two digital apprentices a year',
    objective: 7,
    sponsor: sponsors.resources,
    manager: 'headOfIt',
    stage: 'live',
    rag: 'green',
    start: -15,
    months: 36,
    budget: 60_000,
    spent: 0.35,
    benefits: 'Our own pipeline of service desk and infrastructure skills.',
  },
  {
    title: 'Economic growth portal for local businesses',
    objective: 6,
    sponsor: sponsors.place,
    manager: 'applicationsManager',
    stage: 'idea',
    rag: 'green',
    start: 14,
    months: 9,
    budget: null,
    spent: 0,
    benefits: 'Grants, licences and business rates in one place.',
  },
  {
    title: 'Waste rounds optimisation with in-cab data',
    objective: 4,
    sponsor: sponsors.place,
    manager: 'applicationsManager',
    stage: 'discovery',
    rag: 'amber',
    reason: 'Crews’ union asked to see how the data will be used; a meeting is booked.',
    start: -1,
    months: 8,
    budget: 70_000,
    spent: 0.1,
    benefits: '8% fewer miles driven by the refuse fleet.',
  },
  {
    title: 'Revenues and benefits system re-procurement',
    objective: 3,
    sponsor: sponsors.resources,
    manager: 'applicationsManager',
    stage: 'idea',
    rag: 'amber',
    reason: 'The contract ends in March 2028; notice must be decided by next summer.',
    start: 6,
    months: 18,
    budget: 900_000,
    spent: 0,
    benefits: 'A supported system, or the present one renewed on better terms.',
  },
];
const dependsOn: [string, string][] = [
  ['Replace adult social care case management', 'Adult social care data clean-up'],
  ['Mobile working for social workers', 'Replace adult social care case management'],
  ['Close the Eastwold House data centre', 'Disaster recovery tests for critical services'],
  ['Close the Eastwold House data centre', 'Move documents into SharePoint Online'],
  ['Report it: missed bins, fly-tipping and potholes', 'New council website on LocalGov Drupal'],
  ['Data warehouse and Power BI for board reports', 'Local land and property gazetteer cleanse'],
  ['Waste rounds optimisation with in-cab data', 'Data warehouse and Power BI for board reports'],
];

const addMonths = (today: Date, months: number) => {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + months, 1));
  return d.toISOString().slice(0, 10);
};

/** Eastwold's corporate plan, digital strategy and roadmap, made through the module's own functions. */
export async function loadStrategyDemo(ctx: DemoContext) {
  const { db, organisationId: org } = ctx;
  const actor = { personId: own(ctx.people, 'headOfIt') ?? null, label: 'demo loader', organisationId: org };
  const today = new Date();
  const year = today.getUTCMonth() >= 3 ? today.getUTCFullYear() - 1 : today.getUTCFullYear() - 2;
  await saveStrategy(db, actor, org, {
    corporatePlan:
      'Eastwold Together 2025 to 2029 (demo text): a greener borough, care that keeps people independent, a growing local economy, and a council that is easy to deal with and spends well.',
    vision:
      'Residents and staff can do what they need the first time, online if they choose, on technology that is secure, supported and paid for once. The IT department is a partner to every service, not a cost centre behind them.',
    fromYear: year,
    toYear: year + 3,
  });
  const priorityIds: number[] = [];
  for (const [title, description] of priorities) priorityIds.push(await addPriority(db, actor, org, { title, description }));
  const objectiveIds: number[] = [];
  for (const o of objectives) {
    const id = await addObjective(db, actor, org, { title: o.title, description: '', owner: o.owner, priorityIds: o.serves.map((i) => priorityIds[i]!) });
    objectiveIds.push(id);
    for (const [name, unit, direction, baseline, current, target] of o.measures)
      await addMeasure(db, actor, org, id, {
        name,
        unit,
        direction,
        baseline,
        baselineOn: `${year}-04-01`,
        current,
        currentOn: addMonths(today, -1),
        target,
        targetOn: `${year + 4}-03-31`,
      });
  }
  const personIds = ['headOfIt', 'serviceDeskManager', 'infrastructureManager', 'applicationsManager']
    .map((k) => own(ctx.people, k))
    .filter((p): p is number => p !== undefined);
  const emails = new Map((await q.emailsOfPeople(db, personIds)).map((p) => [Number(p.id), p.email]));
  const emailOf = (key: string) => {
    const id = own(ctx.people, key);
    return id === undefined ? '' : (emails.get(id) ?? '');
  };
  const systems = await systemIdsByIdentifierOrName(db, org);
  const ids = new Map<string, number>();
  for (const p of projects) {
    const startOn = addMonths(today, p.start);
    const endOn = addMonths(today, p.start + p.months);
    const { id } = await addProject(db, actor, org, {
      title: p.title,
      kind: p.kind ?? 'project',
      programmeId: p.programme ? (ids.get(p.programme) ?? null) : null,
      description: '',
      objectiveId: p.objective === null ? null : objectiveIds[p.objective]!,
      sponsor: p.sponsor,
      manager: emailOf(p.manager),
      stage: p.stage,
      rag: p.rag,
      ragReason: p.reason ?? '',
      startOn: p.stage === 'idea' && p.start > 6 ? null : startOn,
      endOn: p.stage === 'idea' && p.start > 6 ? null : endOn,
      budget: p.budget,
      spend: p.budget === null ? null : Math.round(p.budget * p.spent),
      expectedBenefits: p.benefits,
      realisedBenefits: p.stage === 'live' || p.stage === 'closed' ? 'Delivered as expected; measured at the last board.' : '',
    });
    ids.set(p.title, id);
    for (const [name, effect] of [...(p.retires ?? []).map((n) => [n, 'retires'] as const), ...(p.introduces ?? []).map((n) => [n, 'introduces'] as const)]) {
      const systemId = systems.get(name.toLowerCase());
      if (systemId) await setProjectSystem(db, actor, org, id, { id: systemId, title: name, href: '' }, effect);
    }
    // Milestones across the project's span: those already due are met, but a red or amber project's latest is late.
    const steps = ['Discovery findings to the digital board', 'Supplier or build decision', 'Go live for the first service', 'Old system switched off'];
    const on = today.toISOString().slice(0, 10);
    const dues = steps.map((_, i) => addMonths(today, p.start + Math.round(((i + 1) * p.months) / (steps.length + 1))));
    const lastDue = dues.filter((d) => d < on).at(-1);
    for (const [i, title] of steps.entries()) {
      const milestoneId = await addMilestone(db, actor, org, id, { title, dueOn: dues[i]! });
      if (dues[i]! < on && !(p.rag !== 'green' && dues[i] === lastDue)) await completeMilestone(db, actor, org, id, milestoneId, dues[i]!);
    }
  }
  for (const [project, dependency] of dependsOn) {
    const a = ids.get(project);
    const b = ids.get(dependency);
    if (a && b) await addDependency(db, actor, org, a, b);
  }
  await loadMaturityDemo(db, actor, org, today.toISOString().slice(0, 10));
  // Fortnightly sprint reviews of the projects being built in the open.
  const on = today.toISOString().slice(0, 10);
  for (const [title, reviews] of sprintReviews) {
    const id = ids.get(title);
    if (!id) continue;
    for (const [n, [shown, feedback, nextSteps]] of reviews.entries()) {
      const reviewOn = new Date(Date.parse(`${on}T00:00:00Z`) - (reviews.length - n) * 14 * 86_400_000).toISOString().slice(0, 10);
      await recordSprintReview(db, actor, org, id, { reviewOn, sprint: `Sprint ${n + 7}`, shown, feedback, nextSteps });
    }
  }
}

const sprintReviews: [project: string, reviews: [shown: string, feedback: string, next: string][]][] = [
  [
    'New council website on LocalGov Drupal',
    [
      [
        'The new bins and recycling pages, and the search results page.',
        'Residents in the lab found the collection day quickly; two missed the link to report a missed bin.',
        'Move the report link above the fold; start the council tax pages.',
      ],
      [
        'Council tax pages and the new directory of services.',
        'The revenues team asked for the payment link on every page, not just the first.',
        'Add the payment link to the page template; accessibility audit of the templates.',
      ],
      [
        'The accessibility audit’s fixes and the news pages.',
        'Communications want to schedule news posts; the audit found no serious issues left.',
        'Scheduled publishing; content freeze planned with services.',
      ],
    ],
  ],
  [
    'Report it: missed bins, fly-tipping and potholes',
    [
      [
        'The fly-tipping form with a map and photo upload.',
        'Street services want the nearest street light number as an option; residents liked the map.',
        'Send reports straight to the crews’ in-cab system.',
      ],
      [
        'Reports arriving in the in-cab system, and the resident’s update email.',
        'Crews asked for the photo to come through at a smaller size on poor signal.',
        'Resize photos; start on potholes with highways.',
      ],
    ],
  ],
];
