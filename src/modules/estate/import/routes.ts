import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import {
  actorFor,
  dict,
  own,
  formatOf,
  formErrors,
  identityOf,
  idParam,
  multipartFields,
  multipartFile,
  NotFoundError,
  sendSpreadsheet,
  UserError,
  writeSpreadsheet,
  type Role,
} from '../../../platform/index.js';
import { fieldsOf, importKinds, kindTitles, templateRows, type ImportKind } from './fields.js';
import type { Mapping, ValueMaps } from './rows.js';
import { cancelImport, confirmImport, describeResult, loadImport, previewImport, readImport, setMapping, setValueMeanings, uploadImport } from './service.js';

const editors: readonly Role[] = ['agent', 'manager', 'admin'];
const view = (name: string) => `modules/estate/import/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Tech estate', href: '/estate' },
  { text: 'Import', href: '/estate/import' },
];
const isKind = (v: unknown): v is ImportKind => typeof v === 'string' && (importKinds as readonly string[]).includes(v);

const uploadPage = (kind: ImportKind, errors?: unknown) => ({
  title: 'Import from a spreadsheet',
  breadcrumbs: crumbs.slice(0, 2),
  kind,
  kinds: importKinds.map((k) => ({ value: k, text: kindTitles[k], checked: k === kind, hint: { text: fieldsOf[k].map((f) => f.label).join(', ') } })),
  errors,
});

export async function importRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/estate/import', { config: { access: editors } }, async (request, reply) => {
    const kind = (request.query as Record<string, string>).kind;
    return reply.render(view('upload'), uploadPage(isKind(kind) ? kind : 'systems'));
  });

  app.get('/estate/import/templates/:file', { config: { access: editors } }, async (request, reply) => {
    const file = (request.params as { file: string }).file;
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

  app.post('/estate/import', { config: { access: editors } }, async (request, reply) => {
    const fields = multipartFields(request.body);
    const kind = isKind(fields.kind) ? fields.kind : 'systems';
    const file = await multipartFile(request.body, 'file');
    try {
      if (!file || !file.filename) throw new UserError('Choose a CSV or XLSX file to import', { field: 'file' });
      if (!formatOf(file.filename))
        throw new UserError('The selected file must be a CSV or XLSX spreadsheet: in Excel, save it as Excel Workbook (.xlsx) or CSV UTF-8', { field: 'file' });
      const id = await uploadImport(db, actorFor(request), identityOf(request).organisation.id, kind, file.filename, file.data);
      // The upload page's script sends the file itself to show its progress, and is told where to go.
      if (String(request.headers.accept ?? '').startsWith('application/json')) return reply.code(201).send({ location: `/estate/import/${id}` });
      return reply.redirect(`/estate/import/${id}`, 303);
    } catch (error) {
      if (error instanceof UserError && error.status < 500)
        return reply.code(400).render(view('upload'), uploadPage(kind, formErrors(error.fieldErrors, error.message)));
      throw error;
    }
  });

  app.get('/estate/import/:id', { config: { access: editors } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const preview = await previewImport(db, orgId, idParam((request.params as { id: string }).id));
    const imp = preview.import;
    const fields = fieldsOf[imp.kind];
    const shownFields = fields;
    return reply.render(view('preview'), {
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
    });
  });

  // Every row that cannot be read, with why and what it held, for fixing in the spreadsheet.
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/estate/import/:id/left-out.${format}`, { config: { access: editors } }, async (request, reply) => {
      const preview = await readImport(db, identityOf(request).organisation.id, idParam((request.params as { id: string }).id));
      const headers = preview.import.headers.map((h) => h.replace(/^\uFEFF/, ''));
      const rows = preview.bad.map((r) => [r.line, r.errors.map((e) => `${e.field}: ${e.reason}`).join('; '), ...(preview.import.rows[r.line - 2] ?? [])]);
      return sendSpreadsheet(reply, await writeSpreadsheet(format, 'rows-left-out', ['Row', 'Why it was left out', ...headers], rows));
    });
  }

  app.post('/estate/import/:id/mapping', { config: { access: editors } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const id = idParam((request.params as { id: string }).id);
    const body = (request.body ?? {}) as Record<string, string>;
    const imp = await loadImport(db, orgId, id);
    const mapping: Mapping = dict();
    for (const f of fieldsOf[imp.kind]) {
      const column = Number(own(body, f.key) ?? -1);
      mapping[f.key] = Number.isInteger(column) && column >= -1 && column < imp.headers.length ? column : -1;
    }
    await setMapping(db, actorFor(request), orgId, id, mapping);
    reply.flash('Columns saved: check how each row was read');
    return reply.redirect(`/estate/import/${id}#values`, 303);
  });

  app.post('/estate/import/:id/values', { config: { access: editors } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const id = idParam((request.params as { id: string }).id);
    const body = (request.body ?? {}) as Record<string, string>;
    const meanings: ValueMaps = dict();
    for (const [name, word] of Object.entries(body)) {
      const m = /^word-([a-zA-Z]+)-(\d+)$/.exec(name);
      const means = m ? own(body, `means-${m[1]}-${m[2]}`) : undefined;
      if (!m || typeof word !== 'string' || typeof means !== 'string' || means === '?') continue;
      (meanings[m[1]!] ??= dict())[word.slice(0, 200)] = means;
    }
    await setValueMeanings(db, actorFor(request), orgId, id, meanings);
    reply.flash('Meanings saved and remembered for your next import');
    return reply.redirect(`/estate/import/${id}#preview`, 303);
  });

  app.post('/estate/import/:id/confirm', { config: { access: editors } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const id = idParam((request.params as { id: string }).id);
    const actor = actorFor(request);
    if (!String(request.headers.accept ?? '').includes('application/x-ndjson')) {
      const imp = await loadImport(db, orgId, id);
      reply.flash(`Imported: ${describeResult(imp.kind, await confirmImport(db, actor, orgId, id))}`);
      return reply.redirect(`/estate/import/${id}`, 303);
    }
    // With JavaScript the page asks for progress as lines of JSON while the one transaction runs.
    const stream = new PassThrough();
    const line = (o: object) => stream.write(`${JSON.stringify(o)}\n`);
    void (async () => {
      try {
        await confirmImport(db, actor, orgId, id, async (done, total) => {
          line({ done, total });
          // Lets the socket send the line even when the database answers synchronously.
          await new Promise((resolve) => setImmediate(resolve));
        });
        line({ finished: true, location: `/estate/import/${id}` });
      } catch (error) {
        line({ error: error instanceof UserError ? error.message : 'The import failed and nothing was written; try again' });
        if (!(error instanceof UserError)) request.log.error({ err: error }, 'import failed');
      } finally {
        stream.end();
      }
    })();
    return reply.type('application/x-ndjson').header('cache-control', 'no-store').send(stream);
  });

  app.post('/estate/import/:id/cancel', { config: { access: editors } }, async (request, reply) => {
    await cancelImport(db, actorFor(request), identityOf(request).organisation.id, idParam((request.params as { id: string }).id));
    reply.flash('The import was cancelled: nothing was written to the register');
    return reply.redirect('/estate/import', 303);
  });
}
