import type { FastifyInstance } from 'fastify';
import { ticketRoutes } from './tickets/routes.js';
import { portalRoutes } from './portal/routes.js';
import { serviceDeskApi } from './api.js';

export async function serviceDeskRoutes(app: FastifyInstance) {
  await ticketRoutes(app);
  await portalRoutes(app);
  await serviceDeskApi(app);
}
