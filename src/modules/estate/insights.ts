import type { FastifyInstance } from 'fastify';
import { barChart, date, identityOf, own, pageQuery, partialDate, sendSpreadsheet, UserError, writeSpreadsheet, money } from '../../platform/index.js';
import { estate } from './abilities.js';
import { registerFilter, registerQuery } from './service.js';

const readers = estate.read;
import { contractsOf } from './contracts/service.js';
import { sharedCapabilities } from './capabilities/service.js';
import { addMonths } from './contracts/notice.js';
import { areaNames, hostingNames, layerNames, personalNames } from './names.js';
import {
  costBy,
  costByServiceArea,
  countSystems,
  endingSupport,
  manualFlows,
  onPremisesRecoveryNotRecorded,
  onPremisesWithoutRecovery,
  sharedServices,
  systemsForExport,
  unsupportedVersions,
} from './queries.js';
import { dataQualityOf } from './quality/routes.js';

const quarterOf = (date: string) => `${date.slice(0, 4)} Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/** What the Head of IT should look at in the estate, and the register as CSV. */
export async function insightRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/estate/insights', { config: { access: readers } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const today = new Date().toISOString().slice(0, 10);
    const [
      ending,
      noRecovery,
      manual,
      byArea,
      byLayer,
      byHosting,
      byVendor,
      shared,
      contracts,
      capabilities,
      versions,
      notRecorded,
      quality,
      total,
      byServiceArea,
    ] = await Promise.all([
      endingSupport(db, orgId, addMonths(today, 12)),
      onPremisesWithoutRecovery(db, orgId),
      manualFlows(db, orgId),
      costBy(db, orgId, 'area'),
      costBy(db, orgId, 'layer'),
      costBy(db, orgId, 'hosting'),
      costBy(db, orgId, 'vendor'),
      sharedServices(db, orgId),
      contractsOf(db, orgId, { from: today, deadlineBefore: addMonths(today, 18) }),
      sharedCapabilities(db, orgId),
      unsupportedVersions(db, orgId, today),
      onPremisesRecoveryNotRecorded(db, orgId),
      dataQualityOf(db, orgId, today),
      countSystems(db, orgId),
      costByServiceArea(db, orgId),
    ]);
    const named = (rows: { key: string | null; cost: number; systems: number }[], names: Record<string, string>) =>
      rows.map((r) => ({ label: r.key ? (own(names, r.key) ?? r.key) : 'Not known', cost: money(Number(r.cost)), systems: Number(r.systems) }));
    // Notice deadlines month by month, as a picture above the list.
    const firstOfMonth = `${today.slice(0, 7)}-01`;
    const months = Array.from({ length: 18 }, (_, i) => addMonths(firstOfMonth, i).slice(0, 7));
    const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
    const deadlineChart = barChart(
      months.map((m) => ({ label: monthName.format(new Date(`${m}-01T00:00:00Z`)), value: contracts.filter((c) => c.notice_deadline.startsWith(m)).length })),
      { barWidth: 30, gap: 8 },
    );
    const quarters = new Map<string, typeof contracts>();
    for (const c of contracts) quarters.set(quarterOf(c.notice_deadline), [...(quarters.get(quarterOf(c.notice_deadline)) ?? []), c]);
    const past = ending.filter((s) => s.end_of_support! < today);
    const soon = ending.filter((s) => s.end_of_support! >= today);
    const quarterEnd = addMonths(today, 3);
    const dueSoon = contracts.filter((c) => c.notice_deadline < quarterEnd);
    // The few things to act on in the next three months, most pressing first: notice deadlines
    // (missed, they renew a contract for years), critical systems out of support, critical
    // systems with no recovery plan.
    const actions = [
      ...dueSoon.map((c) => ({
        text: `Decide on ${c.title} (${c.reference}, ${c.supplier_name}): give notice by ${date(c.notice_deadline)}`,
        href: `/estate/contracts/${c.id}`,
        rank: 0,
      })),
      ...past
        .filter((s) => s.criticality !== null && s.criticality <= 2)
        .map((s) => ({
          text: `Plan the replacement or upgrade of ${s.name}: support ended ${partialDate(s.end_of_support, s.end_of_support_precision)}`,
          href: `/estate/systems/${s.id}`,
          rank: 1,
        })),
      ...noRecovery
        .filter((s) => s.criticality === 1)
        .map((s) => ({ text: `Write and test a recovery plan for ${s.name} (tier 1, on premises)`, href: `/estate/systems/${s.id}`, rank: 2 })),
    ].slice(0, 6);
    return reply.render('modules/estate/views/insights.njk', {
      summary: {
        systems: total,
        past: past.length,
        soon: soon.length,
        noRecovery: noRecovery.length,
        notRecorded,
        dueSoon: dueSoon.length,
        manual: manual.length,
        conflicts: quality.conflicts.length,
        noOwner: quality.noOwner.length,
        noVersion: quality.noVersion.length,
        ended: quality.ended.length,
      },
      actions,
      title: 'Estate insights',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Tech estate', href: '/estate' },
      ],
      past,
      soon,
      noRecovery,
      notRecorded,
      manual: manual.map((f) => ({ ...f, personalName: personalNames[f.personal] })),
      costs: [
        { title: 'By area', rows: named(byArea, areaNames) },
        { title: 'By layer', rows: named(byLayer, layerNames) },
        { title: 'By hosting', rows: named(byHosting, hostingNames) },
        { title: 'By supplier (top 50)', rows: named(byVendor, {}) },
        ...(byServiceArea.length ? [{ title: 'By service area using it (a shared system counts in each)', rows: named(byServiceArea, {}) }] : []),
      ],
      shared,
      sharedCapabilities: capabilities.map((c) => ({ ...c, costText: money(Number(c.cost)) })),
      timeline: [...quarters.entries()].map(([quarter, items]) => ({ quarter, items })),
      deadlineChart,
      versions: versions.map((v) => ({ ...v, systems: Number(v.systems) })),
    });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/estate/systems.${format}`, { config: { access: readers, query: registerQuery } }, async (request, reply) => {
      const orgId = identityOf(request).organisation.id;
      const parsed = await pageQuery(request, registerQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const v = parsed.value;
      const filter = registerFilter(v);
      const header = [
        'Identifier',
        'Name',
        'Kind',
        'Layer',
        'Area',
        'Commodity or bespoke',
        'Hosting',
        'Product',
        'Vendor',
        'Version',
        'End of support',
        'Lifecycle',
        'Lifecycle reason',
        'Criticality',
        'Users',
        'Annual cost',
        'Recovery plan',
      ];
      const rows: unknown[][] = [];
      let after = 0;
      for (let n = 0; n < 200; n++) {
        const page = await systemsForExport(db, orgId, filter, after, 1000);
        if (!page.length) break;
        for (const s of page)
          rows.push([
            s.identifier,
            s.name,
            s.kind,
            s.layer,
            s.area,
            s.sourcing,
            s.hosting,
            s.product,
            s.vendor,
            s.version,
            s.end_of_support,
            s.lifecycle,
            s.lifecycle_reason,
            s.criticality,
            s.users,
            s.annual_cost,
            s.recovery_plan === null ? '' : s.recovery_plan ? 'yes' : 'no',
          ]);
        after = page[page.length - 1]!.id;
      }
      return sendSpreadsheet(reply, await writeSpreadsheet(format, 'systems', header, rows));
    });
  }
}
