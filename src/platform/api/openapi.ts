import type { SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransformObject } from '@fastify/type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { problemSchema } from './schemas.js';

const problemRef = `#/components/schemas/${String(problemSchema.meta()?.id)}`;
const schemasPrefix = '#/components/schemas/';

/** What each answer means, in place of @fastify/swagger's "Default Response". */
const statusDescriptions = new Map<string, string>(
  Object.entries({
    '200': 'Success',
    '201': 'Created',
    '204': 'Done; nothing to return',
    '400': 'The request is not valid: `errors` names each field',
    '401': 'Not signed in: send a personal API token as a Bearer token',
    '403': 'Your role may not do this, or a browser session sent no CSRF token',
    '404': 'There is no such record in this organisation',
    '409': 'It conflicts with what is stored: `errors` names the field',
    '413': 'The request body or its file is too large',
    '415': 'The request body is not of a type this operation reads',
    '422': 'It cannot be done as asked: `detail` says why',
    '500': 'Something went wrong: `detail` quotes a reference for your administrator',
  }),
);

type Json = unknown;

/** Every `$ref` in a part of the document. */
function refsIn(value: Json, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.add(v);
      else refsIn(v, into);
    }
  }
  return into;
}

/** Only the component schemas the paths use, directly or through other components. */
function usedSchemas(doc: OpenAPIV3_1.Document): Record<string, OpenAPIV3_1.SchemaObject> {
  const all = new Map(Object.entries(doc.components?.schemas ?? {}));
  const used = new Set<string>();
  const pending = [...refsIn({ ...doc, components: { ...doc.components, schemas: {} } }, new Set())];
  while (pending.length) {
    const ref = pending.pop()!;
    if (!ref.startsWith(schemasPrefix)) continue;
    const name = ref.slice(schemasPrefix.length);
    if (used.has(name) || !all.has(name)) continue;
    used.add(name);
    pending.push(...refsIn(all.get(name), new Set()));
  }
  return Object.fromEntries([...all].filter(([name]) => used.has(name)));
}

/**
 * The finishing of the OpenAPI document: every schema registered with `.meta({ id })` becomes a
 * component (through @fastify/type-provider-zod, which names a schema's input form `<id>Input`),
 * the components no path uses are left out, problem details are served as
 * `application/problem+json`, a file is served as the media type its schema names, and each
 * response says what it means.
 */
export const openApiTransformObject: SwaggerTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as OpenAPIV3_1.Document;
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [method, value] of Object.entries(item ?? {})) {
      if (method === 'parameters' || !value || typeof value !== 'object' || !('responses' in value)) continue;
      const operation = value as OpenAPIV3_1.OperationObject;
      operation.responses ??= {};
      // What the platform answers on any route, whatever the route declares: a failure, and for a
      // request body, one too large (bodyLimit, multipart limits) or of a type it does not read.
      for (const status of [...(operation.requestBody ? (['413', '415'] as const) : []), '500' as const])
        operation.responses[status] ??= { description: statusDescriptions.get(status)!, content: { 'application/json': { schema: { $ref: problemRef } } } };
      for (const [status, response] of Object.entries(operation.responses)) {
        if ('$ref' in response) continue;
        if (response.description === 'Default Response') response.description = statusDescriptions.get(status) ?? `HTTP ${status}`;
        const json = response.content?.['application/json'];
        if (response.content && json && (json.schema as OpenAPIV3_1.ReferenceObject | undefined)?.$ref === problemRef) {
          delete response.content['application/json'];
          response.content['application/problem+json'] = json;
        }
        // A file (a board pack's PDF) says its media type in its schema: `format: binary` with `contentMediaType`.
        const file = json?.schema as (OpenAPIV3_1.SchemaObject & { contentMediaType?: string }) | undefined;
        if (response.content && json && file?.format === 'binary' && file.contentMediaType) {
          response.content = { [file.contentMediaType]: { schema: { type: 'string', format: 'binary' } } };
        }
      }
    }
  }
  return { ...doc, components: { ...doc.components, schemas: usedSchemas(doc) } } as ReturnType<SwaggerTransformObject>;
};
