import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { signedInClient, type Client } from '../../../test/support/client.js';
import { aTeam, unique } from '../../../test/support/factories.js';
import { sendCertificationReminders } from './reminders.js';

const csv = (rows: string[][]) =>
  Buffer.from(`\uFEFF${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`);
const rolesHeader = [
  'Role Family',
  'Role',
  'Role Description',
  'Role Level',
  'Role Level Description',
  'Skill Name',
  'Skill Description',
  'Skill Level',
  'Skill Level Description',
  'Role Type',
];
const skillsHeader = ['Skill Name', 'Skill Description', 'Awareness', 'Working', 'Practitioner', 'Expert', 'Roles that require Skill'];
const role = (
  family: string,
  name: string,
  level: string,
  skill: string,
  skillLevel: string,
  extra: Partial<{ description: string; skillDescription: string }> = {},
) => [
  family,
  name,
  extra.description ?? `What a ${name.toLowerCase()} does`,
  level,
  `The ${level.toLowerCase()} level`,
  skill,
  extra.skillDescription ?? `About ${skill.toLowerCase()}`,
  skillLevel,
  `${skillLevel} in ${skill.toLowerCase()}`,
  'Specialist',
];
const rolesFile = [
  role('IT operations', 'Service desk analyst', 'Analyst', 'Incident management', 'Working'),
  role('IT operations', 'Service desk analyst', 'Analyst', 'Customer service', 'Practitioner'),
  role('IT operations', 'Service desk analyst', 'Senior analyst', 'Incident management', 'Practitioner'),
  role('IT operations', 'Service desk analyst', 'Senior analyst', 'Customer service', 'Expert'),
  // A person would take these in stride: the row again, the role's name with other capitals and spaces, a level with a trailing space.
  role('IT operations', 'Service desk analyst', 'Senior analyst', 'Customer service', 'Expert'),
  role('IT operations', 'Service Desk  analyst', 'Senior analyst', 'Problem management', 'practitioner '),
  role('Data', 'Data analyst', 'Data analyst', 'Data analysis', 'Working', { skillDescription: '<ul><li>Finding answers in data</li></ul>' }),
  role('Data', 'Data analyst', 'Data analyst', 'Incident management', 'Awareness'),
];

describe.each(testDatabases())('people and skills (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;
  let agent: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `People Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
  });
  afterAll(() => t.close());

  async function upload(kind: string, rows: string[][], filename = 'framework.csv') {
    await manager.get('/imports');
    return manager.upload('/imports', { kind }, { filename, type: 'text/csv', data: csv(rows) });
  }
  async function importFile(kind: string, rows: string[][]) {
    const res = await upload(kind, rows);
    expect(res.statusCode).toBe(303);
    const path = String(res.headers.location);
    const preview = (await manager.get(path)).body;
    expect((await manager.post(`${path}/confirm`)).statusCode).toBe(303);
    return { preview, done: (await manager.get(path)).body };
  }
  const framework = async () =>
    (await agent.json('GET', '/api/v1/capability-framework')).json<{
      counts: { families: number; roles: number; roleLevels: number; skills: number };
      roles: { id: number; name: string; withdrawnOn: string | null; levels: { id: number; name: string; skills: { name: string; level: string }[] }[] }[];
    }>();

  it('imports the framework’s two files, taking its quirks in stride and saying what was odd', async () => {
    const skills = await importFile('capability-skills', [
      skillsHeader,
      [
        'Incident management',
        'Restoring service',
        'Knows the process',
        'Handles incidents',
        'Leads major incidents',
        'Sets the approach',
        'Service desk analyst',
      ],
      ['Customer service', '<p>Helping people&nbsp;well</p>', 'a', 'w', 'p', '', 'Service desk analyst'],
    ]);
    expect(skills.preview).toContain('kept as plain text');
    expect(skills.preview).toContain('no description for one or more of the four levels');
    const roles = await importFile('capability-roles', [rolesHeader, ...rolesFile]);
    expect(roles.preview).toContain('repeated an earlier row exactly');
    expect(roles.preview).toContain('written in more than one way');
    expect(roles.done).toContain('2 roles added');
    const f = await framework();
    expect(f.counts).toEqual({ families: 2, roles: 2, roleLevels: 3, skills: 4 });
    const analyst = f.roles.find((r) => r.name === 'Service desk analyst')!;
    expect(analyst.levels.map((l) => l.name)).toEqual(['Analyst', 'Senior analyst']);
    expect(analyst.levels[1]!.skills).toEqual([
      { skillId: expect.any(Number), name: 'Customer service', level: 'expert' },
      { skillId: expect.any(Number), name: 'Incident management', level: 'practitioner' },
      { skillId: expect.any(Number), name: 'Problem management', level: 'practitioner' },
    ]);
    const page = (await manager.get('/people/framework')).body;
    expect(page).toContain('Helping people well');
    expect(page).not.toContain('&lt;p&gt;');
  });

  it('refuses a file with the wrong columns, naming them, and reports a level that is not one of the four by row', async () => {
    const wrong = await upload('capability-roles', [
      ['Family', 'Job', 'Skill', 'Grade'],
      ['IT', 'Analyst', 'Incidents', '3'],
    ]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('not the capability framework’s roles export');
    expect(wrong.body).toContain('“Role Level”');
    expect(wrong.body).toContain('“Skill Level Description”');
    const res = await upload('capability-roles', [
      rolesHeader,
      rolesFile[0]!,
      role('IT operations', 'Service desk analyst', 'Analyst', 'Customer service', 'Advanced'),
    ]);
    const preview = (await manager.get(String(res.headers.location))).body;
    expect(preview).toContain('“Advanced” is not one of the framework’s four levels');
    expect((await framework()).counts.roles).toBe(0);
  });

  it('updates the framework from a newer version and says what changed', async () => {
    await importFile('capability-roles', [rolesHeader, ...rolesFile]);
    const newer = [
      role('IT operations', 'Service desk analyst', 'Analyst', 'Incident management', 'Practitioner'),
      role('IT operations', 'Service desk analyst', 'Analyst', 'Customer service', 'Practitioner'),
      role('Architecture', 'Technical architect', 'Architect', 'Technical design', 'Expert'),
    ];
    const second = await importFile('capability-roles', [rolesHeader, ...newer]);
    expect(second.preview).toContain('1 new role');
    expect(second.preview).toContain('1 role changed (Service desk analyst)');
    expect(second.preview).toContain('no longer in the file and will be marked withdrawn');
    const f = await framework();
    expect(f.roles.find((r) => r.name === 'Data analyst')!.withdrawnOn).not.toBeNull();
    expect(f.counts.roles).toBe(2);
    expect(f.roles.find((r) => r.name === 'Service desk analyst')!.levels[0]!.skills.find((s) => s.name === 'Incident management')!.level).toBe('practitioner');
    expect((await manager.get('/people/framework')).body).toContain('Compared with the framework held now');
  });

  it('keeps the department’s people: a Steward user is the same person, a loop of line managers is refused, another organisation’s records are not', async () => {
    const other = await seedOrganisation(t, `Other People Council ${unique()}`);
    const otherTeam = (await aTeam(t, { id: other.id, actor: { personId: null, label: 'test', organisationId: other.id } })).id;
    const team = (await aTeam(t, { id: org.id, actor: { personId: null, label: 'test', organisationId: org.id } })).id;
    const add = (body: object) => manager.json('POST', '/api/v1/staff', { contract: 'permanent', ...body });
    const head = await add({ name: 'Jo Head', jobTitle: 'Head of IT', teamId: team });
    expect(head.statusCode).toBe(201);
    const headId = head.json<{ id: number }>().id;
    const me = await add({
      name: 'Agent Person',
      email: org.people.agent.email.toUpperCase(),
      jobTitle: 'Service desk analyst',
      lineManagerId: headId,
      teamId: team,
    });
    expect(me.json()).toMatchObject({ isStewardUser: true, lineManager: { id: headId, name: 'Jo Head' }, email: org.people.agent.email });
    const again = await add({ name: 'Copy', email: org.people.agent.email });
    expect(again.statusCode).toBe(409);
    const meId = me.json<{ id: number }>().id;
    const loop = await manager.json('PUT', `/api/v1/staff/${headId}`, { name: 'Jo Head', contract: 'permanent', lineManagerId: meId });
    expect(loop.statusCode).toBe(422);
    expect(JSON.stringify(loop.json())).toContain('lineManagerId');
    const foreign = await add({ name: 'Nope', teamId: otherTeam });
    expect(foreign.statusCode).toBe(422);
    expect(JSON.stringify(foreign.json())).toContain('teamId');
    const list = (await agent.json('GET', '/api/v1/staff')).json<{ items: { name: string }[] }>();
    expect(list.items.map((s) => s.name)).toEqual(['Agent Person', 'Jo Head']);
    const chart = (await agent.get('/people/org-chart')).body;
    expect(chart).toContain('Jo Head');
    expect(chart).toContain('Agent Person');
  });

  it('shows each person against what their role needs, with gaps, and lets only the person say their own level', async () => {
    await importFile('capability-roles', [rolesHeader, ...rolesFile]);
    const f = await framework();
    const analyst = f.roles.find((r) => r.name === 'Service desk analyst')!.levels[0]!;
    await manager.get('/people/framework');
    expect(
      (await manager.post('/people/framework/job-titles', { jobTitle: 'IT Support Officer', grade: '', roleLevelId: String(analyst.id) })).statusCode,
    ).toBe(303);
    const team = (await aTeam(t, { id: org.id, actor: { personId: null, label: 'test', organisationId: org.id } })).id;
    const me = (
      await manager.json('POST', '/api/v1/staff', {
        name: 'Agent Person',
        email: org.people.agent.email,
        jobTitle: 'IT support officer',
        contract: 'permanent',
        teamId: team,
      })
    ).json<{ id: number; roleLevelId: number }>();
    expect(me.roleLevelId).toBe(analyst.id);
    const someoneElse = (
      await manager.json('POST', '/api/v1/staff', { name: 'Someone Else', jobTitle: 'IT support officer', contract: 'fixed-term', teamId: team })
    ).json<{
      id: number;
    }>();
    const skills = Object.fromEntries(analyst.skills.map((s) => [s.name, s]));
    const ids = (await agent.json('GET', '/api/v1/skills-matrix')).json<{ skills: { id: number; name: string }[] }>().skills;
    const idOf = (name: string) => String(ids.find((s) => s.name === name)!.id);
    expect(Object.keys(skills).sort()).toEqual(['Customer service', 'Incident management']);

    await agent.get('/people/my-skills');
    const mine = await agent.post(`/people/staff/${me.id}/skills`, {
      as: 'self',
      skillId: [idOf('Incident management'), idOf('Customer service')],
      level: ['expert', 'awareness'],
    });
    expect(mine.statusCode).toBe(303);
    const notMine = await agent.post(`/people/staff/${someoneElse.id}/skills`, { as: 'self', skillId: [idOf('Incident management')], level: ['expert'] });
    expect(notMine.statusCode).toBe(403);
    await manager.get(`/people/staff/${me.id}`);
    expect((await manager.post(`/people/staff/${me.id}/skills`, { as: 'agreed', skillId: [idOf('Incident management')], level: ['working'] })).statusCode).toBe(
      303,
    );

    const m = (await agent.json('GET', '/api/v1/skills-matrix')).json<{
      people: { name: string; skills: { skillId: number; needed: string; own: string | null; agreed: string | null; short: number }[] }[];
      requiredSkillsMet: number;
      nobodyHolds: unknown[];
    }>();
    const row = m.people.find((p) => p.name === 'Agent Person')!;
    expect(row.skills.find((s) => String(s.skillId) === idOf('Incident management'))).toMatchObject({
      needed: 'working',
      own: 'expert',
      agreed: 'working',
      short: 0,
    });
    expect(row.skills.find((s) => String(s.skillId) === idOf('Customer service'))).toMatchObject({
      needed: 'practitioner',
      own: 'awareness',
      agreed: null,
      short: 2,
    });
    expect(m.requiredSkillsMet).toBe(25);
    expect((await agent.get(`/people/skills?teamId=${team}`)).body).toContain('role needs Practitioner: 2 levels short');
    const department = (await agent.get('/people/skills')).body;
    expect(department).toContain('0 of the 2 whose role needs it meet the level');
    expect(department).toContain(`/people/skills?teamId=${team}`);
  });

  it('shows how long each post has been vacant, plainly', async () => {
    const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    expect((await manager.json('POST', '/api/v1/vacancies', { title: 'Data architect', openSince: longAgo, timesAdvertised: 2 })).statusCode).toBe(201);
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    expect((await manager.json('POST', '/api/v1/vacancies', { title: 'Later', openSince: future })).statusCode).toBe(422);
    const v = (await agent.json('GET', '/api/v1/vacancies')).json<{ items: { title: string; timeOpen: string; daysOpen: number }[] }>();
    expect(v.items).toEqual([expect.objectContaining({ title: 'Data architect', daysOpen: 400, timeOpen: expect.stringMatching(/^1 year/) })]);
    const page = (await agent.get('/people/vacancies')).body;
    expect(page).toContain('Over a year');
    expect((await agent.get('/people')).body).toContain('Posts open for more than a year');
  });

  it('imports people from an HR export: a Steward user is the same person, managers by email, a loop and an unknown manager named', async () => {
    const agentEmail = org.people.agent.email;
    const { preview, done } = await importFile('staff', [
      ['Employee Name', 'Work Email', 'Job Title', 'Grade', 'Section', "Manager's Email", 'Start Date', 'Contract Type'],
      ['Ada Head', 'ada.head@council.example', 'Head of IT', 'Chief officer', 'Leadership', '', '01/09/2025', 'Permanent'],
      ['Agent Person', agentEmail.toUpperCase(), 'Service desk analyst', 'Grade 6', 'Service Desk', 'ada.head@council.example', 'Apr-21', 'Perm'],
      ['Cy Loop', 'cy@council.example', 'Engineer', 'Grade 8', 'Infrastructure', 'di@council.example', '2019', 'Agency'],
      ['Di Loop', 'di@council.example', 'Engineer', 'Grade 8', 'Infrastructure', 'cy@council.example', '', 'Fixed term'],
      ['Ed Nobody', 'ed@council.example', 'Engineer', 'Grade 8', 'Infrastructure', 'someone@elsewhere.example', '', 'Permanent'],
    ]);
    expect(preview).toContain('a loop of line managers');
    expect(preview).toContain('nobody in the file or the department has the email someone@elsewhere.example');
    expect(done).toContain('5 people added');
    const list = (await agent.json('GET', '/api/v1/staff?limit=10')).json<{
      items: {
        name: string;
        isStewardUser: boolean;
        lineManager: { name: string } | null;
        contract: string;
        team: { name: string } | null;
        startDate: string | null;
      }[];
    }>().items;
    const by = (n: string) => list.find((x) => x.name === n)!;
    expect(by('Agent Person')).toMatchObject({
      isStewardUser: true,
      lineManager: { name: 'Ada Head' },
      contract: 'permanent',
      team: { name: 'Service Desk' },
      startDate: '2021-04-01',
    });
    expect(by('Cy Loop')).toMatchObject({ contract: 'contractor' });
    expect([by('Cy Loop').lineManager, by('Di Loop').lineManager].filter(Boolean)).toHaveLength(1);
    expect(by('Ed Nobody').lineManager).toBeNull();
    // The same file again updates the same people rather than adding them twice.
    const again = await importFile('staff', [
      ['Employee Name', 'Work Email', 'Job Title'],
      ['Ada Head', 'ada.head@council.example', 'Director of digital'],
    ]);
    expect(again.done).toContain('0 people added, 1 person updated');
    expect((await agent.json('GET', '/api/v1/staff?limit=10')).json<{ items: unknown[] }>().items).toHaveLength(5);
  });

  it('keeps objectives and 1:1s private to the person and their managers: anyone else, admins included, is told there is no such page', async () => {
    const viewer = await signedInClient(t.app, org.people.viewer.email, testPassword);
    const admin = await signedInClient(t.app, org.people.admin.email, testPassword);
    const requester = await signedInClient(t.app, org.people.requester.email, testPassword);
    const boss = (await manager.json('POST', '/api/v1/staff', { name: 'The Manager', email: org.people.manager.email, contract: 'permanent' })).json<{
      id: number;
    }>();
    const me = (
      await manager.json('POST', '/api/v1/staff', { name: 'Agent Person', email: org.people.agent.email, contract: 'permanent', lineManagerId: boss.id })
    ).json<{ id: number }>();
    const secret = `Talked about a difficult month at home ${unique()}`;
    await manager.get(`/people/staff/${me.id}/private`);
    expect(
      (
        await manager.post(`/people/staff/${me.id}/one-to-ones`, {
          heldOn: new Date().toISOString().slice(0, 10),
          notes: secret,
          action: ['Book the Azure course', ''],
          owner: ['person', 'person'],
          due: ['', ''],
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await manager.post(`/people/staff/${me.id}/objectives`, { year: '2026', title: 'Cut password reset calls by a third', measure: 'Calls in the quarter' }))
        .statusCode,
    ).toBe(303);

    expect((await agent.get(`/people/staff/${me.id}/private`)).body).toContain(secret);
    const api = await agent.json('GET', `/api/v1/staff/${me.id}/objectives-and-one-to-ones`);
    expect(api.statusCode).toBe(200);
    expect(JSON.stringify(api.json())).toContain(secret);
    for (const other of [admin, viewer, requester]) {
      expect((await other.get(`/people/staff/${me.id}/private`)).statusCode).toBe(404);
      expect((await other.json('GET', `/api/v1/staff/${me.id}/objectives-and-one-to-ones`)).statusCode).toBe(404);
    }
    // Nor can they write one, and the person's own page offers no link to those who may not.
    await admin.get('/people');
    expect((await admin.post(`/people/staff/${me.id}/objectives`, { year: '2026', title: 'Not theirs' })).statusCode).toBe(404);
    expect((await admin.get(`/people/staff/${me.id}`)).body).not.toContain('Objectives and 1:1s (private)');
    expect((await manager.get(`/people/staff/${me.id}`)).body).toContain('Objectives and 1:1s (private)');
    // The audit log says a 1:1 happened, never what was said.
    const audit = await t.database.db
      .selectFrom('audit_events')
      .where('organisation_id', '=', org.id)
      .where('entity_type', '=', 'one_to_one')
      .selectAll()
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('difficult month');
  });

  it('plans development against the training budget: spend per head, and only the person or their managers may plan it', async () => {
    const requester = await signedInClient(t.app, org.people.requester.email, testPassword);
    const me = (await manager.json('POST', '/api/v1/staff', { name: 'Agent Person', email: org.people.agent.email, contract: 'permanent' })).json<{
      id: number;
    }>();
    const other = (await manager.json('POST', '/api/v1/staff', { name: 'Someone Else', contract: 'permanent' })).json<{ id: number }>();
    await manager.get('/people');
    const year = new Date().getUTCMonth() >= 3 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
    expect((await manager.post('/people/training-budget', { year: String(year), amount: '-5' })).statusCode).toBe(400);
    expect((await manager.post('/people/training-budget', { year: String(year), amount: '20000' })).statusCode).toBe(303);
    await agent.get('/people/my-skills');
    const mine = await agent.post(`/people/staff/${me.id}/development`, {
      activity: 'AZ-104 Azure Administrator',
      kind: 'qualification',
      dueOn: new Date().toISOString().slice(0, 10),
      cost: '1450',
    });
    expect(mine.statusCode).toBe(303);
    expect((await agent.post(`/people/staff/${me.id}/development`, { activity: '', kind: 'qualification' })).body).toContain('Say what they will do');
    expect((await agent.post(`/people/staff/${other.id}/development`, { activity: 'Not mine', kind: 'online' })).statusCode).toBe(403);
    await requester.get('/people/my-skills');
    expect((await requester.post(`/people/staff/${other.id}/development`, { activity: 'Not mine', kind: 'online' })).statusCode).toBe(403);
    const overview = (await manager.get('/people')).body;
    expect(overview).toContain('£1,450 of £20,000 spent or booked');
    expect(overview).toContain('£725 a head');
    expect((await agent.get(`/people/staff/${me.id}`)).body).toContain('AZ-104 Azure Administrator');
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const past = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    await agent.get('/people/my-skills');
    expect((await agent.post(`/people/staff/${me.id}/certifications`, { name: 'CompTIA Security+', awardedOn: soon, expiresOn: past })).body).toContain(
      'It runs out after the day it was awarded',
    );
    expect((await agent.post(`/people/staff/${me.id}/certifications`, { name: 'CompTIA Security+', awardedOn: past, expiresOn: soon })).statusCode).toBe(303);
    expect((await agent.get(`/people/staff/${me.id}`)).body).toContain('Runs out soon');
    expect((await manager.get('/people')).body).toContain('Certifications lapsed or running out in the next 90 days');
  });

  it('puts development that is done into everyone’s training records, with its kind and cost, beside the learning system’s', async () => {
    const team = await aTeam(t, { id: org.id, actor: { personId: null, label: 'test', organisationId: org.id } });
    const me = (
      await manager.json('POST', '/api/v1/staff', { name: 'Agent Person', email: org.people.agent.email, contract: 'permanent', teamId: team.id })
    ).json<{
      id: number;
    }>();
    await agent.get('/people/my-skills');
    const activity = `Brown bag on Intune ${unique()}`;
    expect((await agent.post(`/people/staff/${me.id}/development`, { activity, kind: 'brown-bag', cost: '40' })).statusCode).toBe(303);
    const records = async (query = '') =>
      (await agent.json('GET', `/api/v1/training-records${query}`)).json<{
        items: { person: { email: string; team: string }; course: { name: string; required: boolean }; kind: string; cost: number | null; source: string }[];
      }>().items;
    expect((await records()).filter((r) => r.course.name === activity)).toEqual([]);
    const page = (await agent.get(`/people/staff/${me.id}`)).body;
    const item = /action="\/people\/development\/(\d+)\/done"/.exec(page)![1];
    expect((await agent.post(`/people/development/${item}/done`, {})).statusCode).toBe(303);
    // Recording it done twice does not make two records.
    await agent.post(`/people/development/${item}/done`, {});
    const done = (await records(`?kind=brown-bag`)).filter((r) => r.course.name === activity);
    expect(done).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ email: org.people.agent.email.toLowerCase(), team: team.name }),
        course: expect.objectContaining({ required: false }),
        kind: 'brown-bag',
        cost: 40,
        source: 'development-plan',
      }),
    ]);
    const cell = `<td class="govuk-table__cell">${activity}</td>`;
    const list = (await agent.get('/training/records?kind=brown-bag')).body;
    expect(list).toContain(cell);
    expect(list).toContain('Development plan');
    expect((await agent.get('/training/records?kind=online')).body).not.toContain(cell);
    expect((await agent.get('/training/records?kind=juggling')).statusCode).toBe(400);
    const sheet = (await agent.get('/training/records.csv?kind=brown-bag')).body;
    expect(sheet).toContain(`${activity},Brown bag lunch`);
  });

  it('reminds the holder of a certification and their line manager 90 and 30 days before it runs out, each once', async () => {
    const boss = (await manager.json('POST', '/api/v1/staff', { name: 'Boss Person', email: org.people.manager.email, contract: 'permanent' })).json<{
      id: number;
    }>();
    const me = (
      await manager.json('POST', '/api/v1/staff', { name: 'Agent Person', email: org.people.agent.email, contract: 'permanent', lineManagerId: boss.id })
    ).json<{ id: number }>();
    const name = `ITIL 4 Foundation ${unique()}`;
    await agent.get('/people/my-skills');
    expect((await agent.post(`/people/staff/${me.id}/certifications`, { name, awardedOn: '2024-01-10', expiresOn: '2030-06-30' })).statusCode).toBe(303);
    const mails = async () =>
      (
        await t.database.db
          .selectFrom('outbox')
          .where('organisation_id', '=', org.id)
          .where('kind', '=', 'certification-expiry')
          .select(['to_email', 'subject'])
          .orderBy('id')
          .execute()
      ).filter((m) => m.subject.includes(name));
    await sendCertificationReminders(t.database.db, new Date('2030-03-01T09:00:00Z'));
    expect(await mails()).toEqual([]);
    await sendCertificationReminders(t.database.db, new Date('2030-04-02T09:00:00Z'));
    await sendCertificationReminders(t.database.db, new Date('2030-04-03T09:00:00Z'));
    const first = await mails();
    expect(first.map((m) => m.to_email).sort()).toEqual([org.people.agent.email, org.people.manager.email].sort());
    expect(first.find((m) => m.to_email === org.people.agent.email)!.subject).toBe(`Your ${name} certification runs out on 30 June 2030`);
    expect(first.find((m) => m.to_email === org.people.manager.email)!.subject).toBe(`Agent Person’s ${name} certification runs out on 30 June 2030`);
    await sendCertificationReminders(t.database.db, new Date('2030-06-05T09:00:00Z'));
    await sendCertificationReminders(t.database.db, new Date('2030-06-06T09:00:00Z'));
    expect(await mails()).toHaveLength(4);
    await sendCertificationReminders(t.database.db, new Date('2030-07-01T09:00:00Z'));
    expect(await mails()).toHaveLength(4);
  });

  it('shows a form’s errors on the page it was on, refuses an empty 1:1, and shows pay only to those who keep the records', async () => {
    const boss = (
      await manager.json('POST', '/api/v1/staff', { name: 'Boss Person', email: org.people.manager.email, contract: 'permanent', annualCost: 61000 })
    ).json<{
      id: number;
    }>();
    const report = (
      await manager.json('POST', '/api/v1/staff', {
        name: 'Report Person',
        email: org.people.agent.email,
        contract: 'permanent',
        lineManagerId: boss.id,
        annualCost: 42500,
      })
    ).json<{ id: number }>();
    await manager.get(`/people/staff/${report.id}`);
    const refused = await manager.post(`/people/staff/${report.id}/development`, { activity: '', kind: 'online' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Say what they will do');
    expect(refused.body).toContain('<h1 class="govuk-heading-l">Report Person</h1>');
    expect(refused.body).toContain('£42,500');
    expect((await agent.get(`/people/staff/${boss.id}`)).body).not.toContain('£61,000');
    expect((await agent.get('/people/staff.csv')).body).not.toContain('Day rate');
    await manager.get(`/people/staff/${report.id}/private`);
    const empty = await manager.post(`/people/staff/${report.id}/one-to-ones`, { heldOn: new Date().toISOString().slice(0, 10), notes: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write what was discussed, or an action agreed');
    expect((await manager.post('/people/training-budget', { year: '2026', amount: '£42,500' })).statusCode).toBe(303);
    expect((await manager.post('/people/training-budget', { year: '2026', amount: '' })).body).toContain('Enter the budget in pounds');
  });
});
