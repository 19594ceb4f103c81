import { z } from 'zod';
import { dict } from './dict.js';
import { isRealDay } from './inputs/text.js';

/**
 * The one way to make a list: a zod schema for its query (filters, a sort order it has an index
 * for, a keyset cursor, a page size), one filter object for the page, its CSV/XLSX export and its
 * API, and pages cut by keyset so that page 200 costs what page 1 does. Lists never count every
 * match. A bad filter value is an error on that filter, never silence.
 */
const cursorFields = new WeakSet<z.ZodType>();
const badCursor = 'The page link is not valid: go back to the first page';

/** A keyset cursor travels in a URL as base64url JSON; it must have the shape of the list's key. */
export function cursor<S extends z.ZodType>(key: S) {
  const text = z.string().max(1000, badCursor);
  cursorFields.add(text);
  return text.optional().transform((value, ctx): z.output<S> | null => {
    if (!value) return null;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
    const parsed = key.safeParse(decoded);
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: badCursor });
    return z.NEVER;
  });
}

export const isCursorField = (schema: z.ZodType) => cursorFields.has(schema);

export function encodeCursor(key: object): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** How many rows a page may ask for, and the page size when it does not say. */
export const pageSize = (fallback = 50, max = 200) =>
  z.coerce
    .number({ message: `Show between 1 and ${max} at a time` })
    .int({ message: `Show between 1 and ${max} at a time` })
    .min(1, `Show between 1 and ${max} at a time`)
    .max(max, `Show between 1 and ${max} at a time`)
    .optional()
    .transform((v) => v ?? fallback);

/** A filter a select sends blank for "any": blank and absent both mean no filter. */
export function anyOf<T extends z.ZodType>(schema: T) {
  return (
    z
      // A value that is neither blank nor valid gets the filter's own message, not the union's "Invalid input".
      .union([z.literal(''), schema], {
        error: (issue) => {
          const inner = schema.safeParse(issue.input);
          return inner.success ? undefined : inner.error.issues[0]?.message;
        },
      })
      .optional()
      .transform((v) => (v === '' ? undefined : (v as z.output<T> | undefined)))
  );
}

/** A date filter, typed as YYYY-MM-DD; blank means any. */
export const dateFilter = anyOf(
  z
    .string()
    .max(10, 'Enter a date as YYYY-MM-DD')
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
    .refine(isRealDay, 'Enter a real date')
    .meta({ example: '2026-04-01' }),
);

export interface Page<T> {
  items: T[];
  /** The cursor of the next page, or null on the last. */
  next: string | null;
}

/** A page from rows fetched with one more than the page size, so the next page is known without counting. */
export function pageOf<T>(rows: T[], size: number, keyOf: (row: T) => object): Page<T> {
  const items = rows.slice(0, size);
  const last = items[items.length - 1];
  return { items, next: rows.length > size && last ? encodeCursor(keyOf(last)) : null };
}

/** The query string of a list's next page: the same filters, with the cursor moved on. */
export function nextPageHref(path: string, query: Record<string, unknown>, next: string | null): string | null {
  if (!next) return null;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (k !== 'after' && typeof v === 'string' && v !== '') params.set(k, v);
  params.set('after', next);
  return `${path}?${params.toString()}`;
}

/** The filters of a list's query string, without its cursor, for its export link and saved views. */
export function filtersOf(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(dict(query))) if (k !== 'after' && typeof v === 'string' && v !== '') params.set(k, v);
  return params.toString();
}

/** The most rows an export writes; a person narrows the filters for more. */
export const exportLimit = 100_000;
