import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { changes } from './abilities.js';
import { changeMigrations } from './migrations.js';
import { changeMeasures } from './measures.js';
import { approvedChanges } from './planned-work.js';
import { changeRoutes } from './routes.js';
import { changesApi } from './api.js';
import { loadChangesDemo } from './demo.js';

export { changes as changeAbilities } from './abilities.js';

/**
 * Change management (ITIL): standard, normal and emergency changes with a risk questionnaire that
 * sets who must approve, the change advisory board and its votes, freeze windows, and a change
 * calendar that flags conflicts on the same or dependent systems of the estate.
 */
export const changesModule: StewardModule = {
  name: 'changes',
  migrations: changeMigrations,
  routes: async (app: FastifyInstance) => {
    await changeRoutes(app);
    await changesApi(app);
  },
  demo: loadChangesDemo,
  measures: changeMeasures,
  plannedWork: [approvedChanges],
  areas: [
    {
      slug: 'changes',
      name: 'Changes',
      summary: 'Changes to the council’s technology: risk, the CAB’s approval, the change calendar with its conflicts and freeze windows.',
      href: '/changes',
      access: changes.read,
      order: 11.6,
    },
  ],
};
