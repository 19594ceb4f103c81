import type { ColumnType, Generated } from 'kysely';

/** A course in the council's learning system; required ones count towards coverage. */
export interface TrainingCoursesTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  /** Lower case, for matching the names a learning system exports. */
  name_key: string;
  required: ColumnType<number, number | undefined, number>;
  /** How long a completion counts for, in months. */
  refresh_months: ColumnType<number, number | undefined, number>;
  created_at: string;
}

/** A member of the council's staff as the learning system knows them; not a Steward user. */
export interface TrainingLearnersTable {
  id: Generated<number>;
  organisation_id: number;
  email: string;
  name: string;
  directorate: string;
  team: string;
  created_at: string;
  updated_at: string;
}

export interface TrainingCompletionsTable {
  id: Generated<number>;
  organisation_id: number;
  learner_id: number;
  course_id: number;
  completed_on: string;
  score: number | null;
  import_id: number | null;
  /** One of `trainingKinds`; the learning system's courses are online. */
  kind: ColumnType<string, string | undefined, string>;
  /** In pounds; null when free or not known. */
  cost: number | null;
  /** Set when the record is an activity from someone's development plan in people and skills. */
  development_item_id: number | null;
}

export interface PhishingExercisesTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  sent_on: string;
  sent: number;
  clicked: number;
  reported: number;
  created_at: string;
}

export interface TrainingVersionsTable {
  organisation_id: number;
  version: number;
}

export interface TrainingTables {
  training_versions: TrainingVersionsTable;
  training_courses: TrainingCoursesTable;
  training_learners: TrainingLearnersTable;
  training_completions: TrainingCompletionsTable;
  phishing_exercises: PhishingExercisesTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends TrainingTables {}
}
