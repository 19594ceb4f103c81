import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { z as zod, type z } from 'zod';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, testPasswordCost, type TestApp } from './support/app.js';
import { Client, signedInClient } from './support/client.js';
import { ExampleError, formValues, isFile, validExample, type ExampleContext } from './support/examples.js';
import { loadDemoOrganisation, demoPassword } from '../src/demo/council.js';
import { fieldName, fieldsOf, typeOf } from '../src/platform/inputs/walk.js';
import { referenceFields, type ReferenceKind } from '../src/platform/inputs/references.js';
import { isCursorField } from '../src/platform/lists.js';
import { isMultiline } from '../src/platform/inputs/text.js';
import type { RouteContract } from '../src/platform/http/access.js';
import type { Role } from '../src/platform/access/roles.js';
import { uploadImport } from '../src/platform/imports/service.js';
import { systemsImport } from '../src/modules/estate/import/systems.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { createToken } from '../src/platform/tokens/service.js';
import { saveView } from '../src/modules/service-desk/tickets/bulk.js';
import { declareMajorIncident } from '../src/modules/service-desk/major/service.js';
import { addAttachment } from '../src/modules/service-desk/tickets/attachments.js';
import { createTicket } from '../src/modules/service-desk/tickets/service.js';

/**
 * The hostile-input corpus: every registered page route and API operation, probed one field at a
 * time by a role allowed to use it, with a valid CSRF token and an otherwise valid input. Each
 * probe must be refused with that field's own error (4xx), change nothing in the database, and
 * leave the server answering. New routes are picked up from the route table by themselves.
 */
const skipped = new Set(['GET /assets/*', 'GET /healthz', 'GET /favicon.ico', 'GET /api/v1/openapi.json']);
const byPrivilege: Role[] = ['admin', 'manager', 'agent', 'requester', 'viewer'];
const demoKeyOf: Record<Role, string> = {
  admin: 'headOfIt',
  manager: 'serviceDeskManager',
  agent: 'agentSam',
  requester: 'socialWorker',
  viewer: 'councillor',
};
const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('hostile input on every route (sqlite)', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof loadDemoOrganisation>>;
  let b: Awaited<ReturnType<typeof loadDemoOrganisation>>;
  const clients = new Map<Role | 'public', Client>();
  let ctxA: ExampleContext;
  let ctxB: ExampleContext;

  /** Row counts, largest ids and latest updates of every table: a write anywhere changes it. */
  async function fingerprint(): Promise<string> {
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_search%' order by name`.execute(t.database.db);
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const columns = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(t.database.db);
      const updated = columns.rows.some((c) => c.name === 'updated_at') ? sql`max(updated_at)` : sql`null`;
      const r = await sql<{
        n: number;
        top: number | null;
        u: string | null;
      }>`select count(*) as n, max(rowid) as top, ${updated} as u from ${sql.table(name)}`.execute(t.database.db);
      parts.push(`${name}:${r.rows[0]!.n}:${r.rows[0]!.top}:${r.rows[0]!.u}`);
    }
    return parts.join('|');
  }

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const db = t.database.db;
    a = await loadDemoOrganisation(db, { name: 'Eastwold Council (probe A)', domain: 'a.eastwold.example', passwordCost: testPasswordCost, demoTickets: 30 });
    b = await loadDemoOrganisation(db, { name: 'Westmere Council (probe B)', domain: 'b.westmere.example', passwordCost: testPasswordCost, demoTickets: 60 });
    // Records the demo does not make but routes name: an import waiting to be confirmed, an API token.
    for (const org of [a, b]) {
      const admin = org.people.find((p) => p.key === 'headOfIt')!;
      const adminId = (await db.selectFrom('people').where('email', '=', admin.email).select('id').executeTakeFirstOrThrow()).id;
      const actor = { ...systemActor('probe', org.organisationId), personId: adminId };
      await uploadImport(db, actor, org.organisationId, systemsImport, 'register.csv', Buffer.from('Ref,Name\r\nPR-1,Probe system\r\n'));
      await createToken(db, actor, adminId, org.organisationId, 'Probe token');
      const identity = {
        person: { id: adminId, email: admin.email, displayName: admin.name },
        organisation: { id: org.organisationId, name: '', type: 'unitary' as const, isDemo: true },
        role: 'admin' as const,
        organisationCount: 1,
        via: 'session' as const,
      };
      await saveView(db, actor, identity, 'Probe view', 'queue=open');
      const serviceId = (await db.selectFrom('services').where('organisation_id', '=', org.organisationId).select('id').orderBy('id').executeTakeFirstOrThrow())
        .id;
      await declareMajorIncident(db, actor, org.organisationId, { serviceId, title: 'Probe outage', summary: 'A probe' });
      const ticket = await createTicket(db, actor, org.organisationId, {
        kind: 'incident',
        title: 'Probe: printer jam on level 2',
        description: 'Raised by the probe',
        requesterId: adminId,
        serviceId,
        impact: 3,
        urgency: 3,
      });
      await addAttachment(db, actor, identity, ticket.reference, { filename: 'notes.txt', data: Buffer.from('Probe notes'), internal: false });
    }
    for (const role of byPrivilege) {
      const person = a.people.find((p) => p.key === demoKeyOf[role])!;
      clients.set(role, await signedInClient(t.app, person.email, demoPassword));
    }
    const anonymous = new Client(t.app);
    await anonymous.get('/sign-in');
    clients.set('public', anonymous);
    const personA = (await db.selectFrom('people').where('email', '=', a.people[0]!.email).select('id').executeTakeFirstOrThrow()).id;
    const personB = (await db.selectFrom('people').where('email', '=', b.people[0]!.email).select('id').executeTakeFirstOrThrow()).id;
    ctxA = { db, scope: { organisationId: a.organisationId, personId: personA }, samples: new Map() };
    ctxB = { db, scope: { organisationId: b.organisationId, personId: personB }, samples: new Map() };
  }, 600_000);
  afterAll(() => t?.close());

  const routes = () => t.app.steward.routes.filter((r) => !skipped.has(`${r.method} ${r.url}`) && !r.url.includes('*'));

  function roleFor(route: RouteContract): Role | 'public' {
    const access = route.access;
    if (access === 'public') return 'public';
    if (access === 'signed-in') return 'admin';
    const writes = unsafe.has(route.method);
    return byPrivilege.find((r) => access.roles.includes(r) && !(writes && r === 'viewer' && !access.viewersMayWrite))!;
  }

  const bodyOf = (route: RouteContract) => route.body ?? route.form;

  interface Input {
    params: Record<string, unknown>;
    query: Record<string, unknown>;
    body: Record<string, unknown>;
  }

  async function validInput(route: RouteContract, ctx: ExampleContext): Promise<Input> {
    return {
      params: await validExample(route.params, ctx, true),
      query: await validExample(route.query, ctx, true),
      body: await validExample(bodyOf(route), ctx, !route.api),
    };
  }

  function urlOf(route: RouteContract, input: Input) {
    const path = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(input.params[name] ?? '')));
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(input.query)) for (const one of [v].flat()) if (one !== undefined) query.append(k, String(one));
    const qs = query.toString();
    return qs ? `${path}?${qs}` : path;
  }

  async function send(route: RouteContract, input: Input, rawJson?: string): Promise<LightMyRequestResponse> {
    const client = clients.get(roleFor(route))!;
    const url = urlOf(route, input);
    if (route.method === 'GET') return client.get(url);
    if (route.api) {
      if (rawJson !== undefined) return client.json(route.method as 'POST', url, rawJson, { 'content-type': 'application/json' });
      return client.json(route.method as 'POST', url, route.multipart ? undefined : input.body);
    }
    if (route.multipart) {
      const fields = Object.create(null) as Record<string, string>;
      let file: { name: string; filename: string; type: string; data: Buffer } | undefined;
      for (const [k, v] of Object.entries(input.body)) {
        if (isFile(v)) file = { name: k, filename: v.filename, type: 'text/csv', data: v.data };
        else fields[k] = String(v);
      }
      return client.multipart(url, fields, file);
    }
    return client.post(url, input.body as Record<string, string | string[]>);
  }

  /** The response refuses the request on this field: a 4xx naming it (problem+json errors, or the error summary's link). */
  function refusesField(res: LightMyRequestResponse, route: RouteContract, field: string, allowTooLarge = false): boolean {
    if (allowTooLarge && res.statusCode === 413) return true;
    if (res.statusCode < 400 || res.statusCode >= 500 || res.statusCode === 401 || res.statusCode === 403) return false;
    if (route.api || res.headers['content-type']?.toString().includes('json')) {
      const errors = (res.json() as { errors?: { field: string }[] }).errors ?? [];
      return errors.some((e) => e.field === field || e.field.startsWith(`${field}.`));
    }
    return res.body.includes(`href="#${field}"`) || res.body.includes(`href="#${field}.`);
  }

  const describeRoute = (route: RouteContract) => `${route.method} ${route.url}`;
  const with1 = (input: Input, where: keyof Input, path: string[], value: unknown): Input => {
    const copy: Input = { params: { ...input.params }, query: { ...input.query }, body: structuredClone(input.body) };
    let at = copy[where] as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      at[key] = { ...((at[key] as Record<string, unknown>) ?? {}) };
      at = at[key] as Record<string, unknown>;
    }
    at[path[path.length - 1]!] = value;
    return copy;
  };

  const places = (route: RouteContract): [keyof Input, z.ZodType | undefined][] => [
    ['params', route.params],
    ['query', route.query],
    ['body', bodyOf(route)],
  ];

  /** Sends a probe that must be refused on its field, change nothing and leave the server up. */
  async function expectRefused(
    failures: string[],
    route: RouteContract,
    input: Input,
    field: string,
    what: string,
    options: { allowTooLarge?: boolean; params?: boolean } = {},
  ) {
    const before = await fingerprint();
    const res = await send(route, input);
    const refused = options.params ? res.statusCode === 404 : refusesField(res, route, field, options.allowTooLarge);
    if (!refused) failures.push(`${describeRoute(route)}: ${what} in ${field} answered ${res.statusCode} without an error on the field`);
    if ((await fingerprint()) !== before) failures.push(`${describeRoute(route)}: ${what} in ${field} changed the database`);
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    if (health.statusCode !== 200) failures.push(`${describeRoute(route)}: ${what} in ${field} left /healthz answering ${health.statusCode}`);
  }

  it('can make a valid input for every route, in either organisation', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      for (const ctx of [ctxA, ctxB]) {
        try {
          await validInput(route, ctx);
        } catch (error) {
          if (error instanceof ExampleError) failures.push(`${describeRoute(route)}: ${error.message}`);
          else throw error;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(routes().length).toBeGreaterThan(150);
  }, 900_000);

  it('refuses another organisation’s id in every id-bearing field, changing nothing', async () => {
    const failures: string[] = [];
    let probes = 0;
    for (const route of routes()) {
      const input = await validInput(route, ctxA);
      for (const [where, schema] of places(route)) {
        for (const field of referenceFields(schema)) {
          const foreign = await (field.kind as ReferenceKind).sample(ctxB.db, ctxB.scope);
          if (foreign === null) {
            failures.push(`${describeRoute(route)}: organisation B has no ${field.kind.noun} to probe ${fieldName(field.path)} with`);
            continue;
          }
          // Keys such as ticket references are numbered per organisation: B's must be one A does not have.
          if ((await field.kind.existing(ctxA.db, ctxA.scope, [foreign as never])).size) {
            failures.push(
              `${describeRoute(route)}: organisation B's ${field.kind.noun} ${String(foreign)} is also a key in A, so it cannot probe ${fieldName(field.path)}`,
            );
            continue;
          }
          probes++;
          const value = field.many ? [foreign] : foreign;
          await expectRefused(
            failures,
            route,
            with1(input, where, field.path, where === 'body' && route.api ? value : value),
            fieldName(field.path),
            'another organisation’s id',
            {
              params: where === 'params',
            },
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(probes).toBeGreaterThan(40);
  }, 900_000);

  it('refuses field names that reach Object.prototype, and survives them as values', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      const input = await validInput(route, ctxA);
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        if (route.method === 'GET' || route.query) {
          const probe = { ...input, query: { ...input.query, [key]: 'entries' } };
          await expectRefused(failures, route, probe, key, 'a prototype name');
        }
        if (route.method !== 'GET') {
          if (route.api && !route.multipart) {
            const before = await fingerprint();
            const res = await send(route, input, JSON.stringify(input.body).replace(/^\{/, `{"${key}":{"entries":"x"},`).replace(',}', '}'));
            if (res.statusCode < 400 || res.statusCode >= 500) failures.push(`${describeRoute(route)}: a JSON body naming ${key} answered ${res.statusCode}`);
            if ((await fingerprint()) !== before) failures.push(`${describeRoute(route)}: a JSON body naming ${key} changed the database`);
          } else {
            await expectRefused(
              failures,
              route,
              { ...input, body: { ...input.body, [key]: 'entries', [`word-${key}-0`]: 'entries', [`means-${key}-0`]: 'x' } },
              key,
              'a prototype name',
            );
          }
        }
      }
      // The same words as values: wherever they cannot be taken they are refused on the field; nowhere do they break anything.
      for (const [where, schema] of places(route)) {
        for (const f of fieldsOf(schema)) {
          if (isCursorField(f.variants[0]!)) continue;
          const res = await send(
            route,
            with1(input, where, f.path, where === 'body' && route.api && !f.variants.some((v) => typeOf(v) === 'string') ? 'constructor' : 'constructor'),
          );
          if (res.statusCode >= 500) failures.push(`${describeRoute(route)}: 'constructor' in ${fieldName(f.path)} answered ${res.statusCode}`);
        }
      }
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(typeof Object.entries).toBe('function');
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(failures).toEqual([]);
  }, 900_000);

  it('refuses hidden characters, line breaks in one-line fields and oversized values, each on its field', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      const input = await validInput(route, ctxA);
      for (const [where, schema] of places(route)) {
        if (where === 'params') continue;
        for (const f of fieldsOf(schema)) {
          const text = f.variants.find((v) => typeOf(v) === 'string');
          if (!text || isCursorField(text) || (z_meta(text) ?? {}).forgiving) continue;
          const name = fieldName(f.path);
          // Forms and addresses cannot carry half a character (it arrives as U+FFFD); JSON can.
          const json = route.api && where === 'body';
          for (const [what, value] of [
            ['a NUL character', 'An\u0000example'],
            ['a right-to-left override', 'An\u202Eexample'],
            ...(json ? ([['half of a character', 'An\uD800example']] as const) : []),
          ] as const) {
            await expectRefused(failures, route, with1(input, where, f.path, f.many ? [value] : value), name, what);
          }
          if (!f.variants.some(isMultiline))
            await expectRefused(
              failures,
              route,
              with1(input, where, f.path, f.many ? ['An\r\nexample'] : 'An\r\nexample'),
              name,
              'a line break in a one-line field',
            );
          const max = (text as unknown as { maxLength?: number | null }).maxLength;
          if (!max) failures.push(`${describeRoute(route)}: ${name} has no maximum length`);
          else await expectRefused(failures, route, with1(input, where, f.path, 'x'.repeat(max + 1)), name, 'an oversized value', { allowTooLarge: true });
        }
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);

  it('refuses malformed page links (cursors) on every list', async () => {
    const failures: string[] = [];
    let lists = 0;
    const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const route of routes()) {
      const input = await validInput(route, ctxA);
      for (const f of fieldsOf(route.query)) {
        if (!f.variants.some(isCursorField)) continue;
        lists++;
        for (const bad of ['not-a-cursor', encode({ id: { a: 1 } }), encode([1, 2]), encode({ id: 1, k: { a: 1 }, p: [1] }), encode('id')]) {
          await expectRefused(failures, route, with1(input, 'query', f.path, bad), fieldName(f.path), 'a malformed cursor');
        }
      }
    }
    expect(failures).toEqual([]);
    expect(lists).toBeGreaterThan(5);
  });
});

function z_meta(schema: z.ZodType): { forgiving?: boolean } | undefined {
  return zod.globalRegistry.get(schema) as { forgiving?: boolean } | undefined;
}

export { formValues };
