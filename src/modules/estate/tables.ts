import type { ColumnType, Generated } from 'kysely';

export const systemKinds = ['application', 'server', 'network', 'cloud-service', 'device-group', 'productivity-suite', 'data-store'] as const;
export const layers = ['infrastructure', 'line-of-business', 'information-and-data', 'master-data', 'business-intelligence'] as const;
export const areas = ['digital-public-service', 'mission-it', 'infrastructure', 'back-office'] as const;
export const hostings = ['on-premises', 'iaas', 'paas', 'saas'] as const;
export const lifecycles = ['tolerate', 'invest', 'migrate', 'eliminate'] as const;
export const relationshipKinds = ['depends-on', 'runs-on', 'hosts', 'integrates-with'] as const;
export const flowMethods = ['api', 'file-transfer', 'database-link', 'manual-rekeying'] as const;
export const personalData = ['none', 'personal', 'special-category'] as const;

export type SystemKind = (typeof systemKinds)[number];
export type Layer = (typeof layers)[number];
export type Area = (typeof areas)[number];
export type Hosting = (typeof hostings)[number];
export type Lifecycle = (typeof lifecycles)[number];
export type RelationshipKind = (typeof relationshipKinds)[number];

export interface SystemsTable {
  id: Generated<number>;
  organisation_id: number;
  /** The council's own identifier, as in its spreadsheet; unique in the organisation. */
  identifier: string;
  name: string;
  kind: SystemKind;
  layer: Layer | null;
  area: Area | null;
  sourcing: 'commodity' | 'bespoke' | null;
  hosting: Hosting | null;
  product: string | null;
  vendor: string | null;
  version: string | null;
  end_of_support: string | null;
  /** How much of the date the register gave (month, quarter, year...); null for a whole date. */
  end_of_support_precision: string | null;
  lifecycle: Lifecycle | null;
  lifecycle_reason: string | null;
  business_owner_id: number | null;
  /** The owner as the register names them, when no person of the organisation matches. */
  business_owner_text: string | null;
  technical_owner_text: string | null;
  technical_owner_id: number | null;
  service_manager_id: number | null;
  team_id: number | null;
  criticality: number | null;
  users: number | null;
  annual_cost: number | null;
  /** 1 yes, 0 no, null when nobody has said. */
  recovery_plan: number | null;
  description: string;
  /** Host names and addresses, one per line, lower case. */
  hosts: ColumnType<string, string | undefined, string>;
  created_at: string;
  updated_at: string;
}

export interface SystemRelationshipsTable {
  id: Generated<number>;
  organisation_id: number;
  from_system_id: number;
  to_system_id: number;
  kind: RelationshipKind;
  created_at: string;
}

export interface DataFlowsTable {
  id: Generated<number>;
  organisation_id: number;
  from_system_id: number;
  to_system_id: number;
  data: string;
  personal: (typeof personalData)[number];
  method: (typeof flowMethods)[number];
  frequency: string;
  created_at: string;
}

export interface SystemServicesTable {
  system_id: number;
  service_id: number;
  organisation_id: number;
}

export const procurementRoutes = ['framework', 'open', 'restricted', 'competitive-flexible', 'direct-award', 'below-threshold', 'other'] as const;

export interface SuppliersTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  company_number: string | null;
  contact: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface ContractsTable {
  id: Generated<number>;
  organisation_id: number;
  reference: string;
  title: string;
  supplier_id: number;
  annual_value: number | null;
  whole_life_value: number | null;
  start_date: string;
  end_date: string;
  notice_months: number;
  /** End date less the notice period; kept so lists can order and filter by it. */
  notice_deadline: string;
  /** month, quarter or year when the register gave no day; null when the day is known. */
  start_date_precision?: string | null;
  end_date_precision?: string | null;
  extension_months: Generated<number>;
  procurement_route: (typeof procurementRoutes)[number];
  framework: string | null;
  owner_id: number | null;
  notes: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface ContractSystemsTable {
  contract_id: number;
  system_id: number;
  organisation_id: number;
}

export interface ContractAlertsTable {
  contract_id: number;
  lead_months: number;
  deadline: string;
  at: string;
}

export interface CapabilitiesTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  description: string;
  created_at: string;
}

export interface SystemCapabilitiesTable {
  system_id: number;
  capability_id: number;
  organisation_id: number;
}

export interface ContractServicesTable {
  contract_id: number;
  service_id: number;
  organisation_id: number;
}

/** Counts every change to what impact analysis reads (systems, relationships, what systems support), so a cached graph knows it is stale. */
export interface EstateVersionsTable {
  organisation_id: number;
  version: number;
}

export interface EstateSettingsTable {
  organisation_id: number;
  alert_lead_months: string;
}

/** Which of the council's service areas use a system (who uses it). */
export interface SystemServiceAreasTable {
  system_id: number;
  service_area_id: number;
  organisation_id: number;
}

export interface EstateTables {
  system_service_areas: SystemServiceAreasTable;
  capabilities: CapabilitiesTable;
  system_capabilities: SystemCapabilitiesTable;
  estate_settings: EstateSettingsTable;
  estate_versions: EstateVersionsTable;
  contract_services: ContractServicesTable;
  suppliers: SuppliersTable;
  contracts: ContractsTable;
  contract_systems: ContractSystemsTable;
  contract_alerts: ContractAlertsTable;
  systems: SystemsTable;
  system_relationships: SystemRelationshipsTable;
  data_flows: DataFlowsTable;
  system_services: SystemServicesTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends EstateTables {}
}
