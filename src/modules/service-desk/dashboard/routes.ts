import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { barChart, dateFilter, exportLimit, identityOf, pageQuery, toCsv, UserError } from '../../../platform/index.js';
import { desk } from '../abilities.js';
import { queueQuery, toFilter } from '../tickets/queue.js';
import { priorityNames, statusNames } from '../tickets/rules.js';
import { listTickets } from '../tickets/service.js';
import { ageBands, backlogByAge, openByArea, summarise } from './figures.js';
import { openByService, openRaisedSince, ratingsBetween, statsBetween } from './queries.js';

/** A week as people write it on an axis: "31 Aug", not "08-31". */
const weekLabel = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

const rangeQuery = z.object({ from: dateFilter, to: dateFilter });

async function range(request: FastifyRequest, now: Date) {
  const parsed = await pageQuery(request, rangeQuery);
  if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
  const to = parsed.value.to || now.toISOString().slice(0, 10);
  const from = parsed.value.from || new Date(Date.parse(`${to}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
  if (from > to) throw new UserError('The start of the range must be before its end', { status: 400 });
  return { from, to };
}

export async function dashboardRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  async function figures(organisationId: number, from: string, to: string, now: Date) {
    const toExclusive = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString();
    const [days, ratings, newer, byService] = await Promise.all([
      statsBetween(db, organisationId, from, to),
      ratingsBetween(db, organisationId, `${from}T00:00:00.000Z`, toExclusive),
      openRaisedSince(
        db,
        organisationId,
        ageBands.slice(0, -1).map((b) => new Date(now.getTime() - b.days * 86_400_000).toISOString()),
      ),
      openByService(db, organisationId),
    ]);
    // Every open ticket is in one service's count (or in the count of those with none).
    const open = byService.reduce((sum, s) => sum + Number(s.n), 0);
    const older = newer.map((n) => open - n);
    return { ...summarise(days, ratings), open, backlog: backlogByAge(open, older), byArea: openByArea(byService) };
  }

  app.get('/service-desk/dashboard', { config: { access: desk.readDashboard, query: rangeQuery } }, async (request, reply) => {
    const now = new Date();
    const { from, to } = await range(request, now);
    const f = await figures(identityOf(request).organisation.id, from, to, now);
    return reply.render('modules/service-desk/dashboard/views/dashboard.njk', {
      title: 'Service desk dashboard',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Service desk', href: '/service-desk' },
      ],
      from,
      to,
      f,
      csvHref: `/service-desk/dashboard.csv?from=${from}&to=${to}`,
      backlogChart: barChart(
        f.backlog.map((b) => ({
          label: b.label
            .replace(' to ', '–')
            .replace('Under a day', '<1 day')
            .replace('Over 4 weeks', '>4 wks')
            .replace(' weeks', ' wks')
            .replace(' days', 'd'),
          value: b.n,
        })),
      ),
      volumeChart: barChart(
        f.volume.map((w) => ({ label: weekLabel(w.week), value: w.created })),
        { barWidth: 26, gap: 8 },
      ),
      slaChart: barChart(f.sla.map((p) => ({ label: `P${p.priority}`, value: p.compliance ?? 0 }))),
      satisfactionChart: barChart(f.satisfaction.byScore.map((s) => ({ label: String(s.score), value: s.n }))),
      priorityNames,
    });
  });

  app.get('/service-desk/dashboard.csv', { config: { access: desk.readDashboard, query: rangeQuery } }, async (request, reply) => {
    const now = new Date();
    const { from, to } = await range(request, now);
    const f = await figures(identityOf(request).organisation.id, from, to, now);
    const rows: unknown[][] = [
      ['Tickets raised', '', f.created],
      ['Tickets resolved', '', f.resolved],
      ['Open now', '', f.open],
      ['First-contact resolution (%)', '', f.firstContactResolution],
      ['Mean time to resolve (hours)', '', f.meanHoursToResolve],
      ['Satisfaction: average out of 5', '', f.satisfaction.average],
      ['Satisfaction: responses', '', f.satisfaction.responses],
      ...f.sla.map((p) => [`SLA compliance (%)`, `P${p.priority}`, p.compliance]),
      ...f.backlog.map((b) => ['Open backlog by age', b.label, b.n]),
      ...f.volume.map((w) => ['Raised in week starting', w.week, w.created]),
      ...f.byArea.rows.flatMap((d) => [
        ['Open by directorate or service area', d.name, d.open],
        ...d.areas.map((a) => ['Open by service area', `${a.name} (${d.name})`, a.open]),
      ]),
      ['Open by service area', 'No service area recorded', f.byArea.noArea],
    ];
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="service-desk-${from}-to-${to}.csv"`)
      .send(toCsv(['Figure', 'Part', 'Value'], rows));
  });

  // Any ticket list, with the queue page's filters, as CSV: a page at a time by keyset, never all in memory.
  app.get('/service-desk/tickets.csv', { config: { access: desk.readTickets, query: queueQuery } }, async (request, reply) => {
    const identity = identityOf(request);
    const parsed = await pageQuery(request, queueQuery);
    if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
    const query = parsed.value;
    const { filter, sort, empty } = await toFilter(db, { ...query, queue: query.queue ?? 'all' }, identity);
    const header = ['Reference', 'Type', 'Summary', 'Status', 'Priority', 'SLA', 'Resolution due', 'Team', 'Assignee', 'Requester', 'Raised'];
    const chunks: string[] = [toCsv(header, [])];
    let cursor = query.after;
    for (let n = 0; !empty && n < exportLimit / 1000; n++) {
      const page = await listTickets(db, identity.organisation.id, filter, sort, cursor, 1000);
      chunks.push(
        toCsv(
          [],
          page.tickets.map((t) => [
            t.reference,
            t.kind,
            t.title,
            statusNames[t.status],
            `P${t.priority}`,
            t.sla_state,
            t.resolution_due_at,
            t.team_name,
            t.assignee_name,
            t.requester_name,
            t.created_at,
          ]),
        ).replace(/^\n/, ''),
      );
      if (!page.next) break;
      cursor = page.next;
    }
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="tickets.csv"').send(chunks.join(''));
  });
}
