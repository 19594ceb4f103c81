// `npm run bench [-- --quick]`: measures Steward through the real HTTP stack on loopback, prints a
// table and writes docs/benchmarks.md. Every later benchmark joins the list of suites below.
import fs from 'node:fs';
import path from 'node:path';
import { machine, root, table, type Row } from './lib.js';
import { pageFloor } from './pages.js';

const quick = process.argv.includes('--quick');
const seconds = quick ? 3 : 10;

const suites: { name: string; run: () => Promise<Row[]> }[] = [{ name: 'Page floor', run: () => pageFloor(seconds) }];

const sections: string[] = [];
for (const suite of suites) {
  console.log(`\n${suite.name}`);
  const rows = await suite.run();
  const text = table(rows);
  console.log(text);
  sections.push(`## ${suite.name}\n\n${text}`);
}

const doc = `# Benchmarks

Measured by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: autocannon on loopback, 10 connections,
${seconds} s per row, the server in its own process. p50 and p95 are computed from every response's latency.

Machine: ${machine()}.

${sections.join('\n\n')}
`;
fs.writeFileSync(path.join(root, 'docs/benchmarks.md'), doc);
console.log('\nWritten to docs/benchmarks.md');
