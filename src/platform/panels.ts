import type { FastifyInstance } from 'fastify';
import type { Panel, PanelSources, PortalSubject, SystemSubject, TicketSubject } from './module.js';

/**
 * The panels other modules offer for a ticket page. A panel that fails is left out and logged:
 * one module's trouble must not take another's page down.
 */
export const ticketPanels = (app: FastifyInstance, subject: TicketSubject) => panelsFor(app, 'ticket', subject);

/** The panels other modules offer for a system's page in the estate. */
export const systemPanels = (app: FastifyInstance, subject: SystemSubject) => panelsFor(app, 'system', subject);

/** The panels other modules offer for the staff portal's front page (announcements, the status of services). */
export const portalPanels = (app: FastifyInstance, subject: PortalSubject) => panelsFor(app, 'portal', subject);

async function panelsFor<K extends keyof PanelSources>(app: FastifyInstance, page: K, subject: Parameters<NonNullable<PanelSources[K]>>[2]): Promise<Panel[]> {
  const { db, database, panels } = app.steward;
  const found = await Promise.all(
    panels.map(async (p) => {
      const source = p[page] as ((...args: unknown[]) => Promise<Panel | null>) | undefined;
      try {
        return source ? await source(db, database.dialect, subject) : null;
      } catch (err) {
        app.log.warn({ err }, `a ${page} panel failed`);
        return null;
      }
    }),
  );
  return found.filter((p): p is Panel => p !== null);
}
