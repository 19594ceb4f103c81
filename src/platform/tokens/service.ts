import { z } from 'zod';
import { nowIso } from '../../db/columns.js';
import { auditedWrite, type Actor, type AuditRecorder, type Db, type Tx } from '../audit/audit.js';
import { confirmPassword, newSecret, sha256, type AuthSettings } from '../auth/service.js';
import type { Identity } from '../auth/identity.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
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

/**
 * A token made by a person for themselves: only from a signed-in browser (a token cannot make
 * another), and only after they type their password again, so a session left open or taken over
 * cannot be turned into a credential that outlives it.
 */
export async function createOwnToken(db: Db, settings: AuthSettings, actor: Actor, identity: Identity, name: string, password: string) {
  if (identity.via !== 'session') throw new ForbiddenError('Make API tokens from your account page in a browser, not with a token');
  await confirmPassword(db, settings, identity.person.email, password, { field: 'password', message: 'Your password is not right' });
  return createToken(db, actor, identity.person.id, identity.organisation.id, name);
}

/**
 * Revokes the person's live tokens (in one organisation, or all), in the caller's transaction, with
 * an audit record each: used when their password changes or their membership is disabled, so a
 * token never outlives the password or the access it was made with, even when access comes back.
 */
export async function revokeTokensOf(tx: Tx, audit: AuditRecorder, personId: number, why: string, organisationId?: number) {
  const live = await q.liveTokensOf(tx, personId, organisationId);
  if (!live.length) return;
  const at = nowIso();
  await q.revokeTokens(
    tx,
    live.map((t) => Number(t.id)),
    at,
  );
  for (const t of live) {
    await audit.updated(
      'api_token',
      Number(t.id),
      { revoked_at: null },
      { revoked_at: at },
      `Revoked API token “${t.name}”: ${why}`,
      Number(t.organisation_id),
    );
  }
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
