import { criticalitySynonyms, hostingSynonyms, isUnknown, readChoice, readCount, readDate, readList, readMoney, type Read } from './values.js';
import type { SystemInput } from '../service.js';

/** A column of the register import: which Steward field it fills, the headings it is known by, how it is read. */
export interface ImportField {
  key: string;
  label: string;
  required?: boolean;
  synonyms: string[];
  read: (cell: string) => Read<unknown>;
}

const text = (max: number) => (cell: string): Read<string> => (isUnknown(cell) ? { ok: true, value: null } : cell.trim().length > max ? { ok: false, reason: `longer than ${max} characters` } : { ok: true, value: cell.trim() });
const choice = (map: Record<string, string>) => (cell: string) => readChoice(cell, map);
const kinds: Record<string, string> = { application: 'application', app: 'application', software: 'application', server: 'server', 'virtual server': 'server', vm: 'server', network: 'network', 'cloud service': 'cloud-service', cloud: 'cloud-service', 'device group': 'device-group', devices: 'device-group', 'productivity suite': 'productivity-suite', database: 'data-store', 'data store': 'data-store' };
const layerMap: Record<string, string> = { infrastructure: 'infrastructure', infra: 'infrastructure', 'line of business': 'line-of-business', 'line-of-business': 'line-of-business', lob: 'line-of-business', application: 'line-of-business', 'information and data': 'information-and-data', data: 'information-and-data', 'master data': 'master-data', mdm: 'master-data', 'business intelligence': 'business-intelligence', bi: 'business-intelligence', reporting: 'business-intelligence' };
const areaMap: Record<string, string> = { 'digital public service': 'digital-public-service', 'digital public services': 'digital-public-service', digital: 'digital-public-service', 'mission it': 'mission-it', 'line of business': 'mission-it', infrastructure: 'infrastructure', 'back office': 'back-office', corporate: 'back-office' };
const lifecycleMap: Record<string, string> = { tolerate: 'tolerate', keep: 'tolerate', invest: 'invest', grow: 'invest', migrate: 'migrate', replace: 'migrate', eliminate: 'eliminate', retire: 'eliminate', decommission: 'eliminate' };

export const importFields: ImportField[] = [
  { key: 'identifier', label: 'Identifier', required: true, synonyms: ['identifier', 'id', 'ref', 'reference', 'system id', 'asset id', 'app id', 'system ref'], read: text(60) },
  { key: 'name', label: 'Name', required: true, synonyms: ['name', 'system', 'system name', 'application', 'application name', 'app name'], read: text(200) },
  { key: 'kind', label: 'Kind', synonyms: ['kind', 'type', 'system type', 'category'], read: choice(kinds) },
  { key: 'layer', label: 'Architecture layer', synonyms: ['layer', 'architecture layer'], read: choice(layerMap) },
  { key: 'area', label: 'Area of government technology', synonyms: ['area', 'technology area', 'gov tech area'], read: choice(areaMap) },
  { key: 'hosting', label: 'Hosting', synonyms: ['hosting', 'hosted', 'where hosted', 'location', 'deployment'], read: choice(hostingSynonyms) },
  { key: 'vendor', label: 'Vendor', synonyms: ['vendor', 'supplier', 'supplier name', 'manufacturer'], read: text(200) },
  { key: 'product', label: 'Product', synonyms: ['product', 'product name'], read: text(200) },
  { key: 'version', label: 'Version', synonyms: ['version', 'release'], read: text(60) },
  { key: 'endOfSupport', label: 'End of support', synonyms: ['end of support', 'eos', 'end of life', 'eol', 'support ends', 'support end date'], read: readDate },
  { key: 'lifecycle', label: 'Lifecycle (TIME)', synonyms: ['lifecycle', 'time', 'decision', 'disposition'], read: choice(lifecycleMap) },
  { key: 'criticality', label: 'Criticality', synonyms: ['criticality', 'critical', 'tier', 'priority'], read: choice(criticalitySynonyms) },
  { key: 'users', label: 'Users', synonyms: ['users', 'number of users', 'user count', 'no. of users'], read: readCount },
  { key: 'annualCost', label: 'Annual cost', synonyms: ['annual cost', 'cost', 'cost per year', 'annual cost (£)', 'yearly cost', 'revenue cost'], read: readMoney },
  { key: 'dependsOn', label: 'Depends on', synonyms: ['depends on', 'dependencies', 'dependent on', 'runs on'], read: (cell) => ({ ok: true, value: readList(cell) }) },
];

export type Mapping = Record<string, number>;

const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[_\s]+/g, ' ');

/** Which column fills each field: the person's remembered choice for that heading, else the usual names for it. */
export function guessMapping(headers: string[], remembered: Record<string, string> = {}): Mapping {
  const mapping: Mapping = {};
  const byHeading = new Map(headers.map((h, i) => [norm(h), i]));
  for (const f of importFields) {
    const rememberedHeading = Object.entries(remembered).find(([, key]) => key === f.key)?.[0];
    const column = (rememberedHeading !== undefined ? byHeading.get(rememberedHeading) : undefined) ?? f.synonyms.map((s) => byHeading.get(s)).find((i) => i !== undefined);
    mapping[f.key] = column ?? -1;
  }
  return mapping;
}

/** The headings a mapping used, keyed by heading, so the next file with the same headings maps itself. */
export function rememberable(headers: string[], mapping: Mapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, column] of Object.entries(mapping)) if (column >= 0 && headers[column] !== undefined) out[norm(headers[column]!)] = key;
  return out;
}

export interface ReadRow {
  line: number;
  input: SystemInput | null;
  shown: Record<string, string>;
  dependsOn: string[];
  errors: { field: string; reason: string }[];
}

/** One spreadsheet row read into a system, with what each cell became and every reason a cell could not be read. */
export function readRow(cells: string[], line: number, mapping: Mapping): ReadRow {
  const values: Record<string, unknown> = {};
  const shown: Record<string, string> = {};
  const errors: { field: string; reason: string }[] = [];
  for (const f of importFields) {
    const column = mapping[f.key] ?? -1;
    const cell = column >= 0 ? (cells[column] ?? '') : '';
    const r = f.read(cell);
    if (!r.ok) {
      errors.push({ field: f.label, reason: r.reason });
      continue;
    }
    values[f.key] = r.value;
    shown[f.key] = r.value === null ? (column >= 0 ? 'not known' : '') : Array.isArray(r.value) ? r.value.join('; ') : String(r.value);
    if (f.required && (r.value === null || r.value === '')) errors.push({ field: f.label, reason: 'is needed' });
  }
  const input: SystemInput | null = errors.length
    ? null
    : {
        identifier: String(values.identifier),
        name: String(values.name),
        kind: (values.kind as SystemInput['kind']) ?? 'application',
        layer: (values.layer as SystemInput['layer']) ?? null,
        area: (values.area as SystemInput['area']) ?? null,
        sourcing: null,
        hosting: (values.hosting as SystemInput['hosting']) ?? null,
        product: (values.product as string | null) ?? null,
        vendor: (values.vendor as string | null) ?? null,
        version: (values.version as string | null) ?? null,
        endOfSupport: (values.endOfSupport as string | null) ?? null,
        lifecycle: (values.lifecycle as SystemInput['lifecycle']) ?? null,
        lifecycleReason: null,
        criticality: values.criticality ? Number(values.criticality) : null,
        users: (values.users as number | null) ?? null,
        annualCost: (values.annualCost as number | null) ?? null,
        recoveryPlan: false,
        description: '',
      };
  return { line, input, shown, dependsOn: (values.dependsOn as string[] | undefined) ?? [], errors };
}

/** Reads every row, and names rows that repeat an identifier already used earlier in the file. */
export function readRows(rows: string[][], mapping: Mapping): ReadRow[] {
  const seen = new Map<string, number>();
  return rows.map((cells, i) => {
    const r = readRow(cells, i + 2, mapping);
    const id = r.input?.identifier.toLowerCase();
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) {
        r.errors.push({ field: 'Identifier', reason: `repeats the identifier on row ${first}` });
        r.input = null;
      } else seen.set(id, r.line);
    }
    return r;
  });
}
