import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { problems } from './abilities.js';
import { problemMigrations } from './migrations.js';
import { problemRoutes } from './routes.js';
import { problemsApi } from './api.js';
import { loadProblemsDemo } from './demo.js';
import { ticketProblemsPanel } from './panels.js';
import { problemMeasures } from './measures.js';
import { proposeProblemsEverywhere } from './service.js';

export { problems as problemAbilities } from './abilities.js';

/**
 * Problem management (ITIL): problems raised from one or many incidents, worked to a known error
 * whose workaround is published as a knowledge article, then fixed; and problems Steward proposes
 * when several incidents hit one service within a few days.
 */
export const problemsModule: StewardModule = {
  name: 'problems',
  measures: problemMeasures,
  migrations: problemMigrations,
  routes: async (app: FastifyInstance) => {
    await problemRoutes(app);
    await problemsApi(app);
  },
  demo: loadProblemsDemo,
  panels: { ticket: ticketProblemsPanel },
  jobs: [{ name: 'problem-proposals', everyMs: 3600_000, run: async (db, now) => void (await proposeProblemsEverywhere(db, now)) }],
  // Beside the service desk in the navigation, for those who may read problems.
  navigation: [{ text: 'Problems', href: '/problems', access: problems.read, order: 11.5 }],
  areas: [
    {
      slug: 'problems',
      name: 'Problems and known errors',
      summary: 'The causes behind repeated incidents, their workarounds published as knowledge articles, and the problems Steward proposes.',
      href: '/problems',
      access: problems.read,
      order: 11.5,
    },
  ],
};
