// The platform's pages: signing in and out, the home page, administration, the audit log, the account.
import { roleNames, type Role } from '../../../src/platform/access/roles.js';
import { organisationTypeNames, type OrganisationType } from '../../../src/platform/organisations/types.js';
import { StewardPage } from './base.js';

export class SignInPage extends StewardPage {
  static readonly path = '/sign-in';

  async signIn(email: string, password: string) {
    await this.fill({ 'Email address': email, Password: password });
    await this.press('Sign in');
    return this.visitor.on(HomePage);
  }

  async submitEmpty() {
    await this.press('Sign in');
  }
}

export class HomePage extends StewardPage {
  static readonly path = '/';

  areaNames() {
    return this.areas().innerText();
  }

  phaseBanner() {
    return this.page.locator('.govuk-phase-banner').innerText();
  }

  serviceNavigation() {
    return this.page.locator('.govuk-service-navigation').innerText();
  }

  async signOut() {
    await this.press('Sign out');
    return this.visitor.on(StewardPage);
  }
}

export class AdminPage extends StewardPage {
  static readonly path = '/admin';

  async people() {
    await this.follow('People and roles');
    return this.visitor.on(PeoplePage);
  }

  async roles() {
    await this.follow('What each role may do');
    return this.visitor.on(StewardPage);
  }
}

export class PeoplePage extends StewardPage {
  static readonly path = '/admin/people';

  async filterByRole(role: Role) {
    await this.select('Role', role);
    await this.press('Filter');
  }
}

export class NewPersonPage extends StewardPage {
  static readonly path = '/admin/people/new';

  /** Fills in the form and adds the person; what was left out is left blank. */
  async add(person: { name?: string; email?: string; role?: Role; password?: string }) {
    if (person.name !== undefined) await this.fill({ 'Full name': person.name });
    if (person.email !== undefined) await this.fill({ 'Email address': person.email });
    if (person.role) await this.choose(roleNames[person.role]);
    if (person.password !== undefined) await this.fill({ 'First password': person.password });
    await this.press('Add person');
    return this.visitor.on(PersonPage);
  }
}

export class PersonPage extends StewardPage {
  async changeRole(role: Role) {
    await this.choose(roleNames[role]);
    await this.press('Save role');
  }

  async disable(name: string) {
    await this.press(`Disable ${name}`);
  }
}

export class OrganisationSettingsPage extends StewardPage {
  static readonly path = '/admin/organisation';

  async save(settings: { name: string; type?: OrganisationType }) {
    await this.fill({ Name: settings.name });
    if (settings.type) await this.choose(organisationTypeNames[settings.type]);
    await this.press('Save settings');
    return this.visitor.on(HomePage);
  }
}

export class AuditLogPage extends StewardPage {
  static readonly path = '/admin/audit';

  async filterByRecord(record: string) {
    await this.select('Record', record);
    await this.press('Filter');
  }
}

export class AccountPage extends StewardPage {
  static readonly path = '/account';

  /** Makes a personal API token and returns it as the page shows it, once. */
  async createToken(name: string, password: string) {
    await this.fill({ 'Token name': name, 'Your password': password });
    await this.press('Create token');
    return (await this.page.getByTestId('new-token').innerText()).trim();
  }
}

/** Needs attention: the cells imports could not read, put right one at a time. */
export class NeedsAttentionPage extends StewardPage {
  static readonly path = '/imports/attention';

  async putRight(record: string, column: string, value: string) {
    await this.fill({ [`${column} for ${record}`]: value });
    await this.press(`Save ${column} for ${record}`);
  }
}
