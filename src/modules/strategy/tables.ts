import type { ColumnType, Generated } from 'kysely';

/** The council's corporate plan and digital vision, in its own words. */
export interface DigitalStrategiesTable {
  organisation_id: number;
  corporate_plan: string;
  vision: string;
  /** The years the strategy covers, by the April each starts: 2025 to 2028. */
  from_year: number | null;
  to_year: number | null;
  updated_at: string;
}

/** A priority of the corporate plan: tackling climate change, adult social care, economic growth. */
export interface PrioritiesTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  description: string;
  position: number;
  created_at: string;
  updated_at: string;
}

/** An objective of the digital strategy, tied to the priorities it serves. */
export interface StrategyObjectivesTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  description: string;
  /** Who answers for it, as the council writes it: often a director who never signs in. */
  owner: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface StrategyObjectivePrioritiesTable {
  organisation_id: number;
  objective_id: number;
  priority_id: number;
}

/** A measure of an objective's progress: where it is, where it started and where it should be. */
export interface StrategyMeasuresTable {
  id: Generated<number>;
  organisation_id: number;
  objective_id: number;
  name: string;
  /** What the numbers count: `%`, `days`, `£`, `per month`. */
  unit: string;
  /** Whether more is better (`up`) or less (`down`). */
  direction: 'up' | 'down';
  baseline: number | null;
  baseline_on: string | null;
  target: number | null;
  target_on: string | null;
  current: number | null;
  current_on: string | null;
  created_at: string;
}

/** A programme or project on the roadmap. */
export interface ProjectsTable {
  id: Generated<number>;
  organisation_id: number;
  reference: string;
  kind: 'programme' | 'project';
  programme_id: number | null;
  title: string;
  description: string;
  objective_id: number | null;
  /** Often a director who never signs in to Steward: their name as the council writes it. */
  sponsor: string;
  manager_id: number | null;
  stage: string;
  rag: 'red' | 'amber' | 'green';
  rag_reason: string;
  start_on: string | null;
  end_on: string | null;
  budget: number | null;
  spend: number | null;
  expected_benefits: string;
  realised_benefits: string;
  created_at: string;
  updated_at: string;
}

export interface ProjectCountersTable {
  organisation_id: number;
  last_number: number;
}

export interface ProjectMilestonesTable {
  id: Generated<number>;
  organisation_id: number;
  project_id: number;
  title: string;
  due_on: string;
  done_on: string | null;
}

/** `project_id` cannot finish (or start) until `depends_on_id` has delivered. */
export interface ProjectDependenciesTable {
  organisation_id: number;
  project_id: number;
  depends_on_id: number;
}

/** A system of the estate the project introduces, changes or retires. */
export interface ProjectSystemsTable {
  organisation_id: number;
  project_id: number;
  system_id: number;
  effect: 'introduces' | 'changes' | 'retires';
}

/** A record of another module the project is tied to (a risk from the register), by its linkable kind. */
export interface ProjectLinksTable {
  organisation_id: number;
  project_id: number;
  kind: string;
  record_id: number;
  created_at: ColumnType<string, string, never>;
}

/** A sprint review of a project: what the team showed, what people said and what comes next. */
export interface ProjectSprintReviewsTable {
  id: Generated<number>;
  organisation_id: number;
  project_id: number;
  held_on: string;
  /** The sprint as the team names it: "Sprint 14", "Beta sprint 3". */
  sprint: string;
  shown: string;
  feedback: string;
  next_steps: string;
  recorded_by: number | null;
  created_at: string;
}

export interface StrategyVersionsTable {
  organisation_id: number;
  version: number;
}

export interface StrategyTables {
  strategy_versions: StrategyVersionsTable;
  digital_strategies: DigitalStrategiesTable;
  priorities: PrioritiesTable;
  strategy_objectives: StrategyObjectivesTable;
  strategy_objective_priorities: StrategyObjectivePrioritiesTable;
  strategy_measures: StrategyMeasuresTable;
  projects: ProjectsTable;
  project_counters: ProjectCountersTable;
  project_milestones: ProjectMilestonesTable;
  project_dependencies: ProjectDependenciesTable;
  project_systems: ProjectSystemsTable;
  project_links: ProjectLinksTable;
  project_sprint_reviews: ProjectSprintReviewsTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends StrategyTables {}
}
