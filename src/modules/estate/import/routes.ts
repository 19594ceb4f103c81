import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  actorFor,
  can,
  dict,
  own,
  formatOf,
  identityOf,
  line,
  NotFoundError,
  organisationRows,
  pageQuery,
  ref,
  sendSpreadsheet,
  submitForm,
  upload,
  UserError,
  writeSpreadsheet,
  type Identity,
} from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { fieldsOf, importKinds, kindTitles, templateRows, type ImportKind } from './fields.js';
import type { Mapping, ValueMaps } from './rows.js';
import { cancelImport, confirmImport, describeResult, loadImport, previewImport, readImport, setMapping, setValueMeanings, uploadImport } from './service.js';

const editors = estate.edit;
/** Systems and their relationships are the estate's; suppliers and contracts need the contracts ability. */
const abilityFor = (kind: ImportKind) => (kind === 'suppliers' || kind === 'contracts' ? estate.editContracts : estate.edit);
export const mayImport = (identity: Identity, kind: ImportKind) => can(identity, abilityFor(kind));
export const importRecord = organisationRows('imports', { noun: 'import', message: 'There is no such import' });
const importParams = z.object({ id: ref(importRecord) });
const kindChoice = z.enum(importKinds, { message: 'Say what the file lists' });
const uploadQuery = z.object({ kind: z.union([z.literal(''), kindChoice]).optional() });
const uploadForm = z.object({ kind: kindChoice, file: upload('Choose a CSV or XLSX file to import') });
const templateParams = z.object({
  file: line(40)
    .regex(/^[a-z]+\.(csv|xlsx)$/i, 'There is no such template')
    .meta({ example: 'systems.csv' }),
});
// The column each field is in, by position; field names come from the kind, so any other key is ignored.
const mappingForm = z
  .record(line(60), z.union([z.literal(''), z.coerce.number().int().min(-1).max(10_000)]).optional())
  .meta({ example: { identifier: '0', name: '1' } });
// word-<field>-<n> holds a word of the file, means-<field>-<n> what it means.
const valuesForm = z
  .record(line(80).regex(/^(word|means)-[a-zA-Z]+-\d{1,4}$/, 'Choose what each word means from the list'), line(200))
  .meta({ example: { 'word-hosting-0': 'on prem', 'means-hosting-0': 'on-premises' } });
const nothing = z.object({});
const idOf = (request: FastifyRequest) => (request.params as z.output<typeof importParams>).id;
const view = (name: string) => `modules/estate/import/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Tech estate', href: '/estate' },
  { text: 'Import', href: '/estate/import' },
];
const isKind = (v: unknown): v is ImportKind => typeof v === 'string' && (importKinds as readonly string[]).includes(v);

const uploadPage = (identity: Identity, kind: ImportKind) => ({
  title: 'Import from a spreadsheet',
  breadcrumbs: crumbs.slice(0, 2),
  kind,
  kinds: importKinds
    .filter((k) => mayImport(identity, k))
    .map((k) => ({ value: k, text: kindTitles[k], checked: k === kind, hint: { text: fieldsOf[k].map((f) => f.label).join(', ') } })),
});

export async function importRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/estate/import', { config: { access: editors, query: uploadQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, uploadQuery);
    const kind = parsed.ok && parsed.value.kind ? parsed.value.kind : 'systems';
    return reply.render(view('upload'), uploadPage(identityOf(request), kind));
  });

  app.get('/estate/import/templates/:file', { config: { access: editors }, schema: { params: templateParams } }, async (request, reply) => {
    const { file } = request.params as z.output<typeof templateParams>;
    const [kind] = file.split('.');
    const format = formatOf(file);
    if (!isKind(kind) || !format) throw new NotFoundError('There is no such template');
    return sendSpreadsheet(
      reply,
      await writeSpreadsheet(
        format,
        `steward-${kind}-template`,
        fieldsOf[kind].map((f) => f.label),
        templateRows[kind],
      ),
    );
  });

  app.post('/estate/import', { config: { access: editors, form: uploadForm, multipart: true } }, async (request, reply) => {
    const typed = own((request.body ?? {}) as Record<string, { value?: unknown }>, 'kind')?.value;
    const kind = importKinds.find((k) => k === typed) ?? 'systems';
    return submitForm(request, reply, {
      schema: uploadForm,
      view: view('upload'),
      context: () => uploadPage(identityOf(request), kind),
      action: async (v) => {
        if (!mayImport(identityOf(request), v.kind)) throw new UserError(`You cannot import ${kindTitles[v.kind].toLowerCase()}`, { field: 'kind' });
        if (!formatOf(v.file.filename))
          throw new UserError('The selected file must be a CSV or XLSX spreadsheet: in Excel, save it as Excel Workbook (.xlsx) or CSV UTF-8', {
            field: 'file',
          });
        const id = await uploadImport(db, actorFor(request), identityOf(request).organisation.id, v.kind, v.file.filename, v.file.data);
        return { redirect: `/estate/import/${id}` };
      },
    });
  });

  const previewPage = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const preview = await previewImport(db, orgId, idOf(request));
    const imp = preview.import;
    const fields = fieldsOf[imp.kind];
    const shownFields = fields;
    return {
      title: `Import ${imp.filename}`,
      breadcrumbs: crumbs,
      imp,
      kindTitle: kindTitles[imp.kind],
      done: imp.status !== 'uploaded',
      summary: imp.result ? describeResult(imp.kind, imp.result) : null,
      mappingRows: fields.map((f) => ({
        key: f.key,
        label: f.label + (f.required ? '' : ' (optional)'),
        items: [
          { value: '-1', text: 'Not in this file' },
          ...imp.headers.map((h, i) => ({ value: String(i), text: h.replace(/^\uFEFF/, '') || `Column ${i + 1}`, selected: own(imp.mapping, f.key) === i })),
        ],
      })),
      choices: preview.choices.map((c) => ({
        ...c,
        words: c.words.map((w, i) => ({
          ...w,
          index: i,
          unmapped: w.value === undefined,
          items: [
            { value: '?', text: 'Choose what it means', selected: w.value === undefined },
            ...Object.entries(c.choices).map(([value, text]) => ({ value, text, selected: w.value === value })),
            { value: '', text: 'Not known', selected: w.value === '' },
          ],
        })),
      })),
      shownFields,
      good: preview.good.slice(0, 100),
      goodCount: preview.good.length,
      bad: preview.bad.slice(0, 500),
      badCount: preview.bad.length,
      updates: preview.updates,
    };
  };

  app.get('/estate/import/:id', { config: { access: editors }, schema: { params: importParams } }, async (request, reply) =>
    reply.render(view('preview'), await previewPage(request)),
  );

  // Every row that cannot be read, with why and what it held, for fixing in the spreadsheet.
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/estate/import/:id/left-out.${format}`, { config: { access: editors }, schema: { params: importParams } }, async (request, reply) => {
      const preview = await readImport(db, identityOf(request).organisation.id, idOf(request));
      const headers = preview.import.headers.map((h) => h.replace(/^\uFEFF/, ''));
      const rows = preview.bad.map((r) => [r.line, r.errors.map((e) => `${e.field}: ${e.reason}`).join('; '), ...(preview.import.rows[r.line - 2] ?? [])]);
      return sendSpreadsheet(reply, await writeSpreadsheet(format, 'rows-left-out', ['Row', 'Why it was left out', ...headers], rows));
    });
  }

  app.post('/estate/import/:id/mapping', { config: { access: editors, form: mappingForm }, schema: { params: importParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: mappingForm,
      view: view('preview'),
      context: () => previewPage(request),
      action: async (body) => {
        const orgId = identityOf(request).organisation.id;
        const id = idOf(request);
        const imp = await loadImport(db, orgId, id);
        const mapping: Mapping = dict();
        for (const f of fieldsOf[imp.kind]) {
          const column = Number(own(body, f.key) ?? -1);
          mapping[f.key] = Number.isInteger(column) && column >= -1 && column < imp.headers.length ? column : -1;
        }
        await setMapping(db, actorFor(request), orgId, id, mapping);
        return { redirect: `/estate/import/${id}#values`, flash: 'Columns saved: check how each row was read' };
      },
    }),
  );

  app.post('/estate/import/:id/values', { config: { access: editors, form: valuesForm }, schema: { params: importParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: valuesForm,
      view: view('preview'),
      context: () => previewPage(request),
      action: async (body) => {
        const id = idOf(request);
        const meanings: ValueMaps = dict();
        for (const [name, word] of Object.entries(body)) {
          const m = /^word-([a-zA-Z]+)-(\d+)$/.exec(name);
          const means = m ? own(body, `means-${m[1]}-${m[2]}`) : undefined;
          if (!m || typeof means !== 'string' || means === '?') continue;
          (meanings[m[1]!] ??= dict())[word.slice(0, 200)] = means;
        }
        await setValueMeanings(db, actorFor(request), identityOf(request).organisation.id, id, meanings);
        return { redirect: `/estate/import/${id}#preview`, flash: 'Meanings saved and remembered for your next import' };
      },
    }),
  );

  app.post('/estate/import/:id/confirm', { config: { access: editors, form: nothing }, schema: { params: importParams } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const id = idOf(request);
    const actor = actorFor(request);
    const imp = await loadImport(db, orgId, id);
    if (!mayImport(identityOf(request), imp.kind)) throw new UserError(`You cannot import ${kindTitles[imp.kind].toLowerCase()}`, { status: 403 });
    if (!String(request.headers.accept ?? '').includes('application/x-ndjson')) {
      return submitForm(request, reply, {
        schema: nothing,
        view: view('preview'),
        context: () => previewPage(request),
        action: async () => ({ redirect: `/estate/import/${id}`, flash: `Imported: ${describeResult(imp.kind, await confirmImport(db, actor, orgId, id))}` }),
      });
    }
    // With JavaScript the page asks for progress as lines of JSON while the one transaction runs.
    const stream = new PassThrough();
    const send = (o: object) => stream.write(`${JSON.stringify(o)}\n`);
    void (async () => {
      try {
        await confirmImport(db, actor, orgId, id, async (done, total) => {
          send({ done, total });
          // Lets the socket send the line even when the database answers synchronously.
          await new Promise((resolve) => setImmediate(resolve));
        });
        send({ finished: true, location: `/estate/import/${id}` });
      } catch (error) {
        send({ error: error instanceof UserError ? error.message : 'The import failed and nothing was written; try again' });
        if (!(error instanceof UserError)) request.log.error({ err: error }, 'import failed');
      } finally {
        stream.end();
      }
    })();
    return reply.type('application/x-ndjson').header('cache-control', 'no-store').send(stream);
  });

  app.post('/estate/import/:id/cancel', { config: { access: editors, form: nothing }, schema: { params: importParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: nothing,
      view: view('preview'),
      context: () => previewPage(request),
      action: async () => {
        await cancelImport(db, actorFor(request), identityOf(request).organisation.id, idOf(request));
        return { redirect: '/estate/import', flash: 'The import was cancelled: nothing was written to the register' };
      },
    }),
  );
}
