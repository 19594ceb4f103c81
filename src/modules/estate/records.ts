import type { Db, LinkableRecord } from '../../platform/index.js';
import { estate } from './abilities.js';
import { systemNamesByIds, systemsCalled } from './queries.js';
import { contractNamesByIds, contractsCalled } from './contracts/queries.js';

const system = (r: { id: number; name: string }) => ({ id: r.id, title: r.name, href: `/estate/systems/${r.id}` });
const contract = (r: { id: number; title: string; reference: string }) => ({
  id: r.id,
  title: `${r.title} (${r.reference})`,
  href: `/estate/contracts/${r.id}`,
});

/** Systems and contracts as other modules link to them: a system by its name or identifier, a contract by its reference or title. */
export const estateLinkables: LinkableRecord[] = [
  {
    kind: 'system',
    label: 'system',
    hint: 'Its name or identifier in the register',
    access: estate.read,
    find: async (db: Db, organisationId: number, words: string) => {
      const rows = await systemsCalled(db, organisationId, words.trim());
      const r = rows.find((x) => x.identifier.toLowerCase() === words.trim().toLowerCase()) ?? rows[0];
      return r ? system(r) : null;
    },
    named: async (db: Db, organisationId: number, ids: number[]) => (await systemNamesByIds(db, organisationId, ids)).map(system),
  },
  {
    kind: 'contract',
    label: 'contract',
    hint: 'Its reference or title',
    access: estate.read,
    find: async (db: Db, organisationId: number, words: string) => {
      const rows = await contractsCalled(db, organisationId, words.trim());
      const r = rows.find((x) => x.reference.toLowerCase() === words.trim().toLowerCase()) ?? rows[0];
      return r ? contract(r) : null;
    },
    named: async (db: Db, organisationId: number, ids: number[]) => (ids.length ? (await contractNamesByIds(db, organisationId, ids)).map(contract) : []),
  },
];
