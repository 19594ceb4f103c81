import { counted, fail, isUnknown, readDate, type ImportKind, type ReadRow, type Read } from '../../platform/index.js';
import { budget } from './abilities.js';
import * as q from './queries.js';
import { financialYearOf, yearName } from './rules.js';

const text =
  (max: number) =>
  (cell: string): Read<string> =>
    isUnknown(cell) ? { ok: true, value: null } : { ok: true, value: cell.trim().slice(0, max) };

/** A finance system's amount: £1,250.00, 1250, a credit as (1,250.00), -1250 or 1250.00 CR. */
export function transactionAmount(cell: string): Read<number> {
  const written = cell.trim();
  if (isUnknown(written)) return { ok: true, value: null };
  const credit = /^\(.*\)$/.test(written) || /^-/.test(written) || /\s*CR$/i.test(written);
  const plain = written
    .replace(/^\(|\)$/g, '')
    .replace(/\s*(CR|DR)$/i, '')
    .replace(/^-/, '')
    .replace(/[£,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return { ok: false, reason: `${written.slice(0, 40)} is not an amount of money` };
  const value = Number(plain);
  if (value > 1e10) return { ok: false, reason: `${written.slice(0, 40)} is more than £10 billion` };
  return { ok: true, value: credit ? -value : value };
}

/** A day a transaction was posted; a finance export may add a time. */
function postedOn(cell: string): Read<string> {
  const c = cell.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2})?$/, '');
  const read = readDate(c, 'start');
  if (read.ok && read.precision && read.precision !== 'day') return { ok: false, reason: `“${cell.trim()}” is not a day` };
  return read;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim().toUpperCase());

/** Finds the line a transaction belongs to: its cost centre and account in the year it was posted, or the cost centre's line with no account. */
function lineFinder(codes: Awaited<ReturnType<typeof q.lineCodes>>) {
  const by = new Map(codes.map((c) => [`${c.financial_year}|${c.cost_centre.toUpperCase()}|${c.account.toUpperCase()}`, Number(c.id)] as const));
  return (v: Record<string, unknown>) => {
    const fy = financialYearOf(String(v.postedOn));
    return by.get(`${fy}|${str(v.costCentre)}|${str(v.account)}`) ?? by.get(`${fy}|${str(v.costCentre)}|`) ?? null;
  };
}

/** Actuals exported from the council's finance system (a transaction listing), against the IT budget's lines. */
export const actualsImport: ImportKind = {
  name: 'budget-actuals',
  title: 'Budget actuals from the finance system',
  ability: budget.manage,
  home: { text: 'Go to the budget', href: '/budget' },
  fields: [
    {
      key: 'costCentre',
      label: 'Cost centre',
      required: true,
      headings: ['cost centre', 'cost center', 'cost centre code', 'cc', 'cost code', 'ledger code'],
      read: text(40),
    },
    {
      key: 'account',
      label: 'Account',
      headings: ['account', 'account code', 'subjective', 'subjective code', 'expense type', 'gl account', 'nominal'],
      read: text(40),
    },
    {
      key: 'postedOn',
      label: 'Posted on',
      required: true,
      headings: ['date', 'posted', 'posting date', 'posted on', 'transaction date', 'gl date', 'invoice date'],
      read: postedOn,
      whenUnreadable: 'leave-row-out',
    },
    {
      key: 'amount',
      label: 'Amount',
      required: true,
      headings: ['amount', 'value', 'net', 'net amount', 'amount (£)', 'gbp', 'total'],
      read: transactionAmount,
      whenUnreadable: 'leave-row-out',
    },
    { key: 'supplier', label: 'Supplier', headings: ['supplier', 'supplier name', 'vendor', 'payee', 'creditor'], read: text(200) },
    { key: 'description', label: 'Description', headings: ['description', 'narrative', 'details', 'line description', 'memo'], read: text(300) },
    {
      key: 'reference',
      label: 'Reference',
      headings: ['reference', 'ref', 'transaction ref', 'invoice', 'invoice number', 'document number', 'journal'],
      read: text(60),
    },
  ],
  template: [['IT010', 'S4200', '14/10/2026', '£4,250.00', 'Softcat plc', 'Microsoft 365 E3 true-up', 'INV-88231']],

  async check(db, organisationId, rows: ReadRow[]) {
    const [codes, closed] = await Promise.all([q.lineCodes(db, organisationId), q.closedYears(db, organisationId)]);
    const find = lineFinder(codes);
    for (const r of rows) {
      if (!r.values) continue;
      const fy = financialYearOf(String(r.values.postedOn));
      if (closed.has(fy)) {
        fail(r, 'Posted on', `the financial year ${yearName(fy)} is closed`);
        continue;
      }
      if (find(r.values) === null)
        fail(
          r,
          'Cost centre',
          `no budget line in ${yearName(fy)} for cost centre ${str(r.values.costCentre)}${r.values.account ? ` and account ${str(r.values.account)}` : ''}`,
        );
    }
    return { updates: 0 };
  },

  async apply(tx, audit, { organisationId, importId, filename, now }, rows) {
    const find = lineFinder(await q.lineCodes(tx, organisationId));
    // A ledger exported again, or a month exported twice, holds transactions already recorded: each goes in once.
    const held = await q.actualKeys(tx, organisationId, [...new Set(rows.map((r) => find(r.values)!))]);
    const all = rows.map((r) => ({
      organisation_id: organisationId,
      line_id: find(r.values)!,
      posted_on: String(r.values.postedOn),
      amount: Number(r.values.amount),
      supplier: String(r.values.supplier ?? ''),
      description: String(r.values.description ?? ''),
      reference: String(r.values.reference ?? ''),
      import_id: importId,
      created_at: now,
    }));
    const actuals = all.filter((a) => {
      const key = q.actualKey(a.line_id, a.posted_on, a.amount, a.reference, a.description);
      if (held.has(key)) return false;
      held.add(key);
      return true;
    });
    await q.insertActuals(tx, actuals);
    const total = actuals.reduce((n, a) => n + a.amount, 0);
    await audit.created(
      'budget_actuals_import',
      importId,
      { filename, transactions: actuals.length, total },
      `Imported ${counted(actuals.length, 'transaction', 'transactions')} from ${filename}`,
      organisationId,
    );
    return { added: actuals.length, updated: 0, repeated: all.length - actuals.length };
  },

  describe: (r) =>
    `${counted(r.added, 'transaction', 'transactions')} recorded against the budget lines, ${counted(r.repeated ?? 0, 'transaction', 'transactions')} already recorded, ${counted(r.skipped, 'row', 'rows')} left out`,
  fixable: () => false,
};
