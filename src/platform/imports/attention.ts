import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { nowIso } from '../../db/columns.js';
import { keptUntilChanged } from '../kept.js';
import { can, platformAbilities } from '../access/abilities.js';
import { auditedWrite, type Actor, type Db } from '../audit/audit.js';
import type { Identity } from '../auth/identity.js';
import { dict, own } from '../dict.js';
import { formErrors, pageQuery, submitForm } from '../forms.js';
import { ForbiddenError, NotFoundError, UserError } from '../http/errors.js';
import { actorFor, identityOf } from '../http/request.js';
import { ref } from '../inputs/references.js';
import { line } from '../inputs/text.js';
import { cursor, encodeCursor, nextPageHref } from '../lists.js';
import type { ImportKind } from './contract.js';
import * as q from './queries.js';
import { qualityNoteRecord } from './references.js';
import { readChoice } from './values.js';
import type { ImportKinds } from './service.js';

/**
 * Needs attention: every cell an import kept as not known, on the record it went to, to be put
 * right in place through the same reader the import used; and the values read approximately.
 */
const listQuery = z.object({
  show: z.enum(['unreadable', 'approximate']).optional(),
  column: z.union([z.literal(''), line(200)]).optional(),
  after: cursor(z.object({ id: z.number().int().min(0) }).strict()),
});
// After putting one right the page comes back to the same tab.
const fixQuery = z.object({ show: z.enum(['unreadable', 'approximate']).optional() });
const noteParams = z.object({ id: ref(qualityNoteRecord) });
const fixForm = z.object({ value: z.string().max(2000).optional(), leave: z.literal('yes').optional() });
const view = 'platform/imports/views/attention.njk';

function fieldOf(kinds: ImportKinds, note: { import_kind: string; field: string }) {
  const kind = kinds.get(note.import_kind);
  const field = kind?.fields.find((f) => f.key === note.field);
  return kind && field ? { kind, field } : null;
}

/** Puts one noted field right: the typed value read as the import would have read it, then written by the kind. */
export async function fixNote(db: Db, kinds: ImportKinds, actor: Actor, identity: Identity, noteId: number, input: z.output<typeof fixForm>) {
  const organisationId = identity.organisation.id;
  const note = await q.findQualityNote(db, organisationId, noteId);
  if (!note) throw new NotFoundError('There is no such note');
  const found = fieldOf(kinds, note);
  if (!found || !can(identity, found.kind.ability)) throw new ForbiddenError('You cannot change this record');
  const at = `value-${note.id}`;
  if (note.resolved_at) throw new UserError('This has already been dealt with', { field: at });
  const { kind, field } = found;
  const leave = input.leave === 'yes';
  let value: unknown = null;
  let precision: Parameters<NonNullable<ImportKind['fix']>>[6];
  if (!leave) {
    const typed = (input.value ?? '').trim();
    if (!typed) throw new UserError(`Enter the ${field.label.toLowerCase()}, or leave it as not known`, { field: at });
    const read = field.choices
      ? readChoice(typed, dict({ ...field.synonyms, ...choiceNames(field.choices) }))
      : field.read
        ? field.read(typed)
        : { ok: true as const, value: typed };
    if (!read.ok) throw new UserError(`${field.label}: ${read.reason}`, { field: at });
    if (read.value === null || (Array.isArray(read.value) && !read.value.length))
      throw new UserError(`Enter the ${field.label.toLowerCase()}, or leave it as not known`, { field: at });
    value = read.value;
    precision = read.precision && read.precision !== 'day' ? read.precision : undefined;
    if (!kind.fix) throw new UserError('This kind of record is put right on its own page', { field: at });
  }
  await auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    if (
      !(await q.resolveQualityNote(tx, note.organisation_id, note.id, {
        resolved_at: now,
        resolved_by: actor.personId,
        resolution: leave ? (note.kind === 'approximate' ? 'kept as read' : 'left as not known') : 'put right',
      }))
    )
      throw new UserError('This has already been dealt with', { field: at });
    if (!leave)
      await kind.fix!(tx, audit, organisationId, Number(note.entity_id), note.field, value, precision).catch((error: unknown) => {
        throw error instanceof UserError ? new UserError(error.message, { field: at }) : error;
      });
    await audit.updated(
      'data_quality_note',
      note.id,
      { resolved: false },
      { resolved: true, how: leave ? (note.kind === 'approximate' ? 'kept as read' : 'left as not known') : 'put right' },
      `${note.record_name}: ${note.label} ${leave ? (note.kind === 'approximate' ? 'kept as read' : 'left as not known') : 'put right'} (the import had “${note.as_written}”)`,
      organisationId,
    );
  });
  return { note, leave, how: leave ? (note.kind === 'approximate' ? 'kept as read' : 'left as not known') : 'saved' };
}

const choiceNames = (choices: Record<string, string>) =>
  dict(Object.entries(choices).flatMap(([value, name]) => [[value.toLowerCase(), value] as const, [name.toLowerCase(), value] as const]));

// The counts by column take a pass over every open note: each instance keeps them until a note is added or resolved.
const noteCounts = keptUntilChanged(q.qualityVersion, (db, organisationId) => q.allQualityNoteCounts(db, organisationId));
const today = () => new Date().toISOString().slice(0, 10);

export async function attentionRoutes(app: FastifyInstance) {
  const { db, imports: kinds } = app.steward;
  const access = platformAbilities.runImports;
  const mine = (identity: Identity) => [...kinds.values()].filter((k) => can(identity, k.ability)).map((k) => k.name);

  const page = async (request: FastifyRequest, schema: typeof listQuery | typeof fixQuery = listQuery) => {
    const identity = identityOf(request);
    const parsed = await pageQuery(request, schema);
    const v: z.output<typeof listQuery> = parsed.ok ? { after: null, ...parsed.value } : listQuery.parse({});
    const show = v.show ?? 'unreadable';
    const allowed = new Set(mine(identity));
    // Per kind of note and column, over the import kinds this person may run.
    const byColumn = new Map<string, { kind: string; label: string; notes: number }>();
    for (const c of await noteCounts(db, identity.organisation.id, today())) {
      if (!allowed.has(c.import_kind)) continue;
      const key = `${c.kind}|${c.label}`;
      const had = byColumn.get(key) ?? { kind: c.kind, label: c.label, notes: 0 };
      had.notes += Number(c.notes);
      byColumn.set(key, had);
    }
    const counts = [...byColumn.values()];
    const notes = await q.openQualityNotes(db, identity.organisation.id, show, {
      afterId: v.after?.id ?? 0,
      limit: 51,
      label: v.column || undefined,
      kinds: mine(identity),
    });
    const total = (kind: string) => counts.filter((c) => c.kind === kind).reduce((n, c) => n + Number(c.notes), 0);
    const raw = dict((request.query ?? {}) as Record<string, unknown>);
    return {
      parsedOk: parsed.ok,
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      title: 'Needs attention',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Import from a spreadsheet', href: '/imports' },
      ],
      show,
      column: v.column ?? '',
      unreadableCount: total('unreadable'),
      approximateCount: total('approximate'),
      columns: counts.filter((c) => c.kind === show).map((c) => ({ label: c.label, notes: Number(c.notes) })),
      notes: notes.slice(0, 50).map((n) => {
        const found = fieldOf(kinds, n);
        return {
          ...n,
          choices: found?.field.choices ? Object.entries(found.field.choices).map(([value, text]) => ({ value, text })) : null,
          canFix: !!found?.kind.fix && (found.kind.fixable?.(n.field) ?? true),
        };
      }),
      nextHref: nextPageHref('/imports/attention', raw, notes.length > 50 ? encodeCursor({ id: Number(notes[49]!.id) }) : null),
    };
  };

  app.get('/imports/attention', { config: { access, query: listQuery } }, async (request, reply) => {
    const context = await page(request);
    return reply.code(context.parsedOk ? 200 : 400).render(view, context);
  });

  app.post('/imports/attention/:id', { config: { access, form: fixForm, query: fixQuery }, schema: { params: noteParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: fixForm,
      view,
      context: () => page(request, fixQuery),
      action: async (v) => {
        const { note, how } = await fixNote(db, kinds, actorFor(request), identityOf(request), (request.params as z.output<typeof noteParams>).id, v);
        const back = own(dict((request.query ?? {}) as Record<string, unknown>), 'show') === 'approximate' ? '?show=approximate' : '';
        return { redirect: `/imports/attention${back}`, flash: `${note.record_name}: ${note.label} ${how}` };
      },
    }),
  );
}
