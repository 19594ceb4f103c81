import type { ColumnType, Generated } from 'kysely';
import type { ProblemPriority, ProblemStatus } from './rules.js';

/** A problem (ITIL): the cause behind one or many incidents, worked until it is a known error with a workaround, then fixed. */
export interface ProblemsTable {
  id: Generated<number>;
  organisation_id: number;
  /** Its number in the organisation; the reference is PRB- and the number. */
  number: number;
  reference: string;
  title: string;
  description: string;
  status: ProblemStatus;
  priority: ProblemPriority;
  /** The catalogue service it affects. */
  service_id: number | null;
  /** The estate system at fault, when known. */
  system_id: number | null;
  owner_id: number | null;
  team_id: number | null;
  root_cause: string;
  workaround: string;
  fix: string;
  /** The knowledge article its workaround is published as, once it is a known error. */
  article_id: number | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
}

/** An incident a problem is behind. */
export interface ProblemIncidentsTable {
  organisation_id: number;
  problem_id: number;
  ticket_id: number;
  linked_by: number | null;
  linked_at: ColumnType<string, string, never>;
}

/** A cluster of incidents Steward proposed a problem for: open, raised (as a problem) or dismissed. */
export interface ProblemProposalsTable {
  id: Generated<number>;
  organisation_id: number;
  /** The cluster's key from the rule (`service:12:345`): the same cluster keeps it as it grows. */
  key: string;
  service_id: number | null;
  system_id: number | null;
  /** The incidents' ticket ids, as JSON text. */
  incident_ids: string;
  first_at: string;
  last_at: string;
  state: 'open' | 'raised' | 'dismissed';
  problem_id: number | null;
  decided_by: number | null;
  decided_at: string | null;
  proposed_at: string;
}

export interface ProblemCountersTable {
  organisation_id: number;
  problems: number;
}

export interface ProblemTables {
  problems: ProblemsTable;
  problem_incidents: ProblemIncidentsTable;
  problem_proposals: ProblemProposalsTable;
  problem_counters: ProblemCountersTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends ProblemTables {}
}
