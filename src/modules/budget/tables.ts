import type { Generated } from 'kysely';

/** A line of the IT budget for one financial year (April to March), revenue or capital. */
export interface BudgetLinesTable {
  id: Generated<number>;
  organisation_id: number;
  /** The year the financial year starts in April: 2026 is 2026-27. */
  financial_year: number;
  kind: 'revenue' | 'capital';
  /** The finance system's cost centre, as its exports write it: "IT010". */
  cost_centre: string;
  /** The finance system's account (subjective) code, when the line is narrower than its cost centre. */
  account: string;
  /** Which part of the estate it pays for: infrastructure, applications, devices, staff. */
  category: string;
  name: string;
  budget: number;
  /** The outturn the budget holder forecasts; null to run the actuals on at their monthly rate. */
  forecast: number | null;
  savings_planned: number;
  savings_achieved: number;
  created_at: string;
  updated_at: string;
}

/** A transaction from the finance system against a budget line. */
export interface BudgetActualsTable {
  id: Generated<number>;
  organisation_id: number;
  line_id: number;
  posted_on: string;
  amount: number;
  supplier: string;
  description: string;
  reference: string;
  import_id: number | null;
  created_at: string;
}

/** A financial year closed at year end: no more actuals go against it. */
export interface BudgetClosedYearsTable {
  organisation_id: number;
  financial_year: number;
  closed_at: string;
}

/** How shared system costs are split between the council's services, and each area's headcount for the split. */
export interface CostSettingsTable {
  organisation_id: number;
  shared_rule: 'equal' | 'headcount';
}
export interface ServiceAreaHeadcountsTable {
  organisation_id: number;
  service_area_id: number;
  headcount: number;
}

export interface BudgetTables {
  budget_lines: BudgetLinesTable;
  budget_actuals: BudgetActualsTable;
  budget_closed_years: BudgetClosedYearsTable;
  cost_settings: CostSettingsTable;
  service_area_headcounts: ServiceAreaHeadcountsTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends BudgetTables {}
}
