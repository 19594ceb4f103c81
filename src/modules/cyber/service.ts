import { z } from 'zod';
import { auditedWrite, line, paragraphs, UserError, NotFoundError, type Actor, type Db } from '../../platform/index.js';
import { criticalSystems, systemIdsByIdentifierOrName } from '../estate/index.js';
import * as q from './queries.js';

export const essentialFunctionInput = z.object({
  name: line(200, { required: 'Name the essential function, such as “Adult social care”' }),
  description: z.union([z.literal(''), paragraphs(2000)]).optional(),
  owner: z.union([z.literal(''), line(200)]).optional(),
  systems: z.union([z.literal(''), paragraphs(20_000)]).optional(),
});

/** The systems named one per line, by identifier or name as the register has them; any not recorded are named back. */
export async function systemsNamed(db: Db, organisationId: number, text: string) {
  const known = await systemIdsByIdentifierOrName(db, organisationId);
  const names = text
    .split(/\r?\n|;/)
    .map((n) => n.trim())
    .filter(Boolean);
  const missing = names.filter((n) => !known.has(n.toLowerCase()));
  if (missing.length)
    throw new UserError(
      `${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}: not in the systems register. Use the name or identifier the register has`,
      { field: 'systems' },
    );
  return [...new Set(names.map((n) => known.get(n.toLowerCase())!))];
}
export type EssentialFunctionInput = z.output<typeof essentialFunctionInput>;

export const essentialFunctionsOf = q.functionsOf;

/** Records an essential function and the systems it relies on. */
export async function recordEssentialFunction(db: Db, actor: Actor, organisationId: number, input: EssentialFunctionInput) {
  if (await q.functionNamed(db, organisationId, input.name))
    throw new UserError(`There is already an essential function called ${input.name}`, { field: 'name' });
  const systemIds = await systemsNamed(db, organisationId, input.systems ?? '');
  const now = new Date().toISOString();
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertFunction(tx, {
      organisation_id: organisationId,
      name: input.name,
      description: input.description ?? '',
      owner: input.owner ?? '',
      created_at: now,
      updated_at: now,
    });
    await q.setFunctionSystems(tx, organisationId, id, systemIds);
    await audit.created(
      'essential_function',
      id,
      { name: input.name, owner: input.owner ?? '', systems: systemIds.length },
      `Recorded the essential function ${input.name}`,
      organisationId,
    );
    return id;
  });
}

/** Sets the systems an essential function relies on directly; what they need follows from the estate. */
export async function setEssentialFunctionSystems(db: Db, actor: Actor, organisationId: number, id: number, systems: string) {
  const f = await q.functionById(db, organisationId, id);
  if (!f) throw new NotFoundError('There is no such essential function');
  const systemIds = await systemsNamed(db, organisationId, systems);
  const before = (await q.systemsOfFunction(db, id)).map((s) => Number(s.system_id));
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setFunctionSystems(tx, organisationId, id, systemIds);
    await audit.updated('essential_function', id, { systems: before }, { systems: systemIds }, `Changed the systems ${f.name} relies on`, organisationId);
  });
}

/** An essential function with its critical systems: those named and everything they run on, from the estate's walk. */
export async function essentialFunction(db: Db, organisationId: number, id: number) {
  const f = await q.functionById(db, organisationId, id);
  if (!f) throw new NotFoundError('There is no such essential function');
  const ids = (await q.systemsOfFunction(db, id)).map((s) => Number(s.system_id));
  return { ...f, ...(await criticalSystems(db, organisationId, ids)) };
}

/** Every essential function with how many critical systems are in its scope. */
export async function essentialFunctionsWithScope(db: Db, organisationId: number) {
  const [list, links] = await Promise.all([q.functionsOf(db, organisationId), q.systemsOfFunctions(db, organisationId)]);
  return Promise.all(
    list.map(async (f) => {
      const ids = links.filter((l) => Number(l.essential_function_id) === Number(f.id)).map((l) => Number(l.system_id));
      const scope = await criticalSystems(db, organisationId, ids);
      return {
        id: Number(f.id),
        name: f.name,
        description: f.description,
        owner: f.owner,
        systems: scope.named,
        critical: scope.named.length + scope.needed.length,
      };
    }),
  );
}

/** Cyber Essentials asks for critical and high security updates within 14 days of release, whatever the council's own deadlines. */
export const cyberEssentialsPatchDays = 14;

/**
 * The Cyber Essentials scope: the systems the council names and everything they run on, from the
 * estate's walk, each with its critical and high findings open longer than the 14 days allowed.
 */
export async function cyberEssentialsScope(db: Db, organisationId: number, today = new Date()) {
  const ids = (await q.cyberEssentialsScope(db, organisationId)).map((r) => Number(r.system_id));
  const scope = await criticalSystems(db, organisationId, ids);
  const all = [...scope.named, ...scope.needed];
  const before = new Date(today.getTime() - cyberEssentialsPatchDays * 86_400_000).toISOString().slice(0, 10);
  const late = new Map(
    (
      await q.serious(
        db,
        organisationId,
        all.map((s) => s.id),
        before,
      )
    ).map((r) => [Number(r.system_id), Number(r.late)] as const),
  );
  const withLate = <T extends { id: number }>(list: T[]) => list.map((s) => ({ ...s, late: late.get(s.id) ?? 0 }));
  return { named: withLate(scope.named), needed: withLate(scope.needed), late: [...late.values()].reduce((n, c) => n + c, 0), total: all.length };
}

export async function setCyberEssentialsScope(db: Db, actor: Actor, organisationId: number, systems: string) {
  const systemIds = await systemsNamed(db, organisationId, systems);
  const before = (await q.cyberEssentialsScope(db, organisationId)).map((r) => Number(r.system_id));
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setCyberEssentialsScope(tx, organisationId, systemIds);
    await audit.updated(
      'cyber_essentials_scope',
      organisationId,
      { systems: before },
      { systems: systemIds },
      'Changed the systems in the Cyber Essentials scope',
      organisationId,
    );
  });
  return systemIds.length;
}
