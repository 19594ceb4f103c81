import type { ComponentStatus, IncidentState } from './tables.js';

export const statuses: ComponentStatus[] = ['operational', 'maintenance', 'degraded', 'partial', 'major'];
const severity: Record<ComponentStatus, number> = { operational: 0, maintenance: 1, degraded: 2, partial: 3, major: 4 };
export const impacts = ['degraded', 'partial', 'major'] as const;
export const incidentStates: IncidentState[] = ['investigating', 'identified', 'monitoring', 'resolved'];

/** The worse of two statuses: an outage outranks maintenance, which outranks all being well. */
export const worse = (a: ComponentStatus, b: ComponentStatus): ComponentStatus => (severity[b] > severity[a] ? b : a);
export const worst = (list: ComponentStatus[]) => list.reduce(worse, 'operational' as ComponentStatus);

/** The names status-page tools give each status, for the JSON summary. */
export const summaryStatus: Record<ComponentStatus, string> = {
  operational: 'operational',
  maintenance: 'under_maintenance',
  degraded: 'degraded_performance',
  partial: 'partial_outage',
  major: 'major_outage',
};
/** The page's one-line indicator in the summary's terms. */
export const summaryIndicator: Record<ComponentStatus, string> = {
  operational: 'none',
  maintenance: 'maintenance',
  degraded: 'minor',
  partial: 'major',
  major: 'critical',
};

export interface Window {
  from: string;
  to: string | null;
}

/** What a component shows now: the worst of its open incidents and any maintenance under way. */
export function statusNow(
  incidents: { impact: ComponentStatus; resolved_at: string | null; started_at: string }[],
  maintenance: Window[],
  now: string,
): ComponentStatus {
  const open = incidents.filter((i) => i.started_at <= now && (i.resolved_at === null || i.resolved_at > now)).map((i) => i.impact);
  const underWay = maintenance.some((m) => m.from <= now && (m.to === null || m.to > now));
  return worst([...open, ...(underWay ? ['maintenance' as const] : [])]);
}

/** Each of the last `days` days (oldest first) with the worst status seen that day, for the history bars. */
export function dailyHistory(incidents: { impact: ComponentStatus; started_at: string; resolved_at: string | null }[], today: string, days = 90) {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const dayStart = end - (days - 1 - i) * 86_400_000;
    const from = new Date(dayStart).toISOString();
    const to = new Date(dayStart + 86_400_000).toISOString();
    const seen = incidents.filter((x) => x.started_at < to && (x.resolved_at === null || x.resolved_at > from));
    const minutes = seen.reduce((sum, x) => {
      const a = Math.max(Date.parse(x.started_at), dayStart);
      const b = Math.min(x.resolved_at ? Date.parse(x.resolved_at) : Date.now(), dayStart + 86_400_000);
      return sum + Math.max(0, b - a) / 60_000;
    }, 0);
    return { day: from.slice(0, 10), status: worst(seen.map((x) => x.impact)), minutes: Math.round(minutes), incidents: seen.length };
  });
}

/** The share of the period with no partial or major outage, to one decimal place. */
export function uptime(history: { minutes: number; status: ComponentStatus }[]) {
  const total = history.length * 1440;
  const down = history.filter((h) => h.status === 'partial' || h.status === 'major').reduce((s, h) => s + Math.min(h.minutes, 1440), 0);
  return total === 0 ? 100 : Math.floor(((total - down) / total) * 1000) / 10;
}

/** Words the public paths use, which no organisation may take as its short name. */
export const reservedShortNames = new Set([
  'cy',
  'en',
  'feed',
  'summary',
  'subscribe',
  'confirm',
  'unsubscribe',
  'logo',
  'api',
  'assets',
  'new',
  'status',
  'progress',
]);

/** Why a short name cannot be used, or null. */
export function shortNameProblem(name: string): string | null {
  if (!/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/.test(name)) return 'Use 3 to 40 lower-case letters, digits and hyphens, starting with a letter, like eastwold';
  if (reservedShortNames.has(name)) return `“${name}” is a word the public pages’ addresses use: choose another`;
  return null;
}

/**
 * A text in the reader's language: the Welsh where there is one, otherwise the English, saying so,
 * so that a page is never empty and the reader knows why it is in English.
 */
export function inLanguage(lang: 'en' | 'cy', en: string, cy: string): { text: string; lang: 'en' | 'cy'; fallback: boolean } {
  if (lang === 'cy' && cy.trim()) return { text: cy, lang: 'cy', fallback: false };
  return { text: en, lang: 'en', fallback: lang === 'cy' && en.trim() !== '' };
}

/** A colour white text can sit on at AA (contrast 4.5:1 or more), or why not. */
export function colourProblem(hex: string): string | null {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return 'Enter the colour as a hex code, like #1d70b8';
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(m[1]!.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  const contrast = 1.05 / (luminance + 0.05);
  return contrast < 4.5 ? `White text on ${hex} would be hard to read (contrast ${contrast.toFixed(1)}:1, it needs 4.5:1): choose a darker colour` : null;
}

/** When a post is published: now if the time asked for has passed (and it says so), null for a draft. */
export function publishingTime(asked: string | null, now: Date): { at: string | null; movedToNow: boolean } {
  if (asked === null) return { at: null, movedToNow: false };
  if (Date.parse(asked) < now.getTime() - 60_000) return { at: now.toISOString(), movedToNow: true };
  return { at: new Date(Math.max(Date.parse(asked), 0)).toISOString(), movedToNow: false };
}

export type PostState = 'draft' | 'scheduled' | 'published';
export const postState = (publishAt: string | null, now: string): PostState => (publishAt === null ? 'draft' : publishAt > now ? 'scheduled' : 'published');
