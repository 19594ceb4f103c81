import { monthSpan, type Measure } from '../../platform/index.js';
import { problems } from './abilities.js';
import * as q from './queries.js';

/** Problem management's figures for KPIs: what is open now, and what was fixed each month. */
export const problemMeasures: Measure[] = [
  {
    key: 'problems.open',
    name: 'Open problems',
    description: 'Problems logged, under investigation or known errors, as things stand: causes of incidents not yet fixed for good.',
    area: 'Service desk',
    unit: 'count',
    direction: 'down',
    userOutcome: false,
    access: problems.read,
    history: false,
    monthly: async (db, organisationId, months, shared) => {
      const { open } = await shared.once('problems.open-counts', () => q.openCounts(db, organisationId));
      return months.map(() => open);
    },
  },
  {
    key: 'problems.known-errors',
    name: 'Known errors with a workaround',
    description: 'Open problems whose cause is known and whose workaround is published as a knowledge article, as things stand.',
    area: 'Service desk',
    unit: 'count',
    direction: 'down',
    userOutcome: false,
    access: problems.read,
    history: false,
    monthly: async (db, organisationId, months, shared) => {
      const { knownErrors } = await shared.once('problems.open-counts', () => q.openCounts(db, organisationId));
      return months.map(() => knownErrors);
    },
  },
  {
    key: 'problems.resolved',
    name: 'Problems resolved',
    description: 'Problems resolved in the month: causes of incidents found and fixed, so the incidents stop.',
    area: 'Service desk',
    unit: 'count',
    direction: 'up',
    userOutcome: false,
    access: problems.read,
    history: true,
    monthly: async (db, organisationId, months) => {
      const from = `${monthSpan(months[0]!).from}T00:00:00.000Z`;
      const to = new Date(Date.parse(`${monthSpan(months.at(-1)!).to}T00:00:00Z`) + 86_400_000).toISOString();
      const rows = await q.resolvedBetween(db, organisationId, from, to);
      const months_ = new Map(months.map((m) => [m, 0]));
      for (const r of rows) {
        const m = new Date(String(r.resolved_at)).toISOString().slice(0, 7);
        if (months_.has(m)) months_.set(m, months_.get(m)! + 1);
      }
      return months.map((m) => months_.get(m) ?? 0);
    },
  },
];
