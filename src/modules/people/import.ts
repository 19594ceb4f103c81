import { nowIso } from '../../db/columns.js';
import { counted, dict, keepAsNotKnown, own, readDateAs, type GoodRow, type ImportKind, type Read } from '../../platform/index.js';
import { addTeamWithin, teamsOf } from '../teams/index.js';
import { people } from './abilities.js';
import * as q from './queries.js';
import { contractTypes } from './schemas.js';
import type { ContractType } from './tables.js';

const text =
  (max: number) =>
  (cell: string): Read<string> => ({ ok: true, value: cell.trim().replace(/\s+/g, ' ').slice(0, max) || null });

function email(cell: string): Read<string> {
  const value = cell.trim().toLowerCase();
  if (!value || /^(n\/?a|none|-|tbc|unknown)$/.test(value)) return { ok: true, value: null };
  return value.length <= 254 && /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value)
    ? { ok: true, value }
    : { ok: false, reason: `“${cell.trim().slice(0, 60)}” is not an email address` };
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
const lower = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * People of the department from the council's HR system: one row a person, with their manager by
 * email. Someone already recorded (by email, else by name) is updated, never copied, and a Steward
 * user with the same email is the same person.
 */
export const staffImport: ImportKind = {
  name: 'staff',
  title: 'People of the IT department',
  ability: people.manage,
  key: 'email',
  keyFallback: 'name',
  home: { text: 'Go to the department’s people', href: '/people/staff' },
  fields: [
    {
      key: 'name',
      label: 'Name',
      required: true,
      headings: ['name', 'full name', 'employee name', 'staff name', 'display name', 'employee', 'person'],
      read: text(200),
    },
    { key: 'email', label: 'Email', headings: ['email', 'work email', 'email address', 'e-mail', 'business email'], read: email },
    { key: 'jobTitle', label: 'Job title', headings: ['job title', 'title', 'position', 'post', 'post title', 'role', 'job'], read: text(200) },
    { key: 'grade', label: 'Grade', headings: ['grade', 'band', 'pay grade', 'scale', 'pay band'], read: text(60) },
    { key: 'team', label: 'Team', headings: ['team', 'team name', 'section', 'unit', 'department', 'service', 'cost centre name'], read: text(100) },
    {
      key: 'managerEmail',
      label: 'Manager’s email',
      headings: ["manager's email", 'manager’s email', 'manager email', 'line manager email', 'line manager', 'manager', 'reports to', 'supervisor email'],
      read: email,
    },
    {
      key: 'startDate',
      label: 'Start date',
      headings: ['start date', 'date started', 'employment start date', 'start', 'continuous service date', 'date joined'],
      read: readDateAs('start'),
    },
    { key: 'endDate', label: 'End date', headings: ['end date', 'contract end date', 'fixed term end date', 'leaving date'], read: readDateAs('end') },
    {
      key: 'contract',
      label: 'Contract type',
      headings: ['contract type', 'contract', 'employment type', 'type of contract', 'worker type', 'employment status'],
      choices: contractTypes,
      synonyms: dict({
        permanent: 'permanent',
        perm: 'permanent',
        'permanent full time': 'permanent',
        'permanent part time': 'permanent',
        employee: 'permanent',
        'fixed term': 'fixed-term',
        'fixed-term': 'fixed-term',
        temporary: 'fixed-term',
        temp: 'fixed-term',
        secondment: 'fixed-term',
        contractor: 'contractor',
        agency: 'contractor',
        consultant: 'contractor',
        interim: 'interim',
        apprentice: 'apprentice',
        apprenticeship: 'apprentice',
        graduate: 'graduate',
        'graduate trainee': 'graduate',
      }),
    },
  ],
  matches: [
    {
      field: 'team',
      noun: 'team',
      existing: async (db, organisationId) => (await teamsOf(db, organisationId)).map((t) => ({ id: Number(t.id), name: t.name })),
    },
  ],
  template: [
    ['Jo Bloggs', 'jo.bloggs@council.gov.uk', 'Service desk analyst', 'Grade 6', 'Service desk', 'sam.manager@council.gov.uk', '01/04/2024', '', 'Permanent'],
  ],

  async check(db, organisationId, rows, { strict }) {
    const held = await q.staffInPost(db, organisationId);
    const managerOf = new Map<string, string>();
    const heldEmails = new Map(held.filter((s) => s.email).map((s) => [s.email, s]));
    for (const s of held) {
      const m = held.find((x) => Number(x.id) === Number(s.line_manager_id));
      if (s.email && m?.email) managerOf.set(s.email, m.email);
    }
    const inFile = new Set(rows.filter((r) => r.values?.email).map((r) => str(r.values!.email)));
    for (const r of rows) if (r.values?.email) managerOf.set(str(r.values.email), str(r.values.managerEmail));
    let updates = 0;
    for (const r of rows) {
      if (!r.values) continue;
      const me = str(r.values.email);
      if (me && heldEmails.has(me)) updates++;
      else if (!me && held.some((s) => lower(s.name) === lower(str(r.values!.name)))) updates++;
      const boss = str(r.values.managerEmail);
      if (!boss) continue;
      if (!inFile.has(boss) && !heldEmails.has(boss)) {
        keepAsNotKnown(r, 'managerEmail', 'Manager’s email', boss, `nobody in the file or the department has the email ${boss}`, strict);
        continue;
      }
      // A manager who reports, through others, to this person: the loop is broken here and said.
      let at = boss;
      for (let steps = 0; at && steps <= managerOf.size; steps++) {
        if (at === me) {
          keepAsNotKnown(r, 'managerEmail', 'Manager’s email', boss, `${boss} reports, through others, to ${me}: a loop of line managers`, strict);
          managerOf.set(me, '');
          break;
        }
        at = managerOf.get(at) ?? '';
      }
    }
    return { updates };
  },

  async apply(tx, audit, { organisationId, filename, matches, wrote }, rows) {
    const now = nowIso();
    const why = `Imported from ${filename}`;
    const held = await q.staffInPost(tx, organisationId);
    const byEmail = new Map(held.filter((s) => s.email).map((s) => [s.email, Number(s.id)]));
    const byName = new Map(held.map((s) => [lower(s.name), Number(s.id)]));
    const teams = new Map((await teamsOf(tx, organisationId)).map((t) => [lower(t.name), Number(t.id)]));
    const confirmed = own(matches, 'team') ?? dict<number | 'new'>();
    let teamsAdded = 0;
    const teamOf = async (written: string) => {
      const word = lower(written);
      let id = teams.get(word);
      const chosen = own(confirmed, word);
      if (id === undefined && typeof chosen === 'number') id = chosen;
      if (id === undefined) {
        id = await addTeamWithin(tx, audit, organisationId, written, why);
        teamsAdded++;
      }
      teams.set(word, id);
      return id;
    };
    let added = 0;
    let updated = 0;
    const ids = new Map<GoodRow, number>();
    for (const r of rows) {
      const v = r.values;
      const mail = str(v.email);
      const fields = {
        name: str(v.name),
        ...(mail ? { email: mail } : {}),
        ...(v.jobTitle ? { job_title: str(v.jobTitle) } : {}),
        ...(v.grade ? { grade: str(v.grade) } : {}),
        ...(v.team ? { team_id: await teamOf(str(v.team)) } : {}),
        ...(v.startDate ? { start_date: str(v.startDate) } : {}),
        ...(v.endDate ? { end_date: str(v.endDate) } : {}),
        ...(v.contract ? { contract: v.contract as ContractType } : {}),
      };
      const person = mail ? await q.memberWithEmail(tx, organisationId, mail) : undefined;
      const existing = (mail ? byEmail.get(mail) : undefined) ?? (!mail ? byName.get(lower(fields.name)) : undefined);
      let id: number;
      if (existing !== undefined) {
        id = existing;
        await q.updateStaff(tx, organisationId, id, { ...fields, ...(person ? { person_id: Number(person.id) } : {}), updated_at: now });
        updated++;
      } else {
        id = await q.insertStaff(tx, {
          organisation_id: organisationId,
          person_id: person ? Number(person.id) : null,
          email: '',
          job_title: '',
          grade: '',
          team_id: null,
          contract: 'permanent',
          start_date: null,
          end_date: null,
          day_rate: null,
          annual_cost: null,
          programme: '',
          provider: '',
          location: '',
          working_pattern: '',
          role_level_id: null,
          left_on: null,
          line_manager_id: null,
          ...fields,
          created_at: now,
          updated_at: now,
        });
        if (mail) byEmail.set(mail, id);
        added++;
      }
      ids.set(r, id);
      wrote(r, { entityType: 'staff', entityId: id, name: fields.name, href: `/people/staff/${id}` });
    }
    await q.peopleChanged(tx, organisationId);
    let managed = 0;
    for (const r of rows) {
      const boss = str(r.values.managerEmail);
      const managerId = boss ? byEmail.get(boss) : undefined;
      if (managerId === undefined || managerId === ids.get(r)) continue;
      await q.updateStaff(tx, organisationId, ids.get(r)!, { line_manager_id: managerId, updated_at: now });
      managed++;
    }
    await audit.created(
      'staff_import',
      filename,
      { added, updated, teamsAdded, managed },
      `${why}: ${counted(added, 'person', 'people')} added, ${counted(updated, 'person', 'people')} updated`,
      organisationId,
    );
    return { added, updated, teams: teamsAdded, managers: managed };
  },

  describe: (r) =>
    `${counted(r.added, 'person', 'people')} added, ${counted(r.updated, 'person', 'people')} updated, ${counted(r.managers ?? 0, 'line manager', 'line managers')} recorded, ${counted(r.teams ?? 0, 'new team', 'new teams')}; ${counted(r.skipped, 'row', 'rows')} left out`,
  fixable: () => false,
};
