import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { UserError, type FieldError } from './http/errors.js';
import { dict, own, type Dict } from './dict.js';
import { unresolvedReferences } from './inputs/references.js';

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

/** The form a page route declared in `config.form`; submitForm and the route walk read it there. */
function declaredForm<S extends z.ZodType>(request: FastifyRequest, schema: S): S {
  if (request.routeOptions.config?.form !== schema) {
    throw new Error(`${request.method} ${request.routeOptions.url} must declare the schema it parses as config.form`);
  }
  return schema;
}

/**
 * The largest file any form takes: a 200,000-finding scanner export is 40 MB or more. Each
 * route may refuse less (an attachment is at most 10 MB).
 */
export const maxUploadBytes = 100 * 1024 * 1024;

/** A multipart form's fields as strings and its files as uploads, as a schema expects them. */
async function formBody(request: FastifyRequest): Promise<unknown> {
  // The CSRF token has been checked by now; it is not part of what the form says.
  if (!request.routeOptions.config?.multipart) return dict(Object.entries((request.body ?? {}) as Dict<unknown>).filter(([k]) => k !== '_csrf'));
  const out = dict<unknown>(multipartFields(request.body));
  delete out._csrf;
  for (const [name, part] of Object.entries((request.body ?? {}) as Dict<{ type?: string }>)) {
    if (part && part.type === 'file') out[name] = await multipartFile(request.body, name);
  }
  return out;
}

/** What a person typed, to show again on a form that is re-rendered with errors. */
function typed(body: unknown): Dict<unknown> {
  return dict(Object.entries((body ?? {}) as Dict<unknown>).filter(([, v]) => typeof v === 'string' || Array.isArray(v)));
}

/**
 * Parses an input against its schema the way every form and filter is parsed: hidden characters
 * the platform found, the schema's own rules, then every id resolved inside the organisation.
 */
export async function parseInput<S extends z.ZodType>(request: FastifyRequest, schema: S, input: unknown): Promise<Parsed<z.output<S>>> {
  const parsed = parseWith(schema, input);
  const problems = request.inputProblems ?? [];
  if (!parsed.ok || problems.length) {
    const fields = new Set(problems.map((p) => p.field));
    return { ok: false, errors: [...problems, ...(parsed.ok ? [] : parsed.errors.filter((e) => !fields.has(e.field)))] };
  }
  if (request.identity) {
    const scope = { organisationId: request.identity.organisation.id, personId: request.identity.person.id };
    const errors = await unresolvedReferences(request.server.steward.db, scope, schema, parsed.value);
    if (errors.length) return { ok: false, errors };
  }
  return parsed;
}

/** A page's query string, parsed against the schema it declared in `config.query`. */
export async function pageQuery<S extends z.ZodType>(request: FastifyRequest, schema: S): Promise<Parsed<z.output<S>>> {
  if (request.routeOptions.config?.query !== schema) {
    throw new Error(`${request.method} ${request.routeOptions.url} must declare the schema it parses as config.query`);
  }
  return parseInput(request, schema, request.query ?? {});
}

/**
 * The one way to handle a submitted form: validate, run the action, then redirect (post/redirect/get).
 * Bad input or a broken rule re-renders the form with a GOV.UK error summary and the values typed,
 * and changes nothing. The route declares the form's schema in `config.form`.
 */
export async function submitForm<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    schema: S;
    view: string;
    context: () => Record<string, unknown> | Promise<Record<string, unknown>>;
    /** Usually a redirect (post/redirect/get); a page shown once (a new API token) renders instead. */
    action: (value: z.output<S>) => Promise<{ redirect: string; flash?: string } | { page: string; context: Record<string, unknown> }>;
  },
) {
  const schema = declaredForm(request, options.schema);
  const body = await formBody(request);
  const rerender = async (errors: FieldError[], message?: string, status = 400) => {
    reply.code(status);
    const context = await options.context();
    return reply.render(options.view, {
      ...context,
      // What was typed wins over what the page would otherwise show.
      values: { ...((context.values as object | undefined) ?? {}), ...typed(body) },
      errors: formErrors(errors, message),
    });
  };
  const parsed = await parseInput(request, schema, body);
  if (!parsed.ok) return rerender(parsed.errors);
  try {
    const done = await options.action(parsed.value);
    if ('page' in done) return reply.render(done.page, done.context);
    if (done.flash) reply.flash(done.flash);
    // A page's script that posts the form itself (to show upload progress) is told where to go.
    if (String(request.headers.accept ?? '').startsWith('application/json')) return reply.code(201).send({ location: done.redirect });
    return reply.redirect(done.redirect, 303);
  } catch (error) {
    if (error instanceof UserError && error.status !== 404 && error.status !== 403) {
      // Wrong credentials (401), too many tries (429) and a file too large (413) keep their status; every other broken rule is a 400.
      return rerender(
        error.fieldErrors,
        error.fieldErrors.length ? undefined : error.message,
        error.status === 429 || error.status === 401 || error.status === 413 ? error.status : 400,
      );
    }
    throw error;
  }
}

/** A file chosen in a multipart form (submitForm hands it over as an Upload). */
export const upload = (message: string) =>
  z.custom<Upload>((v) => !!v && typeof v === 'object' && Buffer.isBuffer((v as Upload).data) && typeof (v as Upload).filename === 'string', { message });

export interface Upload {
  filename: string;
  data: Buffer;
}

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
