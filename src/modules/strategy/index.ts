import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { strategy } from './abilities.js';
import { strategyMigrations } from './migrations.js';
import { strategyRoutes } from './routes.js';
import { strategyApi } from './api.js';
import { maturityRoutes } from './maturity-routes.js';
import { loadStrategyDemo } from './demo.js';
import { projectLinkable } from './records.js';
import { roadmapPackSection } from './pack.js';
import { roadmapProgress } from './progress.js';

export { strategy as strategyAbilities } from './abilities.js';
export { projectIdsByReference } from './queries.js';

/**
 * Strategy and governance: the council's priorities, the digital vision and its objectives with
 * their measures, and the roadmap of programmes and projects tied to them, to the estate's systems
 * and to the risk register.
 */
export const strategyModule: StewardModule = {
  progressSources: [roadmapProgress],
  packSections: [roadmapPackSection],
  name: 'strategy',
  migrations: strategyMigrations,
  routes: async (app: FastifyInstance) => {
    await strategyRoutes(app);
    await strategyApi(app);
    await maturityRoutes(app);
  },
  records: [projectLinkable],
  demo: loadStrategyDemo,
  navigation: [{ text: 'Strategy and governance', href: '/strategy', access: strategy.read, order: 17 }],
  areas: [
    {
      slug: 'strategy',
      name: 'Strategy and governance',
      summary: 'The council’s priorities, the digital strategy’s objectives and their measures, and the roadmap of programmes and projects.',
      href: '/strategy',
      access: strategy.read,
      order: 17,
    },
  ],
};
