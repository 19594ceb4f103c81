import { counted, dict, own, UserError, type AuditEntry, type ImportKind } from '../../../platform/index.js';
import { estate } from '../abilities.js';
import * as cq from '../contracts/queries.js';
import { lower, text } from './cells.js';

/** The suppliers the council buys from, named as the register names them. */
export const suppliersImport: ImportKind = {
  name: 'suppliers',
  title: 'Suppliers',
  ability: estate.editContracts,
  key: 'name',
  home: { text: 'Go to the suppliers', href: '/estate/suppliers' },
  fields: [
    { key: 'name', label: 'Supplier', required: true, headings: ['supplier', 'name', 'supplier name', 'company', 'vendor'], read: text(200) },
    {
      key: 'companyNumber',
      label: 'Company number',
      headings: ['company number', 'company no', 'company no.', 'companies house number', 'crn'],
      read: text(20),
    },
    { key: 'contact', label: 'Contact', headings: ['contact', 'account manager', 'contact details', 'email'], read: text(500) },
  ],
  template: [['Northway Software', '01234567', 'accounts@northway.example']],

  async check(db, organisationId, rows) {
    const existing = await cq.supplierIdsByName(db, organisationId);
    return { updates: rows.filter((r) => r.values && existing.has(lower(r.values.name))).length };
  },

  async apply(tx, audit, { organisationId, mapping, now, filename, progress, wrote }, rows) {
    const result = { added: 0, updated: 0 };
    const ids = await cq.supplierIdsByName(tx, organisationId);
    const entries: AuditEntry[] = [];
    const has = (key: string) => (own(mapping, key) ?? -1) >= 0;
    for (const [i, r] of rows.entries()) {
      if (i % 500 === 0) await progress(i);
      const v = r.values;
      const set = dict<string | null>();
      if (has('companyNumber')) set.company_number = (v.companyNumber as string | null) ?? null;
      if (has('contact')) set.contact = (v.contact as string | null) ?? '';
      const existing = ids.get(lower(v.name));
      if (existing) {
        await cq.updateSupplier(tx, existing, { ...set, updated_at: now });
        entries.push({
          action: 'update',
          entityType: 'supplier',
          entityId: existing,
          before: {},
          after: { ...set },
          summary: `Imported from ${filename}: ${String(v.name)}`,
        });
        result.updated++;
        wrote(r, { entityType: 'supplier', entityId: existing, name: String(v.name), href: `/estate/suppliers/${existing}` });
      } else {
        const id = await cq.insertSupplier(tx, {
          organisation_id: organisationId,
          name: String(v.name),
          company_number: set.company_number ?? null,
          contact: set.contact ?? '',
          now,
        });
        ids.set(lower(v.name), id);
        entries.push({
          action: 'create',
          entityType: 'supplier',
          entityId: id,
          after: { name: String(v.name), ...set },
          summary: `Imported from ${filename}: ${String(v.name)}`,
        });
        result.added++;
        wrote(r, { entityType: 'supplier', entityId: id, name: String(v.name), href: `/estate/suppliers/${id}` });
      }
    }
    await audit.many(entries, organisationId);
    return result;
  },

  async fix(tx, audit, _organisationId, supplierId, field, value) {
    const column = field === 'companyNumber' ? 'company_number' : field === 'contact' ? 'contact' : null;
    if (!column) throw new UserError('That cannot be put right here');
    await cq.updateSupplier(tx, supplierId, { [column]: String(value), updated_at: new Date().toISOString() });
    await audit.updated('supplier', supplierId, {}, { [column]: value }, 'Put right what an import could not read', _organisationId);
  },

  describe: (r) =>
    `${counted(r.added, 'supplier', 'suppliers')} added, ${r.updated.toLocaleString('en-GB')} updated; ${counted(r.skipped, 'row', 'rows')} left out`,
};
