import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { publicDir } from '../paths.js';

export async function systemRoutes(app: FastifyInstance) {
  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn' }, async (_request, reply) => {
    const ok = await app.steward.database.ping();
    return reply.code(ok ? 200 : 503).send(ok ? { status: 'ok' } : { status: 'unavailable', detail: 'The database is not answering' });
  });

  app.get('/assets/*', { config: { access: 'public' }, logLevel: 'warn' }, async (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    const resolved = path.resolve(publicDir, file);
    if (!resolved.startsWith(publicDir + path.sep)) return reply.callNotFound();
    return reply.header('cache-control', 'public, max-age=3600').sendFile(path.relative(publicDir, resolved), publicDir);
  });

  app.get('/favicon.ico', { config: { access: 'public' }, logLevel: 'warn' }, async (_request, reply) => reply.redirect('/assets/images/favicon.svg', 301));

  app.get('/accessibility', { config: { access: 'public' } }, async (_request, reply) =>
    reply.render('platform/views/pages/accessibility.njk', { title: 'Accessibility statement' }),
  );
}
