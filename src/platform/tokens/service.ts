import { z } from 'zod';
import { nowIso } from '../../db/columns.js';
import { auditedWrite, type Actor, type Db } from '../audit/audit.js';
import { newSecret, sha256 } from '../auth/service.js';
import { NotFoundError } from '../http/errors.js';
import * as q from './queries.js';

export const tokenNameField = z
  .string({ message: 'Enter a name for the token' })
  .trim()
  .min(1, 'Enter a name for the token, such as what will use it')
  .max(100, 'Name must be 100 characters or fewer');

/** Personal API tokens: shown once, stored only as a hash, sent as `Authorization: Bearer ...`. */
export async function createToken(db: Db, actor: Actor, personId: number, organisationId: number, name: string) {
  const token = `stw_${newSecret()}`;
  const id = await auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertToken(tx, {
      person_id: personId,
      organisation_id: organisationId,
      name,
      token_hash: sha256(token),
      hint: token.slice(-4),
      created_at: nowIso(),
    });
    await audit.created('api_token', id, { name, person_id: personId }, `Created API token “${name}”`, organisationId);
    return id;
  });
  return { id, token };
}

export async function revokeToken(db: Db, actor: Actor, personId: number, tokenId: number) {
  const token = await q.findToken(db, tokenId, personId);
  if (!token) throw new NotFoundError('There is no such token');
  if (token.revoked_at) return;
  await auditedWrite(db, actor, async (tx, audit) => {
    const at = nowIso();
    await q.revokeToken(tx, tokenId, at);
    await audit.updated('api_token', tokenId, { revoked_at: null }, { revoked_at: at }, `Revoked API token “${token.name}”`, token.organisation_id);
  });
}

export { tokensOf } from './queries.js';
