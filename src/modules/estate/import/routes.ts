import type { FastifyInstance } from 'fastify';
import { actorFor, formErrors, identityOf, idParam, multipartFile, toCsv, UserError, type Role } from '../../../platform/index.js';
import { importFields, type Mapping } from './rows.js';
import { cancelImport, confirmImport, loadImport, previewImport, setMapping, uploadImport } from './service.js';

const editors: readonly Role[] = ['agent', 'manager', 'admin'];
const view = (name: string) => `modules/estate/import/views/${name}.njk`;
const crumbs = [{ text: 'Home', href: '/' }, { text: 'Tech estate', href: '/estate' }, { text: 'Import', href: '/estate/import' }];

export async function importRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/estate/import', { config: { access: editors } }, async (_request, reply) =>
    reply.render(view('upload'), { title: 'Import systems from a spreadsheet', breadcrumbs: crumbs.slice(0, 2), fields: importFields }),
  );

  app.get('/estate/import/template.csv', { config: { access: editors } }, async (_request, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="steward-systems-template.csv"')
      .send(toCsv(importFields.map((f) => f.label), [['APP-001', 'Revenues and benefits', 'Application', 'Line of business', 'Mission IT', 'On premises', 'Northway Software', 'Revenues', '5.2', '31/03/2027', 'Migrate', 'Critical', '180', '£310,000', 'SRV-001; DB-001']])),
  );

  app.post('/estate/import', { config: { access: editors } }, async (request, reply) => {
    const file = await multipartFile(request.body, 'file');
    try {
      if (!file) throw new UserError('Choose a CSV file to import', { field: 'file' });
      if (!/\.csv$/i.test(file.filename)) throw new UserError('The selected file must be a CSV file: in Excel, use File › Save as › CSV UTF-8', { field: 'file' });
      const id = await uploadImport(db, actorFor(request), identityOf(request).organisation.id, file.filename, file.data);
      return reply.redirect(`/estate/import/${id}`, 303);
    } catch (error) {
      if (error instanceof UserError && error.status < 500) {
        return reply.code(400).render(view('upload'), { title: 'Import systems from a spreadsheet', breadcrumbs: crumbs.slice(0, 2), fields: importFields, errors: formErrors(error.fieldErrors, error.message) });
      }
      throw error;
    }
  });

  app.get('/estate/import/:id', { config: { access: editors } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const id = idParam((request.params as { id: string }).id);
    const preview = await previewImport(db, orgId, id);
    const imp = preview.import;
    return reply.render(view('preview'), {
      title: `Import ${imp.filename}`,
      breadcrumbs: crumbs,
      imp,
      done: imp.status !== 'uploaded',
      result: imp.result_json ? JSON.parse(imp.result_json) : null,
      mappingRows: importFields.map((f) => ({
        key: f.key,
        label: f.label + (f.required ? '' : ' (optional)'),
        items: [{ value: '-1', text: 'Not in this file' }, ...imp.headers.map((h, i) => ({ value: String(i), text: h.replace(/^\uFEFF/, '') || `Column ${i + 1}`, selected: imp.mapping[f.key] === i }))],
      })),
      fields: importFields,
      good: preview.good.slice(0, 100),
      goodCount: preview.good.length,
      bad: preview.bad.slice(0, 500),
      badCount: preview.bad.length,
      updates: preview.updates,
    });
  });

  app.post('/estate/import/:id/mapping', { config: { access: editors } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const id = idParam((request.params as { id: string }).id);
    const body = (request.body ?? {}) as Record<string, string>;
    const imp = await loadImport(db, orgId, id);
    const mapping: Mapping = {};
    for (const f of importFields) {
      const n = Number(body[f.key] ?? -1);
      mapping[f.key] = Number.isInteger(n) && n >= -1 && n < imp.headers.length ? n : -1;
    }
    await setMapping(db, actorFor(request), orgId, id, mapping);
    reply.flash('Columns saved: check how each row was read');
    return reply.redirect(`/estate/import/${id}#preview`, 303);
  });

  app.post('/estate/import/:id/confirm', { config: { access: editors } }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    const result = await confirmImport(db, actorFor(request), identityOf(request).organisation.id, id);
    const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
    reply.flash(`Imported: ${n(result.added, 'system', 'systems')} added, ${result.updated} updated, ${n(result.relationships, 'dependency', 'dependencies')}; ${n(result.skipped, 'row', 'rows')} left out`);
    return reply.redirect(`/estate/import/${id}`, 303);
  });

  app.post('/estate/import/:id/cancel', { config: { access: editors } }, async (request, reply) => {
    await cancelImport(db, actorFor(request), identityOf(request).organisation.id, idParam((request.params as { id: string }).id));
    reply.flash('The import was cancelled: nothing was written to the register');
    return reply.redirect('/estate/import', 303);
  });
}
