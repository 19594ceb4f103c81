import { z } from 'zod';
import {
  anyOf,
  auditedWrite,
  cursor,
  dialectOf,
  isoDate,
  NotFoundError,
  pageOf,
  pageSize,
  paragraphs,
  ref,
  systemActor,
  UserError,
  type Actor,
  type Db,
} from '../../../platform/index.js';
import { nowIso } from '../../../db/columns.js';
import { estateRecords } from '../../estate/index.js';
import { cyberRecords } from '../references.js';
import type { Severity } from '../tables.js';
import * as q from './queries.js';
import { addDays, severityOrder } from './rules.js';

export const today = () => new Date().toISOString().slice(0, 10);

/** The list's filters, the same for the page, its export and the API. */
export const findingsQuery = z.object({
  severity: anyOf(z.enum(severityOrder as [Severity], { message: 'Choose a severity from the list' })),
  system: anyOf(ref(estateRecords.system, 'Choose one of the systems in the register')),
  show: anyOf(z.enum(['overdue', 'accepted', 'closed', 'unmatched'], { message: 'Choose what to show from the list' })),
  host: z.string().trim().max(253, 'A host is 253 characters or fewer').optional(),
  after: cursor(
    z.strictObject({
      due: z
        .string()
        .max(10)
        .regex(/^\d{4}-\d{2}-\d{2}$/),
      id: z.number().int().positive(),
    }),
  ),
  size: pageSize(50, 200),
});
export type FindingsQuery = z.output<typeof findingsQuery>;

export function findingFilter(v: FindingsQuery, on: string): q.FindingFilter {
  return {
    severity: v.severity,
    systemId: v.system,
    unmatched: v.show === 'unmatched',
    host: v.host?.toLowerCase() || undefined,
    status: v.show === 'accepted' ? 'accepted' : v.show === 'closed' ? 'closed' : 'open',
    overdueOn: v.show === 'overdue' ? on : undefined,
  };
}

export async function findings(db: Db, organisationId: number, v: FindingsQuery, on = today()) {
  const rows = await q.findingsPage(db, organisationId, findingFilter(v, on), v.after, v.size + 1);
  return pageOf(rows, v.size, (r) => ({ due: String(r.due_on), id: Number(r.id) }));
}

export async function finding(db: Db, organisationId: number, id: number) {
  const f = await q.findingById(db, organisationId, id);
  if (!f) throw new NotFoundError('There is no such finding');
  return { ...f, acceptances: await q.acceptancesOf(db, id) };
}

/** Longest a risk may be accepted before someone looks at it again. */
export const maxAcceptanceDays = 365;

export const acceptanceInput = z.object({
  reason: paragraphs(2000, { required: 'Say why the risk of leaving it is accepted', tooLong: 'The reason must be 2,000 characters or fewer' }),
  expiresOn: isoDate('Enter the date the acceptance ends as YYYY-MM-DD'),
  risk: anyOf(ref(cyberRecords.risk, 'Choose one of the risks in the register')),
});
export type AcceptanceInput = z.output<typeof acceptanceInput>;

export async function acceptFinding(db: Db, actor: Actor, organisationId: number, id: number, input: AcceptanceInput, on = today()) {
  const f = await q.findingById(db, organisationId, id);
  if (!f) throw new NotFoundError('There is no such finding');
  if (f.status === 'closed') throw new UserError('This finding is closed: the last scan no longer found it', { field: 'reason' });
  if (input.expiresOn <= on) throw new UserError('The acceptance must end after today', { field: 'expiresOn' });
  if (input.expiresOn > addDays(on, maxAcceptanceDays)) throw new UserError('Accept a risk for up to a year, then look at it again', { field: 'expiresOn' });
  await auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    await q.endAcceptances(tx, id, now);
    const acceptanceId = await q.insertAcceptance(tx, {
      organisation_id: organisationId,
      finding_id: id,
      risk_id: input.risk ?? null,
      reason: input.reason,
      expires_on: input.expiresOn,
      person_id: actor.personId,
      created_at: now,
    });
    await q.setAccepted(tx, id, input.expiresOn);
    await q.findingsChanged(tx, organisationId);
    await audit.created(
      'vulnerability_acceptance',
      acceptanceId,
      { findingId: id, riskId: input.risk ?? null, reason: input.reason, expiresOn: input.expiresOn },
      `Accepted the risk of ${f.title} on ${f.host} until ${input.expiresOn}`,
      organisationId,
    );
  });
}

export async function endAcceptance(db: Db, actor: Actor, organisationId: number, id: number) {
  const f = await q.findingById(db, organisationId, id);
  if (!f) throw new NotFoundError('There is no such finding');
  if (f.status !== 'accepted') throw new UserError('This finding’s risk is not accepted');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.endAcceptances(tx, id, nowIso());
    await q.setAccepted(tx, id, null);
    await q.findingsChanged(tx, organisationId);
    await audit.updated(
      'vulnerability_finding',
      id,
      { status: 'accepted', acceptedUntil: f.accepted_until },
      { status: 'open' },
      `Ended the acceptance of ${f.title} on ${f.host}`,
      organisationId,
    );
  });
}

/** An acceptance past its date ends by itself: the finding is to be fixed again, and is likely overdue. */
export async function endExpiredAcceptances(db: Db, now: Date) {
  const on = now.toISOString().slice(0, 10);
  const expired = await q.expiredAcceptances(db, on);
  for (const f of expired)
    await auditedWrite(db, systemActor('vulnerability acceptances', Number(f.organisation_id)), async (tx, audit) => {
      await q.endAcceptances(tx, Number(f.id), now.toISOString());
      await q.setAccepted(tx, Number(f.id), null);
      await q.findingsChanged(tx, Number(f.organisation_id));
      await audit.updated(
        'vulnerability_finding',
        Number(f.id),
        { status: 'accepted', acceptedUntil: f.accepted_until },
        { status: 'open' },
        `The acceptance of finding ${f.id} ended on ${String(f.accepted_until)}`,
        Number(f.organisation_id),
      );
    });
}

const days = (label: string) =>
  z.coerce
    .number({ message: `Enter the days to fix a ${label} finding as a whole number` })
    .int({ message: `Enter the days to fix a ${label} finding as a whole number` })
    .min(1, `A ${label} finding needs at least 1 day`)
    .max(730, `Give a ${label} finding up to 730 days`);
export const deadlinesInput = z.object({ critical: days('critical'), high: days('high'), medium: days('medium'), low: days('low') });

export async function setDeadlines(db: Db, actor: Actor, organisationId: number, input: z.output<typeof deadlinesInput>) {
  const before = await q.deadlinesOf(db, organisationId);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setDeadlines(tx, organisationId, input);
    for (const s of severityOrder) if (before[s] !== input[s]) await q.redateOpenFindings(tx, organisationId, s, input[s], dialectOf(tx));
    await q.findingsChanged(tx, organisationId);
    await audit.updated('vulnerability_deadlines', organisationId, before, input, 'Changed the remediation deadlines by severity', organisationId);
  });
}
