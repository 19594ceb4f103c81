import type { Generated } from 'kysely';

export interface TeamsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  description: Generated<string>;
  /** The architecture layer or function the team is organised around (`teamFocuses`); '' for neither. */
  focus: Generated<string>;
  /** The member of the department who leads it (a `staff` record of people and skills). */
  lead_staff_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  team_id: number;
  person_id: number;
  organisation_id: number;
}

export interface TeamTables {
  teams: TeamsTable;
  team_members: TeamMembersTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends TeamTables {}
}
