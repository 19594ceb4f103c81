import { monthSpan, type Measure } from '../../platform/index.js';
import { majorIncidentsBetween } from '../service-desk/index.js';
import { estate } from './abilities.js';
import { contractDecisions } from './contracts/service.js';
import { supportCounts, tierOneServiceIds } from './queries.js';

const today = () => new Date().toISOString().slice(0, 10);

export const estateMeasures: Measure[] = [
  {
    key: 'estate.tier-1-availability',
    name: 'Availability of the services tier-1 systems support',
    description:
      'For each service on the desk that a tier-1 system supports, the share of the month with no major incident open on it, averaged across those services.',
    area: 'Tech estate',
    unit: '%',
    direction: 'up',
    userOutcome: true,
    access: estate.read,
    history: true,
    monthly: async (db, organisationId, months) => {
      const services = new Set(await tierOneServiceIds(db, organisationId));
      if (!services.size) return months.map(() => null);
      const first = monthSpan(months[0]!).from;
      const end = new Date(Date.parse(`${monthSpan(months.at(-1)!).to}T00:00:00Z`) + 86_400_000);
      const incidents = (await majorIncidentsBetween(db, organisationId, `${first}T00:00:00.000Z`, end.toISOString())).filter((i) =>
        services.has(Number(i.service_id)),
      );
      const now = Date.now();
      return months.map((m) => {
        const { from, to } = monthSpan(m);
        const start = Date.parse(`${from}T00:00:00Z`);
        const stop = Math.min(now, Date.parse(`${to}T00:00:00Z`) + 86_400_000);
        if (stop <= start) return null;
        const down = new Map<number, number>();
        for (const i of incidents) {
          const a = Math.max(start, Date.parse(String(i.declared_at)));
          const b = Math.min(stop, i.closed_at ? Date.parse(String(i.closed_at)) : now);
          if (b > a) down.set(Number(i.service_id), (down.get(Number(i.service_id)) ?? 0) + (b - a));
        }
        const span = stop - start;
        const mean = [...services].reduce((sum, id) => sum + (1 - Math.min(span, down.get(id) ?? 0) / span), 0) / services.size;
        return Math.round(mean * 10000) / 100;
      });
    },
  },
  {
    key: 'estate.past-end-of-support',
    name: 'Systems past their end of support',
    description: 'The share of the systems in the register whose supplier support has ended, as things stand.',
    area: 'Tech estate',
    unit: '%',
    direction: 'down',
    userOutcome: false,
    access: estate.read,
    history: false,
    monthly: async (db, organisationId, months) => {
      const { systems, past } = await supportCounts(db, organisationId, today());
      return months.map(() => (systems ? Math.round((past / systems) * 1000) / 10 : null));
    },
  },
  {
    key: 'estate.contract-decisions',
    name: 'Contracts needing a decision',
    description: 'Contracts whose notice deadline falls within the alert lead time, so that a renew, extend or exit decision is due, as things stand.',
    area: 'Suppliers and contracts',
    unit: 'count',
    direction: 'down',
    userOutcome: false,
    access: estate.read,
    history: false,
    monthly: async (db, organisationId, months) => {
      const { contracts } = await contractDecisions(db, organisationId, today());
      return months.map(() => contracts.length);
    },
  },
];
