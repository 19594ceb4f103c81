import type { Area, Hosting, Layer, Lifecycle, RelationshipKind, SystemKind } from './tables.js';

export const kindNames: Record<SystemKind, string> = {
  application: 'Application',
  server: 'Server',
  network: 'Network',
  'cloud-service': 'Cloud service',
  'device-group': 'End-user device group',
  'productivity-suite': 'Productivity suite',
  'data-store': 'Data store',
};
export const layerNames: Record<Layer, string> = {
  infrastructure: 'Infrastructure',
  'line-of-business': 'Line-of-business application',
  'information-and-data': 'Information and data',
  'master-data': 'Master data management',
  'business-intelligence': 'Business intelligence',
};
export const areaNames: Record<Area, string> = {
  'digital-public-service': 'Digital public service',
  'mission-it': 'Mission IT',
  infrastructure: 'Infrastructure',
  'back-office': 'Back office',
};
export const hostingNames: Record<Hosting, string> = { 'on-premises': 'On-premises', iaas: 'IaaS', paas: 'PaaS', saas: 'SaaS' };
export const lifecycleNames: Record<Lifecycle, string> = { tolerate: 'Tolerate', invest: 'Invest', migrate: 'Migrate', eliminate: 'Eliminate' };
export const relationshipNames: Record<RelationshipKind, string> = {
  'depends-on': 'depends on',
  'runs-on': 'runs on',
  hosts: 'hosts',
  'integrates-with': 'integrates with',
};
export const flowMethodNames: Record<string, string> = {
  api: 'API',
  'file-transfer': 'File transfer',
  'database-link': 'Database link',
  'manual-rekeying': 'Manual re-keying',
};
export const personalNames: Record<string, string> = { none: 'No personal data', personal: 'Personal data', 'special-category': 'Special category data' };

export const procurementNames: Record<string, string> = {
  framework: 'Framework call-off',
  open: 'Open procedure',
  restricted: 'Restricted procedure',
  'competitive-flexible': 'Competitive flexible procedure',
  'direct-award': 'Direct award',
  'below-threshold': 'Below threshold quotation',
  other: 'Other',
};
export const criticalityNames: Record<string, string> = { '1': 'Tier 1 (critical)', '2': 'Tier 2 (high)', '3': 'Tier 3 (medium)', '4': 'Tier 4 (low)' };

export const options = <T extends string>(names: Record<T, string>, selected?: string | null, blank?: string) => [
  ...(blank ? [{ value: '', text: blank }] : []),
  ...Object.entries<string>(names).map(([value, text]) => ({ value, text, selected: value === selected })),
];
