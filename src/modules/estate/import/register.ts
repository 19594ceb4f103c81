import {
  counted,
  dict,
  keepAsNotKnown,
  own,
  readDateAs,
  readMonths,
  shownAs,
  UserError,
  type AuditEntry,
  type GoodRow,
  type ImportField,
  type ImportKind,
} from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { noticeDeadline } from '../contracts/notice.js';
import * as cq from '../contracts/queries.js';
import * as sq from '../queries.js';
import { lower, text } from './cells.js';
import { keyOf, systemsImport } from './systems.js';

const contractFields: ImportField[] = [
  {
    key: 'contractReference',
    label: 'Contract reference',
    headings: ['contract ref', 'contract reference', 'contract number', 'contract no', 'contract id'],
    read: text(60),
  },
  {
    key: 'contractStart',
    label: 'Contract start',
    headings: ['contract start', 'contract start date', 'start date', 'start', 'contract from'],
    read: readDateAs('start'),
    show: shownAs.date,
  },
  {
    key: 'contractEnd',
    label: 'Contract end',
    headings: ['contract end', 'contract end date', 'end date', 'expiry', 'expiry date', 'contract expiry', 'renewal date', 'contract to'],
    read: readDateAs('end'),
    show: shownAs.date,
  },
  { key: 'noticeMonths', label: 'Notice period', headings: ['notice period', 'notice', 'notice (months)', 'notice months'], read: readMonths },
];

/** The same value as the database gives it back: PostgreSQL returns money as text with pence. */
const same = (a: unknown, b: unknown) =>
  (a ?? null) === (b ?? null) ||
  (a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b)) ||
  (typeof b === 'number' && Number(a) === b);

const supplierLabel = (f: ImportField) => (f.key === 'vendor' ? { ...f, label: 'Supplier', headings: ['supplier', 'supplier name', 'vendor', 'provider'] } : f);

/**
 * The whole application register in one import: each row a system, its supplier (matched to the
 * suppliers already recorded, near names confirmed by the person) and its contract (start, end,
 * notice, value), linked to each other. The separate imports stay for separate lists.
 */
export const registerImport: ImportKind = {
  name: 'register',
  title: 'Application register (systems, suppliers and contracts)',
  ability: estate.editContracts,
  key: 'identifier',
  keyFallback: 'name',
  repeats: 'combine',
  home: { text: 'Go to the register', href: '/estate' },
  fields: [...systemsImport.fields.map(supplierLabel), ...contractFields],
  matches: [{ field: 'vendor', noun: 'supplier', existing: (db, organisationId) => cq.suppliersOf(db, organisationId, 100_000) }],
  template: [
    [...systemsImport.template[0]!, 'C-2024-017', '01/04/2024', '31/03/2029', '12 months', 'Renewal under review with procurement; licences counted in March'],
  ],

  async check(db, organisationId, rows, reading) {
    const result = await systemsImport.check(db, organisationId, rows, reading);
    for (const r of rows) {
      const v = r.values;
      if (!v) continue;
      const start = v.contractStart as string | null;
      const end = v.contractEnd as string | null;
      if (start && end && end < start) {
        keepAsNotKnown(r, 'contractEnd', 'Contract end', String(end), `ends before it starts (${String(start)}), so no contract is recorded`, reading.strict);
        if (r.values) r.values.contractStart = null;
      } else if ((start || end) && !(start && end))
        r.notes.push(`Contract: ${start ? 'no end date' : 'no start date'}, so no contract is recorded; add it on the contract page`);
      else if (start && end && !v.vendor) r.notes.push('Contract: no supplier, so no contract is recorded');
    }
    return result;
  },

  async apply(tx, audit, context, rows) {
    const { organisationId, now, filename, matches } = context;
    // Each supplier named: the one recorded under that name, the one the person confirmed, or new.
    const suppliers = await cq.suppliersOf(tx, organisationId, 100_000);
    const byName = new Map(suppliers.map((s) => [lower(s.name), { id: Number(s.id), name: s.name }]));
    const byId = new Map(suppliers.map((s) => [Number(s.id), s.name]));
    const confirmed = own(matches, 'vendor') ?? dict<number | 'new'>();
    const entries: AuditEntry[] = [];
    const why = `Imported from ${filename}`;
    let suppliersAdded = 0;
    const supplierOf = new Map<string, number>();
    const supplierOfRow = new Map<GoodRow, number>();
    for (const r of rows) {
      const written = r.values.vendor as string | null;
      if (!written) continue;
      const word = lower(written).replace(/\s+/g, ' ');
      let id = supplierOf.get(word) ?? byName.get(word)?.id;
      const chosen = own(confirmed, word);
      if (id === undefined && typeof chosen === 'number' && byId.has(chosen)) id = chosen;
      if (id === undefined) {
        id = await cq.insertSupplier(tx, { organisation_id: organisationId, name: written.trim().slice(0, 200), company_number: null, contact: '', now });
        byId.set(id, written.trim());
        entries.push({
          action: 'create',
          entityType: 'supplier',
          entityId: id,
          after: { name: written.trim() },
          summary: `${why}: supplier ${written.trim()}`,
        });
        suppliersAdded++;
      }
      supplierOf.set(word, id);
      supplierOfRow.set(r, id);
      // The system names its supplier as the supplier is recorded.
      r.values.vendor = byId.get(id) ?? written;
    }
    const counts = await systemsImport.apply(tx, audit, context, rows);
    // Each system's contract: found by its reference, else by the system's own, and kept up to date.
    const systems = await sq.systemIdsByIdentifierOrName(tx, organisationId);
    const contracts = await cq.contractsToCompare(tx, organisationId);
    let contractsUpdated = 0;
    const seen = new Set<string>();
    const fresh: Parameters<typeof cq.insertContracts>[1] = [];
    const freshSystems: number[] = [];
    const links: Parameters<typeof cq.linkContractSystems>[1] = [];
    for (const r of rows) {
      const v = r.values;
      const start = v.contractStart as string | null;
      const end = v.contractEnd as string | null;
      const supplierId = supplierOfRow.get(r);
      const systemId = systems.get(keyOf(v));
      if (!start || !end || supplierId === undefined || systemId === undefined) continue;
      const reference = String(v.contractReference ?? `${String(v.identifier ?? `SYSTEM-${systemId}`)}-CONTRACT`).slice(0, 60);
      if (seen.has(lower(reference))) continue;
      seen.add(lower(reference));
      const noticeMonths = (v.noticeMonths as number | null) ?? 0;
      const set = {
        title: `${String(v.name)} (${byId.get(supplierId) ?? ''})`.slice(0, 200),
        supplier_id: supplierId,
        start_date: start,
        end_date: end,
        start_date_precision: own(r.precision, 'contractStart') ?? null,
        end_date_precision: own(r.precision, 'contractEnd') ?? null,
        notice_months: noticeMonths,
        notice_deadline: noticeDeadline(end, noticeMonths),
        annual_value: (v.annualCost as number | null) ?? null,
      };
      const current = contracts.get(lower(reference));
      if (current) {
        const was = dict<unknown>(current);
        const changed = Object.fromEntries(Object.entries(set).filter(([k, value]) => !same(own(was, k), value)));
        if (Object.keys(changed).length) {
          await cq.updateContract(tx, current.id, { ...changed, updated_at: now });
          entries.push({
            action: 'update',
            entityType: 'contract',
            entityId: current.id,
            before: Object.fromEntries(Object.keys(changed).map((k) => [k, own(was, k) ?? null])),
            after: changed,
            summary: `${why}: ${reference}`,
          });
          contractsUpdated++;
        }
        links.push({ contract_id: current.id, system_id: systemId, organisation_id: organisationId });
      } else {
        fresh.push({
          ...set,
          organisation_id: organisationId,
          reference,
          whole_life_value: null,
          procurement_route: 'other',
          framework: null,
          owner_id: context.personId,
          created_at: now,
          updated_at: now,
        });
        freshSystems.push(systemId);
      }
    }
    // New contracts go in a few hundred to a statement, then are linked to their systems by reference.
    await cq.insertContracts(tx, fresh);
    const made = fresh.length ? await cq.contractIdsByReference(tx, organisationId) : new Map<string, number>();
    fresh.forEach((c, i) => {
      const id = made.get(lower(c.reference))!;
      entries.push({
        action: 'create',
        entityType: 'contract',
        entityId: id,
        after: {
          reference: c.reference,
          supplier_id: c.supplier_id,
          start_date: c.start_date,
          end_date: c.end_date,
          notice_months: c.notice_months,
          annual_value: c.annual_value,
        },
        summary: `${why}: ${c.reference}`,
      });
      links.push({ contract_id: id, system_id: freshSystems[i]!, organisation_id: organisationId });
    });
    await cq.linkContractSystems(tx, links);
    const contractsAdded = fresh.length;
    await audit.many(entries, organisationId);
    return { ...counts, suppliersAdded, contractsAdded, contractsUpdated };
  },

  fixable: (field) => !contractFields.some((f) => f.key === field),

  async fix(tx, audit, organisationId, systemId, field, value, precision) {
    if (contractFields.some((f) => f.key === field)) throw new UserError('Change this on the contract’s page');
    await systemsImport.fix!(tx, audit, organisationId, systemId, field, value, precision);
  },

  describe: (r) =>
    `${systemsImport.describe({ ...r, skipped: 0 }).replace(/; 0 rows left out$/, '')}, ${counted(r.suppliersAdded ?? 0, 'new supplier', 'new suppliers')}, ${counted(r.contractsAdded ?? 0, 'contract', 'contracts')} added and ${(r.contractsUpdated ?? 0).toLocaleString('en-GB')} updated; ${counted(r.skipped, 'row', 'rows')} left out`,
};
