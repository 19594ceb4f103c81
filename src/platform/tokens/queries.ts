import type { Db, Tx } from '../audit/audit.js';

export async function tokensOf(db: Db, personId: number, organisationId: number) {
  return db
    .selectFrom('api_tokens')
    .where('person_id', '=', personId)
    .where('organisation_id', '=', organisationId)
    .select(['id', 'name', 'hint', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('id', 'desc')
    .execute();
}

export async function insertToken(
  tx: Tx,
  row: { person_id: number; organisation_id: number; name: string; token_hash: string; hint: string; created_at: string },
) {
  const r = await tx.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function findToken(db: Db | Tx, id: number, personId: number) {
  return db
    .selectFrom('api_tokens')
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .select(['id', 'name', 'organisation_id', 'revoked_at'])
    .executeTakeFirst();
}

export async function revokeToken(tx: Tx, id: number, at: string) {
  await tx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

/** The person's tokens not yet revoked, in one organisation or all of them. */
export async function liveTokensOf(db: Db | Tx, personId: number, organisationId?: number) {
  let q = db.selectFrom('api_tokens').where('person_id', '=', personId).where('revoked_at', 'is', null);
  if (organisationId !== undefined) q = q.where('organisation_id', '=', organisationId);
  return q.select(['id', 'name', 'organisation_id']).orderBy('id').execute();
}

export async function revokeTokens(tx: Tx, ids: number[], at: string) {
  if (ids.length) await tx.updateTable('api_tokens').set({ revoked_at: at }).where('id', 'in', ids).where('revoked_at', 'is', null).execute();
}
