import type { Measure } from '../../platform/index.js';
import { estate } from './abilities.js';
import { contractDecisions } from './contracts/service.js';
import { supportCounts } from './queries.js';

const today = () => new Date().toISOString().slice(0, 10);

export const estateMeasures: Measure[] = [
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
