import { absoluteLink, auditedWrite, notify, systemActor, type Db } from '../../../platform/index.js';
import { loadPolicy } from '../sla/service.js';
import * as q from './queries.js';
import { ticketSla, toIntervals } from './sla.js';

/**
 * Keeps queues' SLA states true as time passes, and tells the assignee once when a ticket reaches
 * its warning share and once when it breaches. Breaches are recorded for good.
 */
export async function sweepSla(db: Db, now = new Date()) {
  const horizon = new Date(now.getTime() + 2 * 86_400_000).toISOString();
  const due = await q.comingDue(db, horizon, 500);
  let changed = 0;
  for (const row of due) {
    const ticket = await q.findTicket(db, row.organisation_id, row.id);
    if (!ticket?.sla_policy_id) continue;
    const policy = await loadPolicy(db, ticket.organisation_id, ticket.sla_policy_id);
    const sla = ticketSla(policy, ticket, toIntervals(await q.pausesOf(db, ticket.id)), now);
    if (sla.state === ticket.sla_state) continue;
    changed++;
    await auditedWrite(db, systemActor('sla sweep', ticket.organisation_id), async (tx, audit) => {
      await q.updateTicket(tx, ticket.id, {
        sla_state: sla.state,
        response_breached: ticket.response_breached || sla.response.state === 'breached' ? 1 : 0,
        resolution_breached: ticket.resolution_breached || sla.resolution.state === 'breached' ? 1 : 0,
      });
      await audit.updated(
        'ticket',
        ticket.id,
        { sla_state: ticket.sla_state },
        { sla_state: sla.state },
        `${ticket.reference}: SLA ${sla.state}`,
        ticket.organisation_id,
      );
      if (sla.state === 'warning' || sla.state === 'breached') {
        const breach = sla.state === 'breached';
        await notify(tx, {
          organisationId: ticket.organisation_id,
          personId: ticket.assignee_id,
          kind: breach ? 'sla-breach' : 'sla-warning',
          subject: `${breach ? 'SLA breached' : 'SLA warning'}: ${ticket.reference} ${ticket.title}`,
          thread: ticket.reference,
          body: `${ticket.reference} ${breach ? 'has passed' : 'is close to'} its resolution target${sla.resolution.dueAt ? ` (due ${sla.resolution.dueAt.toISOString()})` : ''}.\n\n${absoluteLink(`/service-desk/tickets/${ticket.reference}`)}\n`,
          now: now.toISOString(),
        });
      }
    });
  }
  return { checked: due.length, changed };
}
