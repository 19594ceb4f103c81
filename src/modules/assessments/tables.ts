import type { Generated } from 'kysely';

export interface FrameworksTable {
  id: Generated<number>;
  organisation_id: number;
  /** Which framework (caf, cyber-essentials) and which version of it: one of each per organisation. */
  key: string;
  version: string;
  name: string;
  description: string;
  format: string;
  /** Levels, scale, tiers, the derivation rule and the profiles, as JSON. */
  definition_json: string;
  filename: string;
  assessable_count: number;
  indicator_count: number;
  imported_at: string;
  imported_by: number | null;
  /** Moves on every change to a profile made in Steward, so each instance knows to read the framework again. */
  profiles_version: Generated<number>;
}

export interface FrameworkNodesTable {
  id: Generated<number>;
  organisation_id: number;
  framework_id: number;
  parent_id: number | null;
  /** Place in the tree, parents before children: the order the framework is read in. */
  position: number;
  depth: number;
  level: string;
  code: string;
  title: string;
  description: string;
  assessable: number | boolean;
  rule_json: string | null;
  /** Target status per profile key. */
  targets_json: string;
}

export interface FrameworkIndicatorsTable {
  id: Generated<number>;
  organisation_id: number;
  framework_id: number;
  node_id: number;
  position: number;
  tier: string;
  code: string;
  reference: string;
  text: string;
}

export interface AssessmentsTable {
  id: Generated<number>;
  organisation_id: number;
  framework_id: number;
  title: string;
  /** organisation, or an essential function (its systems in scope). */
  scope: string;
  scope_description: string;
  profile_key: string | null;
  period_start: string;
  period_end: string;
  /** draft, in-review, ready-for-approval, approved */
  state: string;
  /** self-assessment, peer-review, independent-assurance */
  assurance: string;
  previous_id: number | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  approved_at: string | null;
  approved_by: number | null;
}

export interface AssessmentAnswersTable {
  assessment_id: number;
  indicator_id: number;
  organisation_id: number;
  holds: number | boolean;
  comment: string;
  updated_at: string;
  updated_by: number | null;
}

export interface AssessmentOutcomesTable {
  assessment_id: number;
  node_id: number;
  organisation_id: number;
  /** What the answers give under the node's rule; null until assessed or for a rule chosen by hand. */
  computed: string | null;
  /** A status set by hand over the computed one, always with a justification. */
  override: string | null;
  justification: string;
  comment: string;
  evidence: string;
  assessed_at: string;
  assessed_by: number | null;
}

/** An action of the improvement plan: what will move an outcome towards its target, by whom and when. */
export interface AssessmentActionsTable {
  id: Generated<number>;
  organisation_id: number;
  assessment_id: number;
  node_id: number;
  title: string;
  owner: string;
  due: string | null;
  /** open, done */
  status: string;
  created_at: string;
  updated_at: string;
}

/** A reviewer's or assessor's decision on one outcome, with their recommendations. */
export interface AssessmentReviewsTable {
  assessment_id: number;
  node_id: number;
  organisation_id: number;
  decision: 'agreed' | 'changed' | 'not-agreed';
  recommendations: string;
  reviewed_by: number | null;
  reviewed_at: string;
}

/** One piece of evidence for an outcome: a kept file, a link elsewhere, or a Steward record. */
export interface AssessmentEvidenceTable {
  id: Generated<number>;
  organisation_id: number;
  assessment_id: number;
  node_id: number;
  kind: 'file' | 'link' | 'record';
  title: string;
  url: string;
  /** For a record: the kind a module offers (system, contract, risk) and the record's id. */
  record_kind: string;
  record_id: number | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer | null;
  added_by: number | null;
  added_at: string;
}

/** One answer to an outcome as it was given. */
export interface AssessmentOutcomeHistoryTable {
  id: Generated<number>;
  organisation_id: number;
  assessment_id: number;
  node_id: number;
  computed: string | null;
  override: string | null;
  justification: string;
  holding: number;
  of_indicators: number;
  person_id: number | null;
  at: string;
}

export interface AssessmentTables {
  assessment_outcome_history: AssessmentOutcomeHistoryTable;
  assessment_evidence: AssessmentEvidenceTable;
  assessment_reviews: AssessmentReviewsTable;
  assessment_actions: AssessmentActionsTable;
  frameworks: FrameworksTable;
  framework_nodes: FrameworkNodesTable;
  framework_indicators: FrameworkIndicatorsTable;
  assessments: AssessmentsTable;
  assessment_answers: AssessmentAnswersTable;
  assessment_outcomes: AssessmentOutcomesTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends AssessmentTables {}
}
