import { dict, own, type Db, type Dict, type Tx } from '../../../platform/index.js';
import * as sq from '../queries.js';
import * as cq from '../contracts/queries.js';
import * as capq from '../capabilities/queries.js';
import { noticeDeadline } from '../contracts/notice.js';
import type { RelationshipKind } from '../tables.js';
import type { ImportKind } from './fields.js';
import type { Mapping, ReadRow } from './rows.js';
import * as q from './queries.js';
import { teamsOf } from '../../teams/index.js';
import { servicesOf } from '../../service-desk/index.js';

const serviceIdsByName = async (db: Db | Tx, organisationId: number) =>
  new Map((await servicesOf(db, organisationId)).map((s) => [s.name.toLowerCase(), s.id]));
const teamIdsByName = async (db: Db | Tx, organisationId: number) => new Map((await teamsOf(db, organisationId)).map((t) => [t.name.toLowerCase(), t.id]));

/** What an import did, in counts the person recognises. */
export interface ImportResult {
  added: number;
  updated: number;
  linked: number;
  suppliersAdded: number;
  capabilitiesAdded?: number;
  /** Records the file names that already held exactly what the file says. */
  unchanged?: number;
  skipped: number;
}

const lower = (v: unknown) => String(v).toLowerCase();
const fail = (r: ReadRow, field: string, reason: string) => {
  r.errors.push({ field, reason });
  r.values = null;
};

/**
 * Checks that need the register: names of systems, suppliers and people that must exist, and rules
 * across fields. Rows that fail are marked; returns how many good rows would update an existing record.
 */
export async function checkRows(db: Db, organisationId: number, kind: ImportKind, rows: ReadRow[]): Promise<number> {
  const good = rows.filter((r) => r.values);
  if (kind === 'systems') {
    const existing = await q.systemIdsByIdentifierOrName(db, organisationId);
    const teams = await teamIdsByName(db, organisationId);
    for (const r of good) if (r.values!.team && !teams.has(lower(r.values!.team))) fail(r, 'Resolver team', `no team called ${String(r.values!.team)}`);
    const known = new Set([...existing.keys(), ...good.filter((r) => r.values).flatMap((r) => [lower(r.values!.identifier), lower(r.values!.name)])]);
    for (const r of good)
      for (const dep of (r.values?.dependsOn as string[] | undefined) ?? [])
        if (r.values && !known.has(dep.toLowerCase())) fail(r, 'Depends on', `no system called ${dep} in the register or the file`);
    return rows.filter((r) => r.values && existing.has(lower(r.values.identifier))).length;
  }
  if (kind === 'relationships') {
    const systems = await q.systemIdsByIdentifierOrName(db, organisationId);
    for (const r of good) {
      const from = systems.get(lower(r.values!.from));
      const to = systems.get(lower(r.values!.to));
      if (from === undefined) fail(r, 'System', `no system called ${String(r.values!.from)} in the register`);
      else if (to === undefined) fail(r, 'Related system', `no system called ${String(r.values!.to)} in the register`);
      else if (from === to) fail(r, 'Related system', 'a system cannot have a relationship with itself');
    }
    return 0;
  }
  if (kind === 'suppliers') {
    const existing = await cq.supplierIdsByName(db, organisationId);
    return good.filter((r) => existing.has(lower(r.values!.name))).length;
  }
  const [suppliers, contracts, systems, services] = await Promise.all([
    cq.supplierIdsByName(db, organisationId),
    cq.contractIdsByReference(db, organisationId),
    q.systemIdsByIdentifierOrName(db, organisationId),
    serviceIdsByName(db, organisationId),
  ]);
  const owners = new Map<string, boolean>();
  for (const r of good) {
    const v = r.values!;
    if (String(v.endDate) < String(v.startDate)) fail(r, 'End date', `${String(v.endDate)} is before the start date ${String(v.startDate)}`);
    for (const s of v.systems as string[]) if (!systems.has(s.toLowerCase())) fail(r, 'Systems covered', `no system called ${s} in the register`);
    for (const s of (v.services as string[] | undefined) ?? [])
      if (!services.has(s.toLowerCase())) fail(r, 'Services covered', `no service called ${s} in the catalogue`);
    if (v.ownerEmail) {
      const email = lower(v.ownerEmail).trim();
      if (!owners.has(email)) owners.set(email, !!(await sq.memberByEmail(db, organisationId, email)));
      if (!owners.get(email)) fail(r, 'Owner email', `no one with the email address ${email} in this organisation`);
    }
    if (r.values && !suppliers.has(lower(v.supplier))) r.notes.push(`Supplier: ${String(v.supplier)} is new and will be added`);
  }
  return rows.filter((r) => r.values && contracts.has(lower(r.values.reference))).length;
}

const systemColumns: Record<string, string> = {
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
};

/** Only the columns the file has are written, so importing a partial register never blanks what it lacks. */
function mappedColumns(values: Dict<unknown>, mapping: Mapping, columns: Record<string, string>) {
  const out = dict<unknown>();
  for (const [key, column] of Object.entries(columns)) {
    if ((own(mapping, key) ?? -1) < 0) continue;
    const value = own(values, key);
    out[column] = key === 'criticality' && value !== null ? Number(value) : value;
  }
  return out;
}

/** Writes the good rows inside the caller's transaction: added, or updated by the register's own key. */
export async function applyRows(
  tx: Tx,
  organisationId: number,
  personId: number | null,
  kind: ImportKind,
  good: ReadRow[],
  mapping: Mapping,
  now: string,
  progress: (done: number) => void | Promise<void>,
): Promise<Omit<ImportResult, 'skipped'>> {
  const result = { added: 0, updated: 0, linked: 0, suppliersAdded: 0, capabilitiesAdded: 0, unchanged: 0 };
  const tick = async (i: number) => {
    if (i % 500 === 0) await progress(i);
  };
  if (kind === 'systems') {
    const existing = await q.systemIdsByIdentifierOrName(tx, organisationId);
    const teams = await teamIdsByName(tx, organisationId);
    const inserts: Parameters<typeof sq.insertSystems>[1] = [];
    let current: Map<number, Dict<unknown>> | undefined;
    for (const [i, r] of good.entries()) {
      await tick(i);
      const v = r.values!;
      const set = mappedColumns(v, mapping, systemColumns);
      if ((mapping.team ?? -1) >= 0) set.team_id = v.team ? (teams.get(lower(v.team)) ?? null) : null;
      const id = existing.get(lower(v.identifier));
      if (id !== undefined) {
        // Only what differs is written, so re-importing this month's register touches what changed.
        current ??= await q.systemsToCompare(tx, organisationId);
        const before = current.get(id) ?? dict();
        const changed = Object.fromEntries(
          Object.entries(set).filter(([column, value]) => column !== 'identifier' && (before[column] ?? null) !== (value ?? null)),
        );
        if (Object.keys(changed).length) {
          await sq.updateSystem(tx, id, { ...changed, updated_at: now });
          result.updated++;
        } else result.unchanged++;
      } else {
        inserts.push({
          kind: 'application',
          recovery_plan: 0,
          description: '',
          ...set,
          identifier: String(v.identifier),
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
    const ids = inserts.length ? await q.systemIdsByIdentifierOrName(tx, organisationId) : existing;
    const relationships: Parameters<typeof sq.insertRelationships>[1] = [];
    const capabilities = await capq.capabilityIdsByName(tx, organisationId);
    for (const r of good) {
      const from = ids.get(lower(r.values!.identifier))!;
      for (const dep of r.values!.dependsOn as string[]) {
        const to = ids.get(dep.toLowerCase());
        if (to && to !== from)
          relationships.push({ organisation_id: organisationId, from_system_id: from, to_system_id: to, kind: 'depends-on', created_at: now });
      }
      // A capability named in the file but not yet recorded is added, as a person keeping the list would.
      for (const name of (r.values!.capabilities as string[] | undefined) ?? []) {
        let capabilityId = capabilities.get(name.toLowerCase());
        if (capabilityId === undefined) {
          capabilityId = await capq.insertCapability(tx, { organisation_id: organisationId, name: name.slice(0, 200), description: '', created_at: now });
          capabilities.set(name.toLowerCase(), capabilityId);
          result.capabilitiesAdded++;
        }
        await capq.linkCapability(tx, { system_id: from, capability_id: capabilityId, organisation_id: organisationId });
      }
    }
    result.linked += await sq.insertRelationships(tx, relationships);
  } else if (kind === 'relationships') {
    const ids = await q.systemIdsByIdentifierOrName(tx, organisationId);
    for (const [i, r] of good.entries()) {
      await tick(i);
      const kindOf = ((r.values!.kind as string | null) ?? 'depends-on') as RelationshipKind;
      const added = await sq.insertRelationship(tx, {
        organisation_id: organisationId,
        from_system_id: ids.get(lower(r.values!.from))!,
        to_system_id: ids.get(lower(r.values!.to))!,
        kind: kindOf,
        created_at: now,
      });
      if (added !== null) result.added++;
      else result.updated++;
    }
  } else if (kind === 'suppliers') {
    const ids = await cq.supplierIdsByName(tx, organisationId);
    for (const [i, r] of good.entries()) {
      await tick(i);
      const v = r.values!;
      const existing = ids.get(lower(v.name));
      const set = mappedColumns(v, mapping, { companyNumber: 'company_number', contact: 'contact' }) as {
        company_number?: string | null;
        contact?: string | null;
      };
      const contact = set.contact === undefined ? undefined : (set.contact ?? '');
      if (existing) {
        await cq.updateSupplier(tx, existing, {
          ...(set.company_number !== undefined ? { company_number: set.company_number } : {}),
          ...(contact !== undefined ? { contact } : {}),
          updated_at: now,
        });
        result.updated++;
      } else {
        ids.set(
          lower(v.name),
          await cq.insertSupplier(tx, {
            organisation_id: organisationId,
            name: String(v.name),
            company_number: set.company_number ?? null,
            contact: contact ?? '',
            now,
          }),
        );
        result.added++;
      }
    }
  } else {
    const [suppliers, contracts] = await Promise.all([cq.supplierIdsByName(tx, organisationId), cq.contractIdsByReference(tx, organisationId)]);
    const systems = await q.systemIdsByIdentifierOrName(tx, organisationId);
    const services = await serviceIdsByName(tx, organisationId);
    for (const [i, r] of good.entries()) {
      await tick(i);
      const v = r.values!;
      let supplierId = suppliers.get(lower(v.supplier));
      if (supplierId === undefined) {
        supplierId = await cq.insertSupplier(tx, { organisation_id: organisationId, name: String(v.supplier), company_number: null, contact: '', now });
        suppliers.set(lower(v.supplier), supplierId);
        result.suppliersAdded++;
      }
      const ownerId = v.ownerEmail ? ((await sq.memberByEmail(tx, organisationId, String(v.ownerEmail)))?.id ?? null) : null;
      const noticeMonths = (v.noticeMonths as number | null) ?? 0;
      const set = {
        ...mappedColumns(v, mapping, {
          annualValue: 'annual_value',
          wholeLifeValue: 'whole_life_value',
          extensionMonths: 'extension_months',
          procurementRoute: 'procurement_route',
          framework: 'framework',
        }),
        title: String(v.title),
        supplier_id: supplierId,
        start_date: String(v.startDate),
        end_date: String(v.endDate),
        notice_months: noticeMonths,
        notice_deadline: noticeDeadline(String(v.endDate), noticeMonths),
        ...(ownerId !== null ? { owner_id: ownerId } : {}),
      } as Record<string, unknown>;
      if (set.extension_months === null) set.extension_months = 0;
      if (set.procurement_route === null) set.procurement_route = 'other';
      let contractId = contracts.get(lower(v.reference));
      if (contractId !== undefined) {
        await cq.updateContract(tx, contractId, { ...set, updated_at: now });
        result.updated++;
      } else {
        contractId = await cq.insertContract(tx, {
          procurement_route: 'other',
          extension_months: 0,
          owner_id: personId,
          notes: '',
          ...set,
          organisation_id: organisationId,
          reference: String(v.reference),
          created_at: now,
          updated_at: now,
        } as Parameters<typeof cq.insertContract>[1]);
        contracts.set(lower(v.reference), contractId);
        result.added++;
      }
      for (const s of v.systems as string[]) {
        const systemId = systems.get(s.toLowerCase());
        if (systemId !== undefined) {
          await cq.linkContractSystem(tx, { contract_id: contractId, system_id: systemId, organisation_id: organisationId });
          result.linked++;
        }
      }
      for (const s of (v.services as string[] | undefined) ?? []) {
        const serviceId = services.get(s.toLowerCase());
        if (serviceId !== undefined) await cq.linkContractService(tx, { contract_id: contractId, service_id: serviceId, organisation_id: organisationId });
      }
    }
  }
  await progress(good.length);
  return result;
}
