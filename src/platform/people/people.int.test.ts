import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, testPasswordCost, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { unique } from '../../../test/support/factories.js';
import { systemActor } from '../audit/audit.js';
import { addPerson } from './service.js';
import { Client, signedInClient } from '../../../test/support/client.js';

describe.each(testDatabases())('administering people (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let admin: Client;
  const count = async (table: 'people' | 'memberships' | 'audit_events') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await seedOrganisation(t, 'Westmere Borough Council');
    admin = await signedInClient(t.app, org.people.admin.email, testPassword);
  });
  afterAll(() => t.close());

  it('adds a person, who can then sign in, and audits it in the same change', async () => {
    const before = await count('audit_events');
    await admin.get('/admin/people/new');
    const res = await admin.post('/admin/people', {
      displayName: 'Nia Roberts',
      email: 'Nia.Roberts@westmere.example',
      role: 'agent',
      password: 'lantern-orchard-kettle',
    });
    expect(res.statusCode).toBe(303);
    const page = await admin.get(res.headers.location as string);
    expect(page.body).toContain('Nia Roberts has been added');
    expect(page.body).toContain('nia.roberts@westmere.example');
    expect(await count('audit_events')).toBe(before + 2);
    const nia = await signedInClient(t.app, 'nia.roberts@westmere.example', 'lantern-orchard-kettle');
    expect((await nia.get('/')).statusCode).toBe(200);
  });

  it('rejects bad input with an error summary naming each field, and writes nothing', async () => {
    const [people, memberships, audits] = [await count('people'), await count('memberships'), await count('audit_events')];
    await admin.get('/admin/people/new');
    const res = await admin.post('/admin/people', { displayName: '', email: 'not-an-email', role: 'overlord', password: 'password1234' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#displayName"');
    expect(res.body).toContain('Enter an email address in the correct format');
    expect(res.body).toContain('Choose a role');
    expect(res.body).toContain('value="not-an-email"');
    const weak = await admin.post('/admin/people', { displayName: 'X', email: 'x.person@westmere.example', role: 'agent', password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('too easy to guess');
    expect([await count('people'), await count('memberships'), await count('audit_events')]).toEqual([people, memberships, audits]);
  });

  it('refuses to add someone who is already a member', async () => {
    await admin.get('/admin/people/new');
    const res = await admin.post('/admin/people', { displayName: 'Again', email: org.people.viewer.email, role: 'agent', password: 'lantern-orchard-kettle' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('already a member');
  });

  it('never attaches, or tells of, a Steward account of another organisation typed into the form', async () => {
    const elsewhere = await seedOrganisation(t, 'Farfield Town Council');
    const theirs = elsewhere.people.manager;
    const [people, memberships, audits] = [await count('people'), await count('memberships'), await count('audit_events')];
    await admin.get('/admin/people/new');
    // Without a password, the same answer as for an address new to Steward.
    const noPassword = await admin.post('/admin/people', { displayName: 'Someone', email: theirs.email, role: 'admin' });
    const newNoPassword = await admin.post('/admin/people', { displayName: 'Someone', email: 'brand.new@westmere.example', role: 'admin' });
    expect(noPassword.statusCode).toBe(400);
    expect(newNoPassword.statusCode).toBe(400);
    expect(noPassword.body).toContain('Enter a password for this person');
    expect(newNoPassword.body).toContain('Enter a password for this person');
    const res = await admin.post('/admin/people', { displayName: 'Someone', email: theirs.email, role: 'admin', password: 'lantern-orchard-kettle' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).not.toContain('manager of Farfield');
    expect(res.body).not.toContain('Farfield');
    expect(res.body).not.toMatch(/already|exists|another organisation|Steward account/i);
    expect([await count('people'), await count('memberships'), await count('audit_events')]).toEqual([people, memberships, audits]);
    const them = await signedInClient(t.app, theirs.email, testPassword);
    expect((await them.get('/account')).body).not.toContain('Westmere');
  });

  it('changes a role, shown in the audit log with before and after', async () => {
    await admin.get(`/admin/people/${org.people.requester.id}`);
    const res = await admin.post(`/admin/people/${org.people.requester.id}/role`, { role: 'manager' });
    expect(res.statusCode).toBe(303);
    const audit = await admin.get('/admin/audit?entityType=membership&action=update');
    expect(audit.body).toContain(`Changed ${org.people.requester.email} from requester to manager`);
    expect(audit.body).toMatch(/requester\s*→\s*manager/);
  });

  it('keeps the last administrator', async () => {
    await admin.get(`/admin/people/${org.people.admin.id}`);
    const res = await admin.post(`/admin/people/${org.people.admin.id}/role`, { role: 'viewer' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('only administrator');
  });

  it('disables a person: their session ends and they cannot sign in', async () => {
    const agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    await admin.get(`/admin/people/${org.people.agent.id}`);
    const res = await admin.post(`/admin/people/${org.people.agent.id}/status`, { active: '0' });
    expect(res.statusCode).toBe(303);
    expect((await agent.get('/')).statusCode).toBe(303);
    const again = new Client(t.app);
    const signIn = await again.signIn(org.people.agent.email, testPassword);
    // Answered as a wrong password is, so the answer does not tell that the password was right.
    expect(signIn.statusCode).toBe(401);
    expect(signIn.body).toContain('Enter a correct email address and password');
    await admin.get(`/admin/people/${org.people.agent.id}`);
    await admin.post(`/admin/people/${org.people.agent.id}/status`, { active: '1' });
    expect((await new Client(t.app).signIn(org.people.agent.email, testPassword)).statusCode).toBe(303);
  });

  it('filters the list of people', async () => {
    const res = await admin.get('/admin/people?role=viewer');
    expect(res.body).toContain(org.people.viewer.email);
    expect(res.body).not.toContain(org.people.admin.email);
    await addPerson(
      t.database.db,
      systemActor('test', org.id),
      org.id,
      {
        email: `nia.roberts.${unique()}@westmere.example`,
        displayName: 'Niamh Roberts',
        role: 'agent',
        password: testPassword,
      },
      testPasswordCost,
    );
    const search = await admin.get('/admin/people?q=NIAMH');
    expect(search.body).toContain('Niamh Roberts');
    expect(search.body).not.toContain(org.people.viewer.email);
  });

  it('shows administrators, and only them, what each role may do, from the abilities the modules declare', async () => {
    const res = await admin.get('/admin/roles');
    expect(res.statusCode).toBe(200);
    const row = (description: string) => {
      const found = /<tr class="govuk-table__row">\s*<th scope="row"[^>]*>([^<]*)<\/th>((?:\s*<td[^>]*>[^<]*<\/td>)*)/g;
      for (const m of res.body.matchAll(found)) if (m[1] === description) return [...m[2]!.matchAll(/>([^<]*)<\/td>/g)].map((c) => c[1]);
      return null;
    };
    const headings = [...res.body.matchAll(/<caption[^>]*>([^<]+)<\/caption>/g)].map((m) => m[1]);
    expect(headings).toEqual(expect.arrayContaining(['Your account and administration', 'Service desk', 'Tech estate and contracts']));
    // requester, agent, manager, admin, viewer
    expect(row('Read the audit log')).toEqual(['No', 'No', 'No', 'Yes', 'No']);
    expect(row('Record suppliers and contracts, their alert lead times, and import them')).toEqual(['No', 'No', 'Yes', 'Yes', 'No']);
    expect(row('Manage your own account: password, API tokens, signing out')).toEqual(['Yes', 'Yes', 'Yes', 'Yes', 'Yes']);
    const manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    expect((await manager.get('/admin/roles')).statusCode).toBe(403);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    await expect(t.database.db.updateTable('audit_events').set({ summary: 'tampered' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.database.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
  });

  it('lets a person change their own password, ending their other sessions', async () => {
    const other = await signedInClient(t.app, org.people.viewer.email, testPassword);
    const me = await signedInClient(t.app, org.people.viewer.email, testPassword);
    await me.get('/account');
    const bad = await me.post('/account/password', {
      currentPassword: 'wrong-one-entirely',
      newPassword: 'a-new-long-passphrase',
      confirmPassword: 'a-new-long-passphrase',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('current password is not right');
    const ok = await me.post('/account/password', {
      currentPassword: testPassword,
      newPassword: 'a-new-long-passphrase',
      confirmPassword: 'a-new-long-passphrase',
    });
    expect(ok.statusCode).toBe(303);
    expect((await other.get('/')).statusCode).toBe(303);
    expect((await me.get('/')).statusCode).toBe(200);
  });
});
