import type { Generated } from 'kysely';

/** A key performance indicator: a figure Steward works out (a measure) or one entered with its source. */
export interface KpisTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  /** The measure it is computed from (`service-desk.sla-1`), or null for one entered by hand. */
  measure_key: string | null;
  unit: string;
  direction: 'up' | 'down';
  target: number | null;
  /** How far from the target still counts as near it, in the KPI's unit. */
  tolerance: number;
  period: 'month' | 'quarter';
  owner: string;
  /** What residents and staff get, rather than how the machinery runs: shown first. */
  user_outcome: number;
  /** Where a figure entered by hand comes from: "Residents' survey", "GOV.UK Pay dashboard". */
  source: string;
  position: number;
  created_at: string;
  updated_at: string;
}

/** A month's reading of a KPI: entered by hand, or kept from a measure of how things stand then. */
export interface KpiReadingsTable {
  organisation_id: number;
  kpi_id: number;
  month: string;
  value: number;
  source: 'computed' | 'manual';
  note: string;
  recorded_by: number | null;
  recorded_at: string;
}

export interface KpiTables {
  kpis: KpisTable;
  kpi_readings: KpiReadingsTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends KpiTables {}
}
