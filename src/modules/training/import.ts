import { counted, isUnknown, readDate, type ImportKind, type Read } from '../../platform/index.js';
import { training } from './abilities.js';
import * as q from './queries.js';

const text =
  (max: number) =>
  (cell: string): Read<string> =>
    isUnknown(cell) ? { ok: true, value: null } : { ok: true, value: cell.trim().slice(0, max) };

function email(cell: string): Read<string> {
  const value = cell.trim().toLowerCase();
  if (!value) return { ok: true, value: null };
  return value.length <= 254 && /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value)
    ? { ok: true, value }
    : { ok: false, reason: `“${cell.trim().slice(0, 60)}” is not an email address` };
}

/** A learning system writes a time after the date, or "Not started" where nothing is complete. */
function completedOn(cell: string): Read<string> {
  const c = cell.trim();
  if (isUnknown(c) || /^(not (started|completed|attempted)|in progress|incomplete|assigned|overdue|no)$/i.test(c)) return { ok: true, value: null };
  const read = readDate(c.replace(/[ T]\d{1,2}:\d{2}(:\d{2})?\s*(Z|UTC|GMT|BST)?$/i, ''), 'start');
  if (read.ok && read.precision && read.precision !== 'day') return { ok: false, reason: `“${c}” is not a day` };
  if (read.ok && read.value && read.value > new Date().toISOString().slice(0, 10)) return { ok: false, reason: `${c} is after today` };
  return read;
}

function score(cell: string): Read<number> {
  if (isUnknown(cell)) return { ok: true, value: null };
  const n = Number(cell.trim().replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || n > 100)
    return { ok: true, value: null, note: `“${cell.trim().slice(0, 20)}” is not a score from 0 to 100, so it is not known` };
  return { ok: true, value: n };
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/**
 * Completions exported from the council's learning system: one row per person and course, the
 * date completed (blank, or "Not started", for a course assigned and not yet done), and a score.
 */
export const trainingImport: ImportKind = {
  name: 'training-records',
  title: 'Training records',
  ability: training.manage,
  home: { text: 'Go to training coverage', href: '/training' },
  fields: [
    {
      key: 'email',
      label: 'Email',
      required: true,
      headings: ['email', 'email address', 'e-mail', 'user email', 'work email', 'learner email', 'username'],
      read: email,
    },
    {
      key: 'name',
      label: 'Name',
      headings: ['name', 'learner', 'learner name', 'full name', 'employee name', 'person', 'staff name', 'user'],
      read: text(200),
    },
    { key: 'directorate', label: 'Directorate', headings: ['directorate', 'division', 'department', 'business unit', 'directorate name'], read: text(200) },
    { key: 'team', label: 'Team', headings: ['team', 'service', 'service area', 'section', 'team name', 'cost centre', 'department'], read: text(200) },
    {
      key: 'course',
      label: 'Course',
      required: true,
      headings: ['course', 'course name', 'course title', 'module', 'learning item', 'title', 'training'],
      read: text(300),
    },
    {
      key: 'completedOn',
      label: 'Completed on',
      headings: ['completed on', 'completed', 'completion date', 'date completed', 'completed date', 'date'],
      read: completedOn,
      whenUnreadable: 'leave-row-out',
    },
    { key: 'score', label: 'Score', headings: ['score', 'result', 'mark', 'percentage', 'score (%)', 'score %'], read: score },
  ],
  template: [['jo.bloggs@council.example', 'Jo Bloggs', 'Place', 'Planning and building control', 'Cyber security awareness', '14/10/2026', '90%']],

  async check(db, organisationId, rows) {
    const known = await q.learnerIds(db, organisationId);
    return { updates: rows.filter((r) => r.values && known.has(str(r.values.email))).length };
  },

  async apply(tx, audit, { organisationId, importId, filename, now, progress }, rows) {
    const learners = await q.learnerIds(tx, organisationId);
    const courses = await q.courseIds(tx, organisationId);
    // The last row for a person says who they are now: name, directorate and team.
    const people = new Map<string, { name: string; directorate: string; team: string }>();
    for (const r of rows) {
      const v = r.values;
      const e = str(v.email);
      const before = people.get(e);
      people.set(e, {
        name: str(v.name) || before?.name || e,
        directorate: str(v.directorate) || before?.directorate || '',
        team: str(v.team) || before?.team || '',
      });
    }
    const fresh = [...people].filter(([e]) => !learners.has(e));
    await q.insertLearners(
      tx,
      fresh.map(([e, p]) => ({
        organisation_id: organisationId,
        email: e,
        name: p.name,
        directorate: p.directorate,
        team: p.team,
        created_at: now,
        updated_at: now,
      })),
    );
    let changed = 0;
    for (const [e, p] of people) {
      const was = learners.get(e);
      if (was && (was.name !== p.name || was.directorate !== p.directorate || was.team !== p.team)) {
        await q.updateLearner(tx, was.id, { ...p, updated_at: now });
        changed++;
      }
    }
    const ids = await q.learnerIds(tx, organisationId);
    const newCourses: string[] = [];
    for (const r of rows) {
      const name = str(r.values.course);
      const key = name.toLowerCase();
      if (!courses.has(key)) {
        courses.set(key, await q.insertCourse(tx, { organisation_id: organisationId, name, name_key: key, created_at: now }));
        newCourses.push(name);
      }
    }
    await progress(Math.floor(rows.length / 2));
    const completions = rows
      .filter((r) => r.values.completedOn)
      .map((r) => ({
        organisation_id: organisationId,
        learner_id: ids.get(str(r.values.email))!.id,
        course_id: courses.get(str(r.values.course).toLowerCase())!,
        completed_on: String(r.values.completedOn),
        score: (r.values.score as number | null) ?? null,
        import_id: importId,
      }));
    const added = await q.insertCompletions(tx, completions);
    await q.trainingChanged(tx, organisationId);
    const counts = {
      added,
      updated: changed,
      people: fresh.length,
      courses: newCourses.length,
      notCompleted: rows.length - completions.length,
      repeated: completions.length - added,
    };
    await audit.created(
      'training_import',
      importId,
      { filename, ...counts, newCourses },
      `Imported training records from ${filename}: ${counted(added, 'completion', 'completions')}, ${counted(fresh.length, 'person', 'people')} new`,
      organisationId,
    );
    return counts;
  },

  describe: (r) =>
    `${counted(r.added, 'completion', 'completions')} recorded, ${counted(r.people ?? 0, 'new person', 'new people')}, ${counted(r.updated, 'person', 'people')} whose directorate or team changed, ${counted(r.courses ?? 0, 'new course', 'new courses')} (set whether each is required on the training page), ${counted(r.notCompleted ?? 0, 'row', 'rows')} assigned and not yet done, ${counted(r.repeated ?? 0, 'completion', 'completions')} already recorded, ${counted(r.skipped, 'row', 'rows')} left out`,
  fixable: () => false,
};
