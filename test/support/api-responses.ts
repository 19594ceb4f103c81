import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';

// ajv-formats is CommonJS: its default export arrives as the module under NodeNext.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

const componentsBase = 'https://steward.invalid/components/schemas/';
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Local references to components become absolute ones, so each component can be added to Ajv on its own. */
function absoluteRefs<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')
      ? componentsBase + value.slice('#/components/schemas/'.length)
      : value,
  ) as T;
}

/**
 * Ajv for the document's schemas: JSON Schema 2020-12 (the dialect of OpenAPI 3.1), strict, so a
 * schema Ajv does not understand is an error too, with OpenAPI's own annotation keywords allowed.
 */
export function schemaValidator(doc: OpenAPIV3_1.Document) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, discriminator: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addVocabulary(['example', 'xml', 'externalDocs']);
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) ajv.addSchema(absoluteRefs(schema), componentsBase + name);
  return {
    ajv,
    compile: (schema: object) => ajv.compile(absoluteRefs(schema)),
    component: (name: string) => ajv.getSchema(componentsBase + name),
  };
}

/** The operations of the document, as `METHOD /path/{param}`. */
export function operationsOf(doc: OpenAPIV3_1.Document) {
  const out = new Map<string, OpenAPIV3_1.OperationObject>();
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const method of methods) {
      const operation = item?.[method];
      if (operation) out.set(`${method.toUpperCase()} ${path}`, operation);
    }
  return out;
}

export interface ApiResponseCheck {
  /** Every API response that did not match the document, described. */
  violations: string[];
  /** How many API responses were checked. */
  checked: number;
}

const bodyText = (payload: unknown): string | undefined => {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined;
};

/**
 * Checks every response to /api/ against the app's own OpenAPI document: the operation exists, it
 * declares the status (4xx and 5xx included) and the content type, and the body validates against
 * the declared JSON schema. Violations are collected; `startTestApp` fails the test file on close.
 */
export function checkApiResponses(app: FastifyInstance): ApiResponseCheck {
  const result: ApiResponseCheck = { violations: [], checked: 0 };
  let doc: OpenAPIV3_1.Document | undefined;
  let validator: ReturnType<typeof schemaValidator> | undefined;
  const compiled = new WeakMap<object, ValidateFunction>();
  const notFoundSchema = { $ref: '#/components/schemas/ProblemDetails' };

  const check = (request: FastifyRequest, reply: FastifyReply, payload: unknown): string | undefined => {
    doc ??= app.swagger() as OpenAPIV3_1.Document;
    validator ??= schemaValidator(doc);
    const status = String(reply.statusCode);
    const mediaType = String(reply.getHeader('content-type') ?? '')
      .split(';')[0]!
      .trim();
    // Fastify sends no body with a 204 (nor a 1xx), whatever the serializer made of `null`.
    const text = reply.statusCode === 204 || reply.statusCode < 200 ? '' : bodyText(payload);
    if (text === undefined) return 'streamed a body, which cannot be checked against the document';
    const route = request.routeOptions.url;

    let schema: object;
    if (!route) {
      // No route matched: the not-found handler's problem details.
      if (status !== '404') return `answered ${status} without a route`;
      if (mediaType !== 'application/problem+json') return `answered 404 as ${mediaType || 'no content type'}, not application/problem+json`;
      schema = notFoundSchema;
    } else {
      if ((request.routeOptions.schema as { hide?: boolean } | undefined)?.hide) return undefined;
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      const path = route.replace(/:(\w+)/g, '{$1}');
      const operation = operationsOf(doc).get(`${method} ${path}`);
      if (!operation) return `is not in the OpenAPI document (route ${method} ${path})`;
      const responses = operation.responses ?? {};
      const response = (responses[status] ?? responses[`${status[0]}XX`] ?? responses.default) as OpenAPIV3_1.ResponseObject | undefined;
      if (!response) return `answered ${status}, which ${method} ${path} does not declare (it declares ${Object.keys(responses).join(', ')})`;
      if (request.method === 'HEAD') return undefined;
      if (!response.content) return text === '' ? undefined : `answered ${status} with a body, but the document declares none`;
      const media = response.content[mediaType];
      if (!media) return `answered ${status} as ${mediaType || 'no content type'}, but the document declares ${Object.keys(response.content).join(', ')}`;
      if (!media.schema) return undefined;
      schema = media.schema;
    }

    if (!/[/+]json$/.test(mediaType)) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `answered ${status} with a body that is not JSON: ${text.slice(0, 200)}`;
    }
    let validate = compiled.get(schema);
    if (!validate) {
      validate = validator.compile(schema);
      compiled.set(schema, validate);
    }
    if (validate(body)) return undefined;
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    return `answered ${status} with a body that does not match its schema (${errors}): ${text.slice(0, 300)}`;
  };

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/')) return payload;
    result.checked++;
    let problem: string | undefined;
    try {
      problem = check(request, reply, payload);
    } catch (error) {
      problem = `could not be checked: ${(error as Error).message}`;
    }
    if (problem) result.violations.push(`${request.method} ${request.url.split('?')[0]} ${problem}`);
    return payload;
  });
  return result;
}
