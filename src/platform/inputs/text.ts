import { z } from 'zod';
import type { FieldError } from '../http/errors.js';
import type { Dict } from '../dict.js';
import { fieldName, fieldsOf, peel } from './walk.js';

/**
 * Text from a form or the API is checked once, here, whatever the route: new lines are made
 * plain (\r\n and \r become \n), and characters that hide or reorder what a reader sees are
 * refused with a message on the field: control characters other than tab and new line,
 * bidirectional overrides and isolates, and halves of surrogate pairs. Only fields declared
 * `paragraphs` take new lines; every other text is one line. Field names that reach
 * Object.prototype are refused outright.
 */
const multilineFields = new WeakSet<z.ZodType>();

/** Text of several lines (a description, a note), up to `max` characters after trimming. */
export function paragraphs(max: number, options: { required?: string; tooLong?: string } = {}) {
  const tooLong = options.tooLong ?? `Must be ${max.toLocaleString('en-GB')} characters or fewer`;
  let schema = z.string().trim().max(max, tooLong);
  if (options.required) schema = schema.min(1, options.required);
  multilineFields.add(schema);
  return schema;
}

/** One line of text, up to `max` characters after trimming. */
export function line(max: number, options: { required?: string; tooLong?: string } = {}) {
  const tooLong = options.tooLong ?? `Must be ${max.toLocaleString('en-GB')} characters or fewer`;
  const schema = z.string().trim().max(max, tooLong);
  return options.required ? schema.min(1, options.required) : schema;
}

export const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a field (or one of its shapes) takes several lines. */
export const isMultiline = (schema: z.ZodType) => multilineFields.has(schema) || peel(schema).variants.some((p) => multilineFields.has(p));

// Control characters but tab and line feed; bidi embeddings, overrides and isolates; with the u
// flag a surrogate in the class matches only a half without its pair.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

function describe(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `half of a character (${hex})`;
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return `a hidden text-direction character (${hex})`;
  return `a hidden control character (${hex})`;
}

/** Why a piece of text cannot be taken, or null when it can. */
export function hiddenCharacter(text: string): string | null {
  const m = hidden.exec(text);
  return m ? describe(m[0]) : null;
}

export interface InputCheck {
  /** Names that would reach Object.prototype: the request is refused whatever the route. */
  prototypeKeys: string[];
  /** Text the field cannot take, each on its own field. */
  problems: FieldError[];
}

const marked = (v: z.ZodType) => (z.globalRegistry.get(v) as { forgiving?: boolean } | undefined)?.forgiving === true;
const isForgiving = (schema: z.ZodType) => marked(schema) || peel(schema).variants.some(marked);

interface TextFields {
  known: Set<string>;
  multiline: Set<string>;
  /**
   * Fields a route repairs rather than refuses (`.meta({ forgiving: true })`): where to go after
   * signing in is never the person's to fix, so anything unsafe there becomes the home page instead.
   */
  forgiving: Set<string>;
}
const none: TextFields = { known: new Set(), multiline: new Set(), forgiving: new Set() };
// A route's schema never changes, and every request with a body or query is checked against it.
const textFieldsBySchema = new WeakMap<z.ZodType, TextFields>();

/** The fields of a route's schema by path: all of them, the several-line ones, and the forgiving ones. */
function textFieldsOf(schema: z.ZodType | undefined): TextFields {
  if (!schema) return none;
  let found = textFieldsBySchema.get(schema);
  if (!found) {
    found = { known: new Set(), multiline: new Set(), forgiving: new Set() };
    for (const f of fieldsOf(schema)) {
      const name = fieldName(f.path);
      found.known.add(name);
      if (f.variants.some(isMultiline)) found.multiline.add(name);
      if (f.variants.some(isForgiving)) found.forgiving.add(name);
    }
    textFieldsBySchema.set(schema, found);
  }
  return found;
}

/**
 * Checks (and makes new lines plain in) every string of an input: a parsed form, query or JSON
 * body. Multipart fields arrive as `{ value }` parts and are checked the same way.
 */
export function checkInput(input: unknown, schema: z.ZodType | undefined): InputCheck {
  const result: InputCheck = { prototypeKeys: [], problems: [] };
  if (input === null || typeof input !== 'object') return result;
  const { known, multiline, forgiving } = textFieldsOf(schema);
  const text = (value: string, path: string[], put: (plain: string) => void) => {
    const plain = value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
    if (plain !== value) put(plain);
    const name = fieldName(path);
    if (forgiving.has(name)) return;
    const why = hiddenCharacter(plain);
    if (why) result.problems.push({ field: name, message: `This contains ${why}, which Steward does not accept: remove it` });
    else if (plain.includes('\n') && known.has(name) && !multiline.has(name)) result.problems.push({ field: name, message: 'This must be on one line' });
  };
  const visit = (container: Dict<unknown> | unknown[], path: string[], depth: number) => {
    if (depth > 20) return;
    for (const key of Object.keys(container)) {
      if (!Array.isArray(container) && prototypeKeys.has(key)) {
        result.prototypeKeys.push(fieldName([...path, key]));
        continue;
      }
      // Checkboxes posted several times arrive as an array under one name.
      const at = Array.isArray(container) ? path : [...path, key];
      const box = container as Dict<unknown>;
      const value = box[key];
      if (typeof value === 'string') text(value, at, (plain) => (box[key] = plain));
      else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
        // A multipart form's fields arrive as parts: { type: 'field', value }.
        const part = value as { type?: unknown; value?: unknown };
        if (part.type === 'field' && typeof part.value === 'string') text(part.value, at, (plain) => (part.value = plain));
        else if (part.type !== 'file') visit(value as Dict<unknown>, at, depth + 1);
      }
    }
  };
  visit(input as Dict<unknown>, [], 0);
  return result;
}

/** A date typed as YYYY-MM-DD (a form's date field, an API's date), refused with `message` when it is not a real one. */
export function isoDate(message: string) {
  return z
    .string({ message })
    .trim()
    .max(10, message)
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine(isRealDay, message)
    .meta({ example: '2026-04-01' });
}

/** `2027-02-31` parses in JavaScript as 3 March; a real day reads back as itself. */
export function isRealDay(day: string) {
  const parsed = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === day;
}

/**
 * A key for something a person names (a profile, a category): lower case letters, digits and
 * hyphens from the name, numbered on when another already has it. Stored with the thing and never
 * changed, so renaming it later keeps what refers to it.
 */
export function keyFromName(name: string, taken: Iterable<string>, options: { max?: number; fallback?: string } = {}) {
  const used = new Set(taken);
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, options.max ?? 50) ||
    (options.fallback ?? 'item');
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  return key;
}

/** A blank form field (or one left out of an API body) as null, so optional fields read alike. */
export const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/** An optional date: blank is null, anything else must be a real YYYY-MM-DD day. */
export const optionalDate = (message: string) => z.preprocess(blankToNull, isoDate(message).nullable());

/** An amount as people type it, `£1,200` or `42,500.50`, as the number it means; anything else as typed. */
export function plainAmount(text: string) {
  const t = text.trim().replace(/^£\s*/, '');
  return /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t;
}

/** An optional amount in whole or part pounds, never negative: `money('cost')` says "Enter the cost in pounds, like 550". */
export const money = (label: string, options: { example?: number; max?: number } = {}) =>
  z.preprocess(
    (v) => blankToNull(typeof v === 'string' ? plainAmount(v) : v),
    z.coerce
      .number({ message: `Enter the ${label} in pounds, like ${options.example ?? 550}` })
      .min(0, `The ${label} cannot be negative`)
      .max(options.max ?? 10_000_000, `The ${label} must be under £${((options.max ?? 10_000_000) / 1_000_000).toLocaleString('en-GB')} million`)
      .nullable(),
  );

/** An optional one-line text, blank when not given. */
export const optionalLine = (max: number) => z.preprocess((v) => v ?? '', z.union([z.literal(''), line(max)]));
