import { monthSpan, type Db, type Measure, type SharedWork } from '../../../platform/index.js';
import { desk } from '../abilities.js';
import { workingMinutesBetween } from '../sla/business-time.js';
import { loadCalendar } from '../sla/service.js';
import { firstCalendarId, majorIncidentsBetween, ratingsBetween, statsBetween } from './queries.js';

const area = 'Service desk';
const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** The daily rollup for the months asked, read once for all the desk's measures on a page. */
function rollup(db: Db, organisationId: number, months: string[], shared: SharedWork) {
  return shared.once(`desk-rollup:${months[0]}:${months.at(-1)}`, async () => {
    const rows = await statsBetween(db, organisationId, monthSpan(months[0]!).from, monthSpan(months.at(-1)!).to);
    const byMonth = new Map<string, typeof rows>();
    for (const r of rows) {
      const m = String(r.day).slice(0, 7);
      byMonth.set(m, [...(byMonth.get(m) ?? []), r]);
    }
    return byMonth;
  });
}

const fromRollup =
  (figure: (rows: Awaited<ReturnType<typeof statsBetween>>) => number | null): Measure['monthly'] =>
  async (db, organisationId, months, shared) => {
    const byMonth = await rollup(db, organisationId, months, shared);
    return months.map((m) => figure(byMonth.get(m) ?? []));
  };

const sla = (priority: 1 | 2 | 3 | 4): Measure => ({
  key: `service-desk.sla-${priority}`,
  name: `Priority ${priority} tickets resolved within their SLA`,
  description: `Of the priority ${priority} tickets resolved in the month, the share resolved within the SLA’s resolution target.`,
  area,
  unit: '%',
  direction: 'up',
  userOutcome: priority <= 2,
  access: desk.readDashboard,
  history: true,
  monthly: fromRollup((rows) => {
    const mine = rows.filter((r) => Number(r.priority) === priority);
    const resolved = mine.reduce((n, r) => n + Number(r.resolved), 0);
    return share(resolved - mine.reduce((n, r) => n + Number(r.breached), 0), resolved);
  }),
});

/** The service desk's figures for KPIs, from the daily rollup, the ratings and the major incidents. */
export const deskMeasures: Measure[] = [
  {
    key: 'service-desk.satisfaction',
    name: 'Satisfaction with the service desk',
    description: 'The average rating, out of 5, that staff gave their resolved tickets in the month.',
    area,
    unit: 'score',
    direction: 'up',
    userOutcome: true,
    access: desk.readDashboard,
    history: true,
    monthly: async (db, organisationId, months) =>
      Promise.all(
        months.map(async (m) => {
          const { from, to } = monthSpan(m);
          const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString();
          const rows = await ratingsBetween(db, organisationId, `${from}T00:00:00.000Z`, next);
          const n = rows.reduce((s, r) => s + Number(r.n), 0);
          return n ? Math.round((rows.reduce((s, r) => s + Number(r.score) * Number(r.n), 0) / n) * 10) / 10 : null;
        }),
      ),
  },
  {
    key: 'service-desk.first-contact',
    name: 'Tickets resolved at first contact',
    description: 'Of the tickets resolved in the month, the share resolved by the first person who took them, without asking the requester for more.',
    area,
    unit: '%',
    direction: 'up',
    userOutcome: true,
    access: desk.readDashboard,
    history: true,
    monthly: fromRollup((rows) =>
      share(
        rows.reduce((n, r) => n + Number(r.first_contact), 0),
        rows.reduce((n, r) => n + Number(r.resolved), 0),
      ),
    ),
  },
  {
    key: 'service-desk.hours-to-resolve',
    name: 'Average time to resolve a ticket',
    description: 'The mean time, in hours, from a ticket being raised to its resolution, of the tickets resolved in the month.',
    area,
    unit: 'hours',
    direction: 'down',
    userOutcome: true,
    access: desk.readDashboard,
    history: true,
    monthly: fromRollup((rows) => {
      const resolved = rows.reduce((n, r) => n + Number(r.resolved), 0);
      return resolved ? Math.round((rows.reduce((n, r) => n + Number(r.resolve_minutes), 0) / resolved / 60) * 10) / 10 : null;
    }),
  },
  sla(1),
  sla(2),
  sla(3),
  sla(4),
  {
    key: 'service-desk.major-incident-minutes',
    name: 'Working time lost to major incidents',
    description: 'The minutes of the desk’s working hours in the month during which a major incident was open.',
    area,
    unit: 'minutes',
    direction: 'down',
    userOutcome: true,
    access: desk.readDashboard,
    history: true,
    monthly: async (db, organisationId, months) => {
      const first = monthSpan(months[0]!).from;
      const end = new Date(Date.parse(`${monthSpan(months.at(-1)!).to}T00:00:00Z`) + 86_400_000);
      const [incidents, calendarId] = await Promise.all([
        majorIncidentsBetween(db, organisationId, `${first}T00:00:00.000Z`, end.toISOString()),
        firstCalendarId(db, organisationId),
      ]);
      const calendar = calendarId === null ? null : await loadCalendar(db, organisationId, Number(calendarId));
      const now = new Date();
      return months.map((m) => {
        const { from, to } = monthSpan(m);
        const start = new Date(`${from}T00:00:00Z`);
        const stop = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
        let minutes = 0;
        for (const i of incidents) {
          const a = new Date(Math.max(start.getTime(), Date.parse(String(i.declared_at))));
          const b = new Date(Math.min(stop.getTime(), i.closed_at ? Date.parse(String(i.closed_at)) : now.getTime()));
          if (b > a) minutes += calendar ? workingMinutesBetween(calendar, a, b) : Math.round((b.getTime() - a.getTime()) / 60_000);
        }
        return start > now ? null : minutes;
      });
    },
  },
];
