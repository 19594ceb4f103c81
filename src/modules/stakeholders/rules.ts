/** Stakeholders, the engagement log and the communications plan: the rules, pure. */

export const stakeholderKinds = ['top-team', 'head-of-service', 'elected-member', 'scrutiny', 'union', 'supplier', 'partner', 'residents'] as const;
export type StakeholderKind = (typeof stakeholderKinds)[number];
export const stakeholderKindNames: Record<StakeholderKind, string> = {
  'top-team': 'Directors and the top team',
  'head-of-service': 'Heads of service',
  'elected-member': 'Elected members and portfolio holders',
  scrutiny: 'Scrutiny',
  union: 'Unions',
  supplier: 'Suppliers',
  partner: 'Partners',
  residents: 'Residents’ groups',
};

export const levels = [1, 2, 3] as const;
export type Level = (typeof levels)[number];
export const levelNames: Record<Level, string> = { 1: 'Low', 2: 'Medium', 3: 'High' };

export const sentiments = ['positive', 'mixed', 'negative', 'unknown'] as const;
export type Sentiment = (typeof sentiments)[number];
export const sentimentNames: Record<Sentiment, string> = { positive: 'Positive', mixed: 'Mixed', negative: 'Negative', unknown: 'Not known yet' };

export const quadrants = ['manage-closely', 'keep-satisfied', 'keep-informed', 'monitor'] as const;
export type Quadrant = (typeof quadrants)[number];
export const quadrantNames: Record<Quadrant, string> = {
  'manage-closely': 'Manage closely',
  'keep-satisfied': 'Keep satisfied',
  'keep-informed': 'Keep informed',
  monitor: 'Monitor',
};
export const quadrantAdvice: Record<Quadrant, string> = {
  'manage-closely': 'High influence and high interest: meet them regularly and involve them in decisions.',
  'keep-satisfied': 'High influence, less interest: keep them content and bring them what they need to decide, briefly.',
  'keep-informed': 'High interest, less influence: tell them what is happening and listen to what they say.',
  monitor: 'Less influence and less interest: keep an eye on them and tell them what affects them.',
};

/**
 * Where a stakeholder sits on the influence/interest grid. Only "high" (3) is the high side: a
 * medium level sits with low, so "manage closely" stays the few who need it most.
 */
export function quadrantOf(influence: number, interest: number): Quadrant {
  const powerful = influence >= 3;
  const keen = interest >= 3;
  if (powerful && keen) return 'manage-closely';
  if (powerful) return 'keep-satisfied';
  if (keen) return 'keep-informed';
  return 'monitor';
}

export const engagementKinds = ['one-to-one', 'team-meeting', 'top-team', 'committee', 'briefing', 'feedback', 'email'] as const;
export type EngagementKind = (typeof engagementKinds)[number];
export const engagementKindNames: Record<EngagementKind, string> = {
  'one-to-one': 'One-to-one',
  'team-meeting': 'Their team meeting',
  'top-team': 'Top team (CMT)',
  committee: 'Committee',
  briefing: 'Briefing',
  feedback: 'Survey or feedback',
  email: 'Email',
};

export const notMetDays = 90;
const dayMs = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / dayMs);
export const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** Days from one day to another (positive when `to` is later). */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** Not met in 90 days: never engaged, or last engaged more than 90 days before today. */
export function notMetRecently(lastEngagedOn: string | null, today: string, days = notMetDays): boolean {
  return lastEngagedOn === null || daysBetween(lastEngagedOn, today) > days;
}

/** The last day still counted as "met recently": an engagement before it is too long ago. */
export const notMetCutoff = (today: string, days = notMetDays) => addDays(today, -days);

export const followUpStates = ['open', 'overdue', 'done'] as const;
export type FollowUpState = (typeof followUpStates)[number];
export const followUpStateNames: Record<FollowUpState, string> = { open: 'Open', overdue: 'Overdue', done: 'Done' };
export function followUpState(f: { dueOn: string | null; doneOn: string | null }, today: string): FollowUpState {
  if (f.doneOn) return 'done';
  return f.dueOn !== null && f.dueOn < today ? 'overdue' : 'open';
}

export const channels = ['blog', 'stand-up', 'cascade', 'team-meeting', 'email', 'intranet', 'all-staff-briefing'] as const;
export type Channel = (typeof channels)[number];
export const channelNames: Record<Channel, string> = {
  blog: 'Blog',
  'stand-up': 'Stand-up',
  cascade: 'Cascade through managers',
  'team-meeting': 'Team meeting',
  email: 'Email',
  intranet: 'Intranet',
  'all-staff-briefing': 'All-staff briefing',
};

export const frequencies = ['one-off', 'weekly', 'monthly', 'quarterly'] as const;
export type Frequency = (typeof frequencies)[number];
export const frequencyNames: Record<Frequency, string> = { 'one-off': 'Once', weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly' };

/** `YYYY-MM` of a day. */
export const monthOf = (iso: string) => iso.slice(0, 7);
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const parts = (month: string) => ({ year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) });

/** The month before or after (`step` months on). */
export function shiftMonth(month: string, step: number) {
  const { year, month: m } = parts(month);
  const d = new Date(Date.UTC(year, m - 1 + step, 1));
  return d.toISOString().slice(0, 7);
}

/** "December 2026". */
export function monthName(month: string) {
  const { year, month: m } = parts(month);
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * The days in a month a message is due to go out: once on its start day; weekly on the start
 * day's weekday; monthly on the start day's day of the month (the month's last day when it is
 * shorter); quarterly likewise every third month from the start. Never before the start or after
 * the end.
 */
export function occurrencesIn(month: string, plan: { frequency: Frequency; startsOn: string; endsOn: string | null }): string[] {
  const { year, month: m } = parts(month);
  const first = `${month}-01`;
  const last = `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
  const inRange = (day: string) => day >= plan.startsOn && (plan.endsOn === null || day <= plan.endsOn) && day >= first && day <= last;
  if (plan.frequency === 'one-off') return inRange(plan.startsOn) ? [plan.startsOn] : [];
  if (plan.frequency === 'weekly') {
    const out: string[] = [];
    const from = daysBetween(plan.startsOn, first);
    let day = from <= 0 ? plan.startsOn : addDays(plan.startsOn, Math.ceil(from / 7) * 7);
    for (; day <= last; day = addDays(day, 7)) if (inRange(day)) out.push(day);
    return out;
  }
  const start = parts(plan.startsOn);
  const apart = (year - start.year) * 12 + (m - start.month);
  const every = plan.frequency === 'monthly' ? 1 : 3;
  if (apart < 0 || apart % every !== 0) return [];
  const dayOfMonth = Math.min(Number(plan.startsOn.slice(8, 10)), daysInMonth(year, m));
  const day = `${month}-${String(dayOfMonth).padStart(2, '0')}`;
  return inRange(day) ? [day] : [];
}

/** The weeks of a month, Monday first, each day a `YYYY-MM-DD` or null outside the month. */
export function weeksOf(month: string): (string | null)[][] {
  const { year, month: m } = parts(month);
  const count = daysInMonth(year, m);
  const lead = (new Date(Date.UTC(year, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [...Array.from({ length: lead }, () => null)];
  for (let d = 1; d <= count; d++) cells.push(`${month}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The next day on or after `from` a message goes out, looking up to two years ahead; null when there is none. */
export function nextOccurrence(plan: { frequency: Frequency; startsOn: string; endsOn: string | null }, from: string): string | null {
  let month = monthOf(from < plan.startsOn ? plan.startsOn : from);
  for (let i = 0; i < 25; i++, month = shiftMonth(month, 1)) {
    const found = occurrencesIn(month, plan).find((d) => d >= from);
    if (found) return found;
    if (plan.endsOn !== null && `${month}-31` > plan.endsOn) return null;
  }
  return null;
}

/** A link kept with feedback is a path on Steward itself (`/posts/12`), never another site (`//x`, `/\\x`, `https:`). */
export const isLocalPath = (href: string) => /^\/[\w-]/.test(href) && !/[\s\\]/.test(href);
