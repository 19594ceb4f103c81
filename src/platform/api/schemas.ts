import { z } from 'zod';
import { roles } from '../access/roles.js';
import { organisationTypes } from '../organisations/types.js';

/** Shapes shared by every API route: problems, and the records the platform exposes. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'ProblemDetails', description: 'RFC 9457 problem details, with field errors for invalid input' });

export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};

export const organisationSchema = z
  .object({ id: z.number().int(), name: z.string(), type: z.enum(organisationTypes), isDemo: z.boolean() })
  .meta({ id: 'Organisation' });

export const meSchema = z
  .object({
    person: z.object({ id: z.number().int(), email: z.string(), displayName: z.string() }),
    organisation: organisationSchema,
    role: z.enum(roles),
    via: z.enum(['session', 'token', 'mail']),
  })
  .meta({ id: 'Me' });

export const personSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Person' });

export const auditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.enum(['create', 'update', 'delete']),
    entityType: z.string(),
    entityId: z.string(),
    summary: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEvent' });

/**
 * Parts of a multipart/form-data body. With `attachFieldsToBody` each part arrives as an object
 * (read it with `multipartFields` / `multipartFile`), so the schema accepts anything at run time;
 * the metadata says what a client sends, for the OpenAPI document.
 */
export const multipartText = (description: string, values?: readonly string[]) =>
  z.unknown().meta({ type: 'string', description, ...(values ? { enum: [...values] } : {}) });
export const multipartFilePart = (description: string) =>
  z.unknown().meta({ type: 'string', format: 'binary', contentMediaType: 'application/octet-stream', description });

/** What an API operation that takes nothing but its path declares as its body. */
export const noBody = z.object({}).strict().nullable().optional().describe('No body: send nothing, or {}');

/**
 * For a response of tens of thousands of entries (the department's skills matrix) built field by
 * field from typed rows: written straight to JSON rather than parsed by its zod schema on the way
 * out, which costs more than the rest of the request. The schema still documents it, and every
 * integration test checks each response against the OpenAPI document.
 */
export const largeResponse = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };
