import { importSpreadsheet, toCsv, type DemoContext } from '../../platform/index.js';
import { trainingImport } from './import.js';
import * as q from './queries.js';
import { recordPhishing, setCourse } from './service.js';

const firstNames = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Harry',
  'Mia',
  'Jack',
  'Sophie',
  'Noah',
  'Grace',
  'Leo',
  'Ruby',
  'Arthur',
  'Ella',
  'Oscar',
  'Freya',
  'Mohammed',
  'Chloe',
  'Charlie',
  'Aisha',
  'Thomas',
  'Hannah',
  'James',
  'Priya',
  'Daniel',
  'Megan',
  'Samuel',
  'Zara',
  'William',
  'Bethany',
  'Joseph',
  'Lucy',
  'Rhys',
  'Niamh',
  'Callum',
  'Imogen',
  'Ethan',
  'Rebecca',
  'Kieran',
];
const lastNames = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Khan',
  'Hughes',
  'Edwards',
  'Turner',
  'Hill',
  'Moore',
  'Cooper',
  'Ward',
  'Morris',
  'King',
  'Harris',
  'Lewis',
  'Begum',
  'Baker',
  'Shaw',
  'Lloyd',
  'Price',
  'Ali',
  'Murphy',
];
/** Directorates and their teams as the learning system names them: close to the council's structure, not always the same. */
const teams: [string, string[], number][] = [
  ['Adults and health', ['Adult social care', 'Reablement', 'Public health'], 700],
  ['Children and families', ['Children’s social care', 'Education and skills', 'Early help'], 650],
  ['Place', ['Waste and street services', 'Planning and building control', 'Highways and transport', 'Housing'], 600],
  ['Resources', ['Revenues and benefits', 'Finance', 'HR and payroll', 'Digital and ICT', 'Legal and democratic services'], 550],
  ['Customer and communities', ['Customer services', 'Libraries', 'Bereavement services'], 400],
];
const courses = ['Cyber security awareness', 'Data protection and UK GDPR', 'Spotting phishing emails', 'Information governance for social care'];

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * Eastwold's learning system export: about 2,900 office-based staff, the yearly cyber awareness
 * course and the two-yearly data protection course, with the gaps a real council has (new
 * starters, a directorate behind, people who have never done it) and the odd row a learning system
 * writes badly. Then the two courses made required, and three phishing exercises.
 */
export async function loadTrainingDemo(ctx: DemoContext) {
  const { db, organisationId: org } = ctx;
  const actor = { personId: ctx.people.infrastructureManager ?? null, label: 'demo loader', organisationId: org };
  const rand = random(1202);
  const today = new Date();
  const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000);
  const ukDate = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  const rows: string[][] = [];
  const used = new Set<string>();
  for (const [directorate, areas, people] of teams) {
    // Children and families is behind on the refresher: its round was moved for Ofsted.
    const behind = directorate === 'Children and families' ? 0.3 : 0;
    for (let i = 0; i < people; i++) {
      const first = firstNames[Math.floor(rand() * firstNames.length)]!;
      const last = lastNames[Math.floor(rand() * lastNames.length)]!;
      let email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
      for (let n = 2; used.has(email); n++) email = `${first}.${last}${n}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
      used.add(email);
      const name = `${first} ${last}`;
      const team = areas[Math.floor(rand() * areas.length)]!;
      const address = `${email}@eastwold.example`;
      const shownDirectorate = rand() < 0.02 ? '' : directorate;
      // Cyber awareness, yearly: most in date, some lapsed, a few never.
      const c = rand();
      if (c < 0.06) rows.push([name, address, shownDirectorate, team, courses[0]!, 'Not started', '']);
      else
        rows.push([
          name,
          address,
          shownDirectorate,
          team,
          courses[0]!,
          ukDate(daysAgo(c < 0.14 + behind ? 370 + Math.floor(rand() * 200) : Math.floor(rand() * 350))),
          `${70 + Math.floor(rand() * 31)}%`,
        ]);
      // Data protection, every two years.
      const d = rand();
      if (d > 0.04)
        rows.push([
          name,
          address,
          shownDirectorate,
          team,
          courses[1]!,
          ukDate(daysAgo(d < 0.12 ? 740 + Math.floor(rand() * 100) : Math.floor(rand() * 700))),
          `${75 + Math.floor(rand() * 26)}`,
        ]);
      if (rand() < 0.35) rows.push([name, address, shownDirectorate, team, courses[2]!, ukDate(daysAgo(Math.floor(rand() * 300))), '']);
      if (directorate !== 'Resources' && directorate !== 'Place' && rand() < 0.5)
        rows.push([name, address, shownDirectorate, team, courses[3]!, ukDate(daysAgo(Math.floor(rand() * 500))), 'Pass']);
    }
  }
  // What a learning system writes now and then: a leaver's account with no email, an impossible date.
  rows.push(['Former Employee', 'n/a', 'Resources', 'Finance', courses[0]!, ukDate(daysAgo(400)), '']);
  rows.push(['Sam Fletcher', 'sam.fletcher.agency@eastwold.example', 'Place', 'Housing', courses[0]!, '31/02/2026', '']);
  const file = toCsv(['Learner Name', 'Email Address', 'Directorate', 'Department', 'Course Title', 'Completion Date', 'Score'], rows);
  await importSpreadsheet(db, actor, org, trainingImport, `learning-hub-completions-${today.toISOString().slice(0, 10)}.csv`, Buffer.from(file));

  const held = await q.courseIds(db, org);
  await setCourse(db, actor, org, held.get(courses[0]!.toLowerCase())!, { required: 'yes', refreshMonths: 12 });
  await setCourse(db, actor, org, held.get(courses[1]!.toLowerCase())!, { required: 'yes', refreshMonths: 24 });
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  await recordPhishing(db, actor, org, { name: 'Demo: parcel delivery text (all staff)', sentOn: iso(daysAgo(200)), sent: 2900, clicked: 406, reported: 348 });
  await recordPhishing(db, actor, org, { name: 'Demo: shared invoice link (Resources)', sentOn: iso(daysAgo(110)), sent: 550, clicked: 61, reported: 143 });
  await recordPhishing(db, actor, org, {
    name: 'Demo: staff survey prize draw (all staff)',
    sentOn: iso(daysAgo(30)),
    sent: 2900,
    clicked: 232,
    reported: 667,
  });
}
