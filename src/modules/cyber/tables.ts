import type { ColumnType, Generated } from 'kysely';

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

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type FindingStatus = 'open' | 'accepted' | 'closed';

/** What a scanner checks for (a Nessus plugin, an OpenVAS test), once per council however many hosts it is on. */
export interface VulnerabilitiesTable {
  id: Generated<number>;
  organisation_id: number;
  /** `ref:19506`, `cve:cve-2024-3400` or `title:...`, lower case: how a scan's row finds it again. */
  key: string;
  reference: string;
  title: string;
  cves: string;
  severity: Severity;
  cvss: number | null;
  synopsis: string;
  solution: string;
  created_at: string;
}

/** One vulnerability on one host and port. */
export interface VulnerabilityFindingsTable {
  id: Generated<number>;
  organisation_id: number;
  vulnerability_id: number;
  system_id: number | null;
  host: string;
  /** The name the scanner gave beside an address, when it gave both. */
  host_name: ColumnType<string, string | undefined, string>;
  /** `443/tcp`; blank for the host as a whole. */
  port: string;
  severity: Severity;
  first_seen: string;
  last_seen: string;
  due_on: string;
  status: FindingStatus;
  closed_on: string | null;
  reopened: ColumnType<number, number | undefined, number>;
  accepted_until: string | null;
  last_scan_id: number | null;
}

export interface VulnerabilityScansTable {
  id: Generated<number>;
  organisation_id: number;
  import_id: number | null;
  filename: string;
  scanned_on: string;
  hosts: number;
  seen: number;
  added: number;
  closed: number;
  reopened: number;
  unmatched: number;
  /** Open findings by severity once the scan was in, for the chart over time. */
  open_json: string;
  person_id: number | null;
  created_at: string;
}

export interface VulnerabilityAcceptancesTable {
  id: Generated<number>;
  organisation_id: number;
  finding_id: number;
  risk_id: number | null;
  reason: string;
  expires_on: string;
  person_id: number | null;
  created_at: string;
  ended_at: string | null;
}

export interface VulnerabilityDeadlinesTable {
  organisation_id: number;
  severity: Severity;
  days: number;
}

export interface RiskCountersTable {
  organisation_id: number;
  last_number: number;
}

/** A review reminder sent, once per review date and kind (a week before, and on the day it is overdue). */
export interface RiskRemindersTable {
  risk_id: number;
  review_due: string;
  kind: 'coming' | 'overdue';
  sent_at: string;
}

/** What a risk is about: a system, a contract, a supplier, or a CAF outcome by its code. */
export interface RiskLinksTable {
  id: Generated<number>;
  risk_id: number;
  organisation_id: number;
  kind: 'system' | 'contract' | 'supplier' | 'outcome';
  entity_id: number | null;
  code: ColumnType<string, string | undefined, string>;
}

/** A system the council puts inside the scope of its Cyber Essentials certification. */
export interface CyberEssentialsScopeTable {
  organisation_id: number;
  system_id: number;
}

export interface RiskSettingsTable {
  organisation_id: number;
  /** The council's RiskMatrix: steps of likelihood and impact, and where the bands start. */
  matrix_json: string;
}

export interface RiskCategoriesTable {
  organisation_id: number;
  key: string;
  name: string;
  position: number;
}

export interface VulnerabilityVersionsTable {
  organisation_id: number;
  version: number;
}

export interface CyberTables {
  vulnerability_versions: VulnerabilityVersionsTable;
  risk_settings: RiskSettingsTable;
  risk_categories: RiskCategoriesTable;
  cyber_essentials_scope: CyberEssentialsScopeTable;
  risk_links: RiskLinksTable;
  risk_counters: RiskCountersTable;
  risk_reminders: RiskRemindersTable;
  vulnerabilities: VulnerabilitiesTable;
  vulnerability_findings: VulnerabilityFindingsTable;
  vulnerability_scans: VulnerabilityScansTable;
  vulnerability_acceptances: VulnerabilityAcceptancesTable;
  vulnerability_deadlines: VulnerabilityDeadlinesTable;
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
