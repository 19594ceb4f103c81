import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson, haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, Visitor } from './pages/base.js';
import { AccountPage, AdminPage, AuditLogPage, HomePage, NewPersonPage, OrganisationSettingsPage, SignInPage } from './pages/platform.js';
import { anOrganisation, aPerson, actorOf, unique } from '../support/factories.js';
import { setActive } from '../../src/platform/people/service.js';

// Each journey makes its own organisation and people (or signs in as a demo person and changes
// nothing the others read), so it passes alone (-t) and in any order.
describe.skipIf(!haveChromium)('the platform in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  /** An organisation of the test's own with an administrator, and that administrator signed in. */
  async function anAdminSignedIn(options: { javaScript?: boolean } = {}) {
    const org = await anOrganisation(rig);
    const admin = await aPerson(rig, org, { role: 'admin' });
    return { org, admin, visitor: await Visitor.signedIn(rig, admin, options) };
  }

  it('sends a visitor to sign in, and explains a form left empty', async () => {
    const visitor = await Visitor.open(rig);
    const signIn = await visitor.visit(SignInPage, '/');
    expect(signIn.path()).toBe('/sign-in');
    await signIn.submitEmpty();
    expect(await signIn.errorSummary()).toContain('Enter your email address');
  });

  it('signs the demo admin in to a home page with every area', async () => {
    const visitor = await Visitor.open(rig);
    const priya = demoPerson('Priya Shah');
    const home = await (await visitor.visit(SignInPage)).signIn(priya.email, priya.password);
    expect(home.path()).toBe('/');
    const areas = await home.areaNames();
    for (const area of ['Service desk', 'Tech estate', 'Cyber and risk', 'People and skills', 'Administration']) expect(areas).toContain(area);
    expect(await home.phaseBanner()).toContain('demonstration data');
    for (const href of ['/set-up', '/service-desk', '/estate', '/suppliers', '/cyber', '/data', '/people', '/strategy', '/communications', '/accessibility']) {
      const area = await visitor.visit(HomePage, href);
      expect(await area.page.locator('h1').count(), href).toBe(1);
    }
  });

  it('lets an admin find people by role and add a person, correcting mistakes first', async () => {
    const { org, visitor } = await anAdminSignedIn();
    const staff = await aPerson(rig, org, { role: 'requester', name: 'Rachel Adams' });
    const councillor = await aPerson(rig, org, { role: 'viewer', name: 'Susan Hill' });
    const roles = await (await visitor.visit(AdminPage)).roles();
    expect(await roles.table()).toContain('Read the audit log');
    const people = await (await visitor.visit(AdminPage)).people();
    expect(await people.table()).toContain(staff.name);
    await people.filterByRole('viewer');
    expect(await people.table()).toContain(councillor.name);
    expect(await people.table()).not.toContain(staff.name);

    const email = `owen.lloyd.${unique()}@${org.id}.example`;
    const form = await visitor.visit(NewPersonPage);
    await form.add({ name: 'Owen Lloyd', email: 'owen.lloyd' });
    expect(await form.errorSummary()).toContain('correct format');
    const person = await form.add({ email, role: 'agent', password: 'harbour-violet-tractor' });
    expect(await person.heading()).toBe('Owen Lloyd');
    expect(await person.flash()).toContain('Owen Lloyd has been added');
    await person.changeRole('manager');
    expect(await person.summaryList()).toContain('Manager');
    await person.disable('Owen Lloyd');
    expect(await person.summaryList()).toContain('Disabled');
  });

  it('sets the organisation’s name and shows every change in the audit log', async () => {
    const { org, admin, visitor } = await anAdminSignedIn();
    const leaver = await aPerson(rig, org, { role: 'agent' });
    await setActive(rig.database.db, actorOf(admin), org.id, leaver.id, false);

    const settings = await visitor.visit(OrganisationSettingsPage);
    await settings.save({ name: '' });
    expect(await settings.errorSummary()).toContain('Enter the organisation’s name');
    const renamed = `${org.name} (renamed)`;
    const home = await settings.save({ name: renamed, type: 'county' });
    expect(await home.serviceNavigation()).toContain(renamed);

    const audit = await visitor.visit(AuditLogPage);
    const log = await audit.table();
    expect(log).toContain('Updated organisation settings');
    expect(log).toContain(`Disabled ${leaver.email}`);
    await audit.filterByRecord('organisation');
    expect(await audit.table()).not.toContain(leaver.email);
  });

  it('creates a personal API token that works once copied', async () => {
    const org = await anOrganisation(rig);
    const analyst = await aPerson(rig, org, { role: 'viewer' });
    const visitor = await Visitor.signedIn(rig, analyst);
    const token = await (await visitor.visit(AccountPage)).createToken('Power BI report', analyst.password);
    const res = await fetch(`${rig.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ person: { email: analyst.email } });
  });

  it('shows a helpful page for a wrong address, then signs out', async () => {
    const org = await anOrganisation(rig);
    const visitor = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'agent' }));
    const missing = await visitor.visit(HomePage, '/no-such-page');
    expect(await missing.heading()).toBe('Page not found');
    const signedOut = await missing.signOut();
    expect(await signedOut.heading()).toBe('You have signed out');
    const admin = await visitor.visit(AdminPage);
    expect(admin.path()).toBe('/sign-in');
  });

  it('gives a member of staff no administration, and says why', async () => {
    const org = await anOrganisation(rig);
    const visitor = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'requester' }));
    const home = visitor.on(HomePage);
    expect(await home.areaNames()).not.toContain('Administration');
    const forbidden = await visitor.visit(AdminPage, '/admin/people');
    expect(await forbidden.heading()).toContain('You do not have permission');
    await forbidden.screenshot('requester-forbidden');
  });

  it('works without JavaScript: sign in and add a person with plain forms', async () => {
    const { org, visitor } = await anAdminSignedIn({ javaScript: false });
    expect(visitor.on(HomePage).path()).toBe('/');
    const person = await (
      await visitor.visit(NewPersonPage)
    ).add({
      name: 'Bethan Morgan',
      email: `bethan.morgan.${unique()}@${org.id}.example`,
      role: 'requester',
      password: 'meadow-copper-lighthouse',
    });
    expect(await person.heading()).toBe('Bethan Morgan');
  });
});
