import type { Generated } from 'kysely';

/** A service the council must not lose (social care, revenues and benefits, elections), and its systems. */
export interface EssentialFunctionsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  description: string;
  /** Who answers for it in the council, as written. */
  owner: string;
  created_at: string;
  updated_at: string;
}

export interface EssentialFunctionSystemsTable {
  essential_function_id: number;
  system_id: number;
  organisation_id: number;
}

export interface CyberTables {
  essential_functions: EssentialFunctionsTable;
  essential_function_systems: EssentialFunctionSystemsTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends CyberTables {}
}
