import { emptyPack, money, type PackSection } from '../../platform/index.js';
import { budget } from './abilities.js';
import { financialYearOf, yearName } from './rules.js';
import { budgetOf } from './service.js';

const signed = (n: number) => `${n > 0 ? '+' : ''}${money(n)}`;

/** The budget's variance for a board pack: the year's totals and the lines forecast to overspend. */
export const budgetPackSection: PackSection = {
  key: 'budget',
  title: 'Budget variance',
  order: 50,
  access: budget.read,
  build: async (db, identity, on) => {
    const fy = financialYearOf(on);
    const b = await budgetOf(db, identity.organisation.id, fy);
    if (!b.lines.length) return null;
    const pack = emptyPack();
    pack.paragraphs.push(
      `${yearName(fy)}, ${b.elapsed} of 12 months in the ledger: forecast outturn ${money(b.total.outturn)} against a budget of ${money(b.total.budget)} (${signed(b.total.variance)}); savings ${money(b.total.savingsAchieved)} of ${money(b.total.savingsPlanned)}.`,
    );
    const row = (label: string, t: typeof b.total) => [label, money(t.budget), money(t.actual), money(t.outturn), signed(t.variance)];
    pack.tables.push({
      caption: 'Against the budget',
      head: ['', 'Budget', 'Spent', 'Outturn', 'Variance'],
      rows: [row('Revenue', b.revenue), row('Capital', b.capital), row('Total', b.total)],
      numeric: [1, 2, 3, 4],
    });
    const over = b.lines.filter((l) => l.variance > 0).sort((x, y) => y.variance - x.variance);
    if (over.length)
      pack.tables.push({
        caption: 'Lines forecast to overspend',
        head: ['Line', 'Budget', 'Outturn', 'Variance'],
        rows: over.map((l) => [l.name, money(l.budget), money(l.outturn), signed(l.variance)]),
        numeric: [1, 2, 3],
      });
    return pack;
  },
};
