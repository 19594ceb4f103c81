import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { platformAbilities } from '../access/abilities.js';
import { multipartFilePart, multipartText, noBody, problemResponses } from '../api/schemas.js';
import { dict, own } from '../dict.js';
import { multipartFields, multipartFile } from '../forms.js';
import { UserError } from '../http/errors.js';
import { actorFor, identityOf } from '../http/request.js';
import { ref } from '../inputs/references.js';
import { formatOf } from '../spreadsheet.js';
import type { ValueMaps } from './contract.js';
import { importRecord } from './references.js';
import { choiceWord } from './rows.js';
import {
  cancelImport,
  confirmImport,
  importFor,
  mayImport,
  previewImport,
  setDefaults,
  setMapping,
  setMatches,
  setValueMeanings,
  uploadImport,
} from './service.js';

const idParams = z.object({ id: ref(importRecord) });
const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Imports'];

const resultSchema = z
  .object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int().optional(), skipped: z.number().int() })
  .catchall(z.number().int())
  .describe('What confirming did; each kind adds its own counts (dependencies recorded, suppliers added ...)')
  .meta({ id: 'ImportResult' });
type Result = z.output<typeof resultSchema>;
const qualityCell = z.object({ line: z.number().int(), field: z.string(), label: z.string(), asWritten: z.string(), note: z.string() });
const importSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().describe('What the file lists: one of the kinds of import the installation offers, such as systems or contracts'),
    filename: z.string(),
    status: z.enum(['uploaded', 'done', 'cancelled']),
    headers: z.array(z.string()),
    headingRow: z.number().int().describe('The row of the file the headings were found on (rows above, such as a title, are left out)'),
    mapping: z.record(z.string(), z.number().int()).describe('For each field, the position of the column that holds it (from 0), or -1'),
    fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), choices: z.record(z.string(), z.string()).nullable() })),
    meanings: z
      .array(z.object({ field: z.string(), words: z.array(z.object({ word: z.string(), rows: z.number().int(), value: z.string().nullable() })) }))
      .describe(
        'Free-text words in choice columns and the Steward value each is taken to mean (null: not chosen, so those rows are left out; empty: not known)',
      ),
    readable: z.number().int(),
    updates: z.number().int(),
    says: z.array(z.string()).describe('What else confirming will do, in the words of the kind of import (findings a scan will close)'),
    strict: z.boolean().describe('All or nothing: a row with any cell that cannot be read is left out'),
    defaults: z.record(z.string(), z.string()).describe('For each choice field given one, the value rows that do not say are taken to have'),
    matches: z
      .array(
        z.object({
          field: z.string(),
          noun: z.string(),
          words: z.array(
            z.object({
              word: z.string(),
              rows: z.number().int(),
              exact: z.object({ id: z.number().int(), name: z.string() }).nullable(),
              near: z.array(z.object({ id: z.number().int(), name: z.string() })),
              chosen: z.string().nullable(),
            }),
          ),
        }),
      )
      .describe(
        'Names that should be records already held (suppliers): exact matches are used; near ones wait for PUT …/matches, and confirming waits for them',
      ),
    leftOut: z.number().int().describe('How many rows are left out; the same count the page and the download give'),
    unreadable: z
      .array(z.object({ line: z.number().int(), errors: z.array(z.object({ field: z.string(), reason: z.string() })) }))
      .describe('The first 1,000 rows left out, with why; every one is in the download at /imports/{id}/left-out.csv'),
    keptAsNotKnown: z.object({
      count: z.number().int(),
      cells: z.array(qualityCell).describe('The first 300 rows’ cells that go in as not known, each becoming a note on its record'),
    }),
    readApproximately: z.object({ count: z.number().int(), cells: z.array(qualityCell) }),
    unreadableColumns: z
      .array(z.object({ field: z.string(), label: z.string(), cells: z.number().int(), example: z.string() }))
      .describe('Columns none of whose cells could be read: said once, not on every row'),
    result: resultSchema.nullable(),
  })
  .meta({ id: 'Import' });

const cellOf = (c: { line: number; field: string; label: string; asWritten: string; note: string }) => ({
  line: c.line,
  field: c.field,
  label: c.label,
  asWritten: c.asWritten,
  note: c.note,
});

/** The import, over the API: upload, check, correct the columns and meanings, then confirm or cancel. */
export async function importApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, imports: kinds } = base.steward;
  const access = platformAbilities.runImports;

  const describe = async (organisationId: number, id: number) => {
    const p = await previewImport(db, kinds, organisationId, id, { good: 0, bad: 1000 });
    const imp = p.import;
    return {
      id: imp.id,
      kind: imp.kind.name,
      filename: imp.filename,
      status: imp.status,
      headers: imp.headers,
      headingRow: imp.heading_row,
      mapping: { ...imp.mapping },
      fields: imp.kind.fields.map((f) => ({ key: f.key, label: f.label, required: !!f.required, choices: f.choices ?? null })),
      meanings: p.checked.choices.map((c) => ({ field: c.key, words: c.words.map((w) => ({ word: w.word, rows: w.rows, value: w.value ?? null })) })),
      readable: p.checked.good,
      updates: p.checked.updates,
      says: p.checked.says ?? [],
      strict: !!imp.strict,
      defaults: { ...imp.defaults },
      matches: (p.checked.matches ?? []).map((c) => ({
        field: c.field,
        noun: c.noun,
        words: c.words.map((w) => ({ word: w.word, rows: w.rows, exact: w.exact, near: w.near, chosen: w.chosen ?? null })),
      })),
      leftOut: p.checked.bad,
      unreadable: p.bad.map((r) => ({ line: r.line, errors: r.errors })),
      keptAsNotKnown: { count: p.checked.unreadable ?? 0, cells: p.unreadable.map(cellOf) },
      readApproximately: { count: p.checked.approximate ?? 0, cells: p.approximate.map(cellOf) },
      unreadableColumns: p.checked.unreadableColumns ?? [],
      result: imp.result as Result | null,
    };
  };

  app.post(
    '/api/v1/imports',
    {
      config: { access },
      schema: {
        tags,
        security,
        summary:
          'Upload a CSV or XLSX file (multipart/form-data: kind, file, and strict=yes for all or nothing) to import; nothing is written until it is confirmed',
        consumes: ['multipart/form-data'],
        body: z.object({
          kind: multipartText('What the file lists', [...kinds.keys()]),
          file: multipartFilePart('The CSV or XLSX file'),
          strict: multipartText('yes: leave out any row with a cell that cannot be read (ordinarily such a cell goes in as not known, with a note)', [
            'yes',
            'no',
          ]).optional(),
        }),
        response: { 201: importSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request);
      const fields = multipartFields(request.body);
      const kind = fields.kind ? kinds.get(fields.kind) : undefined;
      if (!kind) throw new UserError(`Say what the file lists: ${[...kinds.keys()].join(', ')}`, { field: 'kind', status: 400 });
      mayImport(identity, kind);
      const file = await multipartFile(request.body, 'file');
      if (!file) throw new UserError('Attach the file to import', { field: 'file', status: 400 });
      if (!formatOf(file.filename)) throw new UserError('The file must be a CSV or XLSX spreadsheet', { field: 'file', status: 400 });
      if (fields.strict && fields.strict !== 'yes' && fields.strict !== 'no') throw new UserError('strict is yes or no', { field: 'strict', status: 400 });
      const id = await uploadImport(db, actorFor(request), identity.organisation.id, kind, file.filename, file.data, { strict: fields.strict === 'yes' });
      return reply.code(201).send(await describe(identity.organisation.id, id));
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: 'How the file was read: columns, meanings, rows that can and cannot be imported',
        params: idParams,
        response: { 200: importSchema, ...problemResponses },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      await importFor(db, kinds, identity, request.params.id);
      return describe(identity.organisation.id, request.params.id);
    },
  );

  app.put(
    '/api/v1/imports/:id/mapping',
    {
      config: { access },
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
      const identity = identityOf(request);
      const imp = await importFor(db, kinds, identity, request.params.id);
      const mapping = dict(imp.kind.fields.map((f) => [f.key, own(request.body, f.key) ?? -1] as const));
      await setMapping(db, kinds, actorFor(request), identity.organisation.id, imp.id, mapping);
      return describe(identity.organisation.id, imp.id);
    },
  );

  app.put(
    '/api/v1/imports/:id/matches',
    {
      config: { access },
      schema: {
        tags,
        security,
        summary: 'Say which record each nearly-matching name is: per field, each name in the file to the id of one of its near matches, or "new" to add it',
        params: idParams,
        body: z
          .record(z.string().max(60), z.record(z.string().max(200), z.string().max(20)))
          .meta({ example: { supplier: { civica: '12', 'acme services': 'new' } } }),
        response: { 200: importSchema, ...problemResponses },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      const imp = await importFor(db, kinds, identity, request.params.id);
      await setMatches(
        db,
        kinds,
        actorFor(request),
        identity.organisation.id,
        imp.id,
        dict(Object.entries(request.body).map(([f, w]) => [f, dict(w)] as const)),
      );
      return describe(identity.organisation.id, imp.id);
    },
  );

  app.put(
    '/api/v1/imports/:id/defaults',
    {
      config: { access },
      schema: {
        tags,
        security,
        summary:
          'Say what rows that do not say a choice field are taken to have (a Steward value per field; omitted or empty: not known); a default never overwrites a value already recorded',
        params: idParams,
        body: z.record(z.string().max(60), z.string().max(60)).meta({ example: { layer: 'line-of-business', area: 'mission-it' } }),
        response: { 200: importSchema, ...problemResponses },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      const imp = await importFor(db, kinds, identity, request.params.id);
      await setDefaults(db, kinds, actorFor(request), identity.organisation.id, imp.id, dict(request.body));
      return describe(identity.organisation.id, imp.id);
    },
  );

  app.put(
    '/api/v1/imports/:id/meanings',
    {
      config: { access },
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
      const identity = identityOf(request);
      const imp = await importFor(db, kinds, identity, request.params.id);
      const meanings: ValueMaps = dict(
        Object.entries(request.body).map(([field, words]) => [field, dict(Object.entries(words).map(([w, v]) => [choiceWord(w), v] as const))] as const),
      );
      await setValueMeanings(db, kinds, actorFor(request), identity.organisation.id, imp.id, meanings);
      return describe(identity.organisation.id, imp.id);
    },
  );

  app.post(
    '/api/v1/imports/:id/confirm',
    {
      config: { access },
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
      const identity = identityOf(request);
      const imp = await importFor(db, kinds, identity, request.params.id);
      return (await confirmImport(db, kinds, actorFor(request), identity.organisation.id, imp.id)) as Result;
    },
  );

  app.post(
    '/api/v1/imports/:id/cancel',
    {
      config: { access },
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
      const identity = identityOf(request);
      const imp = await importFor(db, kinds, identity, request.params.id);
      await cancelImport(db, kinds, actorFor(request), identity.organisation.id, imp.id);
      return reply.code(204).send(null);
    },
  );
}
