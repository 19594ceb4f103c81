// `npm run bench [-- --quick]`: measures Steward through the real HTTP stack on loopback, prints a
// table and writes docs/benchmarks.md. Every later benchmark joins the list of suites below.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine, root, table, type Row } from './lib.js';
import { pageFloor } from './pages.js';
import { serviceDeskBench } from './tickets.js';
import { freshPostgres } from './postgres.js';
import { estateBench } from './estate.js';
import { firstStartBench } from './first-start.js';
import { cyberBench } from './cyber.js';
import { vulnerabilityBench } from './vulnerabilities.js';
import { peopleBench } from './people.js';
import { strategyBench } from './strategy.js';
import { kpiBench } from './kpis.js';
import { boardsBench } from './boards.js';
import { costBench } from './budget.js';
import { statusBench } from './status.js';
import { knowledgeBench } from './knowledge.js';
import { mailInBench } from './mail-in.js';
import { problemsBench } from './problems.js';
import { changesBench } from './changes.js';

const quick = process.argv.includes('--quick');
const seconds = quick ? 3 : 10;

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const sqliteTickets = quick ? 100_000 : 1_000_000;
const postgresTickets = quick ? 10_000 : 1_000_000;

const suites: { name: string; run: () => Promise<Row[]> }[] = [
  { name: 'First start', run: () => firstStartBench({ withNpmCi: !quick }) },
  { name: 'Page floor', run: () => pageFloor(seconds) },
  { name: `Service desk, SQLite, ${sqliteTickets.toLocaleString('en-GB')} tickets`, run: () => serviceDeskBench(sqliteTickets, seconds, 'SQLite') },
  {
    name: `Service desk, PostgreSQL, ${postgresTickets.toLocaleString('en-GB')} tickets`,
    run: async () => {
      const pg = await freshPostgres();
      if (!pg) return [];
      try {
        return await serviceDeskBench(postgresTickets, seconds, 'PostgreSQL', pg.url);
      } finally {
        await pg.drop();
      }
    },
  },
  { name: 'Tech estate impact, SQLite, 5,000 systems', run: () => estateBench(5_000, seconds, { quick, impactOnly: true }) },
  ...(quick ? [] : [{ name: 'Tech estate, SQLite, 50,000 systems', run: () => estateBench(50_000, seconds) }]),
  { name: 'Cyber assessments, SQLite, the demo council', run: () => cyberBench(seconds) },
  { name: 'People and skills, SQLite, 300 people and 188 skills', run: () => peopleBench(seconds) },
  { name: 'Strategy and the roadmap, SQLite, 500 projects', run: () => strategyBench(seconds) },
  { name: `KPIs, SQLite, ${sqliteTickets.toLocaleString('en-GB')} tickets`, run: () => kpiBench(sqliteTickets, seconds) },
  { name: 'The board pack, SQLite, the demo council', run: () => boardsBench(seconds) },
  { name: 'Cost per council service, SQLite, 50,000 systems and 10,000 contracts', run: () => costBench(seconds) },
  { name: 'The public status page and its subscribers, SQLite, the demo council', run: () => statusBench(seconds) },
  { name: 'Knowledge suggestions, SQLite, the demo council', run: () => knowledgeBench(seconds) },
  { name: 'Email to the service desk, SQLite, 500 staff', run: () => mailInBench() },
  { name: 'Problems and known errors, SQLite, the demo council', run: () => problemsBench(seconds) },
  { name: 'Changes and the calendar, SQLite, 10,000 changes and 50,000 systems', run: () => changesBench(seconds) },
  { name: `Vulnerabilities, SQLite, ${quick ? '100,000' : '1,000,000'} findings`, run: () => vulnerabilityBench(seconds, { quick }) },
].filter((s) => !only || s.name.toLowerCase().includes(only.toLowerCase()));

const sections: string[] = [];
for (const suite of suites) {
  console.log(`\n${suite.name}`);
  const before = os.loadavg()[0]!;
  const rows = await suite.run();
  // Other work on the machine slows every row alike; say how busy it was.
  const busy = `Load average (1 min) at the start ${before.toFixed(1)}, at the end ${os.loadavg()[0]!.toFixed(1)}, on ${os.cpus().length} cores.`;
  const text = table(rows);
  console.log(text);
  console.log(busy);
  sections.push(`## ${suite.name}\n\n${busy}\n\n${text}`);
}

const doc = `# Benchmarks

Measured by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: autocannon on loopback, ${seconds} s per row, the server in
its own process. Rows with a latency target use one connection (the latency one person sees); the others use ten
(throughput). p50 and p95 are computed from every response's latency. Bench data is generated in bulk, not demo data.

Machine: ${machine()}.

${sections.join('\n\n')}
`;
const file = path.join(root, 'docs/benchmarks.md');
if (only && fs.existsSync(file)) {
  // A partial run replaces only its own sections, keeping the others' figures.
  let existing = fs.readFileSync(file, 'utf8');
  for (const section of sections) {
    const heading = section.split('\n')[0]!;
    const start = existing.indexOf(heading);
    if (start === -1) existing = `${existing.trimEnd()}\n\n${section}\n`;
    else {
      const next = existing.indexOf('\n## ', start + heading.length);
      existing = existing.slice(0, start) + section + (next === -1 ? '\n' : `\n${existing.slice(next)}`);
    }
  }
  fs.writeFileSync(file, existing);
  console.log('\nUpdated these sections of docs/benchmarks.md');
} else {
  fs.writeFileSync(file, doc);
  console.log('\nWritten to docs/benchmarks.md');
}
