import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import {
  actorFor,
  noBody,
  formatOf,
  identityOf,
  multipartFields,
  multipartFile,
  multipartFilePart,
  multipartText,
  problemResponses,
  ref,
  UserError,
} from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { importRecord, mayImport } from './routes.js';
import { fieldsOf, importKinds } from './fields.js';
import { cancelImport, confirmImport, previewImport, setMapping, setValueMeanings, uploadImport } from './service.js';

const editors = estate.edit;
const idParams = z.object({ id: ref(importRecord) });
const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Tech estate'];

const resultSchema = z
  .object({
    added: z.number().int(),
    updated: z.number().int(),
    linked: z.number().int(),
    suppliersAdded: z.number().int(),
    capabilitiesAdded: z.number().int().optional(),
    unchanged: z.number().int().optional(),
    skipped: z.number().int(),
  })
  .meta({ id: 'ImportResult' });
const importSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(importKinds),
    filename: z.string(),
    status: z.enum(['uploaded', 'done', 'cancelled']),
    headers: z.array(z.string()),
    mapping: z.record(z.string(), z.number().int()).describe('For each field, the position of the column that holds it (from 0), or -1'),
    fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), choices: z.record(z.string(), z.string()).nullable() })),
    meanings: z
      .array(z.object({ field: z.string(), words: z.array(z.object({ word: z.string(), rows: z.number().int(), value: z.string().nullable() })) }))
      .describe(
        'Free-text words in choice columns and the Steward value each is taken to mean (null: not chosen, so those rows are left out; empty: not known)',
      ),
    readable: z.number().int(),
    updates: z.number().int(),
    unreadable: z
      .array(z.object({ line: z.number().int(), errors: z.array(z.object({ field: z.string(), reason: z.string() })) }))
      .describe('The first 1,000 rows that cannot be imported, with why'),
    result: resultSchema.nullable(),
  })
  .meta({ id: 'Import' });

/** The import, over the API: upload, check, correct the columns and meanings, then confirm or cancel. */
export async function importApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;

  const describe = async (organisationId: number, id: number) => {
    const p = await previewImport(db, organisationId, id);
    const imp = p.import;
    return {
      id: imp.id,
      kind: imp.kind,
      filename: imp.filename,
      status: imp.status,
      headers: imp.headers,
      mapping: imp.mapping,
      fields: fieldsOf[imp.kind].map((f) => ({ key: f.key, label: f.label, required: !!f.required, choices: f.choices ?? null })),
      meanings: p.choices.map((c) => ({ field: c.key, words: c.words.map((w) => ({ word: w.word, rows: w.rows, value: w.value ?? null })) })),
      readable: p.good.length,
      updates: p.updates,
      unreadable: p.bad.slice(0, 1000).map((r) => ({ line: r.line, errors: r.errors })),
      result: imp.result,
    };
  };

  app.post(
    '/api/v1/imports',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Upload a CSV or XLSX file (multipart/form-data: kind, file) to import; nothing is written until it is confirmed',
        consumes: ['multipart/form-data'],
        body: z.object({ kind: multipartText('What the file lists', importKinds), file: multipartFilePart('The CSV or XLSX file') }),
        response: { 201: importSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const fields = multipartFields(request.body);
      const kind = importKinds.find((k) => k === fields.kind);
      if (!kind) throw new UserError('Say what the file lists: systems, relationships, suppliers or contracts', { field: 'kind', status: 400 });
      if (!mayImport(identityOf(request), kind)) throw new UserError(`You cannot import ${kind}`, { field: 'kind', status: 403 });
      const file = await multipartFile(request.body, 'file');
      if (!file) throw new UserError('Attach the file to import', { field: 'file', status: 400 });
      if (!formatOf(file.filename)) throw new UserError('The file must be a CSV or XLSX spreadsheet', { field: 'file', status: 400 });
      const orgId = identityOf(request).organisation.id;
      const id = await uploadImport(db, actorFor(request), orgId, kind, file.filename, file.data);
      return reply.code(201).send(await describe(orgId, id));
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'How the file was read: columns, meanings, rows that can and cannot be imported',
        params: idParams,
        response: { 200: importSchema, ...problemResponses },
      },
    },
    async (request) => describe(identityOf(request).organisation.id, request.params.id),
  );

  app.put(
    '/api/v1/imports/:id/mapping',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Choose which column holds each field; remembered for the next file with the same headings',
        params: idParams,
        body: z.record(z.string().max(60), z.number().int().min(-1).max(10_000)).meta({ example: { identifier: 0, name: 1 } }),
        response: { 200: importSchema, ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      await setMapping(db, actorFor(request), orgId, request.params.id, request.body);
      return describe(orgId, request.params.id);
    },
  );

  app.put(
    '/api/v1/imports/:id/meanings',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Say what free-text words mean, field by field (an empty value means not known); remembered for the next import',
        params: idParams,
        body: z.record(z.string().max(60), z.record(z.string().max(200), z.string().max(60))).meta({ example: { hosting: { 'on prem': 'on-premises' } } }),
        response: { 200: importSchema, ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      const lowered = Object.fromEntries(
        Object.entries(request.body).map(([field, words]) => [
          field,
          Object.fromEntries(Object.entries(words).map(([w, v]) => [w.trim().toLowerCase().replace(/\s+/g, ' '), v])),
        ]),
      );
      await setValueMeanings(db, actorFor(request), orgId, request.params.id, lowered);
      return describe(orgId, request.params.id);
    },
  );

  app.post(
    '/api/v1/imports/:id/confirm',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Write the readable rows, all in one transaction; rows that cannot be read are left out',
        body: noBody,
        params: idParams,
        response: { 200: resultSchema, ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      const imp = await previewImport(db, orgId, request.params.id);
      if (!mayImport(identityOf(request), imp.import.kind)) throw new UserError(`You cannot import ${imp.import.kind}`, { status: 403 });
      return confirmImport(db, actorFor(request), orgId, request.params.id);
    },
  );

  app.post(
    '/api/v1/imports/:id/cancel',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Cancel the import; nothing is written',
        params: idParams,
        body: noBody,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await cancelImport(db, actorFor(request), identityOf(request).organisation.id, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
