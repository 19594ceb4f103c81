import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { budget } from './abilities.js';
import { budgetMigrations } from './migrations.js';
import { budgetRoutes } from './routes.js';
import { budgetApi } from './api.js';
import { actualsImport } from './import.js';
import { loadBudgetDemo } from './demo.js';
import { budgetPackSection } from './pack.js';

export { budget as budgetAbilities } from './abilities.js';
export { budgetOf, costPerService } from './service.js';

/** Budget and value: the IT budget by financial year against the finance system's actuals, and the cost of each council service. */
export const budgetModule: StewardModule = {
  packSections: [budgetPackSection],
  name: 'budget',
  migrations: budgetMigrations,
  routes: async (app: FastifyInstance) => {
    await budgetRoutes(app);
    await budgetApi(app);
  },
  imports: [actualsImport],
  demo: loadBudgetDemo,
  areas: [
    {
      slug: 'budget',
      name: 'Budget and value',
      summary: 'The IT budget against actuals from the finance system, the forecast outturn and savings, and what each council service costs.',
      href: '/budget',
      access: budget.read,
      order: 20,
    },
  ],
};
