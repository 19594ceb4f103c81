import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, platformAbilities } from '../access/abilities.js';
import type { Identity } from '../auth/identity.js';
import { dict, own, type Dict } from '../dict.js';
import { formErrors, pageQuery, submitForm, upload } from '../forms.js';
import { ForbiddenError, NotFoundError, UserError } from '../http/errors.js';
import { actorFor, identityOf } from '../http/request.js';
import { ref } from '../inputs/references.js';
import { line } from '../inputs/text.js';
import { refreshPlannerStatistics } from '../maintenance.js';
import { formatOf, sendSpreadsheet, writeSpreadsheet } from '../spreadsheet.js';
import type { Mapping } from './contract.js';
import { importRecord } from './references.js';
import { cancelImport, confirmImport, importFileRows, importFor, mayImport, previewImport, rowsLeftOut, uploadImport, setChoices } from './service.js';

const view = (name: string) => `platform/imports/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Import from a spreadsheet', href: '/imports' },
];
const importParams = z.object({ id: ref(importRecord) });
const uploadQuery = z.object({ kind: z.union([z.literal(''), line(40)]).optional() });
const uploadForm = z.object({
  kind: line(40, { required: 'Say what the file lists' }),
  file: upload('Choose a CSV or XLSX file to import'),
  strict: z.enum(['yes'], { message: 'Tick the box or leave it' }).optional(),
});
const templateParams = z.object({
  file: line(60)
    .regex(/^[a-z-]+\.(csv|xlsx)$/i, 'There is no such template')
    .meta({ example: 'systems.csv' }),
});
// One form for every step before the import: <field> is the column a field is in (by position),
// word-<field>-<n> a word of the file and means-<field>-<n> what it means, name-<field>-<n> a
// name in the file and match-<field>-<n> the record it is (an id) or 'new', default-<field> what
// rows that do not say are. Field names come from the kind, so any other key is ignored.
const choicesForm = z
  .record(
    line(80).regex(/^([a-zA-Z]+|(word|means|name|match)-[a-zA-Z]+-\d{1,4}|default-[a-zA-Z]+)$/, 'Choose from the lists'),
    z.union([z.literal(''), line(200)]),
  )
  .meta({ example: { identifier: '0', name: '1', 'word-hosting-0': 'on prem', 'means-hosting-0': 'on-premises', 'default-layer': 'line-of-business' } });
/** The choices a posted preview form holds, read by the kind's own field names. */
function choicesOf(body: Record<string, string>, fields: { key: string }[], columns: number) {
  const pairs = (prefix: string, answer: string, skip: (v: string) => boolean) => {
    const chosen = dict<Dict<string>>();
    for (const [name, word] of Object.entries(body)) {
      const m = new RegExp(`^${prefix}-([a-zA-Z]+)-(\\d+)$`).exec(name);
      const value = m ? own(body, `${answer}-${m[1]}-${m[2]}`) : undefined;
      if (!m || typeof value !== 'string' || skip(value)) continue;
      (chosen[m[1]!] ??= dict())[word.slice(0, 200)] = value;
    }
    return chosen;
  };
  const mapped = fields.some((f) => own(body, f.key) !== undefined);
  const mapping: Mapping = dict();
  const defaults = dict<string>();
  for (const f of fields) {
    const column = Number(own(body, f.key) === '' ? -1 : (own(body, f.key) ?? -1));
    mapping[f.key] = Number.isInteger(column) && column >= -1 && column < columns ? column : -1;
    const value = own(body, `default-${f.key}`);
    if (typeof value === 'string' && value !== '') defaults[f.key] = value;
  }
  return {
    mapping: mapped ? mapping : undefined,
    meanings: pairs('word', 'means', (v) => v === '?'),
    matches: pairs('name', 'match', (v) => v === ''),
    defaults: Object.keys(body).some((k) => k.startsWith('default-')) ? defaults : undefined,
  };
}
const nothing = z.object({});
const idOf = (request: FastifyRequest) => (request.params as z.output<typeof importParams>).id;
/** Large imports change what the planner should know about the tables; the refresh runs after the answer, never holding it up. */
const afterLargeWrite = (rows: number, log: FastifyRequest['log']) => async (db: Parameters<typeof refreshPlannerStatistics>[0]) => {
  if (rows >= 5000) void refreshPlannerStatistics(db, { force: true }).catch((err: unknown) => log.warn({ err }, 'could not refresh planner statistics'));
};

/** The platform's import pages, for every kind the modules offer: upload, match columns, confirm meanings, preview, confirm. */
export async function importRoutes(app: FastifyInstance) {
  const { db, imports: kinds } = app.steward;
  const access = platformAbilities.runImports;
  const mine = (identity: Identity) => [...kinds.values()].filter((k) => can(identity, k.ability));

  const uploadPage = (identity: Identity, chosen?: string) => {
    const offered = mine(identity);
    if (!offered.length) throw new ForbiddenError();
    const kind = offered.find((k) => k.name === chosen) ?? offered[0]!;
    return {
      title: 'Import from a spreadsheet',
      breadcrumbs: crumbs.slice(0, 1),
      kind: kind.name,
      kinds: offered.map((k) => ({ value: k.name, text: k.title, checked: k === kind, hint: { text: k.fields.map((f) => f.label).join(', ') } })),
    };
  };

  app.get('/imports', { config: { access, query: uploadQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, uploadQuery);
    const page = uploadPage(identityOf(request), parsed.ok ? parsed.value.kind : undefined);
    return reply.code(parsed.ok ? 200 : 400).render(view('upload'), { ...page, ...(parsed.ok ? {} : { errors: formErrors(parsed.errors) }) });
  });

  app.get('/imports/templates/:file', { config: { access }, schema: { params: templateParams } }, async (request, reply) => {
    const { file } = request.params as z.output<typeof templateParams>;
    const kind = kinds.get(file.replace(/\.(csv|xlsx)$/i, ''));
    const format = formatOf(file);
    if (!kind || !format) throw new NotFoundError('There is no such template');
    mayImport(identityOf(request), kind);
    return sendSpreadsheet(
      reply,
      await writeSpreadsheet(
        format,
        `steward-${kind.name}-template`,
        kind.fields.map((f) => f.label),
        kind.template,
      ),
    );
  });

  app.post('/imports', { config: { access, form: uploadForm, multipart: true } }, async (request, reply) => {
    const typed = own((request.body ?? {}) as Record<string, { value?: unknown }>, 'kind')?.value;
    return submitForm(request, reply, {
      schema: uploadForm,
      view: view('upload'),
      context: () => uploadPage(identityOf(request), typeof typed === 'string' ? typed : undefined),
      action: async (v) => {
        const kind = kinds.get(v.kind);
        if (!kind || !can(identityOf(request), kind.ability)) throw new UserError('Choose what the file lists from the list', { field: 'kind' });
        if (!formatOf(v.file.filename)) {
          throw new UserError('The selected file must be a CSV or XLSX spreadsheet: in Excel, save it as Excel Workbook (.xlsx) or CSV UTF-8', {
            field: 'file',
          });
        }
        const id = await uploadImport(db, actorFor(request), identityOf(request).organisation.id, kind, v.file.filename, v.file.data, {
          strict: v.strict === 'yes',
        });
        return { redirect: `/imports/${id}` };
      },
    });
  });

  const previewPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const preview = await previewImport(db, kinds, identity.organisation.id, idOf(request));
    const imp = preview.import;
    mayImport(identity, imp.kind);
    const fields = imp.kind.fields;
    return {
      title: `Import ${imp.filename}`,
      breadcrumbs: crumbs,
      imp: { id: imp.id, filename: imp.filename, status: imp.status, heading_row: imp.heading_row },
      kindTitle: imp.kind.title,
      home: imp.kind.home,
      done: imp.status !== 'uploaded',
      summary: imp.result ? imp.kind.describe(imp.result) : null,
      mappingRows: fields.map((f) => ({
        key: f.key,
        label: f.label + (f.required ? '' : ' (optional)'),
        items: [
          { value: '-1', text: 'Not in this file' },
          ...imp.headers.map((h, i) => ({ value: String(i), text: h.replace(/^\uFEFF/, '') || `Column ${i + 1}`, selected: own(imp.mapping, f.key) === i })),
        ],
      })),
      choices: preview.checked.choices.map((c) => ({
        ...c,
        words: c.words.map((w, i) => ({
          ...w,
          index: i,
          unmapped: w.value === undefined || w.value === null,
          items: [
            { value: '?', text: 'Choose what it means', selected: w.value === undefined || w.value === null },
            ...Object.entries(c.choices).map(([value, text]) => ({ value, text, selected: w.value === value })),
            { value: '', text: 'Not known', selected: w.value === '' },
          ],
        })),
      })),
      matchColumns: (preview.checked.matches ?? [])
        .map((c) => ({
          ...c,
          words: c.words
            .filter((w) => !w.exact && w.near.length)
            .map((w, i) => ({
              ...w,
              index: i,
              items: [
                { value: '', text: 'Choose', selected: w.chosen === undefined },
                ...w.near.map((n) => ({ value: String(n.id), text: `${n.name} (already recorded)`, selected: w.chosen === String(n.id) })),
                { value: 'new', text: `Add “${w.shown}” as a new ${c.noun}`, selected: w.chosen === 'new' },
              ],
            })),
          added: c.words.filter((w) => !w.exact && !w.near.length).length,
          exact: c.words.filter((w) => w.exact).length,
        }))
        .filter((c) => c.words.length || c.added || c.exact),
      waiting: (preview.checked.matches ?? []).reduce((n, c) => n + c.words.filter((w) => !w.exact && w.near.length && w.chosen === undefined).length, 0),
      defaultRows: fields
        .filter((f) => f.choices)
        .map((f) => ({
          key: f.key,
          label: f.label,
          items: [
            { value: '', text: 'Leave as not known', selected: own(imp.defaults, f.key) === undefined },
            ...Object.entries(f.choices!).map(([value, text]) => ({ value, text, selected: own(imp.defaults, f.key) === value })),
          ],
        })),
      // Only what the file fills: a register kind has nearly thirty fields, most files a dozen.
      shownFields: fields.filter((f) => (own(imp.mapping, f.key) ?? -1) >= 0 || own(imp.defaults, f.key) !== undefined),
      good: preview.good,
      goodCount: preview.checked.good,
      bad: preview.bad,
      badCount: preview.checked.bad,
      updates: preview.checked.updates,
      says: preview.checked.says ?? [],
      strict: !!imp.strict,
      unreadable: preview.unreadable.slice(0, 200),
      unreadableCount: preview.checked.unreadable ?? 0,
      approximate: preview.approximate.slice(0, 100),
      approximateCount: preview.checked.approximate ?? 0,
      unreadableColumns: preview.checked.unreadableColumns ?? [],
      keptAsNotKnown: imp.result?.keptAsNotKnown ?? 0,
    };
  };

  app.get('/imports/:id', { config: { access }, schema: { params: importParams } }, async (request, reply) =>
    reply.render(view('preview'), await previewPage(request)),
  );

  // Every row that cannot be read, with why and what it held, for fixing in the spreadsheet; after confirming too.
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/imports/:id/left-out.${format}`, { config: { access }, schema: { params: importParams } }, async (request, reply) => {
      const identity = identityOf(request);
      const imp = await importFor(db, kinds, identity, idOf(request));
      const headers = imp.headers.map((h) => h.replace(/^\uFEFF/, ''));
      const rows: unknown[][] = [];
      const cells = await importFileRows(db, imp.id);
      for await (const r of rowsLeftOut(db, imp.id))
        rows.push([r.line, r.errors.map((e) => `${e.field}: ${e.reason}`).join('; '), ...(cells[r.line - imp.heading_row - 1] ?? [])]);
      return sendSpreadsheet(reply, await writeSpreadsheet(format, 'rows-left-out', ['Row', 'Why it was left out', ...headers], rows));
    });
  }

  app.post('/imports/:id/choices', { config: { access, form: choicesForm }, schema: { params: importParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: choicesForm,
      view: view('preview'),
      context: () => previewPage(request),
      action: async (body) => {
        const identity = identityOf(request);
        const imp = await importFor(db, kinds, identity, idOf(request));
        await setChoices(db, kinds, actorFor(request), identity.organisation.id, imp.id, choicesOf(body, imp.kind.fields, imp.headers.length));
        return { redirect: `/imports/${imp.id}#preview`, flash: 'Saved: check how each row was read' };
      },
    }),
  );

  app.post('/imports/:id/confirm', { config: { access, form: nothing }, schema: { params: importParams } }, async (request, reply) => {
    const identity = identityOf(request);
    const orgId = identity.organisation.id;
    const imp = await importFor(db, kinds, identity, idOf(request));
    const actor = actorFor(request);
    const after = afterLargeWrite(imp.checked?.good ?? 0, request.log);
    if (!String(request.headers.accept ?? '').includes('application/x-ndjson')) {
      return submitForm(request, reply, {
        schema: nothing,
        view: view('preview'),
        context: () => previewPage(request),
        action: async () => {
          const result = await confirmImport(db, kinds, actor, orgId, imp.id, undefined, after);
          return { redirect: `/imports/${imp.id}`, flash: `Imported: ${imp.kind.describe(result)}` };
        },
      });
    }
    // With JavaScript the page asks for progress as lines of JSON while the one transaction runs.
    const stream = new PassThrough();
    const send = (o: object) => stream.write(`${JSON.stringify(o)}\n`);
    void (async () => {
      try {
        await confirmImport(
          db,
          kinds,
          actor,
          orgId,
          imp.id,
          async (done, total) => {
            send({ done, total });
            // Lets the socket send the line even when the database answers synchronously.
            await new Promise((resolve) => setImmediate(resolve));
          },
          after,
        );
        send({ finished: true, location: `/imports/${imp.id}` });
      } catch (error) {
        send({ error: error instanceof UserError ? error.message : 'The import failed and nothing was written; try again' });
        if (!(error instanceof UserError)) request.log.error({ err: error }, 'import failed');
      } finally {
        stream.end();
      }
    })();
    return reply.type('application/x-ndjson').header('cache-control', 'no-store').send(stream);
  });

  app.post('/imports/:id/cancel', { config: { access, form: nothing }, schema: { params: importParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: nothing,
      view: view('preview'),
      context: () => previewPage(request),
      action: async () => {
        await cancelImport(db, kinds, actorFor(request), identityOf(request).organisation.id, idOf(request));
        return { redirect: '/imports', flash: 'The import was cancelled: nothing was written' };
      },
    }),
  );
}
