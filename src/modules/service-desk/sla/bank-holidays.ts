import { z } from 'zod';
import shipped from './bank-holidays.json' with { type: 'json' };

export const divisions = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Division = (typeof divisions)[number];
export const divisionNames: Record<Division, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

const event = z.object({
  title: z.string().min(1).max(200),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates must be YYYY-MM-DD'),
  notes: z.string().max(200).optional(),
  bunting: z.boolean().optional(),
});
const division = z.object({ division: z.string(), events: z.array(event).max(2000) });

/**
 * GOV.UK's bank-holidays.json: an entry per division, each a list of dated events. A copy with one
 * or two of the divisions (someone kept only England and Wales) is read for those it has.
 */
export const bankHolidaysFile = z
  .object({ 'england-and-wales': division.optional(), scotland: division.optional(), 'northern-ireland': division.optional() })
  .loose()
  .refine((f) => divisions.some((d) => f[d] !== undefined), {
    message: 'it has none of the divisions england-and-wales, scotland or northern-ireland',
  });

export interface BankHoliday {
  division: Division;
  date: string;
  title: string;
}

/** Reads a bank-holidays.json text; throws a message a person can act on when it is not that format. */
export function parseBankHolidays(text: string): BankHoliday[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new Error('The file is not JSON: download bank-holidays.json from GOV.UK and upload it unchanged');
  }
  const parsed = bankHolidaysFile.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    throw new Error(`The file is not in GOV.UK’s bank-holidays.json format (${where}${first?.message})`);
  }
  const out: BankHoliday[] = [];
  for (const d of divisions) {
    for (const e of parsed.data[d]?.events ?? []) {
      if (Number.isNaN(Date.parse(`${e.date}T00:00:00Z`))) throw new Error(`${e.date} in ${d} is not a real date`);
      out.push({ division: d, date: e.date, title: e.title });
    }
  }
  return out;
}

/** The dates Steward ships with; an admin can import a newer copy of GOV.UK's file. */
export function shippedBankHolidays(): BankHoliday[] {
  return parseBankHolidays(JSON.stringify(shipped));
}

/** Which years a division's dates cover (in date order), and whether they run out within a year of `today`. */
export function coverage(holidays: readonly { date: string }[], today: string) {
  const first = holidays[0]?.date;
  const last = holidays[holidays.length - 1]?.date;
  const aYearOn = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  return { firstYear: first?.slice(0, 4), lastYear: last?.slice(0, 4), lastKnown: last, runningOut: !last || last < aYearOn };
}
