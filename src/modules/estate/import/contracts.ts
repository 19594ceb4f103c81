import {
  activeMemberByEmail,
  counted,
  dict,
  fail,
  keepAsNotKnown,
  own,
  readDateAs,
  readMoney,
  readMonths,
  UserError,
  type AuditEntry,
  type ImportKind,
} from '../../../platform/index.js';
import { servicesOf } from '../../service-desk/index.js';
import { estate } from '../abilities.js';
import { noticeDeadline } from '../contracts/notice.js';
import * as cq from '../contracts/queries.js';
import { procurementNames } from '../names.js';
import * as sq from '../queries.js';
import { list, lower, text, withOwnNames } from './cells.js';

const serviceIdsByName = async (db: Parameters<typeof servicesOf>[0], organisationId: number) =>
  new Map((await servicesOf(db, organisationId)).map((s) => [s.name.toLowerCase(), s.id]));
const columns: Record<string, string> = {
  annualValue: 'annual_value',
  wholeLifeValue: 'whole_life_value',
  extensionMonths: 'extension_months',
  procurementRoute: 'procurement_route',
  framework: 'framework',
};

/** Contracts, with their supplier (added when new), the systems and council services they cover, and their owner. */
export const contractsImport: ImportKind = {
  name: 'contracts',
  title: 'Contracts',
  ability: estate.editContracts,
  key: 'reference',
  home: { text: 'Go to the contracts', href: '/estate/contracts' },
  fields: [
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
    { key: 'startDate', label: 'Start date', required: true, headings: ['start', 'start date', 'commenced', 'from'], read: readDateAs('start') },
    { key: 'endDate', label: 'End date', required: true, headings: ['end', 'end date', 'expiry', 'expiry date', 'expires', 'to'], read: readDateAs('end') },
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
  ],
  template: [
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

  async check(db, organisationId, rows, { strict }) {
    const [suppliers, contracts, systems, services] = await Promise.all([
      cq.supplierIdsByName(db, organisationId),
      cq.contractIdsByReference(db, organisationId),
      sq.systemIdsByIdentifierOrName(db, organisationId),
      serviceIdsByName(db, organisationId),
    ]);
    const owners = new Map<string, boolean>();
    for (const r of rows.filter((x) => x.values)) {
      const v = r.values!;
      if (String(v.endDate) < String(v.startDate)) {
        fail(r, 'End date', `${String(v.endDate)} is before the start date ${String(v.startDate)}`);
        continue;
      }
      // A link to something not recorded drops only that link; the contract goes in.
      const known = (names: string[], have: Map<string, number>, field: string, label: string, noun: string, where: string) =>
        names.filter((s) => {
          if (have.has(s.toLowerCase())) return true;
          keepAsNotKnown(r, field, label, s, `no ${noun} called ${s} in the ${where}, so the link is not recorded`, strict);
          return false;
        });
      v.systems = known(v.systems as string[], systems, 'systems', 'Systems covered', 'system', 'register');
      if (r.values) v.services = known((v.services as string[] | undefined) ?? [], services, 'services', 'Services covered', 'service', 'catalogue');
      if (r.values && v.ownerEmail) {
        const email = lower(v.ownerEmail).trim();
        if (!owners.has(email)) owners.set(email, !!(await activeMemberByEmail(db, organisationId, email)));
        if (!owners.get(email)) keepAsNotKnown(r, 'ownerEmail', 'Owner email', email, `no one with the email address ${email} in this organisation`, strict);
      }
      if (r.values && !suppliers.has(lower(v.supplier))) r.notes.push(`Supplier: ${String(v.supplier)} is new and will be added`);
    }
    return { updates: rows.filter((r) => r.values && contracts.has(lower(r.values.reference))).length };
  },

  async apply(tx, audit, { organisationId, personId, mapping, now, filename, progress, wrote }, rows) {
    const result = { added: 0, updated: 0, linked: 0, suppliersAdded: 0 };
    const [suppliers, contracts, systems, services] = await Promise.all([
      cq.supplierIdsByName(tx, organisationId),
      cq.contractIdsByReference(tx, organisationId),
      sq.systemIdsByIdentifierOrName(tx, organisationId),
      serviceIdsByName(tx, organisationId),
    ]);
    const entries: AuditEntry[] = [];
    const why = `Imported from ${filename}`;
    for (const [i, r] of rows.entries()) {
      if (i % 500 === 0) await progress(i);
      const v = r.values;
      let supplierId = suppliers.get(lower(v.supplier));
      if (supplierId === undefined) {
        supplierId = await cq.insertSupplier(tx, { organisation_id: organisationId, name: String(v.supplier), company_number: null, contact: '', now });
        suppliers.set(lower(v.supplier), supplierId);
        entries.push({
          action: 'create',
          entityType: 'supplier',
          entityId: supplierId,
          after: { name: String(v.supplier) },
          summary: `${why}: supplier ${String(v.supplier)}`,
        });
        result.suppliersAdded++;
      }
      const ownerId = v.ownerEmail ? ((await activeMemberByEmail(tx, organisationId, String(v.ownerEmail)))?.id ?? null) : null;
      const noticeMonths = (v.noticeMonths as number | null) ?? 0;
      const set = dict<unknown>({
        title: String(v.title),
        supplier_id: supplierId,
        start_date: String(v.startDate),
        end_date: String(v.endDate),
        start_date_precision: own(r.precision, 'startDate') ?? null,
        end_date_precision: own(r.precision, 'endDate') ?? null,
        notice_months: noticeMonths,
        notice_deadline: noticeDeadline(String(v.endDate), noticeMonths),
        ...(ownerId !== null ? { owner_id: ownerId } : {}),
      });
      for (const [key, column] of Object.entries(columns)) if ((own(mapping, key) ?? -1) >= 0) set[column] = own(v, key);
      if (set.extension_months === null) set.extension_months = 0;
      if (set.procurement_route === null) set.procurement_route = 'other';
      let contractId = contracts.get(lower(v.reference));
      if (contractId !== undefined) {
        await cq.updateContract(tx, contractId, { ...set, updated_at: now });
        entries.push({
          action: 'update',
          entityType: 'contract',
          entityId: contractId,
          before: {},
          after: { ...set },
          summary: `${why}: ${String(v.reference)}`,
        });
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
        entries.push({
          action: 'create',
          entityType: 'contract',
          entityId: contractId,
          after: { reference: String(v.reference), ...set },
          summary: `${why}: ${String(v.reference)}`,
        });
        result.added++;
      }
      wrote(r, { entityType: 'contract', entityId: contractId, name: `${String(v.reference)} ${String(v.title)}`, href: `/estate/contracts/${contractId}` });
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
    await audit.many(entries, organisationId);
    return result;
  },

  async fix(tx, audit, organisationId, contractId, field, value) {
    const now = new Date().toISOString();
    if (field === 'systems') {
      const systems = await sq.systemIdsByIdentifierOrName(tx, organisationId);
      for (const name of value as string[]) {
        const systemId = systems.get(name.toLowerCase());
        if (systemId === undefined) throw new UserError(`There is no system called ${name}: add it first, or leave this as not known`);
        await cq.linkContractSystem(tx, { contract_id: contractId, system_id: systemId, organisation_id: organisationId });
      }
      await audit.updated('contract', contractId, {}, { systems: value }, 'Put right what an import could not read: systems covered', organisationId);
      return;
    }
    const column = own(columns, field);
    if (!column) throw new UserError('Change this on the contract’s page');
    await cq.updateContract(tx, contractId, { [column]: value, updated_at: now });
    await audit.updated('contract', contractId, {}, { [column]: value }, 'Put right what an import could not read', organisationId);
  },

  describe: (r) =>
    `${counted(r.added, 'contract', 'contracts')} added, ${r.updated.toLocaleString('en-GB')} updated, ${counted(r.suppliersAdded ?? 0, 'new supplier', 'new suppliers')}, ${counted(r.linked ?? 0, 'system link', 'system links')}; ${counted(r.skipped, 'row', 'rows')} left out`,
};
