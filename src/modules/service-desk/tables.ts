import type { Generated } from 'kysely';

export type TicketKind = 'incident' | 'request';
export type TicketStatus = 'new' | 'assigned' | 'in-progress' | 'awaiting-requester' | 'on-hold' | 'resolved' | 'closed' | 'cancelled';
export type SlaStateColumn = 'on-track' | 'warning' | 'breached' | 'paused' | 'met';

export interface CalendarsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  time_zone: string;
  /** JSON: { "1": { "open": 510, "close": 1020 }, ... } in minutes from local midnight. */
  hours_json: string;
  /** Which GOV.UK bank holiday division applies, or null for none (a 24x7 calendar). */
  division: string | null;
  created_at: string;
  updated_at: string;
}

export interface CalendarClosuresTable {
  id: Generated<number>;
  organisation_id: number;
  calendar_id: number;
  date: string;
  title: string;
}

export interface BankHolidaysTable {
  division: string;
  date: string;
  title: string;
}

export interface SlaPoliciesTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  calendar_id: number;
  /** Share of a target after which a ticket warns, e.g. 0.75. */
  warn_share: number;
  /** JSON: { "1": { "response": 15, "resolution": 120 }, ... } in working minutes per priority. */
  targets_json: string;
  created_at: string;
  updated_at: string;
}

export interface ServicesTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  description: string;
  owner_id: number | null;
  team_id: number | null;
  hours: string;
  sla_policy_id: number | null;
  /** The council service area the service belongs to (the platform's list). */
  service_area_id: number | null;
  visible_to_staff: number;
  created_at: string;
  updated_at: string;
}

export interface RequestTypesTable {
  id: Generated<number>;
  organisation_id: number;
  service_id: number;
  name: string;
  description: string;
  /** JSON array of form fields: { key, label, type, required, options? }. */
  fields_json: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface IncidentCategoriesTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
}

export interface ServiceDeskSettingsTable {
  organisation_id: number;
  /** JSON: matrix[impact][urgency] = priority, impact and urgency 1 (high) to 3 (low). */
  priority_matrix_json: string;
  reopen_working_days: number;
  default_sla_policy_id: number | null;
}

export interface TicketCountersTable {
  organisation_id: number;
  kind: TicketKind;
  last_number: number;
}

export interface TicketsTable {
  id: Generated<number>;
  organisation_id: number;
  kind: TicketKind;
  reference: string;
  title: string;
  description: string;
  requester_id: number;
  on_behalf_of_id: number | null;
  service_id: number | null;
  request_type_id: number | null;
  category_id: number | null;
  impact: number;
  urgency: number;
  priority: number;
  status: TicketStatus;
  /** 1 unless resolved, closed or cancelled: queues index on it. */
  open: number;
  team_id: number | null;
  assignee_id: number | null;
  resolution_code: string | null;
  resolution_notes: string | null;
  form_json: string | null;
  created_at: string;
  updated_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  sla_policy_id: number | null;
  response_due_at: string | null;
  resolution_due_at: string | null;
  sla_state: SlaStateColumn;
  /** Set while the clock is paused (awaiting the requester). */
  paused_since: string | null;
  response_breached: number;
  resolution_breached: number;
  major_incident_id: number | null;
  assignment_changes: Generated<number>;
  asked_requester: Generated<number>;
}

export interface TicketEventsTable {
  id: Generated<number>;
  organisation_id: number;
  ticket_id: number;
  /** created, reply (public), note (internal), change (field changes). */
  kind: 'created' | 'reply' | 'note' | 'change';
  author_id: number | null;
  body: string;
  changes_json: string | null;
  at: string;
}

export interface TicketPausesTable {
  id: Generated<number>;
  organisation_id: number;
  ticket_id: number;
  started_at: string;
  ended_at: string | null;
}

export interface TicketWatchersTable {
  ticket_id: number;
  person_id: number;
  organisation_id: number;
}

export interface TicketRatingsTable {
  ticket_id: number;
  organisation_id: number;
  person_id: number;
  score: number;
  comment: string;
  at: string;
}

export interface MajorIncidentsTable {
  id: Generated<number>;
  organisation_id: number;
  service_id: number;
  title: string;
  summary: string;
  declared_by: number | null;
  declared_at: string;
  closed_at: string | null;
  closing_note: string | null;
}

export type Audience = 'staff' | 'agents' | 'public';

export interface ArticlesTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  body: string;
  audience: Audience;
  owner_id: number | null;
  service_id: number | null;
  review_on: string | null;
  helpful: Generated<number>;
  not_helpful: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface TicketArticlesTable {
  ticket_id: number;
  article_id: number;
  organisation_id: number;
  linked_by: number | null;
  at: string;
}

export interface TicketDailyStatsTable {
  organisation_id: number;
  day: string;
  priority: number;
  created: number;
  resolved: number;
  breached: number;
  first_contact: number;
  resolve_minutes: number;
}

/** Folded figures per day and priority; `ticket_daily_stats` is the view adding the unfolded changes. */
export type TicketDailyTotalsTable = TicketDailyStatsTable;

/** One change's deltas to a day's figures, inserted with the change and folded into the totals by a job. */
export interface TicketDailyChangesTable extends TicketDailyStatsTable {
  id: Generated<number>;
}

export interface SavedViewsTable {
  id: Generated<number>;
  organisation_id: number;
  person_id: number;
  name: string;
  query: string;
  created_at: string;
}

export interface TicketAttachmentsTable {
  id: Generated<number>;
  organisation_id: number;
  ticket_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by: number | null;
  internal: number;
  at: string;
}

/** A reply an agent inserts and finishes: a team's (team_id) or an agent's own (owner_id). */
export interface CannedRepliesTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  /** With placeholders: {requester}, {reference}, {title}, {due}, {agent}. */
  body: string;
  team_id: number | null;
  owner_id: number | null;
  created_at: string;
  updated_at: string;
}

/** Where staff email the service desk, and what happens to mail from someone Steward does not know. */
export interface MailInSettingsTable {
  organisation_id: number;
  /** The desk's address, lower case, unique across the installation: it says whose mail this is. */
  address: string;
  /** `refuse` keeps the mail as refused; `requester` adds the sender as a requester when their domain is allowed. */
  unknown_senders: 'refuse' | 'requester';
  /** Comma-separated domains whose people may be added as requesters (`eastwold.gov.uk`). */
  allowed_domains: string;
  /** The team new mail goes to (the front line); null leaves it with no team, in the unassigned queue. */
  team_id: number | null;
  updated_at: string;
}

export type InboundMailStatus = 'received' | 'ticket' | 'reply' | 'dropped' | 'refused' | 'failed';

/** Every mail the receiver accepted, kept as it arrived before it is read, with what became of it. */
export interface InboundMailsTable {
  id: Generated<number>;
  organisation_id: number;
  recipient: string;
  envelope_from: string;
  from_address: string | null;
  message_id: string | null;
  subject: string;
  raw: Buffer;
  size: number;
  received_at: string;
  status: InboundMailStatus;
  /** In words: why it was dropped or refused, or what it became. */
  outcome: string;
  ticket_id: number | null;
  processed_at: string | null;
}

/** Time someone spent on a ticket, logged with a reply or note: for the desk's own view of effort. */
export interface TicketTimeEntriesTable {
  id: Generated<number>;
  organisation_id: number;
  ticket_id: number;
  person_id: number | null;
  minutes: number;
  at: string;
}

export interface ServiceDeskTables {
  ticket_time_entries: TicketTimeEntriesTable;
  mail_in_settings: MailInSettingsTable;
  inbound_mails: InboundMailsTable;
  canned_replies: CannedRepliesTable;
  ticket_attachments: TicketAttachmentsTable;
  saved_views: SavedViewsTable;
  ticket_daily_stats: TicketDailyStatsTable;
  ticket_daily_totals: TicketDailyTotalsTable;
  ticket_daily_changes: TicketDailyChangesTable;
  articles: ArticlesTable;
  ticket_articles: TicketArticlesTable;
  ticket_ratings: TicketRatingsTable;
  major_incidents: MajorIncidentsTable;
  calendars: CalendarsTable;
  calendar_closures: CalendarClosuresTable;
  bank_holidays: BankHolidaysTable;
  sla_policies: SlaPoliciesTable;
  services: ServicesTable;
  request_types: RequestTypesTable;
  incident_categories: IncidentCategoriesTable;
  service_desk_settings: ServiceDeskSettingsTable;
  ticket_counters: TicketCountersTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_pauses: TicketPausesTable;
  ticket_watchers: TicketWatchersTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends ServiceDeskTables {}
}
