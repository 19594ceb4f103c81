import type { Generated } from 'kysely';
import type { OrganisationType } from './organisations/types.js';
import type { Role } from './access/roles.js';

/** Row shapes are what both databases return: numbers, 0/1 booleans, ISO-8601 UTC text, JSON text. */
export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  type: OrganisationType;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface PeopleTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: Generated<number>;
  person_id: number;
  organisation_id: number;
  role: Role;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value, so a leaked table does not leak sessions. */
  id: string;
  person_id: number;
  organisation_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface SignInFailuresTable {
  id: Generated<number>;
  key: string;
  at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  person_id: number;
  organisation_id: number;
  name: string;
  token_hash: string;
  hint: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  organisation_id: number | null;
  actor_person_id: number | null;
  actor: string;
  action: 'create' | 'update' | 'delete';
  entity_type: string;
  entity_id: string;
  summary: string;
  before_json: string | null;
  after_json: string | null;
  at: string;
}

export interface InstallationSettingsTable {
  key: string;
  value: string;
}

export interface OutboxTable {
  id: Generated<number>;
  organisation_id: number | null;
  to_email: string;
  subject: string;
  body: string;
  kind: string;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_until: string | null;
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
  /** The ticket (or other record) a mail is about, so replies to it find their way back (`INC-000123`). */
  thread: string | null;
}

export interface NotificationPreferencesTable {
  person_id: number;
  kind: string;
  email: number;
}

export interface JobRunsTable {
  name: string;
  slot: number;
  started_at: string;
}

/** The cells of an import's file, as read, by row: kept apart from the import so updating it stays cheap. */
export interface ImportFilesTable {
  import_id: number;
  organisation_id: number;
  rows_json: string;
}

export interface ImportsTable {
  id: Generated<number>;
  organisation_id: number;
  person_id: number;
  filename: string;
  status: 'uploaded' | 'done' | 'cancelled';
  headers_json: string;
  /** The line of the file the headings were on (1 unless a title or notes sat above them). */
  heading_row: Generated<number>;
  mapping_json: string | null;
  result_json: string | null;
  created_at: string;
  kind: string;
  values_json: string | null;
  checked_json: string | null;
  /** All or nothing: a row with any cell that cannot be read is left out. */
  strict: Generated<number>;
  /** For each choice field, the value rows that do not say are taken to have. */
  defaults_json: string | null;
  /** For each matched field, the person's choice for each near name: a record's id, or 'new'. */
  matches_json: string | null;
}

export interface ImportMappingsTable {
  organisation_id: number;
  mapping_json: string;
}

export interface ImportRowsTable {
  import_id: number;
  organisation_id: number;
  line: number;
  good: number;
  values_json: string | null;
  shown_json: string;
  notes_json: string;
  errors_json: string;
  /** The row's data-quality notes and date precisions: { quality, precision }. */
  kept_json: string | null;
}

/** Moves with every data-quality note added or resolved: Needs attention's counts are kept until it does. */
export interface DataQualityVersionsTable {
  organisation_id: number;
  version: number;
}

/**
 * A note on one field of one record about the quality of what an import put there: a cell that
 * could not be read (kept as not known until someone puts it right) or a value read
 * approximately. Resolved when the field is put right, changed, or written again by an import.
 */
export interface DataQualityNotesTable {
  id: Generated<number>;
  organisation_id: number;
  entity_type: string;
  entity_id: number;
  /** The record's name as the person knows it, and its page, for the Needs attention list. */
  record_name: string;
  record_href: string;
  import_id: number | null;
  /** The kind of import whose field this is: its reader puts the value right. */
  import_kind: string;
  field: string;
  label: string;
  kind: 'unreadable' | 'approximate';
  as_written: string;
  note: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: number | null;
  resolution: string | null;
}

/**
 * The council's own structure: directorates and the service areas within them. Kept by the
 * platform because the estate (who uses each system), training coverage, costs per service and
 * announcements' audiences all cut by it.
 */
export interface ServiceAreasTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  /** The directorate a service area sits in; null for a directorate, or an area not yet placed. */
  directorate_id: number | null;
  kind: 'directorate' | 'service-area';
  created_at: string;
}

export interface PlatformTables {
  service_areas: ServiceAreasTable;
  imports: ImportsTable;
  import_files: ImportFilesTable;
  import_mappings: ImportMappingsTable;
  import_rows: ImportRowsTable;
  data_quality_notes: DataQualityNotesTable;
  outbox: OutboxTable;
  notification_preferences: NotificationPreferencesTable;
  job_runs: JobRunsTable;
  organisations: OrganisationsTable;
  people: PeopleTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  data_quality_versions: DataQualityVersionsTable;
  installation_settings: InstallationSettingsTable;
}
