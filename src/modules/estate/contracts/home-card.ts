import { can, type HomeCard } from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { contractDecisions } from './service.js';

/** Contract decisions within the organisation's alert lead times, for the people who make them. */
export const contractDecisionsCard: HomeCard = {
  name: 'contract-decisions',
  template: 'modules/estate/contracts/views/decisions-card.njk',
  async load(db, identity) {
    if (!can(identity, estate.seeDecisions)) return null;
    const coming = await contractDecisions(db, identity.organisation.id, new Date().toISOString().slice(0, 10));
    if (!coming.contracts.length) return null;
    return { decisions: coming.contracts.slice(0, 8), decisionCount: coming.contracts.length, leadMonths: Math.max(...coming.leadMonths) };
  },
};
