import type { FastifyRequest } from 'fastify';
import { can, date, identityOf, type Db } from '../../platform/index.js';
import { problems } from './abilities.js';
import * as q from './queries.js';
import { proposalDays } from './service.js';
import { defaultProposalRule } from './rules.js';
import { problemsCrumbs } from './pages.js';

/** The problems Steward proposes, each with its incidents, for the proposals page. */
export async function proposalsPage(request: FastifyRequest, db: Db) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const open = await q.openProposals(db, orgId, 100);
  const ids = open.flatMap((p) => JSON.parse(p.incident_ids) as number[]);
  const [tickets, linked] = await Promise.all([q.ticketsByIds(db, orgId, ids), q.problemsOfTickets(db, orgId, ids)]);
  const byId = new Map(tickets.map((t) => [Number(t.id), t]));
  const covered = new Set(linked.map((l) => Number(l.ticket_id)));
  return {
    title: 'Proposed problems',
    breadcrumbs: problemsCrumbs,
    rule: { ...defaultProposalRule, lookBack: proposalDays },
    // A proposal whose incidents have since been linked to problems by hand no longer calls for one.
    proposals: open.flatMap((p) => {
      const incidents = (JSON.parse(p.incident_ids) as number[]).flatMap((id) => {
        const t = byId.get(id);
        return t
          ? [{ reference: t.reference, title: t.title, raised: date(new Date(String(t.created_at)).toISOString().slice(0, 10)), covered: covered.has(id) }]
          : [];
      });
      if (incidents.filter((i) => !i.covered).length < defaultProposalRule.incidents) return [];
      return {
        id: Number(p.id),
        where: p.service_name ?? p.system_name ?? 'One service',
        incidents,
        from: date(new Date(String(p.first_at)).toISOString().slice(0, 10)),
        to: date(new Date(String(p.last_at)).toISOString().slice(0, 10)),
      };
    }),
    canWork: can(identity, problems.work),
    values: {},
  };
}
