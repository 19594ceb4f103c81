import {
  activeMemberLookup,
  counted,
  dict,
  keepAsNotKnown,
  own,
  readCount,
  readDateAs,
  readMoney,
  serviceAreasNamed,
  shownAs,
  splitOnAnd,
  UserError,
  type GoodRow,
  type AuditEntry,
  type Dict,
  type ImportKind,
} from '../../../platform/index.js';
import { teamsOf } from '../../teams/index.js';
import * as capq from '../capabilities/queries.js';
import { estate } from '../abilities.js';
import { areaNames, criticalityNames, hostingNames, kindNames, layerNames, lifecycleNames } from '../names.js';
import * as sq from '../queries.js';
import { list, lower, productAndVersion, text, withOwnNames } from './cells.js';
import { criticalitySynonyms, hostingSynonyms } from './synonyms.js';

/** The import field that fills each column, so a change by hand resolves what an import noted of it. */
export const fieldOfColumn = (column: string) => (column === 'team_id' ? 'team' : (Object.entries(columns).find(([, c]) => c === column)?.[0] ?? null));

/** Only the columns the file has are written, so importing a partial register never blanks what it lacks. */
const columns: Record<string, string> = {
  identifier: 'identifier',
  name: 'name',
  kind: 'kind',
  layer: 'layer',
  area: 'area',
  hosting: 'hosting',
  vendor: 'vendor',
  product: 'product',
  version: 'version',
  endOfSupport: 'end_of_support',
  lifecycle: 'lifecycle',
  criticality: 'criticality',
  users: 'users',
  annualCost: 'annual_cost',
  recoveryPlan: 'recovery_plan',
  notes: 'description',
};

function mappedColumns(values: Dict<unknown>, mapping: Dict<number>, precision: Dict<string> = dict(), defaults: Dict<string> = dict()) {
  const out = dict<unknown>();
  for (const [key, column] of Object.entries(columns)) {
    if ((own(mapping, key) ?? -1) < 0 && own(defaults, key) === undefined) continue;
    const value = own(values, key);
    // A description is never null: notes not given are an empty description.
    if (key === 'notes') out[column] = value ?? '';
    else
      out[column] =
        value === null || value === undefined ? null : key === 'criticality' ? Number(value) : key === 'recoveryPlan' ? (value === 'yes' ? 1 : 0) : value;
  }
  if ((own(mapping, 'endOfSupport') ?? -1) >= 0) out.end_of_support_precision = own(precision, 'endOfSupport') ?? null;
  // A version read out of the product cell is written even when the file has no version column.
  if ((own(mapping, 'version') ?? -1) < 0 && own(values, 'version')) out.version = own(values, 'version');
  return out;
}

/**
 * Rows naming the same system (one listed for each department that uses it) folded into one, in
 * file order: lists joined, a blank filled from a later row, a value never overwritten by one.
 */
function combine(rows: GoodRow[]) {
  const byKey = new Map<string, { row: GoodRow; all: GoodRow[] }>();
  for (const r of rows) {
    const key = keyOf(r.values);
    const found = byKey.get(key);
    if (!found) {
      byKey.set(key, { row: r, all: [r] });
      continue;
    }
    // Copied only when a second row names it, so the file's rows are never changed.
    if (found.row === found.all[0]) found.row = { ...found.row, values: dict({ ...found.row.values }), precision: dict({ ...found.row.precision }) };
    found.all.push(r);
    for (const [field, value] of Object.entries(r.values)) {
      const held = own(found.row.values, field);
      if (Array.isArray(value)) found.row.values[field] = [...new Set([...((held as string[] | null | undefined) ?? []), ...(value as string[])])];
      else if ((held === null || held === undefined) && value !== null && value !== undefined) {
        found.row.values[field] = value;
        const precision = own(r.precision, field);
        if (precision) found.row.precision[field] = precision;
      }
    }
  }
  return [...byKey.values()];
}

/** What a row calls its system: its identifier, or its name when the file has no identifier. */
export const keyOf = (values: Dict<unknown>) => lower(values.identifier ?? values.name);

const recordOf = (id: number, name: string) => ({ entityType: 'system', entityId: id, name, href: `/estate/systems/${id}` });

const teamIdsByName = async (db: Parameters<typeof teamsOf>[0], organisationId: number) =>
  new Map((await teamsOf(db, organisationId)).map((t) => [t.name.toLowerCase(), t.id]));

/** The systems register, from the spreadsheet every council keeps. */
export const systemsImport: ImportKind = {
  name: 'systems',
  title: 'Systems',
  ability: estate.edit,
  key: 'identifier',
  keyFallback: 'name',
  repeats: 'combine',
  home: { text: 'Go to the register', href: '/estate' },
  fields: [
    {
      key: 'identifier',
      label: 'Identifier',
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
      read: readDateAs('end'),
      show: shownAs.date,
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
      synonyms: dict(criticalitySynonyms),
    },
    {
      key: 'businessOwner',
      label: 'Business owner',
      headings: ['business owner', 'owner', 'system owner', 'service owner', 'information asset owner', 'iao', 'application owner'],
      read: text(200),
    },
    {
      key: 'technicalOwner',
      label: 'Technical owner',
      headings: ['technical owner', 'technical lead', 'it owner', 'technical contact', 'support owner'],
      read: text(200),
    },
    { key: 'team', label: 'Resolver team', headings: ['resolver team', 'team', 'support team', 'resolver group', 'support group'], read: text(200) },
    { key: 'users', label: 'Users', headings: ['users', 'number of users', 'user count', 'no. of users'], read: readCount, show: shownAs.count },
    {
      key: 'annualCost',
      label: 'Annual cost',
      headings: ['annual cost', 'cost', 'cost per year', 'annual cost (£)', 'yearly cost', 'revenue cost'],
      read: readMoney,
      show: shownAs.money,
    },
    {
      key: 'recoveryPlan',
      label: 'Recovery plan',
      headings: ['recovery plan', 'dr plan', 'disaster recovery', 'disaster recovery plan', 'dr', 'bcp', 'business continuity plan', 'recovery plan in place'],
      choices: { yes: 'Yes', no: 'No' },
      synonyms: dict({
        yes: 'yes',
        y: 'yes',
        true: 'yes',
        'in place': 'yes',
        tested: 'yes',
        'yes - tested': 'yes',
        no: 'no',
        n: 'no',
        false: 'no',
        'not in place': 'no',
        'no plan': 'no',
      }),
    },
    { key: 'notes', label: 'Notes', headings: ['notes', 'comments', 'remarks', 'note', 'description'], read: text(5000) },
    {
      key: 'serviceAreas',
      label: 'Used by (service areas)',
      headings: ['service area', 'service areas', 'department', 'departments', 'directorate', 'business area', 'used by', 'user department'],
      read: list,
    },
    { key: 'dependsOn', label: 'Depends on', headings: ['depends on', 'dependencies', 'dependent on', 'runs on'], read: list },
    {
      key: 'capabilities',
      label: 'Business capabilities',
      headings: ['capabilities', 'business capabilities', 'capability', 'business capability', 'business function'],
      read: list,
    },
  ],
  template: [
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
      'Head of Revenues',
      'raj.patel@council.example',
      'Applications',
      '180',
      '£310,000',
      'Yes',
      'Renewal under review; licences counted in March',
      'Revenues and benefits; Customer services',
      'SRV-001; DB-001',
      'Council tax collection; Benefits assessment',
    ],
  ],

  async check(db, organisationId, rows, { strict }) {
    const existing = await sq.systemIdsByIdentifierOrName(db, organisationId);
    const teams = await teamIdsByName(db, organisationId);
    const people = await activeMemberLookup(db, organisationId);
    for (const r of rows) {
      const product = r.values?.product as string | null | undefined;
      const split = product && !r.values!.version ? productAndVersion(product) : null;
      if (split) {
        r.values!.product = split.product;
        r.values!.version = split.version;
        r.shown.product = split.product;
        r.shown.version = split.version;
        r.notes.push(`Product: ${product} read as ${split.product}, version ${split.version}`);
      }
      for (const [field, label] of [
        ['businessOwner', 'Business owner'],
        ['technicalOwner', 'Technical owner'],
      ] as const) {
        const named = r.values ? (own(r.values, field) as string | null | undefined) : null;
        if (named && !people.has(lower(named))) r.notes.push(`${label}: no one in Steward is ${named}, so it is kept as written, unconfirmed`);
      }
      const team = r.values?.team;
      if (team && !teams.has(lower(team))) keepAsNotKnown(r, 'team', 'Resolver team', String(team), `no team called ${String(team)}`, strict);
    }
    const good = rows.filter((r) => r.values);
    const inFile = new Set(
      good.flatMap((r) => [r.values!.identifier ? lower(r.values!.identifier) : null, lower(r.values!.name)].filter((k): k is string => k !== null)),
    );
    // A register with no identifier column: identifiers are made, and systems are matched by name.
    for (const r of good)
      if (r.values && !r.values.identifier)
        r.notes.push(existing.has(lower(r.values.name)) ? 'Identifier: none given, matched by name' : 'Identifier: none given, Steward makes one');
    // Where a row left out stood, so a dependency on it says so rather than "no such system".
    const leftOut = new Map<string, number>();
    for (const r of rows) if (!r.values) for (const key of ['identifier', 'name']) if (r.shown[key]) leftOut.set(r.shown[key]!.toLowerCase(), r.line);
    for (const r of good) {
      if (!r.values) continue;
      const deps = (r.values.dependsOn as string[] | undefined) ?? [];
      const kept: string[] = [];
      const known = (name: string) => existing.has(name.toLowerCase()) || inFile.has(name.toLowerCase());
      for (const dep of deps) {
        const key = dep.toLowerCase();
        const parts = known(dep) ? null : splitOnAnd(dep, known);
        if (parts) kept.push(...parts);
        else if (existing.has(key) || inFile.has(key)) kept.push(dep);
        else {
          const line = leftOut.get(key);
          // A bad link drops only itself: the row and its other links stay.
          keepAsNotKnown(
            r,
            'dependsOn',
            'Depends on',
            dep,
            line
              ? `${dep} is on row ${line}, which is left out, so the dependency is not recorded`
              : `no system called ${dep} in the register or the file, so the dependency is not recorded`,
            strict,
          );
          if (!r.values) break;
        }
      }
      if (r.values) r.values.dependsOn = kept;
    }
    return { updates: rows.filter((r) => r.values && existing.has(keyOf(r.values))).length };
  },

  async apply(tx, audit, { organisationId, mapping, defaults, now, filename, progress, wrote }, fileRows) {
    const combined = combine(fileRows);
    const result = { added: 0, updated: 0, unchanged: 0, linked: 0, capabilitiesAdded: 0, serviceAreasAdded: 0, combined: fileRows.length - combined.length };
    const rows = combined.map((c) => c.row);
    const originals = new Map(combined.map((c) => [c.row, c.all]));
    const wroteAll = (r: GoodRow, record: ReturnType<typeof recordOf>) => {
      for (const each of originals.get(r) ?? [r]) wrote(each, record);
    };
    const existing = await sq.systemIdsByIdentifierOrName(tx, organisationId);
    const teams = await teamIdsByName(tx, organisationId);
    const people = await activeMemberLookup(tx, organisationId);
    const inserts: Parameters<typeof sq.insertSystems>[1] = [];
    // Identifiers for systems the file names without one: SYS-00001 and on, skipping any in use.
    let made = 0;
    const madeIdentifier = () => {
      let identifier: string;
      do identifier = `SYS-${String(++made).padStart(5, '0')}`;
      while (existing.has(identifier.toLowerCase()));
      return identifier;
    };
    const entries: AuditEntry[] = [];
    const why = `Imported from ${filename}`;
    let current: Map<number, Dict<unknown>> | undefined;
    for (const [i, r] of rows.entries()) {
      if (i % 500 === 0) await progress(i);
      const v = r.values;
      const set = mappedColumns(v, mapping, r.precision, defaults);
      if ((own(mapping, 'team') ?? -1) >= 0) set.team_id = v.team ? (teams.get(lower(v.team)) ?? null) : null;
      // An owner is a person when one of the organisation's people has that email or name; else kept as written.
      for (const [field, id, written] of [
        ['businessOwner', 'business_owner_id', 'business_owner_text'],
        ['technicalOwner', 'technical_owner_id', 'technical_owner_text'],
      ] as const) {
        if ((own(mapping, field) ?? -1) < 0) continue;
        const named = own(v, field) as string | null;
        const person = named ? people.get(lower(named)) : undefined;
        set[id] = person ?? null;
        set[written] = named && person === undefined ? named : null;
      }
      const id = existing.get(keyOf(v));
      if (id !== undefined) {
        // Only what differs is written, so re-importing this month's register touches what changed.
        current ??= await sq.systemsToCompare(tx, organisationId);
        const before = current.get(id) ?? dict();
        // A default fills a gap; it never overwrites what is already recorded.
        const defaulted = new Set((r.defaulted ?? []).map((key) => own(columns, key)));
        const changed = Object.fromEntries(
          Object.entries(set).filter(
            ([column, value]) =>
              column !== 'identifier' &&
              (own(before, column) ?? null) !== (value ?? null) &&
              !(defaulted.has(column) && (own(before, column) ?? null) !== null),
          ),
        );
        if (Object.keys(changed).length) {
          await sq.updateSystem(tx, organisationId, id, { ...changed, updated_at: now });
          entries.push({
            action: 'update',
            entityType: 'system',
            entityId: id,
            before: dict(Object.keys(changed).map((k) => [k, own(before, k)] as const)),
            after: changed,
            summary: `${why}: ${String(v.name)}`,
          });
          result.updated++;
        } else result.unchanged++;
        wroteAll(r, recordOf(id, String(v.name)));
      } else {
        inserts.push({
          kind: 'application',
          description: '',
          ...set,
          identifier: v.identifier ? String(v.identifier) : madeIdentifier(),
          name: String(v.name),
          organisation_id: organisationId,
          created_at: now,
          updated_at: now,
        } as (typeof inserts)[number]);
        result.added++;
      }
    }
    // New systems go in a few hundred to a statement; a 100,000-row register is one transaction either way.
    await sq.insertSystems(tx, inserts);
    const ids = inserts.length ? await sq.systemIdsByIdentifierOrName(tx, organisationId) : existing;
    for (const r of rows) {
      const id = ids.get(keyOf(r.values));
      if (!existing.has(keyOf(r.values)) && id !== undefined) wroteAll(r, recordOf(id, String(r.values.name)));
    }
    for (const row of inserts)
      entries.push({
        action: 'create',
        entityType: 'system',
        entityId: ids.get(row.identifier.toLowerCase())!,
        after: { ...row },
        summary: `${why}: ${row.name}`,
      });
    const relationships: Parameters<typeof sq.insertRelationships>[1] = [];
    const capabilities = await capq.capabilityIdsByName(tx, organisationId);
    for (const r of rows) {
      const from = ids.get(keyOf(r.values))!;
      for (const dep of r.values.dependsOn as string[]) {
        const to = ids.get(dep.toLowerCase());
        if (to && to !== from)
          relationships.push({ organisation_id: organisationId, from_system_id: from, to_system_id: to, kind: 'depends-on', created_at: now });
      }
      // A capability named in the file but not yet recorded is added, as a person keeping the list would.
      for (const name of (r.values.capabilities as string[] | undefined) ?? []) {
        let capabilityId = capabilities.get(name.toLowerCase());
        if (capabilityId === undefined) {
          capabilityId = await capq.insertCapability(tx, { organisation_id: organisationId, name: name.slice(0, 200), description: '', created_at: now });
          capabilities.set(name.toLowerCase(), capabilityId);
          entries.push({ action: 'create', entityType: 'capability', entityId: capabilityId, after: { name }, summary: `${why}: capability ${name}` });
          result.capabilitiesAdded++;
        }
        await capq.linkCapability(tx, { system_id: from, capability_id: capabilityId, organisation_id: organisationId });
      }
    }
    result.linked += await sq.insertRelationships(tx, relationships);
    // The service areas that use each system: added to the council's list when new, then linked.
    const areaNames = rows.flatMap((r) => (r.values.serviceAreas as string[] | undefined) ?? []);
    if (areaNames.length) {
      const areas = await serviceAreasNamed(tx, audit, organisationId, areaNames, why);
      result.serviceAreasAdded = areas.added;
      await sq.linkServiceAreas(
        tx,
        rows.flatMap((r) =>
          ((r.values.serviceAreas as string[] | undefined) ?? []).map((name) => ({
            system_id: ids.get(keyOf(r.values))!,
            service_area_id: areas.ids.get(name.trim().toLowerCase())!,
            organisation_id: organisationId,
          })),
        ),
      );
    }
    await audit.many(entries, organisationId);
    return result;
  },

  async fix(tx, audit, organisationId, systemId, field, value, precision) {
    const system = await sq.findSystem(tx, organisationId, systemId);
    if (!system) throw new UserError('There is no such system');
    const now = new Date().toISOString();
    if (field === 'dependsOn') {
      const ids = await sq.systemIdsByIdentifierOrName(tx, organisationId);
      for (const name of value as string[]) {
        const to = ids.get(name.toLowerCase());
        if (to === undefined) throw new UserError(`There is no system called ${name}: add it first, or leave this as not known`);
        if (to === systemId) throw new UserError('A system cannot depend on itself');
        const id = await sq.insertRelationship(tx, {
          organisation_id: organisationId,
          from_system_id: systemId,
          to_system_id: to,
          kind: 'depends-on',
          created_at: now,
        });
        if (id !== null)
          await audit.created(
            'system_relationship',
            id,
            { from: system.name, kind: 'depends-on', to: name },
            `${system.name} depends on ${name}`,
            organisationId,
          );
      }
      return;
    }
    const set = dict<unknown>();
    if (field === 'team') {
      const team = (await teamIdsByName(tx, organisationId)).get(lower(value));
      if (team === undefined) throw new UserError(`There is no team called ${String(value)}`);
      set.team_id = team;
    } else {
      const column = own(columns, field);
      if (!column || column === 'identifier' || column === 'name') throw new UserError('That cannot be put right here');
      set[column] = field === 'criticality' ? Number(value) : field === 'recoveryPlan' ? (value === 'yes' ? 1 : 0) : value;
      if (field === 'endOfSupport') set.end_of_support_precision = precision ?? null;
    }
    const before = dict(Object.keys(set).map((k) => [k, own(system as unknown as Dict<unknown>, k) ?? null] as const));
    await sq.updateSystem(tx, organisationId, systemId, { ...set, updated_at: now });
    await audit.updated('system', systemId, before, set, `Put right what an import could not read: ${system.name}`, organisationId);
  },

  describe(r) {
    return `${counted(r.added, 'system', 'systems')} added, ${r.updated.toLocaleString('en-GB')} updated${r.unchanged ? `, ${r.unchanged.toLocaleString('en-GB')} already up to date` : ''}, ${counted(r.linked ?? 0, 'dependency', 'dependencies')} recorded${r.capabilitiesAdded ? `, ${counted(r.capabilitiesAdded, 'new business capability', 'new business capabilities')}` : ''}${r.serviceAreasAdded ? `, ${counted(r.serviceAreasAdded, 'new service area', 'new service areas')}` : ''}${r.combined ? `, ${counted(r.combined, 'row', 'rows')} naming a system already on an earlier row, combined with it` : ''}; ${counted(r.skipped, 'row', 'rows')} left out`;
  },
};
