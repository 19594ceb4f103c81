import type { Db, Tx } from '../audit/audit.js';
import type { OrganisationType } from './types.js';

export async function findOrganisation(db: Db | Tx, id: number) {
  return db.selectFrom('organisations').where('id', '=', id).selectAll().executeTakeFirst();
}

export async function firstOrganisation(db: Db | Tx) {
  return db.selectFrom('organisations').orderBy('id').selectAll().limit(1).executeTakeFirst();
}

export async function countOrganisations(db: Db | Tx): Promise<number> {
  const r = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertOrganisation(tx: Tx, row: { name: string; type: OrganisationType; is_demo: number; now: string }) {
  const r = await tx
    .insertInto('organisations')
    .values({ name: row.name, type: row.type, is_demo: row.is_demo, created_at: row.now, updated_at: row.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateOrganisation(tx: Tx, id: number, set: { name: string; type: OrganisationType; updated_at: string }) {
  await tx.updateTable('organisations').set(set).where('id', '=', id).execute();
}

/** The organisations a person may switch to: those where they have an active membership. */
export async function organisationsOf(db: Db, personId: number) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .where('m.person_id', '=', personId)
    .where('m.active', '=', 1)
    .select(['o.id', 'o.name', 'o.type', 'm.role'])
    .orderBy('o.name')
    .execute();
}

export async function getSetting(db: Db | Tx, key: string) {
  const r = await db.selectFrom('installation_settings').where('key', '=', key).select('value').executeTakeFirst();
  return r?.value;
}

export async function putSettingIfAbsent(db: Db | Tx, key: string, value: string) {
  await db
    .insertInto('installation_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
