import type { Db, Panel, TicketSubject } from '../../platform/index.js';
import * as q from './queries.js';
import { problemRow } from './pages.js';
import { statusLabels } from './rules.js';

/**
 * On an incident: the problem it is linked to (when the ticket page names its ticket), and the
 * known errors on its service (with the article of their workaround) and the problems still being
 * investigated, so the desk can link the incident and give the workaround rather than start from
 * nothing.
 */
export async function ticketProblemsPanel(db: Db, _dialect: 'sqlite' | 'postgres', subject: TicketSubject): Promise<Panel | null> {
  if (subject.kind !== 'incident') return null;
  const linked =
    subject.ticketId === undefined
      ? []
      : (await q.problemsOfTickets(db, subject.organisationId, [subject.ticketId])).map((p) => ({
          reference: p.reference,
          title: p.title,
          statusName: statusLabels[p.status],
          articleId: p.article_id === null ? null : Number(p.article_id),
          href: `/problems/${p.reference}`,
        }));
  const onService = subject.serviceId === null ? [] : (await q.knownErrorsOfService(db, subject.organisationId, subject.serviceId, 10)).map(problemRow);
  const others = onService.filter((p) => !linked.some((l) => l.reference === p.reference));
  if (!linked.length && !others.length) return null;
  const knownErrors = others.filter((p) => p.status === 'known_error');
  return {
    title: linked.length ? 'The problem behind this incident' : knownErrors.length ? 'Known errors on this service' : 'Problems on this service',
    template: 'modules/problems/views/ticket-panel.njk',
    context: { linked, knownErrors, investigating: others.filter((p) => p.status !== 'known_error') },
  };
}
