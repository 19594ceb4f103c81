// Mail to the service desk: 1,000 emails sent over SMTP to Steward's receiver, as a council's mail
// system forwards them (four connections at once), each kept, read and made into a ticket or a
// reply before it is acknowledged. Staff are bench data, written in bulk; the mails are a mix of
// new problems, replies to earlier ones, attachments and out-of-office replies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { loadConfig } from '../src/config.js';
import { prepare } from '../src/startup.js';
import { firstOrganisation } from '../src/platform/organisations/service.js';
import { insertMany, startMailReceiver, systemActor } from '../src/platform/index.js';
import { saveMailInSettings, serviceDeskMail } from '../src/modules/service-desk/mail-in/service.js';
import type { Row } from './lib.js';

const subjects = [
  'Printer on floor 2 jamming',
  'Cannot open the planning portal',
  'Laptop will not charge',
  'Outlook keeps asking for my password',
  'VPN drops every hour',
];
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40_000, 7)]);

export async function mailInBench(mails = 1_000, connections = 4): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-mail-in-'));
  const config = loadConfig({
    STEWARD_DATA_DIR: dataDir,
    STEWARD_DEMO: '0',
    LOG_LEVEL: 'silent',
    STEWARD_ADMIN_EMAIL: 'mail.admin@county.example',
    STEWARD_ADMIN_PASSWORD: 'bench-admin-passphrase',
    STEWARD_PASSWORD_COST: '10',
  });
  const { database } = await prepare(config, { info: () => undefined });
  const db = database.db;
  const ownAddress = 'County IT <servicedesk@county.example>';
  const org = (await firstOrganisation(db))!;
  await saveMailInSettings(db, systemActor('bench', org.id), org.id, { address: 'servicedesk@county.example', unknownSenders: 'refuse', allowedDomains: '' });
  const now = new Date().toISOString();
  const staff = Array.from({ length: 500 }, (_, i) => `officer${i}@county.example`);
  await insertMany(
    db,
    'people',
    staff.map((email, i) => ({ email, display_name: `Officer ${i}`, password_hash: null, created_at: now, updated_at: now })),
  );
  const ids = await db.selectFrom('people').where('email', 'in', staff).select(['id', 'email']).execute();
  await insertMany(
    db,
    'memberships',
    ids.map((p) => ({ person_id: p.id, organisation_id: org.id, role: 'requester' as const, active: 1, created_at: now, updated_at: now })),
  );
  const receiver = await startMailReceiver(db, serviceDeskMail, {
    port: 0,
    host: '127.0.0.1',
    maxBytes: 25 * 1024 * 1024,
    ownAddress,
    log: { warn: () => undefined },
  });
  const transports = Array.from({ length: connections }, () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, ignoreTLS: true, pool: true, maxConnections: 1 }),
  );
  const times: number[] = [];
  const started = performance.now();
  // Replies answer the ticket their sender's first mail raised, found once the first round is in.
  const ticketOf = new Map<string, string>();
  const sendRange = async (from: number, to: number) => {
    let next = from;
    await Promise.all(
      transports.map(async (transport) => {
        while (next < to) {
          const i = next++;
          const sender = staff[i % staff.length]!;
          const answers = i % 5 === 0 ? ticketOf.get(sender) : undefined;
          const message: SendMailOptions = {
            from: sender,
            to: 'servicedesk@county.example',
            subject: answers ? `RE: ${answers}: ${subjects[i % subjects.length]}` : `${subjects[i % subjects.length]} (${i})`,
            text: `Hello,\n\nThis has happened again this morning at the Civic Centre. Ticket ${i}.\n\nThanks`,
            ...(i % 10 === 3 ? { attachments: [{ filename: 'screenshot.png', content: png }] } : {}),
            ...(i % 20 === 7 ? { headers: { 'Auto-Submitted': 'auto-replied' }, subject: 'Automatic reply: away until Monday' } : {}),
          };
          const t0 = performance.now();
          await transport.sendMail(message);
          times.push(performance.now() - t0);
        }
      }),
    );
  };
  try {
    const firstRound = Math.min(mails, staff.length);
    await sendRange(0, firstRound);
    const raised = await db
      .selectFrom('tickets as t')
      .innerJoin('people as p', 'p.id', 't.requester_id')
      .where('t.organisation_id', '=', org.id)
      .select(['p.email', 't.reference'])
      .execute();
    for (const r of raised) ticketOf.set(r.email, r.reference);
    await sendRange(firstRound, mails);
  } finally {
    for (const t of transports) t.close();
    await receiver.close();
  }
  const totalMs = performance.now() - started;
  const outcome = await db
    .selectFrom('inbound_mails')
    .select(['status', (e) => e.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const counts = Object.fromEntries(outcome.map((o) => [o.status, Number(o.n)]));
  const readCount = (counts.ticket ?? 0) + (counts.reply ?? 0) + (counts.dropped ?? 0);
  if (readCount !== mails) throw new Error(`bench: ${readCount} of ${mails} mails read (${JSON.stringify(counts)})`);
  times.sort((a, b) => a - b);
  const pct = (p: number) => Number(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(1));
  return [
    {
      operation: `${mails.toLocaleString('en-GB')} emails into the desk over SMTP, ${connections} connections: ${counts.ticket ?? 0} tickets, ${counts.reply ?? 0} replies, ${counts.dropped ?? 0} auto-replies dropped, in ${(totalMs / 1000).toFixed(1)} s (per-mail latency below)`,
      requestsPerSecond: Math.round(mails / (totalMs / 1000)),
      p50: pct(50),
      p95: pct(95),
      target: `${mails.toLocaleString('en-GB')} in ≤ 30 s`,
    },
  ];
}
