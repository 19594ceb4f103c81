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

export interface RisksTable {
  id: Generated<number>;
  organisation_id: number;
  /** RISK-0001, numbered per organisation. */
  reference: string;
  title: string;
  category: string;
  cause: string;
  event: string;
  effect: string;
  owner_id: number | null;
  inherent_likelihood: number;
  inherent_impact: number;
  current_likelihood: number;
  current_impact: number;
  /** The current score, kept for ordering by it. */
  current_score: number;
  target_likelihood: number;
  target_impact: number;
  treatment: string;
  controls: string;
  actions: string;
  review_due: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

/** Each change of a risk's current score, for its history. */
export interface RiskScoresTable {
  risk_id: number;
  organisation_id: number;
  at: string;
  likelihood: number;
  impact: number;
  person_id: number | null;
}

/** How high a current score the council accepts in each category. */
export interface RiskAppetitesTable {
  organisation_id: number;
  category: string;
  appetite: number;
}

export interface CyberTables {
  essential_functions: EssentialFunctionsTable;
  essential_function_systems: EssentialFunctionSystemsTable;
  risks: RisksTable;
  risk_scores: RiskScoresTable;
  risk_appetites: RiskAppetitesTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends CyberTables {}
}
