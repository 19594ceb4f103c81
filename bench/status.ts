// The public status page under load (50 connections on the demo council's page, kept in memory),
// and one status change told to 10,000 subscribers: into the outbox, then out through a local
// SMTP server. Subscribers are bench data, written in bulk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.js';
import { prepare } from '../src/startup.js';
import { firstOrganisation } from '../src/platform/organisations/service.js';
import { drainOutbox, insertMany, smtpMailer, systemActor } from '../src/platform/index.js';
import { savePublicPage } from '../src/modules/communications/public-pages.js';
import { reportIncident, saveComponent } from '../src/modules/communications/status.js';
import { load, startServer, type Row } from './lib.js';

export async function statusBench(seconds: number, subscribers = 10_000): Promise<Row[]> {
  const rows: Row[] = [];
  const steward = await startServer('steward');
  try {
    const page = `http://127.0.0.1:${steward.port}/status/eastwold`;
    await load('warm-up', page, { seconds: 2, connections: 50 });
    rows.push(await load('public status page, 20 components, 50 connections', page, { seconds, connections: 50, target: '≥ 2,000 requests/s' }));
    rows.push(await load('public status page in Welsh, 50 connections', `${page}?lang=cy`, { seconds, connections: 50, target: '≥ 2,000 requests/s' }));
    rows.push(
      await load('public status page as browsers ask for it (gzip), 50 connections', page, {
        seconds,
        connections: 50,
        headers: { 'accept-encoding': 'gzip, deflate, br' },
        target: '≥ 2,000 requests/s',
      }),
    );
    rows.push(await load('its JSON summary, 50 connections', `${page}/summary.json`, { seconds, connections: 50 }));
  } finally {
    steward.child.kill();
  }
  rows.push(...(await fanOut(subscribers)));
  return rows;
}

async function fanOut(subscribers: number): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-status-'));
  const config = loadConfig({
    STEWARD_DATA_DIR: dataDir,
    STEWARD_DEMO: '0',
    LOG_LEVEL: 'silent',
    STEWARD_ADMIN_EMAIL: 'status.admin@county.example',
    STEWARD_ADMIN_PASSWORD: 'bench-admin-passphrase',
    STEWARD_PASSWORD_COST: '10',
  });
  const { database } = await prepare(config, { info: () => undefined });
  const db = database.db;
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  try {
    const org = (await firstOrganisation(db))!;
    const actor = systemActor('bench', org.id);
    await savePublicPage(db, actor, org.id, {
      shortName: 'county',
      name: 'Bench County Council',
      nameCy: '',
      about: '',
      aboutCy: '',
      colour: '#005a8c',
      welsh: true,
    });
    const component = await saveComponent(db, actor, org.id, {
      name: 'Council website',
      nameCy: 'Gwefan y cyngor',
      description: '',
      descriptionCy: '',
      group: '',
      groupCy: '',
      serviceId: null,
      systemId: null,
      public: true,
    });
    const now = new Date().toISOString();
    await insertMany(
      db,
      'status_subscribers',
      Array.from({ length: subscribers }, (_, i) => ({
        organisation_id: org.id,
        email: `resident${i}@bench.example`,
        lang: i % 5 === 0 ? ('cy' as const) : ('en' as const),
        all_components: 1,
        confirm_hash: null,
        unsubscribe_token: `bench-token-${i}-${Math.random().toString(36).slice(2)}`,
        confirmed_at: now,
        created_at: now,
      })),
    );
    const started = performance.now();
    await reportIncident(db, actor, org.id, {
      title: 'Council website not loading',
      titleCy: 'Gwefan y cyngor ddim yn llwytho',
      impact: 'major',
      componentIds: [component],
      state: 'investigating',
      body: 'The website is not loading. Please call us on 01632 960 000 meanwhile.',
      bodyCy: '',
      internalNote: '',
      public: true,
    });
    const queuedMs = performance.now() - started;
    const queued = Number(
      (
        await db
          .selectFrom('outbox')
          .where('kind', '=', 'status-update')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (queued !== subscribers) throw new Error(`bench: ${queued} emails queued for ${subscribers} subscribers`);

    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const mailer = smtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'Bench <status@bench.example>');
    const sending = performance.now();
    while (received < subscribers) {
      const sent = await drainOutbox(db, database.dialect, mailer, 60_000, 200);
      if (sent === 0 && received < subscribers) throw new Error(`bench: the outbox stopped with ${received} of ${subscribers} received`);
    }
    const sentMs = performance.now() - sending;
    mailer.close!();
    const figure = (ms: number) => Number(ms.toFixed(0));
    return [
      {
        operation: `a status change told to ${subscribers.toLocaleString('en-GB')} subscribers: every email in the outbox (ms, in the change’s own transaction)`,
        requestsPerSecond: Math.round(subscribers / (queuedMs / 1000)),
        p50: figure(queuedMs),
        p95: figure(queuedMs),
        target: '≤ 60 s; requests/s here is emails/s',
      },
      {
        operation: `the same ${subscribers.toLocaleString('en-GB')} emails out through a local SMTP server (ms, one pooled connection)`,
        requestsPerSecond: Math.round(subscribers / (sentMs / 1000)),
        p50: figure(sentMs),
        p95: figure(sentMs),
        target: 'no target; requests/s here is emails/s',
      },
    ];
  } finally {
    await new Promise<void>((resolve) => smtp.close(resolve));
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
