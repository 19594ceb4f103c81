import type { FastifyInstance } from 'fastify';
import type { Panel, TicketSubject } from './module.js';

/**
 * The panels other modules offer for a ticket page. A panel that fails is left out and logged:
 * one module's trouble must not take another's page down.
 */
export async function ticketPanels(app: FastifyInstance, subject: TicketSubject): Promise<Panel[]> {
  const { db, database, panels } = app.steward;
  const found = await Promise.all(
    panels.map(async (p) => {
      try {
        return p.ticket ? await p.ticket(db, database.dialect, subject) : null;
      } catch (err) {
        app.log.warn({ err }, 'a ticket panel failed');
        return null;
      }
    }),
  );
  return found.filter((p): p is Panel => p !== null);
}
