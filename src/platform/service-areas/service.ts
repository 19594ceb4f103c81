import { z } from 'zod';
import { nowIso } from '../../db/columns.js';
import { auditedWrite, type Actor, type Db, type Tx, type AuditRecorder } from '../audit/audit.js';
import { UserError } from '../http/errors.js';
import { line } from '../inputs/text.js';
import { optionalRef } from '../inputs/references.js';
import * as q from './queries.js';
import { serviceAreaRecord } from './references.js';

export const serviceAreaInput = z.object({
  name: line(200, { required: 'Enter the name, as the council uses it', tooLong: 'Name must be 200 characters or fewer' }),
  kind: z.enum(['directorate', 'service-area'], { message: 'Say whether it is a directorate or a service area' }),
  directorateId: optionalRef(serviceAreaRecord, 'Choose the directorate from the list'),
});
export type ServiceAreaInput = z.output<typeof serviceAreaInput>;

const lower = (s: string) => s.trim().toLowerCase();

export async function createServiceArea(db: Db, actor: Actor, organisationId: number, input: ServiceAreaInput) {
  const all = await q.serviceAreasOf(db, organisationId);
  if (all.some((a) => lower(a.name) === lower(input.name))) throw new UserError(`There is already one called ${input.name}`, { field: 'name', status: 409 });
  let directorateId: number | null = null;
  if (input.kind === 'service-area' && input.directorateId) {
    const directorate = all.find((a) => a.id === input.directorateId);
    if (!directorate || directorate.kind !== 'directorate') throw new UserError('Choose a directorate from the list', { field: 'directorateId' });
    directorateId = directorate.id;
  }
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertServiceArea(tx, {
      organisation_id: organisationId,
      name: input.name,
      kind: input.kind,
      directorate_id: directorateId,
      created_at: nowIso(),
    });
    await audit.created('service_area', id, { name: input.name, kind: input.kind, directorate_id: directorateId }, `Added ${input.name}`, organisationId);
    return id;
  });
}

/**
 * The service areas named in an import, found by name or added (as service areas not yet placed
 * in a directorate), inside the import's transaction. Returns each name's id, by lower-case name.
 */
export async function serviceAreasNamed(tx: Tx, audit: AuditRecorder, organisationId: number, names: string[], why: string) {
  const known = new Map((await q.serviceAreasOf(tx, organisationId)).map((a) => [lower(a.name), Number(a.id)]));
  let added = 0;
  for (const name of names) {
    const key = lower(name);
    if (!key || known.has(key)) continue;
    const id = await q.insertServiceArea(tx, {
      organisation_id: organisationId,
      name: name.trim().slice(0, 200),
      kind: 'service-area',
      directorate_id: null,
      created_at: nowIso(),
    });
    await audit.created('service_area', id, { name: name.trim(), kind: 'service-area' }, `${why}: service area ${name.trim()}`, organisationId);
    known.set(key, id);
    added++;
  }
  return { ids: known, added };
}

export { serviceAreasOf, findServiceArea } from './queries.js';

type AreaRow = Awaited<ReturnType<typeof q.serviceAreasOf>>[number];

/**
 * The council's structure as a select's items: each directorate (when a filter may take a whole
 * directorate) followed by its service areas, then the areas not yet placed in one.
 */
export function serviceAreaItems(areas: AreaRow[], options: { none: string; selected?: number | string | undefined; directorates?: boolean }) {
  // Without `selected`, the select's own `value` chooses (a form's values).
  const chosen = options.selected === undefined ? undefined : options.selected === '' ? null : Number(options.selected);
  const mark = (id: number | null) => (chosen === undefined ? {} : { selected: id === chosen });
  const item = (a: AreaRow, text: string) => ({ value: String(a.id), text, ...mark(Number(a.id)) });
  const inside = (d: AreaRow | null) => areas.filter((a) => a.kind === 'service-area' && (d ? Number(a.directorate_id) === Number(d.id) : !a.directorate_id));
  const items: { value: string; text: string; selected?: boolean }[] = [{ value: '', text: options.none, ...mark(null) }];
  for (const d of areas.filter((a) => a.kind === 'directorate')) {
    if (options.directorates) items.push(item(d, `${d.name} (the whole directorate)`));
    items.push(...inside(d).map((a) => item(a, `${a.name} (${d.name})`)));
  }
  items.push(...inside(null).map((a) => item(a, a.name)));
  return items;
}
