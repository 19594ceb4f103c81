import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { UserError, type FieldError } from './http/errors.js';
import { dict, own, type Dict } from './dict.js';

/** What a GOV.UK error summary and the fields' error messages need. */
export interface FormErrors {
  summary: { text: string; href: string }[];
  fields: Dict<{ text: string }>;
}

export function formErrors(list: FieldError[], fallback?: string): FormErrors {
  const errors: FormErrors = { summary: [], fields: dict() };
  for (const e of list) {
    if (errors.fields[e.field]) continue;
    errors.fields[e.field] = { text: e.message };
    errors.summary.push({ text: e.message, href: `#${e.field}` });
  }
  if (!list.length && fallback) errors.summary.push({ text: fallback, href: '#main-content' });
  return errors;
}

export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message }));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const r = schema.safeParse(input ?? {});
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: fieldErrorsFromZod(r.error) };
}

/**
 * The one way to handle a submitted form: validate, run the action, then redirect (post/redirect/get).
 * Bad input or a broken rule re-renders the form with a GOV.UK error summary and the values typed,
 * and changes nothing.
 */
export async function submitForm<S extends z.ZodType>(
  reply: FastifyReply,
  options: {
    schema: S;
    body: unknown;
    view: string;
    context: () => Record<string, unknown> | Promise<Record<string, unknown>>;
    action: (value: z.output<S>) => Promise<{ redirect: string; flash?: string }>;
  },
) {
  const rerender = async (errors: FieldError[], message?: string) => {
    reply.code(400);
    const context = await options.context();
    return reply.render(options.view, {
      ...context,
      // What was typed wins over what the page would otherwise show.
      values: { ...((context.values as object | undefined) ?? {}), ...((options.body as object | undefined) ?? {}) },
      errors: formErrors(errors, message),
    });
  };
  const parsed = parseWith(options.schema, options.body);
  if (!parsed.ok) return rerender(parsed.errors);
  try {
    const done = await options.action(parsed.value);
    if (done.flash) reply.flash(done.flash);
    return reply.redirect(done.redirect, 303);
  } catch (error) {
    if (error instanceof UserError && error.status !== 404 && error.status !== 403) {
      return rerender(error.fieldErrors, error.fieldErrors.length ? undefined : error.message);
    }
    throw error;
  }
}

export interface Upload {
  filename: string;
  data: Buffer;
}

/**
 * Checked boxes of ids, however the form posts them (none, one string or several), as whole
 * positive numbers; anything else is dropped.
 */
export const checkedIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    [v ?? []]
      .flat()
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0),
  );

/** The fields of a multipart form as plain strings, as `submitForm` expects them. */
export function multipartFields(body: unknown): Dict<string> {
  const out = dict<string>();
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const part = v as { type?: string; value?: unknown };
    if (part && typeof part === 'object' && part.type === 'field' && typeof part.value === 'string') out[k] = part.value;
  }
  return out;
}

/** The file in a multipart form's `name` part, or null when none was chosen. */
export async function multipartFile(body: unknown, name: string): Promise<Upload | null> {
  const part = own((body ?? {}) as Record<string, unknown>, name) as { type?: string; filename?: string; toBuffer?: () => Promise<Buffer> } | undefined;
  if (!part || part.type !== 'file' || !part.toBuffer || !part.filename) return null;
  return { filename: part.filename, data: await part.toBuffer() };
}
