// The KPI page at a county's scale: twenty KPIs, thirteen of them worked out live from a million
// tickets (the daily rollup, 100,000 ratings), the estate, cyber, training and people.
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../src/db/database.js';
import { firstOrganisation } from '../src/platform/organisations/service.js';
import { systemActor } from '../src/platform/index.js';
import '../src/modules/index.js';
import { addKpi, recordReading } from '../src/modules/kpis/service.js';
import type { KpiInput } from '../src/modules/kpis/schemas.js';
import { generateTickets } from './tickets.js';
import { load, signInWithForm, startServer, type Row } from './lib.js';

const computed = [
  'service-desk.satisfaction',
  'service-desk.first-contact',
  'service-desk.hours-to-resolve',
  'service-desk.major-incident-minutes',
  'service-desk.sla-1',
  'service-desk.sla-2',
  'service-desk.sla-3',
  'service-desk.sla-4',
  'estate.past-end-of-support',
  'estate.tier-1-availability',
  'estate.contract-decisions',
  'cyber.overdue-vulnerabilities',
  'cyber.caf-outcomes-meeting-profile',
  'training.coverage',
  'people.vacancy-rate',
];

export async function kpiBench(tickets: number, seconds: number): Promise<Row[]> {
  const data = await generateTickets(tickets);
  const file = path.join(data.dataDir, 'steward.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // One rating for every tenth ticket, across the tickets' own days.
  const rated = sqlite
    .prepare(
      `insert into ticket_ratings (ticket_id, organisation_id, person_id, score, comment, at)
       select id, organisation_id, requester_id, 1 + (id % 5), '', created_at from tickets where id % 10 = 0`,
    )
    .run().changes;
  sqlite.close();
  console.log(`  rated ${rated.toLocaleString('en-GB')} tickets`);

  const database = await openDatabase({ sqliteFile: file });
  const org = (await firstOrganisation(database.db))!;
  const actor = systemActor('bench', org.id);
  const base = { name: '', tolerance: 1, period: 'month', owner: 'Bench owner', userOutcome: false, source: '', target: 50 } as const;
  for (const measure of computed)
    await addKpi(database.db, actor, org.id, {
      ...base,
      measure,
      target: measure.endsWith('satisfaction') ? 4 : measure.includes('contract') ? 3 : 50,
    } as KpiInput);
  const month = new Date().toISOString().slice(0, 7);
  for (let i = 0; i < 5; i++) {
    const id = await addKpi(database.db, actor, org.id, {
      ...base,
      measure: 'manual',
      name: `Bench figure from outside ${i}`,
      unit: '%',
      direction: 'up',
      source: 'Bench survey',
    } as KpiInput);
    await recordReading(database.db, actor, org.id, id, { month, value: 60 + i, note: '' });
  }
  await database.close();

  const server = await startServer('steward-existing', { STEWARD_DATA_DIR: data.dataDir });
  try {
    const url = `http://127.0.0.1:${server.port}`;
    const cookie = await signInWithForm(url, 'bench.admin@county.example', 'bench-admin-passphrase');
    const headers = { cookie };
    return [
      await load(
        `KPI page: 20 KPIs, 15 worked out live from ${tickets.toLocaleString('en-GB')} tickets, the estate, cyber, training and people`,
        `${url}/kpis`,
        {
          seconds,
          headers,
          target: 'p95 ≤ 100 ms',
          connections: 1,
        },
      ),
      await load('KPIs in the API, with each one’s history', `${url}/api/v1/kpis`, { seconds, headers, target: 'p95 ≤ 100 ms', connections: 1 }),
    ];
  } finally {
    server.child.kill();
  }
}
