import type { DemoContext } from '../../platform/index.js';
import { own } from '../../platform/index.js';
import { addKpi, recordReading } from './service.js';
import type { KpiInput } from './schemas.js';

type Seed = Partial<KpiInput> & { measure: string; target: number | null };
// Demo KPIs, in Steward's own words: most worked out from the demo desk and estate, a few entered by hand.
const computed: Seed[] = [
  { measure: 'service-desk.satisfaction', target: 4.3, tolerance: 0.2, owner: 'Tom Okafor, Service desk manager' },
  { measure: 'service-desk.first-contact', target: 70, tolerance: 5, owner: 'Tom Okafor, Service desk manager' },
  { measure: 'service-desk.hours-to-resolve', target: 16, tolerance: 4, owner: 'Tom Okafor, Service desk manager' },
  { measure: 'service-desk.major-incident-minutes', target: 120, tolerance: 60, owner: 'Helen Walsh, Infrastructure and security manager' },
  { measure: 'estate.tier-1-availability', target: 99.9, tolerance: 0.4, owner: 'Helen Walsh, Infrastructure and security manager' },
  { measure: 'service-desk.sla-1', target: 95, tolerance: 3, owner: 'Tom Okafor, Service desk manager' },
  { measure: 'service-desk.sla-2', target: 92, tolerance: 3, owner: 'Tom Okafor, Service desk manager' },
  { measure: 'service-desk.sla-3', target: 90, tolerance: 5, owner: 'Tom Okafor, Service desk manager' },
  { measure: 'service-desk.sla-4', target: 85, tolerance: 5, owner: 'Tom Okafor, Service desk manager' },
  { measure: 'estate.past-end-of-support', target: 5, tolerance: 5, period: 'quarter', owner: 'Raj Patel, Applications manager' },
  { measure: 'estate.contract-decisions', target: 3, tolerance: 2, owner: 'Raj Patel, Applications manager' },
  { measure: 'cyber.overdue-vulnerabilities', target: 0, tolerance: 10, owner: 'Helen Walsh, Infrastructure and security manager' },
  { measure: 'cyber.caf-outcomes-meeting-profile', target: 90, tolerance: 10, period: 'quarter', owner: 'Helen Walsh, Infrastructure and security manager' },
  { measure: 'training.coverage', target: 95, tolerance: 5, owner: 'Priya Shah, Head of IT and Digital' },
  { measure: 'people.vacancy-rate', target: 8, tolerance: 4, period: 'quarter', owner: 'Priya Shah, Head of IT and Digital' },
];
const byHand: (Seed & { readings: number[] })[] = [
  {
    measure: 'manual',
    name: 'Residents satisfied with the council’s website',
    unit: '%',
    direction: 'up',
    target: 75,
    tolerance: 5,
    period: 'quarter',
    source: 'Demo: residents’ survey, quarterly panel',
    owner: 'Rebecca Lane, Web manager',
    userOutcome: true,
    readings: [61, 63, 66, 68],
  },
  {
    measure: 'manual',
    name: 'Council tax payments made online',
    unit: '%',
    direction: 'up',
    target: 80,
    tolerance: 5,
    period: 'month',
    source: 'Demo: revenues system monthly report',
    owner: 'Anita Desai, Director of Resources',
    userOutcome: true,
    readings: [52, 53, 55, 54, 56, 57, 58, 58, 60, 61, 61, 62],
  },
  {
    measure: 'manual',
    name: 'Online forms completed without a phone call',
    unit: '%',
    direction: 'up',
    target: 85,
    tolerance: 5,
    period: 'month',
    source: 'Demo: web analytics, forms funnel',
    owner: 'Rebecca Lane, Web manager',
    userOutcome: true,
    readings: [66, 67, 70, 71, 70, 72, 73, 74, 74, 76, 77, 78],
  },
  {
    measure: 'manual',
    name: 'Calls to the contact centre about IT-enabled services',
    unit: 'count',
    direction: 'down',
    target: 9000,
    tolerance: 1000,
    period: 'month',
    source: 'Demo: contact centre telephony statistics',
    owner: 'Customer services manager',
    userOutcome: true,
    readings: [12400, 12100, 11800, 12900, 11500, 11200, 10800, 10900, 10400, 10100, 9900, 9700],
  },

  {
    measure: 'manual',
    name: 'Social workers’ hours a week on case recording',
    unit: 'hours',
    direction: 'down',
    target: 8,
    tolerance: 2,
    period: 'quarter',
    source: 'Demo: adult social care time-use survey',
    owner: 'Helen Ward, Director of Adult Social Care',
    userOutcome: true,
    readings: [14, 13.5, 12.5, 12],
  },
];

const monthsBack = (n: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};

export async function loadKpiDemo(ctx: DemoContext) {
  const { db, organisationId: org } = ctx;
  const actor = { personId: own(ctx.people, 'headOfIt') ?? null, label: 'demo loader', organisationId: org };
  for (const k of computed)
    await addKpi(db, actor, org, { name: '', period: 'month', tolerance: 0, owner: '', userOutcome: false, source: '', ...k } as KpiInput);
  for (const { readings, ...k } of byHand) {
    const id = await addKpi(db, actor, org, { tolerance: 0, owner: '', userOutcome: false, ...k } as KpiInput);
    // Quarterly figures arrive for each quarter's last month; monthly ones each month, the latest last month.
    const step = k.period === 'quarter' ? 3 : 1;
    for (const [i, value] of readings.entries()) {
      const back = (readings.length - 1 - i) * step + (k.period === 'quarter' ? ((Number(monthsBack(0).slice(5)) + 8) % 3) + 1 : 1);
      await recordReading(db, actor, org, id, { month: monthsBack(back), value, note: '' });
    }
  }
}
