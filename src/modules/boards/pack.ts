import { allows, date, emptyPack, packSections, type Db, type Identity, type PackContent } from '../../platform/index.js';
import * as q from './queries.js';
import { actionState } from './rules.js';

const day = (v: unknown) => String(v).slice(0, 10);

export interface BoardPack {
  title: string;
  board: string;
  meeting: { id: number; when: string; place: string; heldOn: string };
  madeOn: string;
  sections: { key: string; title: string; content: PackContent }[];
}

/**
 * A meeting's board pack, assembled from live data: the agenda and what the board must decide,
 * then every module's section the reader may see (KPIs, the roadmap, risks, contracts, cyber, budget).
 */
export async function boardPack(db: Db, identity: Identity, meetingId: number, today: string): Promise<BoardPack> {
  const orgId = identity.organisation.id;
  const m = (await q.meetingById(db, orgId, meetingId))!;
  const heldOn = day(m.held_on);
  const boardId = Number(m.board_id);
  const [agenda, actions, meetings] = await Promise.all([
    q.agendaOf(db, orgId, meetingId),
    q.actionsOf(db, orgId, { boardId, state: 'open', today }, 500),
    q.meetingsOf(db, orgId, boardId),
  ]);
  // Every figure is as it stands when the pack is made (the pack says so): Steward keeps no past state of most of them.
  const on = today;
  const agendaPart = emptyPack();
  agendaPart.tables.push({
    caption: 'The items, in order',
    head: ['Item', 'Presented by'],
    rows: agenda.map((a, i) => [`${i + 1}. ${a.title}`, a.presenter]),
  });
  const due = emptyPack();
  const forDecision = agenda.filter((a) => /^for decision/i.test(a.title));
  if (forDecision.length) due.paragraphs.push(...forDecision.map((a) => `For decision: ${a.title.replace(/^for decision:\s*/i, '')}`));
  const open = actions.filter((a) => day(a.due_on) <= heldOn);
  due.tables.push({
    caption: 'Actions due by the meeting',
    head: ['Action', 'Owner', 'Due', 'State'],
    rows: open.map((a) => [
      a.title,
      a.owner_display_name ?? a.owner_name,
      date(day(a.due_on)),
      actionState({ dueOn: day(a.due_on), doneOn: null }, today) === 'overdue' ? 'Overdue' : 'Open',
    ]),
  });
  if (!open.length) due.paragraphs.push('No action is due by the meeting.');
  // What the board decided since it last met: at that meeting and between meetings, up to this one.
  const previous = meetings.find((x) => day(x.held_on) < heldOn);
  if (previous) {
    const since = day(previous.held_on);
    const decided = (await q.decisionsOf(db, orgId, { boardId }, undefined, 200))
      .filter((d) => day(d.decided_on) >= since && day(d.decided_on) < heldOn && Number(d.meeting_id) !== meetingId)
      .reverse();
    if (decided.length)
      due.tables.push({
        caption: `Decided since the last meeting, ${date(since)}`,
        head: ['Decision', 'Decided', 'Why'],
        rows: decided.map((d) => [`${d.reference} ${d.title}`, `${date(day(d.decided_on))}${d.meeting_id === null ? ', between meetings' : ''}`, d.rationale]),
      });
  }
  const sections = [
    { key: 'agenda', title: 'Agenda', content: agendaPart },
    { key: 'decisions-due', title: 'Decisions and actions due', content: due },
  ];
  for (const s of packSections()) {
    if (!allows(s.access, identity.role)) continue;
    const content = await s.build(db, identity, on);
    if (content) sections.push({ key: s.key, title: s.title, content });
  }
  const when = `${date(heldOn)}${m.starts_at ? `, ${m.starts_at}` : ''}`;
  return {
    title: `${m.board_name}: board pack for ${date(heldOn)}`,
    board: m.board_name,
    meeting: { id: meetingId, when, place: m.place, heldOn },
    madeOn: today,
    sections,
  };
}
