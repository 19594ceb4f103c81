import type { StewardModule } from '../../platform/index.js';
import { desk } from './abilities.js';
import { serviceDeskMigrations } from './migrations.js';
import { serviceDeskRoutes } from './routes.js';
import { loadServiceDeskDemo } from './demo.js';
import { sweepSla } from './tickets/sweep.js';
import { foldStats } from './dashboard/queries.js';
import { deskMeasures } from './dashboard/measures.js';
import { serviceDeskMail } from './mail-in/service.js';

export { createTicket, changeStatus, assignTicket, addComment } from './tickets/service.js';
export { createService, createRequestType, createCategory, servicesOf } from './catalogue/service.js';
export { deskSettings } from './sla/service.js';
export { openTicketsOfServices } from './tickets/queries.js';
export { statusNames as ticketStatusNames } from './tickets/rules.js';
export { deskRecords } from './references.js';
export { majorIncidentsBetween } from './dashboard/queries.js';

/** The service desk: catalogue, incidents and requests, SLAs on a working calendar, the staff portal. */
export const serviceDeskModule: StewardModule = {
  measures: deskMeasures,
  mailIn: serviceDeskMail,
  name: 'service-desk',
  migrations: serviceDeskMigrations,
  routes: serviceDeskRoutes,
  navigation: [
    { text: 'Get IT help', href: '/portal', access: 'signed-in', order: 1 },
    { text: 'Knowledge base', href: '/knowledge', access: 'signed-in', order: 2 },
    // Areas come from 10, in the order a new Head of IT meets them.
    { text: 'Service desk', href: '/service-desk', access: desk.readTickets, order: 11 },
  ],
  areas: [
    {
      slug: 'service-desk',
      name: 'Service desk',
      summary: 'Incidents, requests, problems and changes, with SLAs on a working calendar.',
      href: '/service-desk',
      access: desk.readTickets,
      order: 11,
    },
  ],
  demo: loadServiceDeskDemo,
  jobs: [
    { name: 'sla-sweep', everyMs: 60_000, run: async (db, now) => void (await sweepSla(db, now)) },
    { name: 'fold-daily-figures', everyMs: 60_000, run: async (db) => void (await foldStats(db)) },
  ],
};

/** For problem management: a known error publishes its workaround as an article and keeps it up to date; suggestions ranked for a question. */
export { createArticle, updateArticle, writeArticle, rewriteArticle, searchArticles, type ArticleInput } from './knowledge/service.js';
