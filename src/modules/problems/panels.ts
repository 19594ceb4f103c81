import type { Db, Panel, TicketSubject } from '../../platform/index.js';
import * as q from './queries.js';
import { problemRow } from './pages.js';

/**
 * On an incident against a council service: the known errors on that service (with the article of
 * their workaround) and the problems still being investigated, so the desk can link the incident
 * and give the workaround rather than start from nothing.
 */
export async function ticketProblemsPanel(db: Db, _dialect: 'sqlite' | 'postgres', subject: TicketSubject): Promise<Panel | null> {
  if (subject.kind !== 'incident' || subject.serviceId === null) return null;
  const rows = (await q.knownErrorsOfService(db, subject.organisationId, subject.serviceId, 10)).map(problemRow);
  if (!rows.length) return null;
  const knownErrors = rows.filter((p) => p.status === 'known_error');
  return {
    title: knownErrors.length ? 'Known errors on this service' : 'Problems on this service',
    template: 'modules/problems/views/ticket-panel.njk',
    context: { knownErrors, investigating: rows.filter((p) => p.status !== 'known_error') },
  };
}
