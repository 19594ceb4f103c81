import { z } from 'zod';
import { isoDate, line, moneyInput, optionalLine, serviceAreaRecord, ref } from '../../platform/index.js';
import { categories } from './rules.js';

const year = z.coerce
  .number({ message: 'Enter the year the financial year starts in, like 2026 for 2026 to 2027' })
  .int({ message: 'Enter a year like 2026' })
  .min(2000, 'Enter a year from 2000')
  .max(2100, 'Enter a year before 2100');

export const lineInput = z.object({
  financialYear: year,
  kind: z.enum(['revenue', 'capital'], { message: 'Say whether it is revenue or capital' }),
  costCentre: line(40, { required: 'Give the cost centre as the finance system writes it, like IT010' }),
  account: optionalLine(40),
  category: z.enum(categories, { message: 'Choose what it pays for' }),
  name: line(200, { required: 'Name the line, like “Microsoft licences”' }),
  budget: moneyInput('budget', { example: 250000, max: 1e10 })
    .refine((v) => v !== null, 'Enter the budget')
    .meta({ example: 250000 }),
  forecast: moneyInput('forecast outturn', { example: 240000, max: 1e10 }),
  savingsPlanned: moneyInput('savings planned', { example: 20000, max: 1e10 }),
  savingsAchieved: moneyInput('savings achieved', { example: 15000, max: 1e10 }),
});
export type LineInput = z.output<typeof lineInput>;

/** A transaction's amount as a ledger writes it: a credit may be negative, so it is not `moneyInput`. */
const transaction = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .trim()
          .replace(/^\((.*)\)$/, '-$1')
          .replace(/[£,\s]/g, '')
      : v,
  z.coerce
    .number({ message: 'Enter the amount in pounds, like 1250 or -300 for a credit' })
    .min(-1e9, 'The amount must be under £1,000 million')
    .max(1e9, 'The amount must be under £1,000 million')
    .refine((n) => n !== 0, 'Enter an amount other than £0')
    .refine((n) => Math.round(n * 100) === n * 100, 'Enter the amount to the penny at most, like 1250.50')
    .meta({ example: 1250 }),
);

export const actualInput = z.object({
  postedOn: isoDate('Enter the day it was posted as YYYY-MM-DD'),
  amount: transaction,
  supplier: optionalLine(200),
  description: optionalLine(300),
  reference: optionalLine(60),
});
export type ActualInput = z.output<typeof actualInput>;

export const yearQuery = z.object({ year: year.optional() });
export const closeYearInput = z.object({ financialYear: year });
export const costRuleInput = z.object({ rule: z.enum(['equal', 'headcount'], { message: 'Choose how shared costs are split' }) });
export const headcountInput = z.object({
  serviceArea: ref(serviceAreaRecord, 'Choose one of the council’s service areas'),
  headcount: z.coerce.number({ message: 'Enter the headcount as a whole number' }).int('Enter the headcount as a whole number').min(0).max(1_000_000),
});
export const noFieldsForm = z.object({});
