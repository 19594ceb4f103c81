import type { Generated } from 'kysely';
import type { Approver, ChangeKind, ChangeStatus, Decision, RiskLevel } from './rules.js';

/** A change to the council's technology: standard (from a pre-approved template), normal or emergency. */
export interface ChangesTable {
  id: Generated<number>;
  organisation_id: number;
  /** Per organisation, from 1: CHG-000001. */
  number: number;
  reference: string;
  title: string;
  description: string;
  kind: ChangeKind;
  status: ChangeStatus;
  /** The risk questionnaire's five answers, each 0 (none) to 3 (severe). */
  risk_impact: number;
  risk_systems: number;
  risk_untested: number;
  risk_backout: number;
  risk_hours: number;
  risk_score: number;
  risk_level: RiskLevel;
  /** Half-open interval, ISO-8601 UTC text (compares as text on both databases); null until planned. */
  planned_start: string | null;
  planned_end: string | null;
  implementer_id: number | null;
  backout_plan: string;
  test_plan: string;
  communication_plan: string;
  /** Why an emergency change cannot wait: lets it into a freeze window. */
  emergency_reason: string;
  /** How it went, kept after the review: implemented, failed or backed out. */
  outcome: 'implemented' | 'failed' | 'backed_out' | null;
  outcome_notes: string;
  /** Each submission to the CAB is a round; votes belong to one. */
  cab_round: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The estate systems a change touches. */
export interface ChangeSystemsTable {
  organisation_id: number;
  change_id: number;
  system_id: number;
}

/** A time the council allows no changes (council tax billing, an election, Christmas). */
export interface ChangeFreezeWindowsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  reason: string;
  starts_at: string;
  ends_at: string;
  created_at: string;
  updated_at: string;
}

/** A weekly time the council lets changes happen (Tuesday 18:00 to 22:00, UK time); ends at or before the start run into the next day. */
export interface ChangeMaintenanceWindowsTable {
  id: Generated<number>;
  organisation_id: number;
  /** 1 Monday to 7 Sunday. */
  weekday: number;
  starts: string;
  ends: string;
  created_at: string;
}

/** A member of the change advisory board. */
export interface CabMembersTable {
  id: Generated<number>;
  organisation_id: number;
  person_id: number;
  /** Chair, Member, Adviser: in the council's words. */
  role: string;
  created_at: string;
}

/** How many CAB votes make a decision, for normal changes and for emergency ones (ECAB). */
export interface ChangeSettingsTable {
  organisation_id: number;
  cab_quorum: number;
  ecab_quorum: number;
}

export interface ChangeVotesTable {
  id: Generated<number>;
  organisation_id: number;
  change_id: number;
  cab_round: number;
  member_id: number;
  decision: Decision;
  conditions: string;
  at: string;
}

/** One required approver's decision on a change (the CAB's is recorded when it reaches quorum). */
export interface ChangeApprovalsTable {
  id: Generated<number>;
  organisation_id: number;
  change_id: number;
  cab_round: number;
  approver: Approver;
  decision: Decision;
  conditions: string;
  person_id: number | null;
  at: string;
}

export interface ChangeCountersTable {
  organisation_id: number;
  changes: number;
}

/** Moves with every write to changes, their systems and freeze windows: the calendar kept in memory is checked against it. */
export interface ChangeVersionsTable {
  organisation_id: number;
  version: number;
}

export interface ChangeTables {
  change_versions: ChangeVersionsTable;
  change_maintenance_windows: ChangeMaintenanceWindowsTable;
  changes: ChangesTable;
  change_systems: ChangeSystemsTable;
  change_freeze_windows: ChangeFreezeWindowsTable;
  cab_members: CabMembersTable;
  change_settings: ChangeSettingsTable;
  change_votes: ChangeVotesTable;
  change_approvals: ChangeApprovalsTable;
  change_counters: ChangeCountersTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends ChangeTables {}
}
