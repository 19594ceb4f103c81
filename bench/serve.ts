// A server for the benchmark, in its own process so the load generator does not share its event loop.
//   steward: the real app on a fresh SQLite file with the demo council
//   bare:    a bare Fastify route rendering the same home page layout, with no database work
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { prepare } from '../src/startup.js';
import { createViewEnvironment } from '../src/platform/views/render.js';
import { areas } from '../src/modules/areas/index.js';

const mode = process.argv[2];

async function steward() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-'));
  const config = loadConfig({ STEWARD_DATA_DIR: dataDir, LOG_LEVEL: 'silent', STEWARD_PASSWORD_COST: '12' });
  const { database } = await prepare(config, { info: () => undefined });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

/** The real app on data a benchmark generated: STEWARD_DATA_DIR or DATABASE_URL from the environment. */
async function existing() {
  const config = loadConfig({ ...process.env, STEWARD_DEMO: '0', LOG_LEVEL: 'silent' });
  const { database } = await prepare(config, { info: () => undefined });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

async function bare() {
  const env = createViewEnvironment();
  const app = Fastify({ logger: false });
  const identity = {
    person: { id: 1, email: 'priya.shah@eastwold.example', displayName: 'Priya Shah' },
    organisation: { id: 1, name: 'Eastwold Council (demo)', type: 'unitary', isDemo: true },
    role: 'admin',
    via: 'session',
  };
  const navigation = [
    { text: 'Home', href: '/', active: true },
    ...areas.map((a) => ({ text: a.name, href: `/${a.slug}` })),
    { text: 'Administration', href: '/admin' },
  ];
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      env.render('modules/home/views/home.njk', {
        identity,
        navigation,
        organisationCount: 1,
        csrfToken: 'x'.repeat(40),
        cspNonce: 'n'.repeat(32),
        currentPath: '/',
        title: 'Home',
        areas,
        isAdmin: true,
      }),
    ),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

const port = mode === 'bare' ? await bare() : mode === 'steward-existing' ? await existing() : await steward();
process.stdout.write(`PORT ${port}\n`);
// Exit cleanly on a signal, so that `node --cpu-prof` can write its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
