import type { z } from 'zod';
import { own } from '../dict.js';

/**
 * What a route takes, read from its zod schema: each field's path and the shapes it may have.
 * The reference check, the text rules and the hostile-input corpus all read schemas through this
 * one walk, so a new route is covered as soon as it declares what it takes.
 */
export interface Field {
  path: string[];
  /** The shapes the field may take once wrappers (optional, nullable, default, transform) are peeled off. */
  variants: z.ZodType[];
  optional: boolean;
  /** An array of values: checkboxes, lists. */
  many: boolean;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The shapes a schema may take, wrappers removed; `optional` when it may be left out. */
export function peel(schema: z.ZodType): { variants: z.ZodType[]; optional: boolean } {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional': {
      const inner = peel(def.innerType!);
      return { variants: inner.variants, optional: inner.optional || def.type !== 'nonoptional' };
    }
    case 'pipe': {
      // What arrives is what the pipe's input takes; a transform's output is not input.
      const input = defOf(def.in!).type === 'transform' ? def.out! : def.in!;
      return peel(input);
    }
    case 'union': {
      const parts = def.options!.map(peel);
      return { variants: parts.flatMap((p) => p.variants), optional: parts.some((p) => p.optional) };
    }
    default:
      return { variants: [schema], optional: false };
  }
}

export const typeOf = (schema: z.ZodType) => defOf(schema).type;
export const shapeOf = (schema: z.ZodType): Record<string, z.ZodType> | undefined => {
  const { variants } = peel(schema);
  const object = variants.find((v) => defOf(v).type === 'object');
  return object ? defOf(object).shape : undefined;
};
export const elementOf = (schema: z.ZodType) => defOf(schema).element;

/** Every field of an object schema, nested objects walked into; arrays of scalars are one field. */
export function fieldsOf(schema: z.ZodType | undefined, prefix: string[] = []): Field[] {
  if (!schema) return [];
  const shape = shapeOf(schema);
  if (!shape) return [];
  const out: Field[] = [];
  for (const [key, child] of Object.entries(shape)) {
    const { variants, optional } = peel(child);
    const objects = variants.filter((v) => typeOf(v) === 'object');
    if (objects.length && objects.length === variants.length) {
      out.push(...fieldsOf(child, [...prefix, key]));
      continue;
    }
    const arrays = variants.filter((v) => typeOf(v) === 'array');
    if (arrays.length) {
      const elements = arrays.flatMap((a) => peel(elementOf(a)!).variants);
      const scalars = variants.filter((v) => typeOf(v) !== 'array');
      out.push({ path: [...prefix, key], variants: [...scalars, ...elements], optional, many: true });
      continue;
    }
    out.push({ path: [...prefix, key], variants, optional, many: false });
  }
  return out;
}

/** The value at a path of a parsed input, or undefined. */
export function valueAt(value: unknown, path: string[]): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = own(at as Record<string, unknown>, key);
  }
  return at;
}

export const fieldName = (path: string[]) => path.join('.');
