import type { ColumnType, Generated } from 'kysely';

/** A board or group that governs the council's technology: the digital board, a design authority. */
export interface BoardsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  /** Its terms of reference, in the council's words: what it is for and what it may decide. */
  purpose: string;
  /** How often it meets, as people say it: "Monthly, second Tuesday". */
  meets: string;
  created_at: string;
  updated_at: string;
}

/** Someone who sits on a board; most are directors or councillors who never sign in to Steward. */
export interface BoardMembersTable {
  id: Generated<number>;
  organisation_id: number;
  board_id: number;
  name: string;
  /** Their place on the board: Chair, Member, Adviser, Secretary. */
  role: string;
  /** Whom they speak for: a directorate, the cabinet, a union, a partner. */
  represents: string;
  /** The Steward account of a member who has one; such a member may record for the board. */
  person_id: number | null;
  left_on: string | null;
  created_at: string;
}

export interface BoardMeetingsTable {
  id: Generated<number>;
  organisation_id: number;
  board_id: number;
  held_on: string;
  /** The time it starts, 24-hour `HH:MM`, or blank. */
  starts_at: string;
  place: string;
  minutes: string;
  minutes_signed_off_on: string | null;
  minutes_signed_off_by: string;
  created_at: string;
  updated_at: string;
}

export interface BoardAgendaItemsTable {
  id: Generated<number>;
  organisation_id: number;
  meeting_id: number;
  position: number;
  title: string;
  presenter: string;
  created_at: string;
}

/** A paper for a meeting: the file itself is kept, like a ticket's attachment. */
export interface BoardPapersTable {
  id: Generated<number>;
  organisation_id: number;
  meeting_id: number;
  title: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  added_by: number | null;
  created_at: string;
}

export interface BoardAttendanceTable {
  organisation_id: number;
  meeting_id: number;
  member_id: number;
  attendance: 'present' | 'apologies' | 'absent';
}

/** An entry in the decision log. */
export interface BoardDecisionsTable {
  id: Generated<number>;
  organisation_id: number;
  board_id: number;
  meeting_id: number | null;
  reference: string;
  title: string;
  options: string;
  rationale: string;
  /** Who decided, as the minutes say it: "The digital board", "Director of Resources under delegation". */
  decided_by: string;
  decided_on: string;
  /** Whether the decision may be published, on the council's public progress page among others. */
  public: ColumnType<boolean | number, number, number>;
  recorded_by: number | null;
  created_at: string;
}

/** What a decision is about, in another module: a project, a system, a contract, a risk. */
export interface BoardDecisionLinksTable {
  organisation_id: number;
  decision_id: number;
  kind: string;
  record_id: number;
  created_at: ColumnType<string, string, never>;
}

export interface BoardActionsTable {
  id: Generated<number>;
  organisation_id: number;
  board_id: number;
  meeting_id: number | null;
  decision_id: number | null;
  title: string;
  owner_person_id: number | null;
  /** The owner as the minutes name them, when they have no Steward account. */
  owner_name: string;
  due_on: string;
  done_on: string | null;
  done_note: string;
  created_at: string;
  updated_at: string;
}

/** A reminder sent about an action, once per key (the due date, and the week it is late in), so moving the date sends it again. */
export interface BoardActionRemindersTable {
  action_id: number;
  kind: 'due-soon' | 'overdue';
  key: string;
  at: string;
}

export interface BoardCountersTable {
  organisation_id: number;
  decisions: number;
}

export interface BoardTables {
  boards: BoardsTable;
  board_members: BoardMembersTable;
  board_meetings: BoardMeetingsTable;
  board_agenda_items: BoardAgendaItemsTable;
  board_papers: BoardPapersTable;
  board_attendance: BoardAttendanceTable;
  board_decisions: BoardDecisionsTable;
  board_decision_links: BoardDecisionLinksTable;
  board_actions: BoardActionsTable;
  board_action_reminders: BoardActionRemindersTable;
  board_counters: BoardCountersTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends BoardTables {}
}
