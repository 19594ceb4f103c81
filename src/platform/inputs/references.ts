import { z } from 'zod';
import type { Db } from '../audit/audit.js';
import type { FieldError } from '../http/errors.js';
import { fieldName, fieldsOf, peel, valueAt } from './walk.js';
import { anyKeyInOrganisation, keysInOrganisation } from './references.queries.js';

/**
 * A kind of record that a request can name by its id (or key): a team, a person, a service, a
 * system. Every id taken from a request is resolved inside the caller's organisation here, by the
 * kind that owns the table, before any handler or service sees it; an id of another organisation
 * reads exactly like one that does not exist.
 */
/** Whose records a request may name: the caller's organisation, and the caller. */
export interface Scope {
  organisationId: number;
  personId: number;
}

export interface ReferenceKind<K extends number | string = number | string> {
  /** What the person chose, in their words: "team", "service", "person". */
  readonly noun: string;
  /** The error when the id is not one of the organisation's, e.g. "Choose one of the teams". */
  readonly message: string;
  /** Which of these keys name a record in the organisation (or, for a few kinds, of the person). */
  existing(db: Db, scope: Scope, keys: K[]): Promise<Set<K>>;
  /** Any one record of the organisation, for tests and the hostile-input corpus; null when there is none. */
  sample(db: Db, scope: Scope): Promise<K | null>;
}

const kinds = new WeakMap<z.ZodType, { kind: ReferenceKind; message: string }>();

export function referenceKind<K extends number | string>(kind: ReferenceKind<K>): ReferenceKind<K> {
  return kind;
}

/**
 * The usual kind: rows of one table that has an organisation_id, named by `id` (or another unique
 * column, such as a ticket's reference).
 */
export function organisationRows<K extends number | string = number>(
  table: string,
  options: { noun: string; message: string; column?: string },
): ReferenceKind<K> {
  const column = options.column ?? 'id';
  return {
    noun: options.noun,
    message: options.message,
    existing: (db, { organisationId }, keys) => keysInOrganisation<K>(db, table, column, organisationId, keys),
    sample: (db, { organisationId }) => anyKeyInOrganisation<K>(db, table, column, organisationId),
  };
}

/** The id of a record of the organisation, from a form or the API (a number, or its text). */
export function ref(kind: ReferenceKind<number>, message = kind.message) {
  const schema = z.coerce.number({ message }).int({ message }).positive({ message }).max(Number.MAX_SAFE_INTEGER, { message });
  kinds.set(schema, { kind: kind as ReferenceKind, message });
  return schema;
}

/** A record named by a text key rather than an id: a ticket reference, a person's email. */
export function refText(kind: ReferenceKind<string>, options: { max: number; message?: string; required?: string; normalise?: (s: string) => string }) {
  const message = options.message ?? kind.message;
  const base = z
    .string({ message: options.required ?? message })
    .trim()
    .min(1, options.required ?? message)
    .max(options.max, message);
  kinds.set(base, { kind: kind as ReferenceKind, message });
  return base.transform((s) => (options.normalise ? options.normalise(s) : s));
}

/** A choice that may be left blank ('' or absent means none): a select with a "none" option. */
export function optionalRef(kind: ReferenceKind<number>, message = kind.message) {
  return z
    .union([z.literal(''), z.null(), ref(kind, message)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v));
}

/** Ticked boxes of ids, however the form posts them (none, one or several). */
export function refs(kind: ReferenceKind<number>, message = kind.message) {
  return z
    .union([ref(kind, message), z.array(ref(kind, message)).max(1000, 'Choose up to 1,000 at a time')])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat()));
}

/** The reference kind a schema (or a variant of it) names, if any. */
export function referenceKindOf(schema: z.ZodType): ReferenceKind | undefined {
  for (const v of peel(schema).variants) {
    const found = kinds.get(v)?.kind;
    if (found) return found;
  }
  return undefined;
}

/** The id-bearing fields of a schema, with the kind each names. */
export function referenceFields(schema: z.ZodType | undefined) {
  return fieldsOf(schema).flatMap((f) => {
    const found = f.variants.map((v) => kinds.get(v)).find(Boolean);
    return found ? [{ ...f, kind: found.kind, message: found.message }] : [];
  });
}

/**
 * Resolves every id the parsed input names inside the organisation; each one that is not the
 * organisation's becomes an error on its own field.
 */
export async function unresolvedReferences(db: Db, scope: Scope, schema: z.ZodType | undefined, value: unknown): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const field of referenceFields(schema)) {
    const raw = valueAt(value, field.path);
    const keys = [raw].flat().filter((k): k is number | string => (typeof k === 'number' && k > 0) || (typeof k === 'string' && k !== ''));
    if (!keys.length) continue;
    const found = await field.kind.existing(db, scope, keys as never[]);
    if (keys.some((k) => !found.has(k as never))) errors.push({ field: fieldName(field.path), message: field.message });
  }
  return errors;
}
