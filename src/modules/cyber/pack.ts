import { emptyPack, type PackSection } from '../../platform/index.js';
import { cyber } from './abilities.js';
import { riskRegister } from './risks/service.js';
import { findingsSummary } from './vulnerabilities/summary.js';

/** The risks outside the council's appetite, highest first, for a board pack. */
export const risksPackSection: PackSection = {
  key: 'risks',
  title: 'Top risks outside appetite',
  order: 30,
  access: cyber.readRisks,
  build: async (db, identity, on) => {
    const { risks } = await riskRegister(db, identity.organisation.id, { status: 'open', outside: true }, on);
    const pack = emptyPack();
    if (!risks.length) {
      pack.paragraphs.push('No open risk is outside the council’s appetite.');
      return pack;
    }
    pack.paragraphs.push(
      `${risks.length} open ${risks.length === 1 ? 'risk is' : 'risks are'} outside appetite${risks.length > 10 ? '; the ten highest are below' : ''}.`,
    );
    pack.tables.push({
      caption: 'Risks outside appetite, the highest current score first',
      head: ['Risk', 'Category', 'Score now', 'Appetite', 'Owner'],
      rows: risks
        .slice(0, 10)
        .map((r) => [`${r.reference} ${r.title}`, r.categoryName, String(r.current_score), String(r.appetite), r.owner_name ?? 'No owner']),
      numeric: [2, 3],
    });
    return pack;
  },
};

/** Cyber posture for a board pack: open vulnerability findings by severity and those past their fix-by date. */
export const cyberPackSection: PackSection = {
  key: 'cyber',
  title: 'Cyber posture',
  order: 35,
  access: cyber.readVulnerabilities,
  build: async (db, identity, on) => {
    const { counts, accepted } = await findingsSummary(db, identity.organisation.id, on);
    const severities = Object.keys(counts.open) as (keyof typeof counts.open)[];
    const open = severities.reduce((n, s) => n + Number(counts.open[s] ?? 0), 0);
    const overdue = severities.reduce((n, s) => n + Number(counts.overdue[s] ?? 0), 0);
    const pack = emptyPack();
    pack.paragraphs.push(`${open} open vulnerability findings from the scanner reports, ${overdue} past their fix-by date; ${accepted} accepted as risks.`);
    pack.tables.push({
      caption: 'Open findings by severity',
      head: ['Severity', 'Open', 'Past fix-by date'],
      rows: severities.map((s) => [s.charAt(0).toUpperCase() + s.slice(1), String(counts.open[s] ?? 0), String(counts.overdue[s] ?? 0)]),
      numeric: [1, 2],
    });
    return pack;
  },
};
