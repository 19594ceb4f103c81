import type { Db, LinkableRecord } from '../../platform/index.js';
import { estate } from './abilities.js';

/** Systems and contracts as other modules link to them: a system by its name or identifier, a contract by its reference or title. */
export const estateLinkables: LinkableRecord[] = [
  {
    kind: 'system',
    label: 'system',
    hint: 'Its name or identifier in the register',
    access: estate.read,
    find: async (db: Db, organisationId: number, words: string) => {
      const w = words.trim().toLowerCase();
      const rows = await db
        .selectFrom('systems')
        .where('organisation_id', '=', organisationId)
        .where((eb) => eb.or([eb(eb.fn('lower', ['identifier']), '=', w), eb(eb.fn('lower', ['name']), '=', w)]))
        .select(['id', 'name', 'identifier'])
        .orderBy('id')
        .execute();
      const r = rows.find((x) => x.identifier.toLowerCase() === w) ?? rows[0];
      return r ? { id: r.id, title: r.name, href: `/estate/systems/${r.id}` } : null;
    },
    named: async (db: Db, organisationId: number, ids: number[]) =>
      ids.length
        ? (await db.selectFrom('systems').where('organisation_id', '=', organisationId).where('id', 'in', ids).select(['id', 'name']).execute()).map((r) => ({
            id: r.id,
            title: r.name,
            href: `/estate/systems/${r.id}`,
          }))
        : [],
  },
  {
    kind: 'contract',
    label: 'contract',
    hint: 'Its reference or title',
    access: estate.read,
    find: async (db: Db, organisationId: number, words: string) => {
      const w = words.trim().toLowerCase();
      const rows = await db
        .selectFrom('contracts')
        .where('organisation_id', '=', organisationId)
        .where((eb) => eb.or([eb(eb.fn('lower', ['reference']), '=', w), eb(eb.fn('lower', ['title']), '=', w)]))
        .select(['id', 'title', 'reference'])
        .orderBy('id')
        .execute();
      const r = rows.find((x) => x.reference.toLowerCase() === w) ?? rows[0];
      return r ? { id: r.id, title: `${r.title} (${r.reference})`, href: `/estate/contracts/${r.id}` } : null;
    },
    named: async (db: Db, organisationId: number, ids: number[]) =>
      ids.length
        ? (
            await db.selectFrom('contracts').where('organisation_id', '=', organisationId).where('id', 'in', ids).select(['id', 'title', 'reference']).execute()
          ).map((r) => ({ id: r.id, title: `${r.title} (${r.reference})`, href: `/estate/contracts/${r.id}` }))
        : [],
  },
];
