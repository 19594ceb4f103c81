import { counted, fail, type AuditEntry, type ImportKind } from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { relationshipNames } from '../names.js';
import * as sq from '../queries.js';
import type { RelationshipKind } from '../tables.js';
import { lower, text, withOwnNames } from './cells.js';

/** Relationships between systems already in the register: what depends on, runs on, hosts or integrates with what. */
export const relationshipsImport: ImportKind = {
  name: 'relationships',
  title: 'Relationships between systems',
  ability: estate.edit,
  home: { text: 'Go to the register', href: '/estate' },
  fields: [
    { key: 'from', label: 'System', required: true, headings: ['system', 'from', 'from system', 'source', 'dependent system', 'system id'], read: text(200) },
    {
      key: 'kind',
      label: 'Relationship',
      whenUnreadable: 'leave-row-out',
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
  ],
  template: [['APP-001', 'Depends on', 'SRV-001']],

  async check(db, organisationId, rows) {
    const systems = await sq.systemIdsByIdentifierOrName(db, organisationId);
    for (const r of rows.filter((x) => x.values)) {
      const from = systems.get(lower(r.values!.from));
      const to = systems.get(lower(r.values!.to));
      if (from === undefined) fail(r, 'System', `no system called ${String(r.values!.from)} in the register`);
      else if (to === undefined) fail(r, 'Related system', `no system called ${String(r.values!.to)} in the register`);
      else if (from === to) fail(r, 'Related system', 'a system cannot have a relationship with itself');
    }
    return { updates: 0 };
  },

  async apply(tx, audit, { organisationId, now, filename, progress }, rows) {
    const result = { added: 0, updated: 0 };
    const ids = await sq.systemIdsByIdentifierOrName(tx, organisationId);
    const entries: AuditEntry[] = [];
    for (const [i, r] of rows.entries()) {
      if (i % 500 === 0) await progress(i);
      const kind = ((r.values.kind as string | null) ?? 'depends-on') as RelationshipKind;
      const row = {
        organisation_id: organisationId,
        from_system_id: ids.get(lower(r.values.from))!,
        to_system_id: ids.get(lower(r.values.to))!,
        kind,
        created_at: now,
      };
      const id = await sq.insertRelationship(tx, row);
      if (id === null) {
        result.updated++;
        continue;
      }
      result.added++;
      entries.push({
        action: 'create',
        entityType: 'system_relationship',
        entityId: id,
        after: { from: r.values.from, kind, to: r.values.to },
        summary: `Imported from ${filename}: ${String(r.values.from)} ${kind.replace('-', ' ')} ${String(r.values.to)}`,
      });
    }
    await audit.many(entries, organisationId);
    return result;
  },

  describe: (r) =>
    `${counted(r.added, 'relationship', 'relationships')} added, ${r.updated.toLocaleString('en-GB')} already recorded; ${counted(r.skipped, 'row', 'rows')} left out`,
};
