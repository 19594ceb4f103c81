/**
 * The kinds of training the guidance lists, for everyone's records: what the learning system sends
 * is online; development plans in people and skills use the rest too.
 */
export const trainingKinds = {
  classroom: 'Classroom course',
  online: 'Online course',
  'brown-bag': 'Brown bag lunch',
  'team-meeting': 'A colleague sharing in a team meeting',
  awayday: 'Awayday',
  conference: 'Conference',
  apprenticeship: 'Apprenticeship',
  qualification: 'Qualification or certification',
  shadowing: 'Shadowing or mentoring',
} as const;
export type TrainingKind = keyof typeof trainingKinds;
export const trainingKindKeys = Object.keys(trainingKinds) as [TrainingKind, ...TrainingKind[]];

const expiries = new Map<string, string>();

/** A completion counts until the same day `months` later. */
export function expiresOn(completedOn: string, months: number): string {
  // Thousands of people share a few hundred completion days: each is worked out once.
  const key = `${completedOn}|${months}`;
  let found = expiries.get(key);
  if (found === undefined) {
    if (expiries.size > 100_000) expiries.clear();
    expiries.set(key, (found = expiryOf(completedOn, months)));
  }
  return found;
}

function expiryOf(completedOn: string, months: number): string {
  const [y, m, d] = completedOn.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export const inDate = (completedOn: string | null | undefined, months: number, today: string) => !!completedOn && expiresOn(completedOn, months) > today;

export interface Learner {
  id: number;
  directorate: string;
}
export interface Course {
  id: number;
  refresh_months: number;
}

/**
 * Coverage of the required courses by directorate: how many people have every required course in
 * date, and each course's own share. `latest` holds each person's latest completion of each course.
 */
export function coverage(learners: Learner[], courses: Course[], latest: Map<string, string>, today: string) {
  const byDirectorate = new Map<string, { directorate: string; people: number; allInDate: number; courses: Map<number, number> }>();
  const total = { people: 0, allInDate: 0, courses: new Map<number, number>() };
  for (const l of learners) {
    const name = l.directorate || 'Not recorded';
    let d = byDirectorate.get(name);
    if (!d) byDirectorate.set(name, (d = { directorate: name, people: 0, allInDate: 0, courses: new Map() }));
    d.people++;
    total.people++;
    let all = courses.length > 0;
    for (const c of courses) {
      const ok = inDate(latest.get(`${l.id}|${c.id}`), c.refresh_months, today);
      if (ok) {
        d.courses.set(c.id, (d.courses.get(c.id) ?? 0) + 1);
        total.courses.set(c.id, (total.courses.get(c.id) ?? 0) + 1);
      } else all = false;
    }
    if (all) {
      d.allInDate++;
      total.allInDate++;
    }
  }
  return { directorates: [...byDirectorate.values()].sort((a, b) => a.directorate.localeCompare(b.directorate)), total };
}

export const percent = (part: number, whole: number) => (whole ? Math.floor((part / whole) * 100) : 0);
