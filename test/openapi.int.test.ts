import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { problemResponses } from '../src/platform/api/schemas.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { createToken } from '../src/platform/tokens/service.js';
import { checkApiResponses, operationsOf, schemaValidator } from './support/api-responses.js';
import { seedOrganisation, startTestApp, type TestApp } from './support/app.js';
import { openTestDatabase } from './support/databases.js';

type Doc = OpenAPIV3_1.Document;

/** Every `$ref` in the document, with where it is. */
function refs(value: unknown, at = '#'): { at: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [{ at, ref: v }] : refs(v, `${at}/${k}`)));
}

/** What a JSON pointer in the document points at (RFC 6901), or undefined. */
function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Every schema the operations carry: parameters, request bodies and responses. */
function operationSchemas(doc: Doc) {
  const out: { where: string; schema: object }[] = [];
  for (const [name, operation] of operationsOf(doc)) {
    for (const p of (operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[])
      if (p.schema) out.push({ where: `${name} parameter ${p.name}`, schema: p.schema });
    const body = operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
    for (const [type, media] of Object.entries(body?.content ?? {})) if (media.schema) out.push({ where: `${name} body ${type}`, schema: media.schema });
    for (const [status, response] of Object.entries(operation.responses ?? {}))
      for (const [type, media] of Object.entries((response as OpenAPIV3_1.ResponseObject).content ?? {}))
        if (media.schema) out.push({ where: `${name} ${status} ${type}`, schema: media.schema });
  }
  return out;
}

// The document does not depend on the database, so SQLite is enough here; every other
// integration test checks its API responses against the document on both databases.
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json() as Doc;
  });
  afterAll(() => t.close());

  it('is valid OpenAPI 3.1, and dereferences (swagger-parser)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    // validate() dereferences every $ref, then checks the document against the OpenAPI 3.1 schema.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    const dereferenced = (await SwaggerParser.dereference(structuredClone(doc) as never)) as Doc;
    expect(refs(dereferenced.paths)).toEqual([]);
  });

  it('holds every schema it refers to, and no dangling reference', () => {
    const dangling = refs(doc).filter(({ ref }) => resolvePointer(doc, ref) === undefined);
    expect(dangling).toEqual([]);
    const schemas = Object.keys(doc.components?.schemas ?? {});
    expect(schemas).toEqual(
      expect.arrayContaining([
        'ProblemDetails',
        'Me',
        'Organisation',
        'Person',
        'AuditEvent',
        'Ticket',
        'TicketSummary',
        'TicketEvent',
        'Article',
        'System',
        'SystemDetail',
        'Supplier',
        'Contract',
        'Capability',
        'SystemSupports',
        'Import',
        'ImportResult',
      ]),
    );
    // Problem is the ITIL problem record, never the error shape.
    expect(schemas).not.toContain('Problem');
    // Only components that something uses.
    const used = new Set(refs({ ...doc, components: { ...doc.components, schemas: {} } }).map((r) => r.ref));
    for (const name of schemas) for (const r of refs(doc.components!.schemas![name])) used.add(r.ref);
    expect(schemas.filter((name) => !used.has(`#/components/schemas/${name}`))).toEqual([]);
  });

  it('has schemas that a JSON Schema 2020-12 validator compiles strictly', () => {
    const validator = schemaValidator(doc);
    for (const name of Object.keys(doc.components?.schemas ?? {})) expect(validator.component(name), name).toBeTypeOf('function');
    const failures: string[] = [];
    for (const { where, schema } of operationSchemas(doc)) {
      try {
        validator.compile(schema);
      } catch (error) {
        failures.push(`${where}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('describes each operation once, with its path parameters, at a route that exists', () => {
    const operations = operationsOf(doc);
    expect(operations.size).toBeGreaterThan(40);
    const shapes = new Set<string>();
    for (const [name, operation] of operations) {
      const [method, path] = name.split(' ') as [string, string];
      expect(path.startsWith('/api/v1/'), name).toBe(true);
      // Two templates that differ only in parameter names would be the same operation to a client.
      const shape = `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`;
      expect(shapes.has(shape), `${name} is described twice`).toBe(false);
      shapes.add(shape);
      expect(t.app.hasRoute({ method: method as 'GET', url: path.replace(/\{([^}]+)\}/g, ':$1') }), `${name} has no route`).toBe(true);
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = ((operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[]).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), name).toEqual(inPath);
      for (const p of declared) expect(p.required, `${name} ${p.name}`).toBe(true);
      expect(operation.summary, `${name} has a summary`).toBeTruthy();
      expect(operation.tags?.length, `${name} has a tag`).toBeTruthy();
    }
    // No operationIds are given; if any are, they must be unique.
    const ids = [...operations.values()].flatMap((o) => (o.operationId ? [o.operationId] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names only security schemes it defines, on every operation', () => {
    const schemes = doc.components?.securitySchemes ?? {};
    expect(Object.keys(schemes).sort()).toEqual(['bearerAuth', 'sessionCookie']);
    for (const [name, operation] of operationsOf(doc)) {
      const security = operation.security ?? doc.security ?? [];
      expect(security.length, `${name} says how to authenticate`).toBeGreaterThan(0);
      for (const requirement of security)
        for (const scheme of Object.keys(requirement)) expect(Object.hasOwn(schemes, scheme), `${name}: ${scheme}`).toBe(true);
    }
  });

  it('describes answers: a success, and problem details for each error', () => {
    for (const [name, operation] of operationsOf(doc)) {
      const responses = Object.entries(operation.responses ?? {}) as [string, OpenAPIV3_1.ResponseObject][];
      expect(
        responses.some(([status]) => status.startsWith('2')),
        `${name} has a success`,
      ).toBe(true);
      for (const [status, response] of responses) {
        expect(response.description, `${name} ${status}`).not.toBe('Default Response');
        if (Number(status) >= 400) {
          expect(Object.keys(response.content ?? {}), `${name} ${status}`).toEqual(['application/problem+json']);
          expect(response.content!['application/problem+json']!.schema, `${name} ${status}`).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
        }
      }
      for (const status of Object.keys(problemResponses)) expect(Object.keys(operation.responses ?? {}), name).toContain(status);
    }
  });

  it('describes file uploads as multipart/form-data with a binary file part and typed text parts', () => {
    const upload = operationsOf(doc).get('POST /api/v1/imports');
    const body = upload?.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
    expect(Object.keys(body?.content ?? {})).toEqual(['multipart/form-data']);
    const schema = body!.content['multipart/form-data']!.schema as OpenAPIV3_1.SchemaObject;
    expect(schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['kind', 'file']),
      properties: {
        file: { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' },
        kind: {
          type: 'string',
          enum: expect.arrayContaining(['register', 'systems', 'relationships', 'suppliers', 'contracts', 'vulnerabilities', 'training-records']),
        },
      },
    });
    // Every part of every multipart body says what it is.
    for (const [name, operation] of operationsOf(doc)) {
      const media = (operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content['multipart/form-data'];
      if (!media) continue;
      for (const [part, s] of Object.entries((media.schema as OpenAPIV3_1.SchemaObject).properties ?? {}))
        expect((s as OpenAPIV3_1.SchemaObject).type, `${name} part ${part}`).toBeTruthy();
    }
  });

  it('declares the answers the platform gives on any route: a body too large or of the wrong type, a failure', async () => {
    const org = await seedOrganisation(t, 'Openapi Council');
    const { token: secret } = await createToken(t.database.db, systemActor('test', org.id), org.people.admin.id, org.id, 'Test');
    const token = { authorization: `Bearer ${secret}` };
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { ...token, 'content-type': 'application/xml' },
      payload: '<person/>',
    });
    expect(wrongType.statusCode).toBe(415);
    const tooLarge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { ...token, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(tooLarge.statusCode).toBe(413);
    const notJson = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: { ...token, 'content-type': 'application/json' }, payload: '{' });
    expect(notJson.statusCode).toBe(400);
    for (const [name, operation] of operationsOf(doc)) {
      expect(Object.keys(operation.responses ?? {}), name).toContain('500');
      if (operation.requestBody) expect(Object.keys(operation.responses ?? {}), name).toEqual(expect.arrayContaining(['413', '415']));
    }
  });

  it('is what every API response of this file was checked against', () => {
    expect(t.apiResponses.checked).toBeGreaterThan(0);
    expect(t.apiResponses.violations).toEqual([]);
  });
});

describe('the check of API responses against the document', () => {
  it('reports an undeclared status, a body that does not match, an undocumented route and a wrong content type', async () => {
    const database = await openTestDatabase('sqlite');
    const app = await buildApp({ config: loadConfig({ STEWARD_DEMO: '0', LOG_LEVEL: 'silent' }), database, logger: false });
    // Routes the document does not describe (no tags: hidden), or describes wrongly.
    app.get('/api/v1/test-untagged', { config: { access: 'public' } }, async () => ({ ok: true }));
    app.get(
      '/api/v1/test-fails',
      { config: { access: 'public' }, schema: { tags: ['Test'], summary: 'Fails', response: { 200: z.object({ ok: z.boolean() }) } } },
      async () => {
        throw new Error('broken');
      },
    );
    const check = checkApiResponses(app);
    try {
      await app.ready();
      const me = await app.inject({ method: 'GET', url: '/api/v1/me' });
      expect(me.statusCode).toBe(401);
      expect(check.violations).toEqual([]);
      await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      expect((await app.inject({ method: 'GET', url: '/api/v1/test-fails' })).statusCode).toBe(500);
      expect(check.violations).toEqual([]);
      await app.inject({ method: 'GET', url: '/api/v1/test-untagged' });
      expect(check.violations).toEqual(['GET /api/v1/test-untagged is not in the OpenAPI document (route GET /api/v1/test-untagged)']);
      check.violations.length = 0;

      // The document is checked, not the route's own zod schema: alter the served document's copy.
      const doc = app.swagger() as Doc;
      const responses = doc.paths!['/api/v1/me']!.get!.responses!;
      const unauthorised = responses['401'];
      delete responses['401'];
      await app.inject({ method: 'GET', url: '/api/v1/me' });
      expect(check.violations[0]).toMatch(/^GET \/api\/v1\/me answered 401, which GET \/api\/v1\/me does not declare/);
      responses['401'] = { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } } };
      await app.inject({ method: 'GET', url: '/api/v1/me' });
      expect(check.violations[1]).toMatch(/answered 401 as application\/problem\+json, but the document declares application\/json$/);
      responses['401'] = {
        description: 'x',
        content: {
          'application/problem+json': {
            schema: { type: 'object', required: ['instance'], properties: { instance: { type: 'string' }, status: { const: 418 } } },
          },
        },
      };
      await app.inject({ method: 'GET', url: '/api/v1/me' });
      expect(check.violations[2]).toMatch(
        /answered 401 with a body that does not match its schema \(\/ must have required property 'instance'; \/status must be equal to constant\)/,
      );
      responses['401'] = unauthorised!;
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
