import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { stakeholders } from './abilities.js';
import { stakeholderMigrations } from './migrations.js';
import { stakeholderRoutes } from './routes.js';
import { stakeholdersApi } from './api.js';
import { loadStakeholdersDemo } from './demo.js';

export { stakeholders as stakeholderAbilities } from './abilities.js';
/**
 * For other modules: a reader's feedback on a staff blog post, landed in the engagement log as
 * feedback awaiting a reply (audited), against the stakeholder with that Steward account if any.
 */
export { recordPostFeedback } from './service.js';

/**
 * Telling people, the first part: the stakeholder register on an influence/interest grid, the
 * engagement log with its follow-ups, "not met in 90 days" and "feedback with no reply", and the
 * communications plan on a calendar with what was sent and the feedback it got.
 */
export const stakeholdersModule: StewardModule = {
  name: 'stakeholders',
  migrations: stakeholderMigrations,
  routes: async (app: FastifyInstance) => {
    await stakeholderRoutes(app);
    await stakeholdersApi(app);
  },
  demo: loadStakeholdersDemo,
  areas: [
    {
      slug: 'stakeholders',
      name: 'Stakeholders and engagement',
      summary:
        'Who matters to the IT service, on an influence and interest grid; the meetings attended, what was heard and the follow-ups; who has not been met lately.',
      href: '/stakeholders',
      access: stakeholders.read,
      order: 27,
    },
    {
      slug: 'communications-plan',
      name: 'Communications plan',
      summary: 'What people need to know, to whom, by which channel and how often, on a calendar; what was sent and the feedback it got.',
      href: '/communications-plan',
      access: stakeholders.read,
      order: 28,
    },
  ],
};
