/** A date moved by whole months, kept within the month (31 March less one month is 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/**
 * The last day to give notice: the contract's end date less its notice period. Extension options
 * not yet taken do not move it; taking one moves the end date, and so the deadline.
 */
export function noticeDeadline(endDate: string, noticeMonths: number): string {
  return addMonths(endDate, -noticeMonths);
}

/** Which alert lead times (months before the deadline) have been reached by `today`. */
export function dueAlerts(deadline: string, leadMonths: number[], today: string): number[] {
  return leadMonths.filter((lead) => today >= addMonths(deadline, -lead) && today <= deadline);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
