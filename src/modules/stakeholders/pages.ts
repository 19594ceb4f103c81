import type { FastifyRequest } from 'fastify';
import { can, date, identityOf, own, type Db } from '../../platform/index.js';
import { stakeholders as abilities } from './abilities.js';
import * as q from './queries.js';
import {
  channelNames,
  channels,
  engagementKindNames,
  engagementKinds,
  followUpState,
  followUpStateNames,
  frequencies,
  frequencyNames,
  isLocalPath,
  levelNames,
  levels,
  monthName,
  monthOf,
  nextOccurrence,
  notMetCutoff,
  notMetRecently,
  occurrencesIn,
  quadrantAdvice,
  quadrantNames,
  quadrantOf,
  quadrants,
  sentimentNames,
  sentiments,
  shiftMonth,
  stakeholderKindNames,
  stakeholderKinds,
  weeksOf,
  type Channel,
  type Frequency,
  type Level,
  type Quadrant,
  type Sentiment,
} from './rules.js';
import { day, today } from './service.js';

export const view = (name: string) => `modules/stakeholders/views/${name}.njk`;
const home = { text: 'Home', href: '/' };
export const registerCrumbs = [home, { text: 'Stakeholders', href: '/stakeholders' }];
export const logCrumbs = [home, { text: 'Engagement log', href: '/engagements' }];
export const planCrumbs = [home, { text: 'Communications plan', href: '/communications-plan' }];
const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;

const sentimentClass: Record<Sentiment, string> = {
  positive: 'govuk-tag--green',
  mixed: 'govuk-tag--yellow',
  negative: 'govuk-tag--red',
  unknown: 'govuk-tag--grey',
};
const quadrantFill: Record<Quadrant, string> = {
  'manage-closely': '#fcd6c3',
  'keep-satisfied': '#fff7bf',
  'keep-informed': '#bbd4ea',
  monitor: '#cce2d8',
};
const levelName = (n: number) => own(levelNames, String(n)) ?? String(n);

/** Items of a select; only the chosen one says so, so a form's `value` chooses among the rest. */
const marked = (value: string, selected?: string) => (selected !== undefined && value === selected ? { selected: true } : {});
export const personItems = async (db: Db, organisationId: number, none: string, options: { selected?: string; current?: number | null } = {}) => [
  { value: '', text: none },
  ...(await q.itPeopleOf(db, organisationId, options.current ?? null)).map((p) => ({
    value: String(p.id),
    text: p.display_name,
    ...marked(String(p.id), options.selected),
  })),
];
const choices = <K extends string>(keys: readonly K[], names: Record<K, string>, selected?: string, blank?: string) => [
  ...(blank !== undefined ? [{ value: '', text: blank }] : []),
  ...keys.map((k) => ({ value: k, text: names[k], ...marked(k, selected) })),
];

type StakeholderRow = Awaited<ReturnType<typeof q.stakeholdersOf>>[number];
export function stakeholderRow(s: StakeholderRow, on = today()) {
  const influence = Number(s.influence);
  const interest = Number(s.interest);
  const quadrant = quadrantOf(influence, interest);
  const last = day(s.last_on);
  return {
    id: Number(s.id),
    name: s.name,
    kind: s.kind,
    kindName: stakeholderKindNames[s.kind],
    role: s.role,
    influence,
    interest,
    influenceName: levelName(influence),
    interestName: levelName(interest),
    quadrant,
    quadrantName: quadrantNames[quadrant],
    ownerId: s.owner_person_id === null ? null : Number(s.owner_person_id),
    owner: s.owner_name ?? null,
    personId: s.person_id === null ? null : Number(s.person_id),
    view: s.view,
    sentiment: s.sentiment,
    sentimentName: sentimentNames[s.sentiment],
    sentimentClass: sentimentClass[s.sentiment],
    email: s.email,
    phone: s.phone,
    lastOn: last,
    last: last ? date(last) : 'Never',
    notMet: notMetRecently(last, on),
    href: `/stakeholders/${s.id}`,
  };
}

/** The influence/interest grid: nine cells (influence up the side, interest along), coloured by quadrant, with counts. */
function gridPicture(rows: ReturnType<typeof stakeholderRow>[]) {
  const cell = 92;
  const left = 96;
  const top = 10;
  const cells = [3, 2, 1].flatMap((influence, r) =>
    [1, 2, 3].map((interest, c) => {
      const quadrant = quadrantOf(influence, interest);
      return {
        x: left + c * cell,
        y: top + r * cell,
        fill: quadrantFill[quadrant],
        count: rows.filter((s) => s.influence === influence && s.interest === interest).length,
        quadrant: quadrantNames[quadrant],
      };
    }),
  );
  return {
    width: left + 3 * cell + 10,
    height: top + 3 * cell + 56,
    size: cell - 2,
    cells,
    rowLabels: [3, 2, 1].map((l, r) => ({ text: levelName(l), y: top + r * cell + cell / 2 + 4 })),
    columnLabels: [1, 2, 3].map((l, c) => ({ text: levelName(l), x: left + c * cell + cell / 2 })),
    axisY: top + 3 * cell + 18,
    titleY: top + 3 * cell + 42,
    centreX: left + (3 * cell) / 2,
    sideX: 14,
    sideY: top + (3 * cell) / 2,
    labels: [
      { text: 'Keep satisfied', x: left + cell, y: top + 16 },
      { text: 'Manage closely', x: left + 2.5 * cell, y: top + 16 },
      { text: 'Monitor', x: left + cell, y: top + cell + 16 },
      { text: 'Keep informed', x: left + 2.5 * cell, y: top + cell + 16 },
    ],
  };
}

export async function registerPage(request: FastifyRequest, db: Db, filter: { kind?: string; quadrant?: string; owner?: number }, raw: Record<string, string>) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const on = today();
  const [all, people] = await Promise.all([
    q.stakeholdersOf(db, orgId, {}, null, q.registerLimit + 1),
    personItems(db, orgId, 'Anyone', { selected: raw.owner }),
  ]);
  const rows = all.slice(0, q.registerLimit).map((s) => stakeholderRow(s, on));
  const shown = rows.filter(
    (s) =>
      (!filter.kind || s.kind === filter.kind) &&
      (!filter.quadrant || s.quadrant === filter.quadrant) &&
      (filter.owner === undefined || s.ownerId === filter.owner),
  );
  return {
    title: 'Stakeholders',
    breadcrumbs: [home],
    picture: gridPicture(shown),
    quadrants: quadrants.map((k) => ({ key: k, name: quadrantNames[k], advice: quadrantAdvice[k], people: shown.filter((s) => s.quadrant === k) })),
    stakeholders: shown,
    truncated: all.length > q.registerLimit,
    notMet: rows.filter((s) => s.notMet).length,
    values: raw,
    filtered: Boolean(filter.kind || filter.quadrant || filter.owner !== undefined),
    kindItems: choices(stakeholderKinds, stakeholderKindNames, raw.kind, 'Any kind'),
    quadrantItems: choices(quadrants, quadrantNames, raw.quadrant, 'Anywhere on the grid'),
    ownerItems: people,
    canManage: can(identity, abilities.manage),
  };
}

export async function notMetPage(request: FastifyRequest, db: Db) {
  const orgId = orgOf(request);
  const on = today();
  const rows = await q.stakeholdersOf(db, orgId, { notSince: notMetCutoff(on) }, null, q.registerLimit);
  return {
    title: 'Stakeholders not met in 90 days',
    breadcrumbs: registerCrumbs,
    stakeholders: rows.map((s) => stakeholderRow(s, on)),
    since: date(notMetCutoff(on)),
    canManage: can(identityOf(request), abilities.manage),
  };
}

export async function stakeholderFormPage(request: FastifyRequest, db: Db, id: number | null) {
  const orgId = orgOf(request);
  const s = id === null ? null : (await q.stakeholderById(db, orgId, id))!;
  const [owners, account] = await Promise.all([
    personItems(db, orgId, 'No one yet', { current: !s || s.owner_person_id === null ? null : Number(s.owner_person_id) }),
    !s || s.person_id === null ? undefined : q.emailOfPerson(db, Number(s.person_id)),
  ]);
  const values = s
    ? {
        name: s.name,
        kind: s.kind,
        role: s.role,
        influence: String(s.influence),
        interest: String(s.interest),
        ownerId: s.owner_person_id === null ? '' : String(s.owner_person_id),
        accountEmail: account?.email ?? '',
        view: s.view,
        sentiment: s.sentiment,
        email: s.email,
        phone: s.phone,
      }
    : { sentiment: 'unknown' };
  return {
    title: s ? `Change ${s.name}` : 'Add a stakeholder',
    breadcrumbs: s ? [...registerCrumbs, { text: s.name, href: `/stakeholders/${id}` }] : registerCrumbs,
    action: s ? `/stakeholders/${id}/edit` : '/stakeholders/new',
    editing: Boolean(s),
    kindItems: choices(stakeholderKinds, stakeholderKindNames, undefined, 'Choose'),
    levelItems: levels.map((l: Level) => ({ value: String(l), text: levelNames[l] })),
    sentimentItems: sentiments.map((k) => ({ value: k, text: sentimentNames[k] })),
    ownerItems: owners,
    values,
  };
}

type EngagementRow = Awaited<ReturnType<typeof q.engagementsOf>>[number];
export function engagementRow(e: EngagementRow, met: { engagement_id: unknown; id: unknown; name: string }[] = []) {
  const heldOn = day(e.held_on)!;
  const mine = met.filter((m) => Number(m.engagement_id) === Number(e.id)).map((m) => ({ id: Number(m.id), name: m.name, href: `/stakeholders/${m.id}` }));
  return {
    id: Number(e.id),
    kind: e.kind,
    kindName: engagementKindNames[e.kind],
    heldOn,
    held: date(heldOn),
    title: e.title,
    heard: e.heard,
    feedback: Boolean(e.feedback),
    fromName: e.from_name,
    sourceHref: isLocalPath(e.source_href) ? e.source_href : '',
    reply: e.reply,
    repliedOn: day(e.replied_on),
    replied: e.replied_on ? date(day(e.replied_on)!) : null,
    repliedBy: e.replied_by_name ?? null,
    awaitingReply: Boolean(e.feedback) && !e.replied_on,
    stakeholders: mine,
    who: mine.length ? mine.map((m) => m.name).join(', ') : e.from_name,
    href: `/engagements/${e.id}`,
  };
}

type FollowUpRow = Awaited<ReturnType<typeof q.followUpsOf>>[number];
export function followUpRow(f: FollowUpRow, on = today()) {
  const dueOn = day(f.due_on);
  const doneOn = day(f.done_on);
  const state = followUpState({ dueOn, doneOn }, on);
  return {
    id: Number(f.id),
    engagementId: Number(f.engagement_id),
    engagementTitle: f.engagement_title,
    title: f.title,
    ownerId: f.owner_person_id === null ? null : Number(f.owner_person_id),
    owner: f.owner_name ?? 'No one yet',
    dueOn,
    due: dueOn ? date(dueOn) : 'No day set',
    doneOn,
    done: doneOn ? date(doneOn) : null,
    state,
    stateName: followUpStateNames[state],
    stateClass: state === 'overdue' ? 'govuk-tag--red' : state === 'done' ? 'govuk-tag--green' : 'govuk-tag--blue',
    href: `/engagements/${f.engagement_id}#follow-ups`,
  };
}

export async function stakeholderPage(request: FastifyRequest, db: Db, id: number) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const s = stakeholderRow((await q.stakeholderById(db, orgId, id))!);
  const engagements = await q.engagementsOf(db, orgId, { stakeholderId: id }, null, 101);
  const ids = engagements.map((e) => Number(e.id));
  const [met, followUps] = await Promise.all([q.engagementStakeholdersOf(db, orgId, ids), q.followUpsOf(db, orgId, ids)]);
  return {
    title: s.name,
    breadcrumbs: registerCrumbs,
    s,
    engagements: engagements.slice(0, 100).map((e) => engagementRow(e, met)),
    more: engagements.length > 100,
    followUps: followUps.map((f) => followUpRow(f)).filter((f) => f.state !== 'done'),
    canManage: can(identity, abilities.manage),
  };
}

export async function logPage(
  request: FastifyRequest,
  db: Db,
  filter: { kind?: string; stakeholderId?: number },
  after: { on: string; id: number } | null,
  raw: Record<string, string>,
  ok: boolean,
) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const size = 50;
  const [rows, register, open, waiting] = await Promise.all([
    ok ? q.engagementsOf(db, orgId, filter, after, size + 1) : Promise.resolve([]),
    q.stakeholdersOf(db, orgId, {}, null, q.registerLimit),
    q.openFollowUps(db, orgId, 200),
    q.awaitingReply(db, orgId, 1000),
  ]);
  const items = rows.slice(0, size);
  const met = await q.engagementStakeholdersOf(
    db,
    orgId,
    items.map((e) => Number(e.id)),
  );
  const last = items.at(-1);
  return {
    title: 'Engagement log',
    breadcrumbs: [home],
    engagements: items.map((e) => engagementRow(e, met)),
    next: rows.length > size && last ? { on: day(last.held_on)!, id: Number(last.id) } : null,
    followUps: open.map((f) => followUpRow(f)),
    waiting: waiting.length,
    values: raw,
    kindItems: choices(engagementKinds, engagementKindNames, raw.kind, 'Any kind'),
    stakeholderItems: [
      { value: '', text: 'Anyone' },
      ...register.map((s) => ({ value: String(s.id), text: s.name, ...marked(String(s.id), raw.stakeholder) })),
    ],
    canManage: can(identity, abilities.manage),
  };
}

export async function awaitingReplyPage(request: FastifyRequest, db: Db) {
  const orgId = orgOf(request);
  const rows = await q.awaitingReply(db, orgId, 1000);
  const met = await q.engagementStakeholdersOf(
    db,
    orgId,
    rows.map((e) => Number(e.id)),
  );
  return {
    title: 'Feedback with no reply',
    breadcrumbs: logCrumbs,
    engagements: rows.map((e) => ({
      ...engagementRow(e, met),
      waiting: Math.max(0, Math.round((Date.parse(today()) - Date.parse(day(e.held_on)!)) / 86_400_000)),
    })),
    more: rows.length === 1000,
    canManage: can(identityOf(request), abilities.manage),
  };
}

export async function engagementFormPage(request: FastifyRequest, db: Db, stakeholderId?: number) {
  const orgId = orgOf(request);
  const [register, people] = await Promise.all([q.stakeholdersOf(db, orgId, {}, null, q.registerLimit), personItems(db, orgId, 'No one yet')]);
  return {
    title: 'Log an engagement',
    breadcrumbs: logCrumbs,
    kindItems: engagementKinds.map((k) => ({ value: k, text: engagementKindNames[k] })),
    stakeholderItems: register.map((s) => ({
      value: String(s.id),
      text: s.name,
      hint: { text: [s.role, stakeholderKindNames[s.kind]].filter(Boolean).join(', ') },
    })),
    ownerItems: people,
    values: { heldOn: today(), kind: 'one-to-one', ...(stakeholderId !== undefined ? { stakeholders: String(stakeholderId) } : {}) },
  };
}

export async function engagementPage(request: FastifyRequest, db: Db, id: number) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const [e, met, followUps, people] = await Promise.all([
    q.engagementById(db, orgId, id),
    q.engagementStakeholdersOf(db, orgId, [id]),
    q.followUpsOf(db, orgId, [id]),
    personItems(db, orgId, 'No one yet'),
  ]);
  const row = engagementRow(e!, met);
  return {
    title: row.title,
    breadcrumbs: logCrumbs,
    e: row,
    followUps: followUps.map((f) => followUpRow(f)),
    ownerItems: people,
    canManage: can(identity, abilities.manage),
    values: { reply: row.reply },
  };
}

type CommunicationRow = Awaited<ReturnType<typeof q.communicationsOf>>[number];
export function communicationRow(c: CommunicationRow, on = today()) {
  const plan = { frequency: c.frequency, startsOn: day(c.starts_on)!, endsOn: day(c.ends_on) };
  const next = nextOccurrence(plan, on);
  return {
    id: Number(c.id),
    message: c.message,
    detail: c.detail,
    audience: c.audience,
    channel: c.channel,
    channelName: channelNames[c.channel],
    ownerId: c.owner_person_id === null ? null : Number(c.owner_person_id),
    owner: c.owner_name ?? 'No one yet',
    frequency: c.frequency,
    frequencyName: frequencyNames[c.frequency],
    startsOn: plan.startsOn,
    starts: date(plan.startsOn),
    endsOn: plan.endsOn,
    ends: plan.endsOn ? date(plan.endsOn) : null,
    nextOn: next,
    next: next ? date(next) : 'None planned',
    plan,
    href: `/communications-plan/${c.id}`,
  };
}

export async function planPage(request: FastifyRequest, db: Db, month: string, raw: Record<string, string>, ok: boolean) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const first = `${month}-01`;
  const weeks = weeksOf(month);
  const lastDay = weeks.flat().filter(Boolean).at(-1)!;
  const [during, sends, all] = await Promise.all([
    q.communicationsDuring(db, orgId, first, lastDay),
    q.sendsDuring(db, orgId, first, lastDay),
    q.communicationsOf(db, orgId, null, q.registerLimit),
  ]);
  const rows = during.map((c) => communicationRow(c));
  const sent = new Set(sends.map((s) => `${Number(s.communication_id)}:${day(s.sent_on)}`));
  const occurrences = rows
    .flatMap((c) => occurrencesIn(month, c.plan).map((on) => ({ on, when: date(on), c, sent: sent.has(`${c.id}:${on}`) })))
    .sort((a, b) => a.on.localeCompare(b.on) || a.c.id - b.c.id);
  const unplanned = sends
    .filter((s) => !occurrences.some((o) => o.c.id === Number(s.communication_id) && o.on === day(s.sent_on)))
    .map((s) => ({ on: day(s.sent_on)!, when: date(day(s.sent_on)!), message: s.message, href: `/communications-plan/${s.communication_id}` }));
  const now = today();
  return {
    title: 'Communications plan',
    breadcrumbs: [home],
    month,
    monthName: monthName(month),
    previous: { href: `/communications-plan?month=${shiftMonth(month, -1)}`, text: monthName(shiftMonth(month, -1)) },
    following: { href: `/communications-plan?month=${shiftMonth(month, 1)}`, text: monthName(shiftMonth(month, 1)) },
    thisMonthHref: monthOf(now) === month ? null : '/communications-plan',
    weekdays: [
      ['Mon', 'Monday'],
      ['Tue', 'Tuesday'],
      ['Wed', 'Wednesday'],
      ['Thu', 'Thursday'],
      ['Fri', 'Friday'],
      ['Sat', 'Saturday'],
      ['Sun', 'Sunday'],
    ].map(([short, long]) => ({ short, long })),
    weeks: weeks.map((w) =>
      w.map((d) =>
        d === null
          ? null
          : {
              on: d,
              number: Number(d.slice(8, 10)),
              when: date(d),
              today: d === now,
              items: occurrences.filter((o) => o.on === d),
              sends: unplanned.filter((u) => u.on === d),
            },
      ),
    ),
    occurrences,
    unplanned,
    messages: all.map((c) => communicationRow(c, now)),
    values: raw,
    invalid: !ok,
    canManage: can(identity, abilities.manage),
  };
}

export async function communicationFormPage(request: FastifyRequest, db: Db, id: number | null) {
  const orgId = orgOf(request);
  const c = id === null ? null : communicationRow((await q.communicationById(db, orgId, id))!);
  return {
    title: c ? `Change ${c.message}` : 'Add a message to the communications plan',
    breadcrumbs: c ? [...planCrumbs, { text: c.message, href: c.href }] : planCrumbs,
    action: c ? `/communications-plan/${id}/edit` : '/communications-plan/new',
    editing: Boolean(c),
    channelItems: choices(channels, channelNames, undefined, 'Choose'),
    frequencyItems: frequencies.map((f: Frequency) => ({ value: f, text: frequencyNames[f] })),
    ownerItems: await personItems(db, orgId, 'No one yet', { current: c?.ownerId ?? null }),
    values: c
      ? {
          message: c.message,
          detail: c.detail,
          audience: c.audience,
          channel: c.channel,
          ownerId: c.ownerId === null ? '' : String(c.ownerId),
          frequency: c.frequency,
          startsOn: c.startsOn,
          endsOn: c.endsOn ?? '',
        }
      : { frequency: 'one-off', startsOn: today() },
  };
}

export async function communicationPage(request: FastifyRequest, db: Db, id: number) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const [c, sends, feedback] = await Promise.all([q.communicationById(db, orgId, id), q.sendsOf(db, orgId, [id]), q.commsFeedbackOf(db, orgId, [id])]);
  const row = communicationRow(c!);
  const sendRows = sends.map((s) => ({
    id: Number(s.id),
    sentOn: day(s.sent_on)!,
    sent: date(day(s.sent_on)!),
    channelName: channelNames[s.channel],
    note: s.note,
    reach: s.reach === null ? null : Number(s.reach).toLocaleString('en-GB'),
  }));
  const reached = sends.reduce((sum, s) => sum + (s.reach === null ? 0 : Number(s.reach)), 0);
  return {
    title: row.message,
    breadcrumbs: planCrumbs,
    c: row,
    sends: sendRows,
    reached: reached.toLocaleString('en-GB'),
    feedback: feedback.map((f) => ({
      id: Number(f.id),
      received: date(day(f.received_on)!),
      fromName: f.from_name || 'Not recorded',
      text: f.text,
      send: f.send_id === null ? null : (sendRows.find((s) => s.id === Number(f.send_id))?.sent ?? null),
    })),
    channelItems: channels.map((k: Channel) => ({ value: k, text: channelNames[k] })),
    sendItems: [{ value: '', text: 'Not about one in particular' }, ...sendRows.map((s) => ({ value: String(s.id), text: `${s.sent}, ${s.channelName}` }))],
    canManage: can(identity, abilities.manage),
    values: { sentOn: today(), receivedOn: today(), channel: row.channel },
  };
}
