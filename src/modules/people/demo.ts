import { importSpreadsheet, own, type DemoContext } from '../../platform/index.js';
import { createTeam, describeTeam, teamsOf, type TeamFocus } from '../teams/index.js';
import { systemsLookedAfter } from '../estate/index.js';
import { capabilityRolesImport, capabilitySkillsImport } from './framework/import.js';
import { demoRolesFile, demoSkillsFile } from './demo-framework.js';
import * as q from './queries.js';
import {
  addSupport,
  completeDevelopment,
  recordCertification,
  financialYearOf,
  mapJobTitle,
  planDevelopment,
  recordSkillLevels,
  recordStaff,
  recordVacancy,
  roleLevelResolver,
  setBudget,
} from './service.js';
import { skillLevels } from './rules.js';
import { recordOneToOne, reviewObjective, setObjective } from './managing/service.js';
import * as mq from './managing/queries.js';
import type { ContractType } from './tables.js';

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Teams around layers and functions: the service desk's four resolver teams, and the rest of the department. */
const teams: { name: string; focus: TeamFocus; purpose: string }[] = [
  { name: 'Leadership', focus: 'leadership', purpose: 'Sets the department’s direction and budget, and represents IT to the council’s leadership' },
  { name: 'Service desk', focus: 'service-desk', purpose: 'First line for every call and ticket: fixes what it can, routes the rest and keeps people told' },
  { name: 'Infrastructure', focus: 'infrastructure', purpose: 'The network, data centres, cloud tenancy, end-user devices and telephony' },
  { name: 'Cyber security', focus: 'security', purpose: 'Security operations, vulnerability management, access reviews and the CAF self-assessment' },
  { name: 'Applications', focus: 'applications', purpose: 'The line-of-business systems every service runs on, and the suppliers behind them' },
  {
    name: 'Development and integration',
    focus: 'development-and-integration',
    purpose: 'The council’s own software, its website and the integrations between systems',
  },
  { name: 'Information and data', focus: 'information-and-data', purpose: 'Data quality, information governance and the data platform' },
  { name: 'Master data', focus: 'master-data', purpose: 'The single records of residents, properties and streets shared across systems' },
  { name: 'Business intelligence', focus: 'business-intelligence', purpose: 'Dashboards and reports for services and the corporate performance framework' },
  {
    name: 'Business partnering',
    focus: 'business-relationships',
    purpose: 'One named partner for each directorate: their plans, their problems and their priorities',
  },
  { name: 'Contracts and commercial', focus: 'contracts', purpose: 'IT contracts from procurement to renewal, licences and supplier performance' },
  { name: 'Digital delivery', focus: 'programmes-and-projects', purpose: 'The portfolio of IT projects and programmes, from idea to live' },
  { name: 'IT training', focus: 'training', purpose: 'Training staff in the council’s systems, new starters’ induction and digital skills' },
];

interface DemoStaff {
  key: string;
  name: string;
  title: string;
  grade: string;
  team: string;
  manager?: string;
  contract?: ContractType;
  start: string;
  end?: string;
  dayRate?: number;
  programme?: [string, string];
  pattern?: string;
  location?: string;
}

// Sixty people: the eight who already sign in to Steward are among them, by their email.
const staff: DemoStaff[] = [
  { key: 'priya', name: 'Priya Shah', title: 'Head of IT and Digital', grade: 'Chief officer', team: 'Leadership', start: '2025-09-01' },
  { key: 'tom', name: 'Tom Okafor', title: 'Service desk manager', grade: 'Grade 11', team: 'Service desk', manager: 'priya', start: '2017-04-03' },
  {
    key: 'helen',
    name: 'Helen Walsh',
    title: 'Infrastructure and security manager',
    grade: 'Grade 12',
    team: 'Infrastructure',
    manager: 'priya',
    start: '2012-06-11',
  },
  { key: 'raj', name: 'Raj Patel', title: 'Applications manager', grade: 'Grade 12', team: 'Applications', manager: 'priya', start: '2015-01-05' },
  { key: 'sam', name: 'Sam Green', title: 'Service desk analyst', grade: 'Grade 6', team: 'Service desk', manager: 'tom', start: '2021-03-01' },
  { key: 'aisha', name: 'Aisha Rahman', title: 'Senior service desk analyst', grade: 'Grade 7', team: 'Service desk', manager: 'tom', start: '2018-09-17' },
  { key: 'dan', name: 'Dan Price', title: 'Infrastructure engineer', grade: 'Grade 8', team: 'Infrastructure', manager: 'helen', start: '2019-11-04' },
  { key: 'megan', name: 'Megan Hughes', title: 'Application support analyst', grade: 'Grade 8', team: 'Applications', manager: 'raj', start: '2020-02-10' },
  { key: 'nadia', name: 'Nadia Kowalski', title: 'Service desk analyst', grade: 'Grade 6', team: 'Service desk', manager: 'aisha', start: '2022-05-09' },
  {
    key: 'owen',
    name: 'Owen Lewis',
    title: 'Service desk analyst',
    grade: 'Grade 6',
    team: 'Service desk',
    manager: 'aisha',
    start: '2023-01-16',
    pattern: 'Part time, 3 days a week',
  },
  { key: 'grace', name: 'Grace Bennett', title: 'Service desk analyst', grade: 'Grade 6', team: 'Service desk', manager: 'aisha', start: '2019-07-01' },
  { key: 'callum', name: 'Callum Reid', title: 'Service desk analyst', grade: 'Grade 6', team: 'Service desk', manager: 'tom', start: '2024-02-05' },
  { key: 'farah', name: 'Farah Hussain', title: 'Service desk analyst', grade: 'Grade 6', team: 'Service desk', manager: 'tom', start: '2020-10-12' },
  {
    key: 'liam',
    name: 'Liam Doyle',
    title: 'IT support apprentice',
    grade: 'Apprentice',
    team: 'Service desk',
    manager: 'aisha',
    contract: 'apprentice',
    start: '2025-09-08',
    end: '2027-03-05',
    programme: ['Level 3 Information communications technician', 'Eastwold College'],
  },
  { key: 'ben', name: 'Ben Carter', title: 'Senior infrastructure engineer', grade: 'Grade 10', team: 'Infrastructure', manager: 'helen', start: '2014-03-24' },
  { key: 'kerry', name: 'Kerry Morgan', title: 'Infrastructure engineer', grade: 'Grade 8', team: 'Infrastructure', manager: 'ben', start: '2018-01-08' },
  { key: 'marcus', name: 'Marcus Ward', title: 'Network engineer', grade: 'Grade 8', team: 'Infrastructure', manager: 'ben', start: '2016-08-15' },
  { key: 'ifan', name: 'Ifan Roberts', title: 'Telephony engineer', grade: 'Grade 7', team: 'Infrastructure', manager: 'ben', start: '2013-05-20' },
  {
    key: 'steve',
    name: 'Steve Hollis',
    title: 'Cloud migration engineer',
    grade: '',
    team: 'Infrastructure',
    manager: 'helen',
    contract: 'contractor',
    start: '2026-04-13',
    end: '2027-03-31',
    dayRate: 575,
    location: 'Remote',
  },
  { key: 'zoe', name: 'Zoe Fletcher', title: 'End user computing engineer', grade: 'Grade 7', team: 'Infrastructure', manager: 'dan', start: '2021-06-07' },
  { key: 'adam', name: 'Adam Sharpe', title: 'End user computing engineer', grade: 'Grade 7', team: 'Infrastructure', manager: 'dan', start: '2022-09-05' },
  { key: 'rosa', name: 'Rosa Almeida', title: 'Cyber security lead', grade: 'Grade 11', team: 'Cyber security', manager: 'helen', start: '2020-01-13' },
  { key: 'jamal', name: 'Jamal Osei', title: 'Cyber security analyst', grade: 'Grade 9', team: 'Cyber security', manager: 'rosa', start: '2023-04-17' },
  {
    key: 'ellie',
    name: 'Ellie Turner',
    title: 'Cyber security apprentice',
    grade: 'Apprentice',
    team: 'Cyber security',
    manager: 'rosa',
    contract: 'apprentice',
    start: '2024-09-02',
    end: '2027-08-27',
    programme: ['Level 4 Cyber security technologist', 'QA Apprenticeships'],
  },
  { key: 'hugh', name: 'Hugh Pemberton', title: 'Application support analyst', grade: 'Grade 8', team: 'Applications', manager: 'raj', start: '2011-10-03' },
  { key: 'sian', name: 'Siân Price', title: 'Application support analyst', grade: 'Grade 8', team: 'Applications', manager: 'raj', start: '2017-02-27' },
  { key: 'kwame', name: 'Kwame Asante', title: 'Application support analyst', grade: 'Grade 8', team: 'Applications', manager: 'raj', start: '2022-03-14' },
  {
    key: 'lorraine',
    name: 'Lorraine Fox',
    title: 'Social care systems lead',
    grade: '',
    team: 'Applications',
    manager: 'raj',
    contract: 'interim',
    start: '2026-01-12',
    end: '2027-01-08',
    dayRate: 620,
    location: 'County Hall, two days a week',
  },
  {
    key: 'paula',
    name: 'Paula Nash',
    title: 'Revenues and benefits systems analyst',
    grade: 'Grade 9',
    team: 'Applications',
    manager: 'raj',
    start: '2009-09-14',
  },
  {
    key: 'vikram',
    name: 'Vikram Singh',
    title: 'Lead developer',
    grade: 'Grade 11',
    team: 'Development and integration',
    manager: 'priya',
    start: '2019-05-07',
  },
  { key: 'chloe', name: 'Chloe Adeyemi', title: 'Developer', grade: 'Grade 9', team: 'Development and integration', manager: 'vikram', start: '2021-08-02' },
  { key: 'tomasz', name: 'Tomasz Nowak', title: 'Developer', grade: 'Grade 9', team: 'Development and integration', manager: 'vikram', start: '2022-11-21' },
  {
    key: 'jade',
    name: 'Jade Whitfield',
    title: 'Graduate developer',
    grade: 'Graduate',
    team: 'Development and integration',
    manager: 'vikram',
    contract: 'graduate',
    start: '2025-09-15',
    end: '2027-09-10',
    programme: ['Eastwold graduate programme (digital)', 'Eastwold Council with the University of Eastwold'],
  },
  {
    key: 'gareth',
    name: 'Gareth Mills',
    title: 'Integration developer',
    grade: '',
    team: 'Development and integration',
    manager: 'vikram',
    contract: 'contractor',
    start: '2026-06-01',
    end: '2026-12-18',
    dayRate: 540,
    location: 'Remote',
  },
  { key: 'anna', name: 'Anna Lindqvist', title: 'Data manager', grade: 'Grade 11', team: 'Information and data', manager: 'priya', start: '2018-04-16' },
  { key: 'ravi', name: 'Ravi Menon', title: 'Data analyst', grade: 'Grade 8', team: 'Information and data', manager: 'anna', start: '2023-07-03' },
  { key: 'hollie', name: 'Hollie Burns', title: 'Senior data analyst', grade: 'Grade 9', team: 'Information and data', manager: 'anna', start: '2019-02-18' },
  { key: 'yusuf', name: 'Yusuf Ali', title: 'Data engineer', grade: 'Grade 10', team: 'Information and data', manager: 'anna', start: '2024-01-08' },
  {
    key: 'moira',
    name: 'Moira Campbell',
    title: 'Master data officer',
    grade: 'Grade 7',
    team: 'Master data',
    manager: 'anna',
    start: '2010-11-01',
    pattern: 'Part time, mornings',
  },
  {
    key: 'dylan',
    name: 'Dylan Hart',
    title: 'Business intelligence lead',
    grade: 'Grade 10',
    team: 'Business intelligence',
    manager: 'anna',
    start: '2016-10-10',
  },
  {
    key: 'amira',
    name: 'Amira Haddad',
    title: 'Business intelligence developer',
    grade: 'Grade 8',
    team: 'Business intelligence',
    manager: 'dylan',
    start: '2021-01-11',
  },
  {
    key: 'josh',
    name: 'Josh Parry',
    title: 'Data analyst apprentice',
    grade: 'Apprentice',
    team: 'Business intelligence',
    manager: 'dylan',
    contract: 'apprentice',
    start: '2025-10-06',
    end: '2027-04-30',
    programme: ['Level 4 Data analyst', 'Eastwold College'],
  },
  { key: 'cathy', name: 'Cathy Brennan', title: 'Business partner', grade: 'Grade 11', team: 'Business partnering', manager: 'priya', start: '2014-07-21' },
  { key: 'martin', name: 'Martin Oduya', title: 'Business partner', grade: 'Grade 11', team: 'Business partnering', manager: 'priya', start: '2020-09-28' },
  {
    key: 'ffion',
    name: 'Ffion Davies',
    title: 'Business partner',
    grade: 'Grade 11',
    team: 'Business partnering',
    manager: 'priya',
    start: '2023-03-06',
    pattern: 'Compressed hours, 9-day fortnight',
  },
  {
    key: 'ruth',
    name: 'Ruth Halloran',
    title: 'IT contracts manager',
    grade: 'Grade 10',
    team: 'Contracts and commercial',
    manager: 'priya',
    start: '2013-01-14',
  },
  {
    key: 'peter',
    name: 'Peter Quayle',
    title: 'Contracts officer',
    grade: 'Grade 7',
    team: 'Contracts and commercial',
    manager: 'ruth',
    start: '2022-06-20',
    contract: 'fixed-term',
    end: '2027-06-19',
  },
  { key: 'simone', name: 'Simone Clarke', title: 'Programme manager', grade: 'Grade 12', team: 'Digital delivery', manager: 'priya', start: '2021-11-15' },
  { key: 'alan', name: 'Alan Greaves', title: 'Project manager', grade: 'Grade 10', team: 'Digital delivery', manager: 'simone', start: '2017-09-04' },
  {
    key: 'deborah',
    name: 'Deborah Stone',
    title: 'Project manager',
    grade: '',
    team: 'Digital delivery',
    manager: 'simone',
    contract: 'interim',
    start: '2026-03-02',
    end: '2027-02-26',
    dayRate: 650,
    location: 'Remote, on site for boards',
  },
  { key: 'naveed', name: 'Naveed Iqbal', title: 'Business analyst', grade: 'Grade 9', team: 'Digital delivery', manager: 'simone', start: '2022-01-24' },
  {
    key: 'holly',
    name: 'Holly Ashworth',
    title: 'Business analyst',
    grade: 'Grade 9',
    team: 'Digital delivery',
    manager: 'simone',
    start: '2024-05-13',
    contract: 'fixed-term',
    end: '2027-05-12',
  },
  { key: 'carol', name: 'Carol Jenkins', title: 'IT trainer', grade: 'Grade 7', team: 'IT training', manager: 'tom', start: '2008-03-03' },
  {
    key: 'ibrahim',
    name: 'Ibrahim Sesay',
    title: 'IT trainer',
    grade: 'Grade 7',
    team: 'IT training',
    manager: 'carol',
    start: '2025-02-17',
    contract: 'fixed-term',
    end: '2027-02-16',
  },
  { key: 'lewis', name: 'Lewis Kane', title: 'Service desk analyst', grade: 'Grade 6', team: 'Service desk', manager: 'tom', start: '2025-06-02' },
  { key: 'bethan', name: 'Bethan Rees', title: 'Application support analyst', grade: 'Grade 8', team: 'Applications', manager: 'megan', start: '2024-10-21' },
  { key: 'oliver', name: 'Oliver Grant', title: 'Infrastructure engineer', grade: 'Grade 8', team: 'Infrastructure', manager: 'ben', start: '2023-09-11' },
  { key: 'wendy', name: 'Wendy Marsh', title: 'Technical architect', grade: 'Grade 12', team: 'Leadership', manager: 'priya', start: '2016-02-01' },
  { key: 'karl', name: 'Karl Becker', title: 'Developer', grade: 'Grade 9', team: 'Development and integration', manager: 'vikram', start: '2020-04-20' },
  { key: 'mei', name: 'Mei Chen', title: 'Data analyst', grade: 'Grade 8', team: 'Information and data', manager: 'hollie', start: '2025-01-06' },
];

/** The council's job titles as framework role levels. */
const jobTitles: [string, string, string][] = [
  ['Head of IT and Digital', 'Head of digital and technology', 'Head of digital and technology'],
  ['Service desk manager', 'IT service manager', 'IT service manager'],
  ['Infrastructure and security manager', 'Infrastructure engineer', 'Infrastructure manager'],
  ['Applications manager', 'Application support analyst', 'Applications manager'],
  ['Service desk analyst', 'Service desk analyst', 'Service desk analyst'],
  ['Senior service desk analyst', 'Service desk analyst', 'Senior service desk analyst'],
  ['IT support apprentice', 'Service desk analyst', 'Service desk analyst'],
  ['Infrastructure engineer', 'Infrastructure engineer', 'Infrastructure engineer'],
  ['Network engineer', 'Infrastructure engineer', 'Infrastructure engineer'],
  ['Telephony engineer', 'Infrastructure engineer', 'Infrastructure engineer'],
  ['Senior infrastructure engineer', 'Infrastructure engineer', 'Senior infrastructure engineer'],
  ['Cloud migration engineer', 'Infrastructure engineer', 'Senior infrastructure engineer'],
  ['End user computing engineer', 'End user computing engineer', 'End user computing engineer'],
  ['Cyber security lead', 'Cyber security analyst', 'Cyber security lead'],
  ['Cyber security analyst', 'Cyber security analyst', 'Cyber security analyst'],
  ['Cyber security apprentice', 'Cyber security analyst', 'Cyber security analyst'],
  ['Application support analyst', 'Application support analyst', 'Application support analyst'],
  ['Social care systems lead', 'Application support analyst', 'Application support analyst'],
  ['Revenues and benefits systems analyst', 'Application support analyst', 'Application support analyst'],
  ['Lead developer', 'Developer', 'Lead developer'],
  ['Developer', 'Developer', 'Developer'],
  ['Graduate developer', 'Developer', 'Junior developer'],
  ['Integration developer', 'Developer', 'Developer'],
  ['Data manager', 'Data manager', 'Data manager'],
  ['Data analyst', 'Data analyst', 'Data analyst'],
  ['Senior data analyst', 'Data analyst', 'Senior data analyst'],
  ['Data engineer', 'Data engineer', 'Data engineer'],
  ['Master data officer', 'Data manager', 'Master data officer'],
  ['Business intelligence lead', 'Business intelligence developer', 'Business intelligence developer'],
  ['Business intelligence developer', 'Business intelligence developer', 'Business intelligence developer'],
  ['Data analyst apprentice', 'Data analyst', 'Data analyst'],
  ['Business partner', 'Business analyst', 'Business relationship manager'],
  ['IT contracts manager', 'Contract manager', 'IT contracts manager'],
  ['Contracts officer', 'Contract manager', 'Contracts officer'],
  ['Programme manager', 'Delivery manager', 'Programme manager'],
  ['Project manager', 'Delivery manager', 'Project manager'],
  ['Business analyst', 'Business analyst', 'Business analyst'],
  ['IT trainer', 'IT trainer', 'IT trainer'],
  ['Technical architect', 'Technical architect', 'Technical architect'],
];

const daysAgo = (today: Date, days: number) => new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);

/** Eastwold's IT department: about sixty people in teams around layers and functions, six vacancies, a framework and assessed skills. */
export async function loadPeopleDemo(ctx: DemoContext) {
  const { db, organisationId: org, actor } = ctx;
  const rand = random(1717);
  const today = new Date();

  // The Head of IT imports the framework, as a person would from the pages.
  const importer = { personId: own(ctx.people, 'headOfIt') ?? null, label: 'demo loader', organisationId: org };
  await importSpreadsheet(db, importer, org, capabilitySkillsImport, 'capability-framework-skills (demo).csv', Buffer.from(demoSkillsFile()));
  await importSpreadsheet(db, importer, org, capabilityRolesImport, 'capability-framework-roles (demo).csv', Buffer.from(demoRolesFile()));

  const teamIds = new Map((await teamsOf(db, org)).map((t) => [t.name, Number(t.id)]));
  for (const t of teams) if (!teamIds.has(t.name)) teamIds.set(t.name, await createTeam(db, actor, org, t.name, t.purpose));

  const ids = new Map<string, number>();
  // The same domain as the demo's Steward users, so those eight are the same people, not copies.
  const head = own(ctx.people, 'headOfIt');
  const domain = (head ? await q.emailOfPerson(db, head) : undefined)?.split('@')[1] ?? 'eastwold.example';
  const email = (name: string) =>
    `${name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '.')}@${domain}`;
  for (const s of staff) {
    const contract = s.contract ?? 'permanent';
    ids.set(
      s.key,
      await recordStaff(db, actor, org, {
        name: s.name,
        email: email(s.name),
        jobTitle: s.title,
        grade: s.grade,
        teamId: teamIds.get(s.team) ?? null,
        lineManagerId: s.manager ? (ids.get(s.manager) ?? null) : null,
        contract,
        startDate: s.start,
        endDate: s.end ?? null,
        dayRate: s.dayRate ?? null,
        annualCost: contract === 'contractor' || contract === 'interim' ? null : annualCostOf(s.grade),
        programme: s.programme?.[0] ?? '',
        provider: s.programme?.[1] ?? '',
        location: s.location ?? 'County Hall, Eastwold',
        workingPattern: s.pattern ?? 'Full time, hybrid',
        roleLevelId: null,
      }),
    );
  }
  const leads: [string, string][] = [
    ['Leadership', 'priya'],
    ['Service desk', 'tom'],
    ['Infrastructure', 'helen'],
    ['Cyber security', 'rosa'],
    ['Applications', 'raj'],
    ['Development and integration', 'vikram'],
    ['Information and data', 'anna'],
    ['Master data', 'moira'],
    ['Business intelligence', 'dylan'],
    ['Business partnering', 'cathy'],
    ['Contracts and commercial', 'ruth'],
    ['Digital delivery', 'simone'],
    ['IT training', 'carol'],
  ];
  for (const [team, lead] of leads) {
    const t = teams.find((x) => x.name === team)!;
    await describeTeam(db, actor, org, teamIds.get(team)!, { name: team, description: t.purpose, focus: t.focus, leadStaffId: ids.get(lead) ?? null });
  }

  const levels = await q.roleLevelNames(db, org);
  const levelId = (role: string, level: string) => levels.find((l) => l.role_name === role && l.name === level)?.id;
  for (const [title, role, level] of jobTitles) {
    const id = levelId(role, level);
    if (id) await mapJobTitle(db, actor, org, { jobTitle: title, grade: '', roleLevelId: Number(id) });
  }

  const vacancies: {
    title: string;
    grade: string;
    team: string;
    reportsTo: string;
    daysOpen: number;
    advertised: number;
    cover?: string;
    notes: string;
    level: [string, string];
  }[] = [
    {
      title: 'Senior network engineer',
      grade: 'Grade 10',
      team: 'Infrastructure',
      reportsTo: 'helen',
      daysOpen: 430,
      advertised: 3,
      cover: 'steve',
      notes: 'Two rounds found nobody at the grade; market supplement requested from HR.',
      level: ['Infrastructure engineer', 'Senior infrastructure engineer'],
    },
    {
      title: 'Data architect',
      grade: 'Grade 12',
      team: 'Information and data',
      reportsTo: 'anna',
      daysOpen: 575,
      advertised: 2,
      notes: 'On hold while the data strategy is agreed; Wendy Marsh covers design decisions.',
      level: ['Technical architect', 'Technical architect'],
    },
    {
      title: 'Cyber security analyst',
      grade: 'Grade 9',
      team: 'Cyber security',
      reportsTo: 'rosa',
      daysOpen: 240,
      advertised: 2,
      notes: 'Shortlisted twice; both candidates accepted private-sector offers.',
      level: ['Cyber security analyst', 'Cyber security analyst'],
    },
    {
      title: 'Service desk analyst',
      grade: 'Grade 6',
      team: 'Service desk',
      reportsTo: 'tom',
      daysOpen: 55,
      advertised: 1,
      notes: 'Interviews booked.',
      level: ['Service desk analyst', 'Service desk analyst'],
    },
    {
      title: 'Business analyst',
      grade: 'Grade 9',
      team: 'Digital delivery',
      reportsTo: 'simone',
      daysOpen: 150,
      advertised: 1,
      cover: 'deborah',
      notes: 'Covered in part by the interim project manager.',
      level: ['Business analyst', 'Business analyst'],
    },
    {
      title: 'Master data officer',
      grade: 'Grade 7',
      team: 'Master data',
      reportsTo: 'anna',
      daysOpen: 95,
      advertised: 1,
      notes: 'The second post in the team; until it is filled, one person holds the address gazetteer.',
      level: ['Data manager', 'Master data officer'],
    },
  ];
  for (const v of vacancies)
    await recordVacancy(db, actor, org, {
      title: v.title,
      grade: v.grade,
      teamId: teamIds.get(v.team) ?? null,
      reportsToId: ids.get(v.reportsTo) ?? null,
      roleLevelId: Number(levelId(...v.level) ?? 0) || null,
      openSince: daysAgo(today, v.daysOpen),
      timesAdvertised: v.advertised,
      coverStaffId: v.cover ? (ids.get(v.cover) ?? null) : null,
      notes: v.notes,
    });

  // Skills as agreed at last year's appraisals, and people's own views where they differ: most meet their role, some are a level short.
  const resolve = roleLevelResolver(await q.jobTitlesOf(db, org));
  const reqs = await q.requirements(db, org);
  const inPost = await q.staffInPost(db, org);
  for (const s of inPost) {
    const level = resolve(s);
    const needs = reqs.filter((r) => Number(r.role_level_id) === level);
    if (!needs.length) continue;
    const trainee = s.contract === 'apprentice' || s.contract === 'graduate';
    const agreed = needs.map((n) => {
      const r = rand();
      const shift = trainee ? (r < 0.6 ? -1 : r < 0.8 ? -2 : 0) : r < 0.68 ? 0 : r < 0.86 ? -1 : r < 0.93 ? 1 : -2;
      const l = Math.min(4, Math.max(0, Number(n.level) + shift));
      return { skillId: Number(n.skill_id), level: l ? skillLevels[l - 1]! : null };
    });
    const self = agreed.map((a) => {
      const r = rand();
      const n = a.level ? skillLevels.indexOf(a.level) + 1 : 0;
      const l = r < 0.15 ? Math.min(4, n + 1) : r < 0.2 ? Math.max(1, n - 1) : n;
      return { skillId: a.skillId, level: l ? skillLevels[l - 1]! : null };
    });
    await recordSkillLevels(db, actor, org, { id: Number(s.id), name: s.name }, 'self', self);
    // A few people have said how they see themselves and not yet met their manager about it.
    if (rand() < 0.9) await recordSkillLevels(db, actor, org, { id: Number(s.id), name: s.name }, 'agreed', agreed);
  }

  // Who can support which system: the team that looks after it, two or three people for the critical ones, and some gaps.
  const byTeam = new Map<number, number[]>();
  for (const s of inPost) if (s.team_id !== null) byTeam.set(Number(s.team_id), [...(byTeam.get(Number(s.team_id)) ?? []), Number(s.id)]);
  const systems = await systemsLookedAfter(db, org);
  for (const y of systems) {
    const members = byTeam.get(Number(y.team_id)) ?? [];
    if (!members.length) continue;
    const r = rand();
    const want = (y.criticality ?? 3) <= 1 ? (r < 0.7 ? 2 : r < 0.9 ? 1 : 3) : r < 0.15 ? 0 : r < 0.5 ? 1 : 2;
    const picked = new Set<number>();
    while (picked.size < Math.min(want, members.length)) picked.add(members[Math.floor(rand() * members.length)]!);
    for (const p of picked) await addSupport(db, actor, org, p, Number(y.id));
  }

  await loadManagingDemo(ctx, ids, daysAgo, today);
  await loadDevelopmentDemo(ctx, ids, daysAgo, today);
}

/** This year's training budget, and development planned by the Head of IT for people a level or more short, some of it done. */
async function loadDevelopmentDemo(ctx: DemoContext, ids: Map<string, number>, ago: (today: Date, days: number) => string, today: Date) {
  const { db, organisationId: org } = ctx;
  const head = own(ctx.people, 'headOfIt');
  if (!head) return;
  const email = (await q.emailOfPerson(db, head)) ?? '';
  const identity = {
    person: { id: head, email, displayName: email },
    organisation: { id: org, name: 'Eastwold Council (demo)', type: 'unitary' as const, isDemo: true },
    role: 'admin' as const,
    organisationCount: 1,
    via: 'session' as const,
  };
  const actor = { personId: head, label: email, organisationId: org };
  const year = financialYearOf(today.toISOString().slice(0, 10));
  await setBudget(db, actor, org, { year, amount: 38_000 });
  // Certifications, two of them running out soon and one already lapsed.
  const certifications: [string, string, number | null, number | null][] = [
    ['dan', 'AZ-104 Microsoft Azure Administrator Associate', 670, -60],
    ['rosa', 'CISSP', 900, -560],
    ['tom', 'ITIL 4 Foundation', 2_100, null],
    ['jamal', 'CompTIA Security+', 1_115, 20],
    ['simone', 'PRINCE2 Practitioner', 1_780, -45],
    ['aisha', 'HDI Support Center Analyst', 1_200, -900],
    ['ben', 'Cisco CCNA', 1_000, -95],
  ];
  for (const [key, name, awarded, expires] of certifications) {
    const staffId = ids.get(key);
    if (staffId)
      await recordCertification(db, actor, identity, staffId, {
        name,
        awardedOn: awarded === null ? null : ago(today, awarded),
        expiresOn: expires === null ? null : ago(today, expires),
      });
  }
  // What a council's IT department books: most of it cheap or free, a few courses and one conference.
  const ways: Record<string, [string, 'classroom' | 'online' | 'brown-bag' | 'team-meeting' | 'conference' | 'qualification' | 'shadowing', number | null]> = {
    'Incident management': ['ITIL 4 Foundation, two-day course', 'classroom', 895],
    'Customer service': ['Handling difficult calls, half-day workshop', 'classroom', 240],
    'Identity and access': ['Entra ID conditional access, online labs', 'online', 180],
    'Information security': ['NCSC Cyber Security Toolkit for Boards, with the cyber team', 'team-meeting', null],
    'Cloud platforms': ['AZ-104 Azure Administrator course and exam', 'qualification', 1_450],
    'IT infrastructure': ['Shadow the infrastructure on-call for a week', 'shadowing', null],
    'Networks and telephony': ['Brown bag: how the council’s network hangs together', 'brown-bag', null],
    'Supplier and contract management': ['Contract management foundation (Government Commercial College)', 'online', 0],
    'Stakeholder relationship management': ['Socitm annual conference', 'conference', 495],
    'Data analysis and reporting': ['Power BI data analyst course', 'online', 320],
    'Programming and build': ['Secure coding workshop', 'classroom', 650],
    'Agile and lean delivery': ['Agile delivery for councils, LocalGov Digital meet-up', 'conference', 60],
    'Leadership and people management': ['Coaching skills for managers', 'classroom', 1_200],
  };
  const resolve = roleLevelResolver(await q.jobTitlesOf(db, org));
  const reqs = await q.requirements(db, org);
  const skills = new Map((await q.skillNames(db, org)).map((k) => [Number(k.id), k.name]));
  const inPost = await q.staffInPost(db, org);
  const assessed = await q.staffSkillsOf(db, org);
  let n = 0;
  for (const s of inPost) {
    const level = resolve(s);
    const gaps = reqs.filter((r) => {
      if (Number(r.role_level_id) !== level) return false;
      const a = assessed.find((x) => Number(x.staff_id) === Number(s.id) && Number(x.skill_id) === Number(r.skill_id));
      return (a?.agreed_level ?? a?.self_level ?? 0) < Number(r.level);
    });
    const gap = gaps.find((g) => own(ways, skills.get(Number(g.skill_id)) ?? ''));
    if (!gap) continue;
    const [activity, kind, cost] = own(ways, skills.get(Number(gap.skill_id))!)!;
    n++;
    const done = n % 3 === 0;
    const dueOn = done ? ago(today, 20 + (n % 60)) : ago(today, -30 - (n % 90));
    await planDevelopment(db, actor, identity, Number(s.id), {
      activity,
      kind,
      skillId: Number(gap.skill_id),
      targetLevel: skillLevels[Number(gap.level) - 1]!,
      dueOn,
      cost,
    });
    if (done) {
      const [item] = await q.developmentOf(db, org, Number(s.id));
      if (item) await completeDevelopment(db, actor, identity, Number(item.id), ago(today, 22 + (n % 60)));
    }
  }
}

/**
 * Objectives and 1:1s, written by each line manager as themselves (the only people who may), for
 * the people who sign in to Steward. Demo text, in the words a manager would use.
 */
async function loadManagingDemo(ctx: DemoContext, ids: Map<string, number>, ago: (today: Date, days: number) => string, today: Date) {
  const { db, organisationId: org } = ctx;
  const year = today.getUTCMonth() >= 3 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  const pairs: [report: string, manager: string, managerKey: string, objectives: [string, string][], notes: string[]][] = [
    [
      'sam',
      'tom',
      'serviceDeskManager',
      [
        ['Resolve 75% of password and MFA calls at first contact', 'First-contact resolution in the monthly desk report'],
        ['Complete the ITIL 4 Foundation course', 'Certificate by March'],
      ],
      [
        'Went through last month’s reopened tickets together; most were printer queues. Sam would like to shadow the infrastructure team for a week.',
        'Good month. Sam led the new-starter sessions for the social work cohort.',
      ],
    ],
    [
      'aisha',
      'tom',
      'serviceDeskManager',
      [
        ['Run the knowledge base review with two articles a week', 'Articles reviewed on the dashboard'],
        ['Mentor Liam through his apprenticeship portfolio', 'Portfolio milestones met on time'],
      ],
      ['Aisha is interested in the vacant service desk team leader post if it is regraded.'],
    ],
    [
      'dan',
      'helen',
      'infrastructureManager',
      [
        ['Move the file servers to the cloud tenancy with Steve', 'Shares migrated and old servers off by January'],
        ['Take the Azure Administrator certification', 'AZ-104 passed'],
      ],
      ['Worried about being the only person who knows the telephony platform well; agreed Ifan will pair with him on changes.'],
    ],
    [
      'megan',
      'raj',
      'applicationsManager',
      [
        ['Own the revenues and benefits upgrade testing', 'Test plan signed off before go-live'],
        ['Write support guides for the three planning systems', 'Guides in the knowledge base'],
      ],
      ['Raised workload: two suppliers’ releases in the same week. Agreed to ask for release dates a quarter ahead.'],
    ],
    [
      'tom',
      'priya',
      'headOfIt',
      [
        ['Bring the desk’s customer satisfaction to 90%', 'Rating on resolved tickets'],
        ['Recruit and induct the new service desk analyst', 'In post by spring'],
      ],
      ['Talked about the desk’s staffing over winter and the overtime budget.'],
    ],
  ];
  for (const [report, manager, key, objectives, notes] of pairs) {
    const personId = own(ctx.people, key);
    const staffId = ids.get(report);
    if (!personId || !staffId || !ids.get(manager)) continue;
    const email = (await q.emailOfPerson(db, personId)) ?? '';
    const identity = {
      person: { id: personId, email, displayName: email },
      organisation: { id: org, name: 'Eastwold Council (demo)', type: 'unitary' as const, isDemo: true },
      role: 'manager' as const,
      organisationCount: 1,
      via: 'session' as const,
    };
    const actor = { personId, label: email, organisationId: org };
    for (const [title, measure] of objectives) await setObjective(db, actor, identity, staffId, { year, title, measure });
    const [first] = await mq.objectivesOf(db, org, staffId);
    if (first)
      await reviewObjective(db, actor, identity, Number(first.id), {
        reviewedOn: ago(today, 40),
        status: report === 'dan' ? 'at-risk' : 'on-track',
        note: 'Mid-year check-in.',
      });
    for (const [i, note] of notes.entries())
      await recordOneToOne(db, actor, identity, staffId, {
        heldOn: ago(today, 12 + i * 28),
        notes: note,
        action: i === 0 ? ['Book the next course date', 'Ask HR about the regrading timetable'] : [],
        owner: i === 0 ? ['person', 'manager'] : [],
        due: i === 0 ? [ago(today, -21), ''] : [],
      });
  }
}

/** Salary with on-costs by grade, roughly a council's pay scale in 2026. */
function annualCostOf(grade: string) {
  const n = Number(/\d+/.exec(grade)?.[0] ?? 0);
  if (grade === 'Chief officer') return 118_000;
  if (grade === 'Apprentice') return 24_500;
  if (grade === 'Graduate') return 36_000;
  return n ? Math.round((21_000 + n * 4_600) * 1.32) : null;
}
