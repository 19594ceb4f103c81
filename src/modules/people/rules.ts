/** The four levels of a skill in the capability framework, lowest first. */
export const skillLevels = ['awareness', 'working', 'practitioner', 'expert'] as const;
export type SkillLevel = (typeof skillLevels)[number];
export const levelNames: Record<SkillLevel, string> = { awareness: 'Awareness', working: 'Working', practitioner: 'Practitioner', expert: 'Expert' };
/** A level as stored: 1 awareness to 4 expert. */
export const levelNumber = (l: SkillLevel) => skillLevels.indexOf(l) + 1;
export const levelName = (n: number | null | undefined) => (n && n >= 1 && n <= 4 ? levelNames[skillLevels[n - 1]!] : 'Not assessed');

/**
 * A name as the framework's files are compared by: the same role or skill is written with curly or
 * straight quotes, a non-breaking space, a dash of another length or a trailing space in different
 * rows and versions, and is still the same one.
 */
export function nameKey(name: string) {
  return name
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A name as shown: the same spaces tidied, the writer's own capitals and punctuation kept. */
export const tidyName = (name: string) => name.normalize('NFKC').replace(/\s+/g, ' ').trim();

const entities = new Map<string, string>(
  Object.entries({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'", rsquo: '’', lsquo: '‘', ndash: '–', mdash: '—' }),
);

/**
 * Descriptions in the published export carry bits of the web page they came from: list items,
 * paragraphs, line breaks and entities. Kept as plain text, a list item to a line of its own.
 */
export function plainText(text: string): { text: string; hadMarkup: boolean } {
  const hadMarkup = /<\/?[a-z][^>]*>|&[a-z#0-9]+;/i.test(text);
  if (!hadMarkup)
    return {
      text: text
        .replace(/\r\n?/g, '\n')
        .replace(/[ \t]+/g, ' ')
        .trim(),
      hadMarkup,
    };
  const out = text
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<(br|\/p|\/li|\/ul|\/ol|p)[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&([a-z#0-9]+);/gi, (m, e: string) => entities.get(e.toLowerCase()) ?? m)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return { text: out, hadMarkup };
}

/**
 * A skill level as a person writes it: `Practitioner`, `practitioner level`, ` Expert `. The four
 * levels only: anything else (`Advanced`, `3`) is not a level of this framework.
 */
export function readSkillLevel(cell: string): SkillLevel | null {
  const w = nameKey(cell)
    .replace(/\blevel\b/g, '')
    .replace(/[^a-z]/g, '');
  if (w === 'aware') return 'awareness';
  return (skillLevels as readonly string[]).includes(w) ? (w as SkillLevel) : null;
}

/** How long a post has been open, as a person says it: "3 weeks", "7 months", "1 year and 2 months". */
export function timeOpen(since: string, today: string) {
  const days = Math.max(0, Math.round((Date.parse(today) - Date.parse(since)) / 86_400_000));
  const [sy, sm, sd] = since.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let months = (ty - sy) * 12 + (tm - sm) - (td < sd ? 1 : 0);
  if (months < 0) months = 0;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  let text: string;
  if (months < 1) text = days < 14 ? plural(days, 'day') : plural(Math.floor(days / 7), 'week');
  else if (months < 12) text = plural(months, 'month');
  else text = plural(Math.floor(months / 12), 'year') + (months % 12 ? ` and ${plural(months % 12, 'month')}` : '');
  return { days, months, text, overAYear: months >= 12 };
}

/**
 * Whether making `managerId` the line manager of `staffId` would close a loop (A manages B manages
 * A), given everyone's current manager. The walk is bounded by the number of people.
 */
export function wouldLoop(managers: Map<number, number | null>, staffId: number, managerId: number | null) {
  let at = managerId;
  for (let steps = 0; at !== null && steps <= managers.size; steps++) {
    if (at === staffId) return true;
    at = managers.get(at) ?? null;
  }
  return false;
}

/** The level a person is taken to hold: as agreed with their manager, else as they see it. */
export const heldLevel = (s: { self_level: number | null; agreed_level: number | null } | undefined) => s?.agreed_level ?? s?.self_level ?? null;
/** A person holds a skill in a way others can rely on from practitioner up. */
export const reliedOn = 3;

export interface MatrixInput {
  people: { id: number; roleLevelId: number | null }[];
  skills: { id: number }[];
  /** Role level id → skill id → level needed. */
  requirements: Map<number, Map<number, number>>;
  /** Staff id → skill id → the person's levels. */
  assessed: Map<number, Map<number, { self_level: number | null; agreed_level: number | null }>>;
}

export interface MatrixCell {
  required: number | null;
  self: number | null;
  agreed: number | null;
  /** Levels short of what the role needs; 0 when met or not needed. */
  gap: number;
}

/**
 * The skills matrix: each person against each skill their role needs or they hold (a sparse map per
 * person: a department of 300 against 188 skills is 56,400 cells, most of them empty), with the
 * gaps, and what the department lacks.
 */
export function skillsMatrix(input: MatrixInput) {
  const shown = new Set(input.skills.map((s) => s.id));
  const needed = new Map<number, number>();
  const holders = new Map<number, number[]>();
  const best = new Map<number, number>();
  const shortBySkill = new Map<number, number>();
  let requiredCount = 0;
  let metCount = 0;
  const rows = input.people.map((p) => {
    const req = (p.roleLevelId !== null && input.requirements.get(p.roleLevelId)) || new Map<number, number>();
    const mine = input.assessed.get(p.id) ?? new Map<number, { self_level: number | null; agreed_level: number | null }>();
    const cells = new Map<number, MatrixCell>();
    let gaps = 0;
    let short = 0;
    for (const [skillId, required] of req) {
      if (!shown.has(skillId)) continue;
      const a = mine.get(skillId);
      const gap = Math.max(0, required - (heldLevel(a) ?? 0));
      requiredCount++;
      if (gap === 0) metCount++;
      else {
        short++;
        shortBySkill.set(skillId, (shortBySkill.get(skillId) ?? 0) + 1);
      }
      needed.set(skillId, Math.min(needed.get(skillId) ?? 4, required));
      gaps += gap;
      cells.set(skillId, { required, self: a?.self_level ?? null, agreed: a?.agreed_level ?? null, gap });
    }
    for (const [skillId, a] of mine) {
      if (!shown.has(skillId)) continue;
      const held = heldLevel(a);
      if (held !== null && held > (best.get(skillId) ?? 0)) best.set(skillId, held);
      if (held !== null && held >= reliedOn) {
        const list = holders.get(skillId);
        if (list) list.push(p.id);
        else holders.set(skillId, [p.id]);
      }
      if (!cells.has(skillId)) cells.set(skillId, { required: null, self: a.self_level, agreed: a.agreed_level, gap: 0 });
    }
    return { id: p.id, cells, gaps, short };
  });
  return {
    rows,
    requiredCount,
    metCount,
    /** Skills some role in the department needs that nobody has at the lowest level needed. */
    nobodyHolds: [...needed].filter(([skillId, level]) => (best.get(skillId) ?? 0) < level).map(([skillId, level]) => ({ skillId, level })),
    /** Skills only one person holds at practitioner or expert. */
    onePerson: [...holders].filter(([, ids]) => ids.length === 1).map(([skillId, ids]) => ({ skillId, staffId: ids[0]! })),
    /** Per skill, the people short of what their role needs. */
    shortBySkill,
  };
}

/** A cell nobody needs or holds. */
export const emptyCell: MatrixCell = { required: null, self: null, agreed: null, gap: 0 };

/** The share of required skills met, in whole per cent; null when no role needs any. */
export const shareMet = (met: number, required: number) => (required ? Math.round((met / required) * 100) : null);

/** What changed between two versions of the framework, named, for the person who imported it. */
export function frameworkChanges<T>(before: Map<string, T>, after: Map<string, T>, same: (a: T, b: T) => boolean) {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [k, v] of after) {
    const was = before.get(k);
    if (was === undefined) added.push(k);
    else if (!same(was, v)) changed.push(k);
  }
  for (const k of before.keys()) if (!after.has(k)) removed.push(k);
  return { added, changed, removed };
}

/** How many days before a certification runs out its holder and their line manager are reminded. */
export const certificationReminderDays = [90, 30] as const;

/**
 * The reminders due today for a certification running out on `expiresOn`: each lead time whose day
 * has come while it is still in date. A reminder missed (the server was down) is sent late, never
 * skipped, but a 90-day one is not sent once the 30-day one is due.
 */
export function dueReminders(expiresOn: string, today: string, leads: readonly number[] = certificationReminderDays): number[] {
  if (expiresOn < today) return [];
  const daysLeft = Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const reached = [...leads].sort((a, b) => a - b).filter((lead) => daysLeft <= lead);
  return reached.length ? [reached[0]!] : [];
}
