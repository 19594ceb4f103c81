import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, dateTime, identityOf, renderMarkdown, type Db } from '../../platform/index.js';
import { systemChoices } from '../estate/index.js';
import { problems } from './abilities.js';
import * as q from './queries.js';
import { canMove, isOpen, problemPriorities, problemStatuses, statusLabels, type ProblemStatus } from './rules.js';
import { priorityNames } from './schemas.js';

export const view = (name: string) => `modules/problems/views/${name}.njk`;
const home = { text: 'Home', href: '/' };
export const crumbs = [home, { text: 'Service desk', href: '/service-desk' }];
export const problemsCrumbs = [...crumbs, { text: 'Problems', href: '/problems' }];
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());

export const statusTags: Record<ProblemStatus, string> = {
  logged: 'govuk-tag--grey',
  investigating: 'govuk-tag--blue',
  known_error: 'govuk-tag--orange',
  resolved: 'govuk-tag--green',
  closed: 'govuk-tag--grey',
};

/** A problem as the pages, exports and API show it. */
export const problemRow = (p: q.ProblemRow) => ({
  id: Number(p.id),
  reference: p.reference,
  title: p.title,
  description: p.description,
  status: p.status,
  statusName: statusLabels[p.status],
  statusTag: statusTags[p.status],
  open: isOpen(p.status),
  priority: p.priority,
  priorityName: priorityNames[p.priority],
  serviceId: p.service_id === null ? null : Number(p.service_id),
  serviceName: p.service_name ?? null,
  systemId: p.system_id === null ? null : Number(p.system_id),
  systemName: p.system_name ?? null,
  ownerId: p.owner_id === null ? null : Number(p.owner_id),
  ownerName: p.owner_name ?? null,
  teamId: p.team_id === null ? null : Number(p.team_id),
  teamName: p.team_name ?? null,
  rootCause: p.root_cause,
  workaround: p.workaround,
  fix: p.fix,
  articleId: p.article_id === null ? null : Number(p.article_id),
  articleTitle: p.article_title ?? null,
  createdAt: iso(p.created_at)!,
  updatedAt: iso(p.updated_at)!,
  resolvedAt: iso(p.resolved_at),
  href: `/problems/${p.reference}`,
});
export type ProblemView = ReturnType<typeof problemRow>;

const choices = (rows: { id: unknown; name: string }[], none: string, selected: unknown) => [
  { value: '', text: none },
  ...rows.map((r) => ({ value: String(r.id), text: r.name, selected: String(r.id) === String(selected ?? '') })),
];

/** The choices of the problem form. */
export async function formChoices(app: FastifyInstance, organisationId: number, values: Record<string, unknown>) {
  const { db } = app.steward;
  const [services, teams, owners, systems] = await Promise.all([
    q.serviceChoices(db, organisationId),
    q.teamChoices(db, organisationId),
    q.ownerChoices(db, organisationId),
    systemChoices(db, organisationId),
  ]);
  return {
    serviceItems: choices(services, 'No service', values.serviceId),
    systemItems: choices(systems, 'No system', values.systemId),
    teamItems: choices(teams, 'No team', values.teamId),
    ownerItems: choices(
      owners.map((o) => ({ id: o.id, name: o.display_name })),
      'Nobody yet',
      values.ownerId,
    ),
    priorityItems: problemPriorities.map((p) => ({ value: p, text: priorityNames[p], checked: (values.priority ?? 'p3') === p })),
  };
}

export const formValuesOf = (p: ProblemView) => ({
  title: p.title,
  description: p.description,
  priority: p.priority,
  serviceId: p.serviceId ?? '',
  systemId: p.systemId ?? '',
  ownerId: p.ownerId ?? '',
  teamId: p.teamId ?? '',
  rootCause: p.rootCause,
  workaround: p.workaround,
  fix: p.fix,
});

export async function problemPage(request: FastifyRequest, db: Db, reference: string) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const found = await q.problemByReference(db, orgId, reference);
  const p = problemRow(found!);
  const [incidents, timeline] = await Promise.all([q.incidentsOfProblem(db, orgId, p.id), q.problemTimeline(db, orgId, p.id)]);
  return {
    title: `${p.reference} ${p.title}`,
    breadcrumbs: problemsCrumbs,
    p,
    descriptionHtml: renderMarkdown(p.description),
    incidents: incidents.map((i) => ({
      reference: i.reference,
      title: i.title,
      status: i.status,
      serviceName: i.service_name,
      raised: dateTime(iso(i.created_at)!),
    })),
    timeline: timeline.map((e) => ({ actor: e.actor, summary: e.summary, at: iso(e.at)!, when: dateTime(iso(e.at)!) })),
    statusItems: problemStatuses
      .filter((s) => s === p.status || canMove(p.status, s))
      .map((s) => ({ value: s, text: s === p.status ? `${statusLabels[s]} (as now)` : statusLabels[s], checked: s === p.status })),
    canWork: can(identity, problems.work),
    values: { status: p.status, rootCause: p.rootCause, workaround: p.workaround, fix: p.fix },
  };
}

export function statusFilterItems(selected: string | undefined) {
  return [
    { value: '', text: 'Any status' },
    { value: 'open', text: 'Open (not resolved or closed)', selected: selected === 'open' },
    ...problemStatuses.map((s) => ({ value: s, text: statusLabels[s], selected: selected === s })),
  ];
}
export function priorityFilterItems(selected: string | undefined) {
  return [{ value: '', text: 'Any priority' }, ...problemPriorities.map((p) => ({ value: p, text: priorityNames[p], selected: selected === p }))];
}
