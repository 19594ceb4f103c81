import { importSpreadsheet, own, serviceAreasOf, toCsv, type DemoContext } from '../../platform/index.js';
import { actualsImport } from './import.js';
import { financialYearOf } from './rules.js';
import { addLine, closeYear, setCostRule, setHeadcount, today } from './service.js';
import type { LineInput } from './schemas.js';

// Demo budget, in Steward's own words: a district-sized IT budget and a year and a half of transactions.
type Seed = [
  name: string,
  kind: 'revenue' | 'capital',
  costCentre: string,
  account: string,
  category: LineInput['category'],
  budget: number,
  suppliers: string[],
  savings?: number,
];
const lines: Seed[] = [
  ['IT staff', 'revenue', 'IT001', 'E1000', 'Staff', 2_150_000, ['Payroll journal']],
  ['Interim and agency cover', 'revenue', 'IT001', 'E1400', 'Staff', 120_000, ['Hays Specialist Recruitment', 'Matrix SCM']],
  ['Microsoft licences', 'revenue', 'IT010', 'S4200', 'Line-of-business applications', 640_000, ['Softcat plc'], 35_000],
  [
    'Line-of-business application support',
    'revenue',
    'IT010',
    'S4210',
    'Line-of-business applications',
    910_000,
    ['Northgate Public Services', 'Civica UK Ltd', 'Idox Software Ltd', 'Access UK Ltd'],
  ],
  [
    'Hosting and Azure',
    'revenue',
    'IT020',
    'S4300',
    'Infrastructure and hosting',
    380_000,
    ['Microsoft Azure (via Softcat)', 'Bytes Software Services'],
    60_000,
  ],
  [
    'Networks, WAN and telephony',
    'revenue',
    'IT030',
    'S4400',
    'Networks and telephony',
    290_000,
    ['Virgin Media Business', 'BT Business', 'Gamma Communications'],
    25_000,
  ],
  ['Printing and devices support', 'revenue', 'IT040', 'S4500', 'Devices and printing', 140_000, ['Canon UK', 'XMA Ltd'], 18_000],
  ['Cyber security services', 'revenue', 'IT050', 'S4600', 'Security', 160_000, ['Jisc', 'Bridewell Consulting', 'Sophos Ltd']],
  ['Laptop refresh (Windows 11)', 'capital', 'ITC01', '', 'Devices and printing', 420_000, ['XMA Ltd', 'Computacenter']],
  ['Move to Azure', 'capital', 'ITC02', '', 'Projects', 550_000, ['Bytes Software Services', 'Microsoft Azure (via Softcat)']],
  ['Adult social care case management', 'capital', 'ITC03', '', 'Projects', 780_000, ['Access UK Ltd', 'Socitm Advisory']],
];

/** A small pseudo-random sequence, so the demo is the same each time. */
function seq(seed: number) {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

export async function loadBudgetDemo(ctx: DemoContext) {
  const { db, organisationId: org } = ctx;
  const actor = { personId: own(ctx.people, 'headOfIt') ?? null, label: 'demo loader', organisationId: org };
  const now = today();
  const fy = financialYearOf(now);
  const rand = seq(7);
  const rows: string[][] = [];
  for (const year of [fy - 1, fy]) {
    for (const [name, kind, costCentre, account, category, budget, suppliers, savings] of lines) {
      const size = year === fy ? budget : Math.round(budget * 0.96);
      await addLine(db, actor, org, {
        financialYear: year,
        kind,
        costCentre,
        account,
        category,
        name,
        budget: size,
        forecast: year === fy && name === 'Interim and agency cover' ? 185_000 : null,
        savingsPlanned: savings ?? 0,
        savingsAchieved: savings ? Math.round(savings * (year === fy ? 0.6 : 0.9)) : 0,
      });
      // Monthly transactions to the day before today: a capital project spends unevenly, revenue steadily.
      for (let m = 0; m < 12; m++) {
        const d = new Date(Date.UTC(year, 3 + m, 12 + Math.floor(rand() * 10)));
        const day = d.toISOString().slice(0, 10);
        if (day >= now) break;
        const share = kind === 'capital' ? (m >= 3 && m <= 9 ? 0.14 : 0.02) : 1 / 12;
        const drift = name === 'Interim and agency cover' && year === fy ? 1.5 : 0.9 + rand() * 0.2;
        const amount = Math.round(size * share * drift * 100) / 100;
        const supplier = suppliers[m % suppliers.length]!;
        rows.push([
          costCentre,
          account,
          `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`,
          `£${amount.toLocaleString('en-GB', { minimumFractionDigits: 2 })}`,
          supplier,
          `Demo: ${name.toLowerCase()}, ${d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })}`,
          `${supplier === 'Payroll journal' ? 'JNL' : 'INV'}-${year}${String(m + 1).padStart(2, '0')}${rows.length}`,
        ]);
      }
    }
  }
  // What a finance export holds besides: a credit note, and a coding the IT budget has no line for.
  rows.push([
    'IT010',
    'S4200',
    `15/${String(((new Date().getUTCMonth() + 11) % 12) + 1).padStart(2, '0')}/${now.slice(0, 4)}`,
    '(4,250.00)',
    'Softcat plc',
    'Demo: credit for unused licences',
    'CRN-5521',
  ]);
  rows.push([
    'FN210',
    'S4200',
    `03/${now.slice(5, 7)}/${now.slice(0, 4)}`,
    '£1,180.00',
    'Softcat plc',
    'Demo: licences coded to finance’s own budget',
    'INV-77310',
  ]);
  const file = toCsv(['Cost Centre', 'Subjective', 'Posting Date', 'Net Amount', 'Supplier Name', 'Line Description', 'Document Number'], rows);
  await importSpreadsheet(db, actor, org, actualsImport, `ledger-transactions-it-${now}.csv`, Buffer.from(file));
  await closeYear(db, actor, org, fy - 1);

  // Shared systems split by the headcount of the services that use them.
  await setCostRule(db, actor, org, 'headcount');
  const heads: [string, number][] = [
    ['Adult social care', 640],
    ['Children’s social care', 420],
    ['Revenues and benefits', 160],
    ['Waste and street services', 310],
    ['Planning and building control', 85],
    ['Housing', 140],
    ['Finance', 70],
    ['HR and payroll', 45],
    ['Digital and ICT', 52],
    ['Highways and transport', 120],
    ['Licensing and regulatory services', 48],
    ['Legal and democratic services', 60],
    ['Public health', 55],
    ['Education and skills', 210],
  ];
  const areas = await serviceAreasOf(db, org);
  for (const [name, n] of heads) {
    const area = areas.find((a) => a.name === name);
    if (area) await setHeadcount(db, actor, org, Number(area.id), n);
  }
}
