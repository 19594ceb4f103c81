import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { kpis } from './abilities.js';
import { kpiMigrations } from './migrations.js';
import { kpiRoutes } from './routes.js';
import { kpiApi } from './api.js';
import { loadKpiDemo } from './demo.js';
import { keepMonthlyReadings } from './service.js';
import { kpiPackSection } from './pack.js';
import { kpiProgress } from './progress.js';

export { kpis as kpiAbilities } from './abilities.js';
export { kpiFigures, type KpiFigure } from './service.js';

/**
 * KPIs: figures every module offers as measures (SLA attainment, satisfaction, the estate past end
 * of support, the vacancy rate), chosen with targets, and the few Steward cannot know entered with
 * their source; what residents and staff get first.
 */
export const kpisModule: StewardModule = {
  progressSources: [kpiProgress],
  packSections: [kpiPackSection],
  name: 'kpis',
  migrations: kpiMigrations,
  routes: async (app: FastifyInstance) => {
    await kpiRoutes(app);
    await kpiApi(app);
  },
  demo: loadKpiDemo,
  jobs: [{ name: 'kpi-readings', everyMs: 6 * 3600_000, run: async (db, now) => void (await keepMonthlyReadings(db, now)) }],
  areas: [
    {
      slug: 'kpis',
      name: 'KPIs',
      summary: 'Key performance indicators against their targets, worked out from live data wherever Steward can, with their trends.',
      href: '/kpis',
      access: kpis.read,
      order: 19,
    },
  ],
};
