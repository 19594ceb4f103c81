import { dict } from '../../../platform/index.js';
import { areaNames, criticalityNames, hostingNames, kindNames, layerNames, lifecycleNames, procurementNames, relationshipNames } from '../names.js';
import { criticalitySynonyms, hostingSynonyms, isUnknown, readCount, readDate, readList, readMoney, readMonths, type Read } from './values.js';

/**
 * A column of an import: the field it fills, the headings it is usually given, and how a cell is
 * read. A field with `choices` takes free text that the person maps to Steward's values in the
 * preview; `synonyms` is the starting mapping they confirm or change.
 */
export interface ImportField {
  key: string;
  label: string;
  required?: boolean;
  headings: string[];
  read?: (cell: string) => Read<unknown>;
  choices?: Record<string, string>;
  synonyms?: Record<string, string>;
}

export const importKinds = ['systems', 'relationships', 'suppliers', 'contracts'] as const;
export type ImportKind = (typeof importKinds)[number];

const text =
  (max: number) =>
  (cell: string): Read<string> =>
    isUnknown(cell)
      ? { ok: true, value: null }
      : cell.trim().length > max
        ? { ok: false, reason: `longer than ${max} characters` }
        : { ok: true, value: cell.trim() };
const list = (cell: string): Read<string[]> => ({ ok: true, value: readList(cell) });

/** Each Steward value is also known by its own name and key, so a register exported from Steward reads back in. */
function withOwnNames(names: Record<string, string>, synonyms: Record<string, string>) {
  const out = dict<string>(synonyms);
  for (const [value, name] of Object.entries(names)) {
    out[value.toLowerCase()] = value;
    out[name.toLowerCase()] = value;
  }
  return out;
}

const systemFields: ImportField[] = [
  {
    key: 'identifier',
    label: 'Identifier',
    required: true,
    headings: ['identifier', 'id', 'ref', 'reference', 'system id', 'asset id', 'app id', 'system ref'],
    read: text(60),
  },
  { key: 'name', label: 'Name', required: true, headings: ['name', 'system', 'system name', 'application', 'application name', 'app name'], read: text(200) },
  {
    key: 'kind',
    label: 'Kind',
    headings: ['kind', 'type', 'system type', 'category'],
    choices: kindNames,
    synonyms: withOwnNames(kindNames, {
      app: 'application',
      software: 'application',
      'virtual server': 'server',
      vm: 'server',
      cloud: 'cloud-service',
      'device group': 'device-group',
      devices: 'device-group',
      database: 'data-store',
      'data store': 'data-store',
    }),
  },
  {
    key: 'layer',
    label: 'Architecture layer',
    headings: ['layer', 'architecture layer'],
    choices: layerNames,
    synonyms: withOwnNames(layerNames, {
      infra: 'infrastructure',
      'line of business': 'line-of-business',
      lob: 'line-of-business',
      application: 'line-of-business',
      data: 'information-and-data',
      'information and data': 'information-and-data',
      'master data': 'master-data',
      mdm: 'master-data',
      bi: 'business-intelligence',
      reporting: 'business-intelligence',
    }),
  },
  {
    key: 'area',
    label: 'Area of government technology',
    headings: ['area', 'technology area', 'gov tech area'],
    choices: areaNames,
    synonyms: withOwnNames(areaNames, {
      'digital public services': 'digital-public-service',
      digital: 'digital-public-service',
      'line of business': 'mission-it',
      corporate: 'back-office',
    }),
  },
  {
    key: 'hosting',
    label: 'Hosting',
    headings: ['hosting', 'hosted', 'where hosted', 'location', 'deployment'],
    choices: hostingNames,
    synonyms: withOwnNames(hostingNames, hostingSynonyms),
  },
  { key: 'vendor', label: 'Vendor', headings: ['vendor', 'supplier', 'supplier name', 'manufacturer'], read: text(200) },
  { key: 'product', label: 'Product', headings: ['product', 'product name'], read: text(200) },
  { key: 'version', label: 'Version', headings: ['version', 'release'], read: text(60) },
  {
    key: 'endOfSupport',
    label: 'End of support',
    headings: ['end of support', 'eos', 'end of life', 'eol', 'support ends', 'support end date'],
    read: readDate,
  },
  {
    key: 'lifecycle',
    label: 'Lifecycle (TIME)',
    headings: ['lifecycle', 'time', 'decision', 'disposition'],
    choices: lifecycleNames,
    synonyms: withOwnNames(lifecycleNames, { keep: 'tolerate', grow: 'invest', replace: 'migrate', retire: 'eliminate', decommission: 'eliminate' }),
  },
  {
    key: 'criticality',
    label: 'Criticality',
    headings: ['criticality', 'critical', 'tier', 'priority'],
    choices: criticalityNames,
    synonyms: criticalitySynonyms,
  },
  { key: 'team', label: 'Resolver team', headings: ['resolver team', 'team', 'support team', 'resolver group', 'support group'], read: text(200) },
  { key: 'users', label: 'Users', headings: ['users', 'number of users', 'user count', 'no. of users'], read: readCount },
  {
    key: 'annualCost',
    label: 'Annual cost',
    headings: ['annual cost', 'cost', 'cost per year', 'annual cost (£)', 'yearly cost', 'revenue cost'],
    read: readMoney,
  },
  { key: 'dependsOn', label: 'Depends on', headings: ['depends on', 'dependencies', 'dependent on', 'runs on'], read: list },
  {
    key: 'capabilities',
    label: 'Business capabilities',
    headings: ['capabilities', 'business capabilities', 'capability', 'business capability', 'business function'],
    read: list,
  },
];

const relationshipFields: ImportField[] = [
  { key: 'from', label: 'System', required: true, headings: ['system', 'from', 'from system', 'source', 'dependent system', 'system id'], read: text(200) },
  {
    key: 'kind',
    label: 'Relationship',
    headings: ['relationship', 'kind', 'type', 'relationship type'],
    choices: relationshipNames,
    synonyms: withOwnNames(relationshipNames, {
      'depends-on': 'depends-on',
      uses: 'depends-on',
      needs: 'depends-on',
      'runs on': 'runs-on',
      'hosted on': 'runs-on',
      hosts: 'hosts',
      'integrates with': 'integrates-with',
      integration: 'integrates-with',
      interface: 'integrates-with',
    }),
  },
  {
    key: 'to',
    label: 'Related system',
    required: true,
    headings: ['to', 'to system', 'target', 'depends on', 'related system', 'related to'],
    read: text(200),
  },
];

const supplierFields: ImportField[] = [
  { key: 'name', label: 'Supplier', required: true, headings: ['supplier', 'name', 'supplier name', 'company', 'vendor'], read: text(200) },
  { key: 'companyNumber', label: 'Company number', headings: ['company number', 'company no', 'company no.', 'companies house number', 'crn'], read: text(20) },
  { key: 'contact', label: 'Contact', headings: ['contact', 'account manager', 'contact details', 'email'], read: text(500) },
];

const contractFields: ImportField[] = [
  {
    key: 'reference',
    label: 'Reference',
    required: true,
    headings: ['reference', 'contract reference', 'contract ref', 'ref', 'contract id', 'contract number'],
    read: text(60),
  },
  { key: 'title', label: 'Title', required: true, headings: ['title', 'contract', 'contract title', 'description', 'name'], read: text(200) },
  { key: 'supplier', label: 'Supplier', required: true, headings: ['supplier', 'supplier name', 'vendor', 'contractor'], read: text(200) },
  { key: 'annualValue', label: 'Annual value', headings: ['annual value', 'annual cost', 'value per year', 'yearly value'], read: readMoney },
  {
    key: 'wholeLifeValue',
    label: 'Whole-life value',
    headings: ['whole life value', 'whole-life value', 'total value', 'contract value', 'tcv'],
    read: readMoney,
  },
  { key: 'startDate', label: 'Start date', required: true, headings: ['start', 'start date', 'commenced', 'from'], read: readDate },
  { key: 'endDate', label: 'End date', required: true, headings: ['end', 'end date', 'expiry', 'expiry date', 'expires', 'to'], read: readDate },
  { key: 'noticeMonths', label: 'Notice period', headings: ['notice', 'notice period', 'notice (months)', 'notice months'], read: readMonths },
  {
    key: 'extensionMonths',
    label: 'Extension available',
    headings: ['extension', 'extensions', 'extension options', 'extension available', 'extension (months)'],
    read: readMonths,
  },
  {
    key: 'procurementRoute',
    label: 'Procurement route',
    headings: ['procurement route', 'route', 'procurement', 'route to market'],
    choices: procurementNames,
    synonyms: withOwnNames(procurementNames, {
      framework: 'framework',
      'call-off': 'framework',
      'call off': 'framework',
      'g-cloud': 'framework',
      'open tender': 'open',
      tender: 'open',
      restricted: 'restricted',
      'direct award': 'direct-award',
      waiver: 'direct-award',
      'single source': 'direct-award',
      quote: 'below-threshold',
      quotation: 'below-threshold',
      rfq: 'below-threshold',
    }),
  },
  { key: 'framework', label: 'Framework and lot', headings: ['framework', 'framework and lot', 'framework lot'], read: text(200) },
  { key: 'ownerEmail', label: 'Owner email', headings: ['owner', 'owner email', 'contract owner', 'contract manager'], read: text(254) },
  { key: 'systems', label: 'Systems covered', headings: ['systems', 'systems covered', 'system', 'applications'], read: list },
  { key: 'services', label: 'Services covered', headings: ['services', 'services covered', 'council services', 'service'], read: list },
];

export const fieldsOf: Record<ImportKind, ImportField[]> = {
  systems: systemFields,
  relationships: relationshipFields,
  suppliers: supplierFields,
  contracts: contractFields,
};

/** The field that names a row in the register, so a file naming it twice is refused on the second row. */
export const keyFieldOf: Record<ImportKind, string | null> = { systems: 'identifier', relationships: null, suppliers: 'name', contracts: 'reference' };

export const kindTitles: Record<ImportKind, string> = {
  systems: 'Systems',
  relationships: 'Relationships between systems',
  suppliers: 'Suppliers',
  contracts: 'Contracts',
};

export const templateRows: Record<ImportKind, string[][]> = {
  systems: [
    [
      'APP-001',
      'Revenues and benefits',
      'Application',
      'Line of business',
      'Mission IT',
      'On premises',
      'Northway Software',
      'Revenues',
      '5.2',
      '31/03/2027',
      'Migrate',
      'Critical',
      'Applications',
      '180',
      '£310,000',
      'SRV-001; DB-001',
      'Council tax collection; Benefits assessment',
    ],
  ],
  relationships: [['APP-001', 'Depends on', 'SRV-001']],
  suppliers: [['Northway Software', '01234567', 'accounts@northway.example']],
  contracts: [
    [
      'C-2024-017',
      'Revenues and benefits licence and support',
      'Northway Software',
      '£310,000',
      '£1.55m',
      '01/04/2024',
      '31/03/2029',
      '12 months',
      '24 months',
      'Framework',
      'G-Cloud 14 lot 2',
      'owner@council.example',
      'APP-001',
      'Revenues and benefits',
    ],
  ],
};
