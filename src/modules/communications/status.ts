import crypto from 'node:crypto';
import {
  absoluteLink,
  auditedWrite,
  NotFoundError,
  plannedWorkSources,
  queueMails,
  systemActor,
  UserError,
  type Actor,
  type Db,
  type Tx,
} from '../../platform/index.js';
import { majorIncidentsBetween } from '../service-desk/index.js';
import { forgetPublicPages } from './public-cache.js';
import * as q from './queries.js';
import { dailyHistory, statusNow, uptime, worst, type Window } from './rules.js';
import type { IncidentState, StatusIncidentsTable } from './tables.js';
import { translator, when, type Lang } from './i18n.js';

const day = 86_400_000;
type Incident = StatusIncidentsTable & { id: number };

/**
 * Everything the status page shows, worked out in one place for the staff page, the public page,
 * the feed and the summary. With `publicOnly` nothing internal is read at all: components not
 * chosen for the public page, incidents not public, and internal notes never leave the database.
 */
export async function statusOf(db: Db, organisationId: number, options: { publicOnly: boolean; now?: Date; current?: boolean }) {
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  // `current` asks only how things stand now (the portal's box): no 90 days of history to read.
  const since = options.current ? nowIso : new Date(now.getTime() - 90 * day).toISOString();
  const [components, allIncidents, ownMaintenance] = await Promise.all([
    q.componentsOf(db, organisationId, options.publicOnly),
    q.incidentsSince(db, organisationId, since, options.publicOnly),
    q.maintenanceFrom(db, organisationId, since, options.publicOnly),
  ]);
  const shown = new Set(components.map((c) => Number(c.id)));
  const [incidentLinks, maintenanceLinks, planned] = await Promise.all([
    q.componentsOfIncidents(
      db,
      organisationId,
      allIncidents.map((i) => Number(i.id)),
    ),
    q.componentsOfMaintenance(
      db,
      organisationId,
      ownMaintenance.map((m) => Number(m.id)),
    ),
    plannedWindows(db, organisationId, nowIso, new Date(now.getTime() + 60 * day).toISOString(), components),
  ]);
  const componentsOfIncident = groupIds(incidentLinks, 'incident_id', 'component_id', shown);
  const componentsOfWindow = groupIds(maintenanceLinks, 'maintenance_id', 'component_id', shown);
  // A public incident on internal components only is not the public's to see.
  const incidents = (allIncidents as Incident[])
    .map((i) => ({ ...i, id: Number(i.id), componentIds: componentsOfIncident.get(Number(i.id)) ?? [] }))
    .filter((i) => !options.publicOnly || i.componentIds.length > 0);
  const updates = await q.updatesOf(
    db,
    organisationId,
    incidents.map((i) => i.id),
  );
  const windows = [
    ...ownMaintenance.map((m) => ({
      key: `m${m.id}`,
      id: Number(m.id),
      title: m.title,
      title_cy: m.title_cy,
      body: m.body,
      body_cy: m.body_cy,
      starts_at: m.starts_at,
      ends_at: m.ends_at,
      componentIds: componentsOfWindow.get(Number(m.id)) ?? [],
      source: 'Steward',
    })),
    ...planned,
  ]
    .filter((m) => !options.publicOnly || m.componentIds.length > 0)
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  // Work still to come or under way, and work done in the last 90 days, newest first.
  const maintenance = windows.filter((m) => m.ends_at > nowIso);
  const pastMaintenance = windows.filter((m) => m.ends_at <= nowIso).reverse();

  const today = nowIso.slice(0, 10);
  const rows = components.map((c) => {
    const id = Number(c.id);
    const mine = incidents.filter((i) => i.componentIds.includes(id));
    const windows: Window[] = maintenance.filter((m) => m.componentIds.includes(id)).map((m) => ({ from: m.starts_at, to: m.ends_at }));
    const history = options.current ? [] : dailyHistory(mine, today);
    return {
      ...c,
      id,
      status: statusNow(mine, windows, nowIso),
      history,
      uptime: uptime(history),
    };
  });
  return {
    now: nowIso,
    components: rows,
    overall: worst(rows.map((r) => r.status)),
    open: incidents.filter((i) => i.resolved_at === null),
    recent: incidents.filter((i) => i.resolved_at !== null),
    incidents,
    updates: updates.map((u) => (options.publicOnly ? { ...u, internal_note: '' } : u)),
    maintenance,
    pastMaintenance,
  };
}
export type StatusOf = Awaited<ReturnType<typeof statusOf>>;

function groupIds<T extends Record<string, unknown>>(rows: T[], key: keyof T, value: keyof T, keep: Set<number>) {
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const v = Number(r[value]);
    if (!keep.has(v)) continue;
    const k = Number(r[key]);
    out.set(k, [...(out.get(k) ?? []), v]);
  }
  return out;
}

/** Work other modules plan (the CAB's changes, when they come), matched to components by service or system. */
async function plannedWindows(
  db: Db,
  organisationId: number,
  from: string,
  to: string,
  components: { id: number; service_id: number | null; system_id: number | null }[],
) {
  const found = [];
  for (const source of plannedWorkSources()) {
    for (const w of await source.windows(db, organisationId, from, to)) {
      const componentIds = components
        .filter(
          (c) => (c.service_id !== null && w.serviceIds.includes(Number(c.service_id))) || (c.system_id !== null && w.systemIds.includes(Number(c.system_id))),
        )
        .map((c) => Number(c.id));
      if (!componentIds.length) continue;
      found.push({
        key: `${source.name}:${w.key}`,
        id: null,
        title: w.title,
        title_cy: '',
        body: w.description,
        body_cy: '',
        starts_at: w.startsAt,
        ends_at: w.endsAt,
        componentIds,
        source: source.name,
      });
    }
  }
  return found;
}

// Writing the status ------------------------------------------------------------------------------

export interface ComponentInput {
  name: string;
  nameCy: string;
  description: string;
  descriptionCy: string;
  group: string;
  groupCy: string;
  serviceId: number | null;
  systemId: number | null;
  public: boolean;
}

export async function saveComponent(db: Db, actor: Actor, organisationId: number, v: ComponentInput, id: number | null = null) {
  const taken = await q.componentNamed(db, organisationId, v.name);
  if (taken && Number(taken.id) !== id) throw new UserError('There is already a component with this name', { field: 'name' });
  const row = {
    name: v.name,
    name_cy: v.nameCy,
    description: v.description,
    description_cy: v.descriptionCy,
    group_name: v.group,
    group_name_cy: v.groupCy,
    service_id: v.serviceId,
    system_id: v.systemId,
    public: v.public ? 1 : 0,
  };
  const now = new Date().toISOString();
  const saved = await auditedWrite(db, actor, async (tx, audit) => {
    if (id === null) {
      const newId = await q.insertComponent(tx, { organisation_id: organisationId, ...row, created_at: now, updated_at: now });
      await audit.created('status_component', newId, row, `Added ${v.name} to the status page`, organisationId);
      return newId;
    }
    const before = await q.componentById(tx, organisationId, id);
    if (!before) throw new NotFoundError('There is no such component');
    await q.updateComponent(tx, organisationId, id, { ...row, updated_at: now });
    await audit.updated(
      'status_component',
      id,
      { name: before.name, public: before.public },
      { name: row.name, public: row.public },
      `Changed ${v.name} on the status page`,
      organisationId,
    );
    return id;
  });
  forgetPublicPages(organisationId);
  return saved;
}

export interface IncidentInput {
  title: string;
  titleCy: string;
  impact: 'degraded' | 'partial' | 'major';
  componentIds: number[];
  state: IncidentState;
  body: string;
  bodyCy: string;
  internalNote: string;
  public: boolean;
}

/** A problem told by hand: its components show its impact until it is resolved, and subscribers hear of it. */
export async function reportIncident(db: Db, actor: Actor, organisationId: number, v: IncidentInput, now = new Date()) {
  if (!v.componentIds.length) throw new UserError('Choose the services affected', { field: 'componentIds' });
  const at = now.toISOString();
  // A problem only on staff-only services is staff-only, whatever the form said.
  v = { ...v, public: v.public && (await q.publicComponentIds(db, organisationId, v.componentIds)).length > 0 };
  const id = await auditedWrite(db, actor, async (tx, audit) => {
    const row = {
      organisation_id: organisationId,
      title: v.title,
      title_cy: v.titleCy,
      impact: v.impact,
      state: v.state,
      public: v.public ? 1 : 0,
      major_incident_id: null,
      started_at: at,
      resolved_at: v.state === 'resolved' ? at : null,
      created_by: actor.personId,
      created_at: at,
      updated_at: at,
    };
    const newId = await q.insertIncident(tx, row, v.componentIds);
    await q.insertUpdate(tx, {
      organisation_id: organisationId,
      incident_id: newId,
      state: v.state,
      body: v.body,
      body_cy: v.bodyCy,
      internal_note: v.internalNote,
      at,
      by_person: actor.personId,
    });
    await audit.created(
      'status_incident',
      newId,
      { title: v.title, impact: v.impact, components: v.componentIds },
      `Told people about a problem: ${v.title}`,
      organisationId,
    );
    if (v.public)
      await tellSubscribers(
        tx,
        organisationId,
        v.componentIds,
        { kind: 'incident', title: v.title, titleCy: v.titleCy, state: v.state, body: v.body, bodyCy: v.bodyCy },
        at,
      );
    return newId;
  });
  forgetPublicPages(organisationId);
  return id;
}

export interface UpdateInput {
  state: IncidentState;
  impact: 'degraded' | 'partial' | 'major';
  body: string;
  bodyCy: string;
  internalNote: string;
}

export async function addIncidentUpdate(db: Db, actor: Actor, organisationId: number, id: number, v: UpdateInput, now = new Date()) {
  const incident = await q.incidentById(db, organisationId, id);
  if (!incident) throw new NotFoundError('There is no such incident');
  if (incident.resolved_at !== null) throw new UserError('This problem is resolved: tell people about a new one instead', { field: 'state' });
  const at = now.toISOString();
  const components = (await q.componentsOfIncidents(db, organisationId, [id])).map((c) => Number(c.component_id));
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateIncident(tx, organisationId, id, { state: v.state, impact: v.impact, resolved_at: v.state === 'resolved' ? at : null, updated_at: at });
    await q.insertUpdate(tx, {
      organisation_id: organisationId,
      incident_id: id,
      state: v.state,
      body: v.body,
      body_cy: v.bodyCy,
      internal_note: v.internalNote,
      at,
      by_person: actor.personId,
    });
    await audit.updated(
      'status_incident',
      id,
      { state: incident.state, impact: incident.impact },
      { state: v.state, impact: v.impact },
      `Updated the problem: ${incident.title}`,
      organisationId,
    );
    if (incident.public)
      await tellSubscribers(
        tx,
        organisationId,
        components,
        { kind: 'incident', title: incident.title, titleCy: incident.title_cy, state: v.state, body: v.body, bodyCy: v.bodyCy },
        at,
      );
  });
  forgetPublicPages(organisationId);
}

export interface MaintenanceInput {
  title: string;
  titleCy: string;
  body: string;
  bodyCy: string;
  startsAt: string;
  endsAt: string;
  componentIds: number[];
  public: boolean;
}

export async function scheduleMaintenance(db: Db, actor: Actor, organisationId: number, v: MaintenanceInput, now = new Date()) {
  if (!v.componentIds.length) throw new UserError('Choose the services the work affects', { field: 'componentIds' });
  if (v.endsAt <= v.startsAt) throw new UserError('The work must end after it starts', { field: 'endsAt' });
  if (v.endsAt <= now.toISOString()) throw new UserError('The end of the work has passed: planned work is told before it happens', { field: 'endsAt' });
  const at = now.toISOString();
  v = { ...v, public: v.public && (await q.publicComponentIds(db, organisationId, v.componentIds)).length > 0 };
  const id = await auditedWrite(db, actor, async (tx, audit) => {
    const newId = await q.insertMaintenance(
      tx,
      {
        organisation_id: organisationId,
        title: v.title,
        title_cy: v.titleCy,
        body: v.body,
        body_cy: v.bodyCy,
        starts_at: v.startsAt,
        ends_at: v.endsAt,
        public: v.public ? 1 : 0,
        created_by: actor.personId,
        created_at: at,
      },
      v.componentIds,
    );
    await audit.created('status_maintenance', newId, { title: v.title, starts_at: v.startsAt, ends_at: v.endsAt }, `Planned work: ${v.title}`, organisationId);
    if (v.public)
      await tellSubscribers(
        tx,
        organisationId,
        v.componentIds,
        { kind: 'maintenance', title: v.title, titleCy: v.titleCy, body: v.body, bodyCy: v.bodyCy, startsAt: v.startsAt, endsAt: v.endsAt },
        at,
      );
    return newId;
  });
  forgetPublicPages(organisationId);
  return id;
}

export async function cancelPlannedWork(db: Db, actor: Actor, organisationId: number, id: number) {
  const m = await q.maintenanceById(db, organisationId, id);
  if (!m) throw new NotFoundError('There is no such planned work');
  if (m.cancelled_at) throw new UserError('This planned work is already cancelled');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.cancelMaintenance(tx, organisationId, id, new Date().toISOString());
    await audit.updated('status_maintenance', id, { cancelled_at: null }, { cancelled: true }, `Cancelled the planned work: ${m.title}`, organisationId);
  });
  forgetPublicPages(organisationId);
}

// Telling subscribers -----------------------------------------------------------------------------

type News =
  | { kind: 'incident'; title: string; titleCy: string; state: IncidentState; body: string; bodyCy: string }
  | { kind: 'maintenance'; title: string; titleCy: string; body: string; bodyCy: string; startsAt: string; endsAt: string };

/**
 * Queues one email to each confirmed subscriber of the components, in their language, in the same
 * transaction as the change: the emails exist if and only if the change was committed.
 */
export async function tellSubscribers(tx: Tx, organisationId: number, componentIds: number[], news: News, at: string) {
  const page = await q.pageOf(tx, organisationId);
  if (!page) return 0;
  // A staff-only service is never news to the public, whatever the form said.
  const shown = await q.publicComponentIds(tx, organisationId, componentIds);
  if (!shown.length) return 0;
  const audience = await q.audienceOf(tx, organisationId, shown);
  if (!audience.length) return 0;
  const texts = new Map<Lang, { subject: string; body: string }>();
  for (const lang of ['en', 'cy'] as Lang[]) {
    const t = translator(lang);
    const cy = lang === 'cy';
    const council = cy && page.name_cy ? page.name_cy : page.name;
    const title = cy && news.titleCy ? news.titleCy : news.title;
    const body = cy && news.bodyCy ? news.bodyCy : news.body;
    const heading = news.kind === 'incident' ? `${t(`states.${news.state}`)}: ${title}` : `${t('status.maintenance')}: ${title}`;
    const window = news.kind === 'maintenance' ? `${t('status.window', { from: when(news.startsAt, lang), to: when(news.endsAt, lang) })}\n\n` : '';
    const fallback = cy && ((news.titleCy === '' && news.title !== '') || (news.bodyCy === '' && news.body !== '')) ? `${t('fallback')}\n\n` : '';
    texts.set(lang, {
      subject: `${council}: ${heading}`.slice(0, 250),
      body: `${fallback}${heading}\n\n${window}${body}\n\n${absoluteLink(`/status/${page.short_name}${cy ? '?lang=cy' : ''}`)}`,
    });
  }
  const mails = audience.map((s) => {
    const text = texts.get(s.lang === 'cy' ? 'cy' : 'en')!;
    const link = absoluteLink(`/status/${page.short_name}/unsubscribe/${s.unsubscribe_token}${s.lang === 'cy' ? '?lang=cy' : ''}`);
    return { to: s.email, subject: text.subject, body: `${text.body}\n\n${translator(s.lang === 'cy' ? 'cy' : 'en')('subscribe.mailUnsubscribe', { link })}` };
  });
  await queueMails(tx, organisationId, 'status-update', mails, at);
  return mails.length;
}

// Subscriptions -----------------------------------------------------------------------------------

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');
const token = () => crypto.randomBytes(32).toString('base64url');

/**
 * Asks an address to confirm. An address with a confirmation still waiting from the last day is not
 * sent another (nobody can use the form to fill someone's inbox), and one already subscribed is left
 * as it is; the page says the same whatever happened, so it tells nobody who subscribes.
 */
export async function subscribe(db: Db, organisationId: number, v: { email: string; lang: Lang; componentIds: number[] }, now = new Date()) {
  const page = await q.pageOf(db, organisationId);
  if (!page) throw new NotFoundError('There is no such status page');
  const email = v.email.trim().toLowerCase();
  const existing = await q.pendingSubscriber(db, organisationId, email);
  if (existing?.confirmed_at) return { outcome: 'already' as const, token: null };
  if (existing && Date.parse(existing.created_at) > now.getTime() - day) return { outcome: 'waiting' as const, token: null };
  const confirm = token();
  await auditedWrite(db, systemActor('public', organisationId), async (tx, audit) => {
    const id = await q.insertSubscriber(
      tx,
      {
        organisation_id: organisationId,
        email,
        lang: v.lang,
        all_components: v.componentIds.length ? 0 : 1,
        confirm_hash: hash(confirm),
        unsubscribe_token: token(),
        created_at: now.toISOString(),
      },
      v.componentIds,
    );
    await audit.created('status_subscriber', id, { components: v.componentIds.length || 'all' }, 'Someone asked for status emails', organisationId);
    const t = translator(v.lang);
    const council = v.lang === 'cy' && page.name_cy ? page.name_cy : page.name;
    const link = absoluteLink(`/status/${page.short_name}/confirm/${confirm}${v.lang === 'cy' ? '?lang=cy' : ''}`);
    await queueMails(tx, organisationId, 'status-confirm', [
      { to: email, subject: t('subscribe.mailConfirmSubject', { council }), body: t('subscribe.mailConfirmBody', { council, link }) },
    ]);
  });
  // The token goes only into the email; the caller learns it for the demo loader and tests, never for the page.
  return { outcome: 'asked' as const, token: confirm };
}

export async function confirmSubscription(db: Db, organisationId: number, confirmToken: string, now = new Date()) {
  const s = await q.subscriberByConfirmHash(db, organisationId, hash(confirmToken));
  if (!s) return false;
  await auditedWrite(db, systemActor('public', organisationId), async (tx, audit) => {
    await q.confirmSubscriber(tx, Number(s.id), now.toISOString());
    await audit.updated(
      'status_subscriber',
      Number(s.id),
      { confirmed: false },
      { confirmed: true },
      'A subscriber confirmed their status emails',
      organisationId,
    );
  });
  return true;
}

export async function endSubscription(db: Db, organisationId: number, unsubscribeToken: string, now = new Date()) {
  const s = await q.subscriberByUnsubscribeToken(db, organisationId, unsubscribeToken);
  if (!s) return false;
  await auditedWrite(db, systemActor('public', organisationId), async (tx, audit) => {
    await q.unsubscribe(tx, Number(s.id), now.toISOString());
    await audit.updated(
      'status_subscriber',
      Number(s.id),
      { subscribed: true },
      { subscribed: false },
      'A subscriber stopped their status emails',
      organisationId,
    );
  });
  return true;
}

// Major incidents on the desk -----------------------------------------------------------------------

/**
 * Keeps the status page in step with the desk's major incidents: a major incident on a service
 * shows on the service's components at once (in words of the page's own, never the desk's title,
 * which may say more than the public should read), and is resolved when the desk closes it.
 */
export async function followMajorIncidents(db: Db, now = new Date()) {
  let changed = 0;
  for (const { organisation_id } of await q.publicPages(db)) {
    const organisationId = Number(organisation_id);
    // A minute ahead, so one declared in this very moment is not missed.
    const majors = await majorIncidentsBetween(
      db,
      organisationId,
      new Date(now.getTime() - 7 * day).toISOString(),
      new Date(now.getTime() + 60_000).toISOString(),
    );
    for (const major of majors) {
      const components = await q.componentsOfServices(db, organisationId, [Number(major.service_id)]);
      if (!components.length) continue;
      const existing = await q.incidentOfMajor(db, organisationId, Number(major.id));
      if (!existing) {
        await openFromMajor(db, organisationId, Number(major.id), major.declared_at, major.closed_at, components);
        changed++;
      } else if (major.closed_at && existing.resolved_at === null) {
        await addIncidentUpdate(db, systemActor('status page', organisationId), organisationId, Number(existing.id), {
          state: 'resolved',
          impact: existing.impact,
          body: 'This is fixed and working normally again. We are sorry for the trouble it caused.',
          bodyCy: 'Mae hyn wedi’i drwsio ac yn gweithio’n arferol eto. Mae’n ddrwg gennym am yr anghyfleustra.',
          internalNote: 'Resolved when the service desk closed its major incident.',
        });
        changed++;
      }
    }
  }
  return changed;
}

async function openFromMajor(
  db: Db,
  organisationId: number,
  majorId: number,
  declaredAt: string,
  closedAt: string | null,
  components: { id: number; name: string; name_cy: string; public: number }[],
) {
  const names = components.map((c) => c.name).join(', ');
  const namesCy = components.map((c) => c.name_cy || c.name).join(', ');
  const actor = systemActor('status page', organisationId);
  const at = new Date().toISOString();
  await auditedWrite(db, actor, async (tx, audit) => {
    const row = {
      organisation_id: organisationId,
      title: `${names} not working`,
      title_cy: `${namesCy} ddim yn gweithio`,
      impact: 'major' as const,
      state: (closedAt ? 'resolved' : 'investigating') as IncidentState,
      public: 1,
      major_incident_id: majorId,
      started_at: declaredAt,
      resolved_at: closedAt,
      created_by: null,
      created_at: at,
      updated_at: at,
    };
    const componentIds = components.map((c) => Number(c.id));
    const id = await q.insertIncident(tx, row, componentIds);
    const body = `We know ${names} is not working and we are working to fix it. We will update this page as we know more.`;
    const bodyCy = `Rydym yn gwybod nad yw ${namesCy} yn gweithio ac rydym yn gweithio i’w drwsio. Byddwn yn diweddaru’r dudalen hon wrth i ni wybod mwy.`;
    await q.insertUpdate(tx, {
      organisation_id: organisationId,
      incident_id: id,
      state: 'investigating',
      body,
      body_cy: bodyCy,
      internal_note: `Opened from major incident ${majorId} on the service desk.`,
      at: declaredAt,
      by_person: null,
    });
    if (closedAt)
      await q.insertUpdate(tx, {
        organisation_id: organisationId,
        incident_id: id,
        state: 'resolved',
        body: 'This is fixed and working normally again.',
        body_cy: 'Mae hyn wedi’i drwsio ac yn gweithio’n arferol eto.',
        internal_note: '',
        at: closedAt,
        by_person: null,
      });
    await audit.created('status_incident', id, { major_incident_id: majorId }, `The status page shows the major incident on ${names}`, organisationId);
    if (!closedAt && components.some((c) => c.public))
      await tellSubscribers(
        tx,
        organisationId,
        componentIds,
        { kind: 'incident', title: row.title, titleCy: row.title_cy, state: 'investigating', body, bodyCy },
        at,
      );
  });
  forgetPublicPages(organisationId);
}
