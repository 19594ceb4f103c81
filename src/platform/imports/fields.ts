import { money, partialDate } from '../format.js';
import type { DatePrecision } from './values.js';

/** How import previews show the values they read, the way the rest of Steward writes them. */
export const shownAs = {
  date: (value: unknown, precision: DatePrecision | undefined) => partialDate(String(value), precision ?? null),
  money: (value: unknown) => money(Number(value)),
  count: (value: unknown) => Number(value).toLocaleString('en-GB'),
};
