import type { Db, Tx } from '../../../platform/index.js';

type Conn = Db | Tx;

/** The replies an agent may use: their own, and those of their teams; with `all`, every one (for managers). */
export const repliesFor = (db: Conn, organisationId: number, personId: number, teamIds: number[], all = false) => {
  let query = db
    .selectFrom('canned_replies as r')
    .leftJoin('teams as t', 't.id', 'r.team_id')
    .where('r.organisation_id', '=', organisationId)
    .select(['r.id', 'r.title', 'r.body', 'r.team_id', 'r.owner_id', 't.name as team_name', 'r.updated_at']);
  if (!all) query = query.where((eb) => eb.or([eb('r.owner_id', '=', personId), ...(teamIds.length ? [eb('r.team_id', 'in', teamIds)] : [])]));
  return query.orderBy('r.title').orderBy('r.id').limit(500).execute();
};

export const replyById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('canned_replies').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export const insertReply = async (
  tx: Tx,
  row: { organisation_id: number; title: string; body: string; team_id: number | null; owner_id: number | null; created_at: string; updated_at: string },
) => Number((await tx.insertInto('canned_replies').values(row).returning('id').executeTakeFirstOrThrow()).id);
