import type { FastifyInstance } from 'fastify';
import { ticketRoutes } from './tickets/routes.js';
import { portalRoutes } from './portal/routes.js';
import { serviceDeskApi } from './api.js';
import { majorIncidentRoutes } from './major/routes.js';
import { cannedReplyRoutes } from './replies/routes.js';
import { knowledgeRoutes } from './knowledge/routes.js';
import { slaRoutes } from './sla/routes.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { catalogueRoutes } from './catalogue/routes.js';
import { attachmentRoutes } from './tickets/attachment-routes.js';
import { mailInRoutes } from './mail-in/routes.js';

export async function serviceDeskRoutes(app: FastifyInstance) {
  await ticketRoutes(app);
  await portalRoutes(app);
  await serviceDeskApi(app);
  await majorIncidentRoutes(app);
  await cannedReplyRoutes(app);
  await knowledgeRoutes(app);
  await slaRoutes(app);
  await dashboardRoutes(app);
  await catalogueRoutes(app);
  await attachmentRoutes(app);
  await mailInRoutes(app);
}
