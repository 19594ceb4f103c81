import type { ColumnType, Generated } from 'kysely';

/** What kind of contract someone in the IT department is on. */
export type ContractType = 'permanent' | 'fixed-term' | 'contractor' | 'interim' | 'apprentice' | 'graduate';

/**
 * Someone who works in the IT department: an employee, a contractor or interim, an apprentice or a
 * graduate. A Steward user (an agent, a manager) is the same person, linked by `person_id`; most
 * of the department's people never sign in to Steward at all.
 */
export interface StaffTable {
  id: Generated<number>;
  organisation_id: number;
  person_id: number | null;
  name: string;
  /** Lower case; '' when not known. */
  email: string;
  job_title: string;
  grade: string;
  team_id: number | null;
  line_manager_id: number | null;
  contract: ContractType;
  start_date: string | null;
  /** A fixed-term, contract or programme's end. */
  end_date: string | null;
  /** Contractors and interims, in pounds a day. */
  day_rate: number | null;
  /** Employees: salary with on-costs, in pounds a year, when the council records it. */
  annual_cost: number | null;
  /** Apprentices and graduates: the programme and who provides it. */
  programme: string;
  provider: string;
  location: string;
  working_pattern: string;
  /** The framework role level the person's job is, when set for them rather than by their job title. */
  role_level_id: number | null;
  left_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface VacanciesTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  grade: string;
  team_id: number | null;
  reports_to_id: number | null;
  role_level_id: number | null;
  open_since: string;
  times_advertised: ColumnType<number, number | undefined, number>;
  /** The interim or contractor covering the post, from the department's people. */
  cover_staff_id: number | null;
  notes: string;
  filled_on: string | null;
  created_at: string;
  updated_at: string;
}

/** A role of the capability framework as the council imported it (Crown copyright text is the council's copy). */
export interface CapabilityRolesTable {
  id: Generated<number>;
  organisation_id: number;
  family: string;
  name: string;
  name_key: string;
  description: string;
  role_type: string;
  /** The day a newer file no longer listed it; kept while people's jobs are mapped to it. */
  withdrawn_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface CapabilityRoleLevelsTable {
  id: Generated<number>;
  organisation_id: number;
  role_id: number;
  name: string;
  name_key: string;
  description: string;
  /** Its place in the role's ladder, from 1, as the file lists them. */
  position: number;
  withdrawn_on: string | null;
}

export interface CapabilitySkillsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  name_key: string;
  description: string;
  awareness: Generated<string>;
  working: Generated<string>;
  practitioner: Generated<string>;
  expert: Generated<string>;
  /** The roles the skills file says need it, as written. */
  roles_text: Generated<string>;
  withdrawn_on: string | null;
  created_at: string;
  updated_at: string;
}

/** The level of a skill a role level needs: 1 awareness, 2 working, 3 practitioner, 4 expert. */
export interface CapabilityRequirementsTable {
  organisation_id: number;
  role_level_id: number;
  skill_id: number;
  level: number;
  description: string;
}

/** Each import of a framework file, with what it changed. */
export interface CapabilityVersionsTable {
  id: Generated<number>;
  organisation_id: number;
  kind: 'roles' | 'skills';
  filename: string;
  imported_at: string;
  changes_json: string;
}

/** The council's own job title (and grade) as a framework role level. */
export interface JobTitleLevelsTable {
  id: Generated<number>;
  organisation_id: number;
  job_title: string;
  job_title_key: string;
  /** '' for every grade of the title. */
  grade: string;
  role_level_id: number;
}

/** A person's level in a skill, as they see it and as agreed with their manager. */
export interface StaffSkillsTable {
  organisation_id: number;
  staff_id: number;
  skill_id: number;
  self_level: number | null;
  agreed_level: number | null;
  updated_at: string;
}

/** Who can support a system of the estate. */
export interface SystemSupportersTable {
  organisation_id: number;
  system_id: number;
  staff_id: number;
}

export interface PeopleVersionsTable {
  organisation_id: number;
  version: number;
}

/** A person's objective for a year; its words are private to them and their managers. */
export interface ObjectivesTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  /** The year it is for, by the April it starts: 2026 is 2026 to 2027. */
  year: number;
  title: string;
  measure: string;
  status: 'on-track' | 'at-risk' | 'off-track' | 'met' | 'dropped';
  created_at: string;
  updated_at: string;
}

export interface ObjectiveReviewsTable {
  id: Generated<number>;
  organisation_id: number;
  objective_id: number;
  reviewed_on: string;
  status: ObjectivesTable['status'];
  note: string;
  created_at: string;
}

/** A 1:1 between a person and their line manager; its notes are private to them and the manager's manager. */
export interface OneToOnesTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  held_on: string;
  notes: string;
  created_at: string;
}

export interface OneToOneActionsTable {
  id: Generated<number>;
  organisation_id: number;
  one_to_one_id: number;
  action: string;
  /** Who does it: the person or their manager. */
  owner: 'person' | 'manager';
  due_on: string | null;
  done_on: string | null;
}

/** Something a person will do or has done to grow: a course, a brown bag, a conference, tied to a skill they are short of. */
export interface DevelopmentItemsTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  skill_id: number | null;
  target_level: number | null;
  activity: string;
  kind: string;
  due_on: string | null;
  completed_on: string | null;
  /** In pounds; null when free or not known. */
  cost: number | null;
  created_at: string;
}

/** The department's training budget for a year (by the April it starts). */
export interface TrainingBudgetsTable {
  organisation_id: number;
  year: number;
  amount: number;
}

/** A certification a person holds, and when it runs out (AZ-104, ITIL 4, CISSP, a PRINCE2 practitioner). */
export interface CertificationsTable {
  id: Generated<number>;
  organisation_id: number;
  staff_id: number;
  name: string;
  awarded_on: string | null;
  expires_on: string | null;
  created_at: string;
}

export interface CertificationRemindersTable {
  certification_id: number;
  lead_days: number;
  expires_on: string;
  at: string;
}

export interface PeopleTables {
  certifications: CertificationsTable;
  certification_reminders: CertificationRemindersTable;
  development_items: DevelopmentItemsTable;
  training_budgets: TrainingBudgetsTable;
  objectives: ObjectivesTable;
  objective_reviews: ObjectiveReviewsTable;
  one_to_ones: OneToOnesTable;
  one_to_one_actions: OneToOneActionsTable;
  people_versions: PeopleVersionsTable;
  staff: StaffTable;
  vacancies: VacanciesTable;
  capability_roles: CapabilityRolesTable;
  capability_role_levels: CapabilityRoleLevelsTable;
  capability_skills: CapabilitySkillsTable;
  capability_requirements: CapabilityRequirementsTable;
  capability_versions: CapabilityVersionsTable;
  job_title_levels: JobTitleLevelsTable;
  staff_skills: StaffSkillsTable;
  system_supporters: SystemSupportersTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends PeopleTables {}
}
