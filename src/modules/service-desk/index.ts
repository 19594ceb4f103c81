import type { StewardModule } from '../../platform/index.js';
import { serviceDeskMigrations } from './migrations.js';
import { serviceDeskRoutes } from './routes.js';
import { loadServiceDeskDemo } from './demo.js';
import { sweepSla } from './tickets/sweep.js';
import { foldStats } from './dashboard/queries.js';

export { createTicket, changeStatus, assignTicket, addComment } from './tickets/service.js';
export { createService, createRequestType, createCategory, servicesOf } from './catalogue/service.js';
export { deskSettings } from './sla/service.js';
export { openTicketsOfServices } from './tickets/queries.js';
export { statusNames as ticketStatusNames } from './tickets/rules.js';

/** The service desk: catalogue, incidents and requests, SLAs on a working calendar, the staff portal. */
export const serviceDeskModule: StewardModule = {
  name: 'service-desk',
  migrations: serviceDeskMigrations,
  routes: serviceDeskRoutes,
  navigation: [
    { text: 'Get IT help', href: '/portal', access: 'signed-in' },
    { text: 'Knowledge base', href: '/knowledge', access: 'signed-in' },
  ],
  demo: loadServiceDeskDemo,
  jobs: [
    { name: 'sla-sweep', everyMs: 60_000, run: async (db, now) => void (await sweepSla(db, now)) },
    { name: 'fold-daily-figures', everyMs: 60_000, run: async (db) => void (await foldStats(db)) },
  ],
};
