import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  actorFor,
  barChart,
  can,
  date,
  filtersOf,
  formErrors,
  identityOf,
  nextPageHref,
  pageQuery,
  sendSpreadsheet,
  submitForm,
  UserError,
  writeSpreadsheet,
} from '../../../platform/index.js';
import { systemById } from '../../estate/index.js';
import { cyber } from '../abilities.js';
import { findingParams } from '../references.js';
import { openRisks } from '../risks/service.js';
import type { Severity } from '../tables.js';
import { findingsSummary, systemsWithMostToFix } from './summary.js';
import * as q from './queries.js';
import { addDays, severities, severityOrder } from './rules.js';
import {
  acceptanceInput,
  acceptFinding,
  deadlinesInput,
  endAcceptance,
  finding,
  findingFilter,
  findings,
  findingsQuery,
  maxAcceptanceDays,
  setDeadlines,
  today,
} from './service.js';

const view = (name: string) => `modules/cyber/vulnerabilities/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Cyber and risk', href: '/cyber' },
];
const home = { text: 'Vulnerabilities', href: '/cyber/vulnerabilities' };
const nothing = z.object({});
const statusNames = { open: 'Open', accepted: 'Risk accepted', closed: 'Closed' } as const;

type Row = Awaited<ReturnType<typeof q.findingsPage>>[number];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `12 Nov 2026`: a list of thousands of dates reads better short. */
const shortDate = (day: unknown) => {
  const [y, m, d] = String(day).slice(0, 10).split('-');
  return `${Number(d)} ${months[Number(m) - 1]} ${y}`;
};
const shown = (r: Row, on: string) => ({
  ...r,
  severityName: severities[r.severity],
  overdue: r.status === 'open' && String(r.due_on) < on,
  due: shortDate(r.due_on),
  acceptedUntil: r.accepted_until ? shortDate(r.accepted_until) : '',
  closedOn: r.closed_on ? shortDate(r.closed_on) : '',
  statusName: statusNames[r.status],
});

export async function vulnerabilityRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/cyber/vulnerabilities', { config: { access: cyber.readVulnerabilities } }, async (request, reply) => {
    const identity = identityOf(request);
    const orgId = identity.organisation.id;
    const on = today();
    const [{ counts, accepted, unmatched }, systems, scans, deadlines] = await Promise.all([
      findingsSummary(db, orgId, on),
      systemsWithMostToFix(db, orgId, on),
      q.scansOf(db, orgId, 12),
      q.deadlinesOf(db, orgId),
    ]);
    const overTime = [...scans].reverse().map((s) => {
      const open = JSON.parse(s.open_json) as Partial<Record<Severity, number>>;
      return { ...s, when: date(String(s.scanned_on)), open, serious: (open.critical ?? 0) + (open.high ?? 0) };
    });
    return reply.render(view('overview'), {
      title: 'Vulnerabilities',
      breadcrumbs: crumbs,
      severities: severityOrder.map((s) => ({ key: s, name: severities[s], open: counts.open[s], overdue: counts.overdue[s], days: deadlines[s] })),
      totalOpen: severityOrder.reduce((n, s) => n + counts.open[s], 0),
      totalOverdue: severityOrder.reduce((n, s) => n + counts.overdue[s], 0),
      accepted,
      systems,
      unmatched,
      scans: [...overTime].reverse(),
      overTime,
      chart: barChart(overTime.map((s) => ({ label: shortDate(s.scanned_on).replace(/ \d{4}$/, ''), value: s.serious }))),
      canImport: can(identity, cyber.importVulnerabilities),
    });
  });

  const listPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const raw = (request.query ?? {}) as Record<string, string>;
    const parsed = await pageQuery(request, findingsQuery);
    const v = parsed.ok ? parsed.value : findingsQuery.parse({});
    const on = today();
    const page = parsed.ok ? await findings(db, identity.organisation.id, v, on) : { items: [], next: null };
    const system = v.system ? (await systemById(db, identity.organisation.id, v.system))?.name : undefined;
    return {
      ok: parsed.ok,
      context: {
        title: 'Vulnerability findings',
        breadcrumbs: [...crumbs, home],
        errors: parsed.ok ? undefined : formErrors(parsed.errors),
        values: raw,
        systemName: system,
        findings: page.items.map((r) => shown(r, on)),
        nextHref: nextPageHref('/cyber/vulnerabilities/findings', raw, page.next),
        exportQuery: filtersOf(raw),
        showName:
          raw.show === 'overdue'
            ? 'Overdue findings'
            : raw.show === 'unmatched'
              ? 'Findings on hosts no system records'
              : raw.show === 'accepted'
                ? 'Findings with the risk accepted'
                : raw.show === 'closed'
                  ? 'Closed findings'
                  : 'Open findings',
        severityItems: [{ value: '', text: 'Any severity' }, ...severityOrder.map((s) => ({ value: s, text: severities[s], selected: raw.severity === s }))],
        showItems: [
          { value: '', text: 'Open findings' },
          { value: 'overdue', text: 'Overdue', selected: raw.show === 'overdue' },
          { value: 'unmatched', text: 'On unmatched hosts', selected: raw.show === 'unmatched' },
          { value: 'accepted', text: 'Risk accepted', selected: raw.show === 'accepted' },
          { value: 'closed', text: 'Closed', selected: raw.show === 'closed' },
        ],
      },
    };
  };

  app.get('/cyber/vulnerabilities/findings', { config: { access: cyber.readVulnerabilities, query: findingsQuery } }, async (request, reply) => {
    const { ok, context } = await listPage(request);
    if (!ok) reply.code(400);
    return reply.render(view('findings'), context);
  });

  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/cyber/vulnerabilities/findings.${format}`, { config: { access: cyber.readVulnerabilities, query: findingsQuery } }, async (request, reply) => {
      const orgId = identityOf(request).organisation.id;
      const parsed = await pageQuery(request, findingsQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const on = today();
      const filter = findingFilter(parsed.value, on);
      const rows: unknown[][] = [];
      let after: { due: string; id: number } | null = null;
      // An export of a county's findings is long: it is cut at 100,000 rows, and the filters narrow it.
      for (let n = 0; n < 100; n++) {
        const page = await q.findingsPage(db, orgId, filter, after, 1000);
        for (const r of page)
          rows.push([
            r.title,
            r.cves,
            severities[r.severity],
            r.cvss,
            r.host,
            r.host_name,
            r.port,
            r.system_name ?? '',
            r.first_seen,
            r.last_seen,
            r.due_on,
            statusNames[r.status],
            r.accepted_until ?? '',
          ]);
        if (page.length < 1000) break;
        const last = page[page.length - 1]!;
        after = { due: String(last.due_on), id: Number(last.id) };
      }
      const header = [
        'Vulnerability',
        'CVE',
        'Severity',
        'CVSS',
        'Host',
        'Host name',
        'Port',
        'System',
        'First seen',
        'Last seen',
        'Fix by',
        'Status',
        'Accepted until',
      ];
      return sendSpreadsheet(reply, await writeSpreadsheet(format, 'vulnerability-findings', header, rows));
    });

  const deadlinesPage = async (request: FastifyRequest) => {
    const set = await q.deadlinesOf(db, identityOf(request).organisation.id);
    return {
      title: 'Remediation deadlines',
      breadcrumbs: [...crumbs, home],
      severities: severityOrder.map((s) => ({ key: s, name: severities[s] })),
      values: Object.fromEntries(severityOrder.map((s) => [s, String(set[s])])),
    };
  };
  app.get('/cyber/vulnerabilities/deadlines', { config: { access: cyber.importVulnerabilities } }, async (request, reply) =>
    reply.render(view('deadlines'), await deadlinesPage(request)),
  );
  app.post('/cyber/vulnerabilities/deadlines', { config: { access: cyber.importVulnerabilities, form: deadlinesInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: deadlinesInput,
      view: view('deadlines'),
      context: () => deadlinesPage(request),
      action: async (v) => {
        await setDeadlines(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: '/cyber/vulnerabilities', flash: 'Saved the remediation deadlines; open findings now fall due by them' };
      },
    }),
  );

  const findingPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const { id } = request.params as z.output<typeof findingParams>;
    const on = today();
    const f = await finding(db, identity.organisation.id, id);
    const risks = can(identity, cyber.acceptVulnerabilities) ? await openRisks(db, identity.organisation.id) : [];
    return {
      title: `${f.title} on ${f.host}`,
      breadcrumbs: [...crumbs, home, { text: 'Findings', href: '/cyber/vulnerabilities/findings' }],
      finding: {
        ...f,
        severityName: severities[f.severity],
        statusName: statusNames[f.status],
        overdue: f.status === 'open' && String(f.due_on) < on,
        due: date(String(f.due_on)),
        firstSeen: date(String(f.first_seen)),
        lastSeen: date(String(f.last_seen)),
        closedOn: f.closed_on ? date(String(f.closed_on)) : '',
        acceptedUntil: f.accepted_until ? date(String(f.accepted_until)) : '',
      },
      acceptances: f.acceptances.map((a) => ({
        ...a,
        expires: date(String(a.expires_on)),
        at: date(String(a.created_at)),
        ended: a.ended_at ? date(String(a.ended_at)) : '',
      })),
      canAccept: can(identity, cyber.acceptVulnerabilities) && f.status !== 'closed',
      riskItems: [
        { value: '', text: 'Not linked to a risk' },
        ...[...risks].sort((a, b) => a.reference.localeCompare(b.reference)).map((r) => ({ value: String(r.id), text: `${r.reference} ${r.title}` })),
      ],
      latest: addDays(on, maxAcceptanceDays),
      values: { expiresOn: addDays(on, 90) },
    };
  };
  app.get('/cyber/vulnerabilities/:id', { config: { access: cyber.readVulnerabilities }, schema: { params: findingParams } }, async (request, reply) =>
    reply.render(view('finding'), await findingPage(request)),
  );
  app.post(
    '/cyber/vulnerabilities/:id/acceptance',
    { config: { access: cyber.acceptVulnerabilities, form: acceptanceInput }, schema: { params: findingParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: acceptanceInput,
        view: view('finding'),
        context: () => findingPage(request),
        action: async (v) => {
          const { id } = request.params as z.output<typeof findingParams>;
          await acceptFinding(db, actorFor(request), identityOf(request).organisation.id, id, v);
          return { redirect: `/cyber/vulnerabilities/${id}`, flash: `Accepted the risk until ${date(v.expiresOn)}` };
        },
      }),
  );
  app.post(
    '/cyber/vulnerabilities/:id/acceptance/end',
    { config: { access: cyber.acceptVulnerabilities, form: nothing }, schema: { params: findingParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: nothing,
        view: view('finding'),
        context: () => findingPage(request),
        action: async () => {
          const { id } = request.params as z.output<typeof findingParams>;
          await endAcceptance(db, actorFor(request), identityOf(request).organisation.id, id);
          return { redirect: `/cyber/vulnerabilities/${id}`, flash: 'Ended the acceptance: the finding is to be fixed again' };
        },
      }),
  );
}
