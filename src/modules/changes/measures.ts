import { monthSpan, type Measure } from '../../platform/index.js';
import { changes } from './abilities.js';
import { plannedOutcomes } from './queries.js';
import { emergencyShare, successRate } from './rules.js';

type Rows = Awaited<ReturnType<typeof plannedOutcomes>>;

/** The changes planned to start in the months asked, read once for both measures. */
const rowsOf = (db: Parameters<Measure['monthly']>[0], organisationId: number, months: string[], shared: Parameters<Measure['monthly']>[3]) =>
  shared.once(`changes.planned:${organisationId}:${months[0]}:${months.at(-1)}`, async () => {
    const from = `${monthSpan(months[0]!).from}T00:00:00.000Z`;
    const to = new Date(Date.parse(`${monthSpan(months.at(-1)!).to}T00:00:00Z`) + 86_400_000).toISOString();
    return plannedOutcomes(db, organisationId, from, to);
  });
const inMonth = (rows: Rows, month: string) => rows.filter((r) => String(r.planned_start).slice(0, 7) === month);
const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export const changeMeasures: Measure[] = [
  {
    key: 'changes.success-rate',
    name: 'Change success rate',
    description: 'Of the changes planned to start in the month that have finished, the share implemented rather than failed or backed out.',
    area: 'Service desk',
    unit: '%',
    direction: 'up',
    userOutcome: false,
    access: changes.read,
    history: true,
    monthly: async (db, organisationId, months, shared) => {
      const rows = await rowsOf(db, organisationId, months, shared);
      return months.map((m) => {
        const r = inMonth(rows, m);
        return percent(
          successRate({
            implemented: r.filter((x) => x.outcome === 'implemented').length,
            failed: r.filter((x) => x.outcome === 'failed').length,
            backedOut: r.filter((x) => x.outcome === 'backed_out').length,
          }),
        );
      });
    },
  },
  {
    key: 'changes.emergency-share',
    name: 'Emergency changes',
    description: 'The share of the changes planned to start in the month that were emergency changes: fewer means more is planned ahead.',
    area: 'Service desk',
    unit: '%',
    direction: 'down',
    userOutcome: false,
    access: changes.read,
    history: true,
    monthly: async (db, organisationId, months, shared) => {
      const rows = await rowsOf(db, organisationId, months, shared);
      return months.map((m) => {
        const r = inMonth(rows, m);
        return percent(emergencyShare({ emergency: r.filter((x) => x.kind === 'emergency').length, total: r.length }));
      });
    },
  },
];
