import { z } from 'zod';
import { elementOf, fieldName, peel, shapeOf } from '../../src/platform/inputs/walk.js';
import { referenceKindOf, type ReferenceKind, type Scope } from '../../src/platform/inputs/references.js';
import { isCursorField } from '../../src/platform/lists.js';
import type { Db } from '../../src/platform/audit/audit.js';

/**
 * A valid input for a route's schema, made from the schema itself: what the hostile-input corpus
 * sends with one field changed at a time. Ids come from the organisation's own records (each
 * reference kind's `sample`). A field whose shape cannot be guessed (a pattern, a record) must
 * carry `.meta({ example })`; the corpus says which.
 */
export class ExampleError extends Error {}

type Def = {
  type: string;
  entries?: Record<string, string>;
  values?: unknown[];
  checks?: { _zod: { def: { check: string; format?: string; minimum?: number; maximum?: number; value?: number } } }[];
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const metaExample = (s: z.ZodType) => (z.globalRegistry.get(s) as { example?: unknown } | undefined)?.example;

export interface ExampleContext {
  db: Db;
  scope: Scope;
  /** One sample per reference kind, looked up once. */
  samples: Map<ReferenceKind, unknown>;
}

async function sampleOf(ctx: ExampleContext, kind: ReferenceKind): Promise<unknown> {
  if (!ctx.samples.has(kind)) ctx.samples.set(kind, await kind.sample(ctx.db, ctx.scope));
  const found = ctx.samples.get(kind);
  if (found === null || found === undefined) throw new ExampleError(`no ${kind.noun} in the organisation to name`);
  return found;
}

function maxLength(s: z.ZodType): number | undefined {
  return (s as unknown as { maxLength?: number | null }).maxLength ?? undefined;
}

async function exampleOf(schema: z.ZodType, path: string[], ctx: ExampleContext): Promise<unknown> {
  const direct = metaExample(schema);
  if (direct !== undefined) return direct;
  const { variants } = peel(schema);
  // Prefer a real value over a blank one ('' or null) when a field offers both.
  const ordered = [...variants].sort((a, b) => Number(isBlank(a)) - Number(isBlank(b)));
  const v = ordered[0]!;
  const meta = metaExample(v);
  if (meta !== undefined) return meta;
  const kind = referenceKindOf(v);
  if (kind) return sampleOf(ctx, kind);
  const def = defOf(v);
  switch (def.type) {
    case 'string': {
      if (isCursorField(v)) return undefined;
      const checks = (def.checks ?? []).map((c) => c._zod.def);
      const format = checks.find((c) => c.check === 'string_format');
      if (format?.format === 'email') return 'someone@example.com';
      if (format) throw new ExampleError(`${fieldName(path)} has a pattern: give it .meta({ example })`);
      const max = maxLength(v) ?? 60;
      return 'An example'.slice(0, Math.max(1, max));
    }
    case 'number': {
      const n = v as unknown as { minValue?: number | null; maxValue?: number | null };
      return Math.max(1, n.minValue ?? 1) > (n.maxValue ?? Infinity) ? (n.maxValue ?? 0) : Math.max(1, n.minValue ?? 1);
    }
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(shapeOf(v) ?? {})) {
        const value = await exampleOf(child, [...path, key], ctx);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'array':
      return [await exampleOf(elementOf(v)!, path, ctx)];
    case 'null':
    case 'undefined':
      return undefined;
    case 'custom':
      return { filename: 'example.csv', data: Buffer.from('Ref,Name\r\nEX-1,An example system\r\n') };
    case 'unknown':
    case 'any':
      return 'An example';
    default:
      throw new ExampleError(`${fieldName(path) || 'the input'} is a ${def.type}: give it .meta({ example })`);
  }
}

function isBlank(s: z.ZodType) {
  const def = defOf(s);
  return def.type === 'null' || def.type === 'undefined' || (def.type === 'literal' && def.values?.[0] === '');
}

/** A valid input for the schema, checked against it; throws naming what could not be made. */
export async function validExample(schema: z.ZodType | undefined, ctx: ExampleContext, asForm: boolean): Promise<Record<string, unknown>> {
  if (!schema) return {};
  const value = ((await exampleOf(schema, [], ctx)) ?? {}) as Record<string, unknown>;
  const sent = asForm ? formValues(value) : value;
  const parsed = await schema.safeParseAsync(sent);
  if (!parsed.success) throw new ExampleError(`the example does not parse: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return sent;
}

const isFile = (v: unknown): v is { filename: string; data: Buffer } => !!v && typeof v === 'object' && Buffer.isBuffer((v as { data?: unknown }).data);

/** What a browser posts: every value a string (or a list of strings), files left as they are. */
export function formValues(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    if (isFile(v)) out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map(String);
    else out[k] = String(v);
  }
  return out;
}

export { isFile };
