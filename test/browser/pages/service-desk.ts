// The service desk's pages: the staff portal, the agents' queue and ticket page, the manager's pages.
import { StewardPage } from './base.js';

export class PortalPage extends StewardPage {
  static readonly path = '/portal';

  async reportAProblem() {
    await this.press('Report a problem');
    return this.visitor.on(ReportPage);
  }

  async ask(requestName: string) {
    await this.follow(requestName);
    return this.visitor.on(RequestPage);
  }

  /** The "Known problems" banner of open major incidents. */
  knownProblems() {
    return this.page.locator('.govuk-notification-banner:not(.govuk-notification-banner--success)').innerText();
  }
}

export class ReportPage extends StewardPage {
  async searchFirst(words: string) {
    await this.fill({ 'Search for an answer first': words });
    await this.press('Search');
  }

  suggestions() {
    return this.page.locator('[data-suggestions]').innerText();
  }

  /** Sends the report; what was left out is left as it is. */
  async send(report: { title?: string; details?: string; service?: string; affects?: string; impact?: string }) {
    if (report.title !== undefined) await this.fill({ 'What is wrong?': report.title });
    if (report.details !== undefined) await this.fill({ 'Tell us more': report.details });
    if (report.service) await this.select('Which service is it about?', { label: report.service });
    if (report.affects) await this.choose(report.affects);
    if (report.impact) await this.choose(report.impact);
    await this.press('Send');
    return this.visitor.on(PortalTicketPage);
  }
}

export class RequestPage extends StewardPage {
  async send(answers: { choose?: string[]; fill?: Record<string, string> } = {}) {
    await this.choose(...(answers.choose ?? []));
    await this.fill(answers.fill ?? {});
    await this.press('Send request');
  }
}

/** A ticket as the person who raised it sees it on the portal. */
export class PortalTicketPage extends StewardPage {
  static at(reference: string) {
    return `/portal/tickets/${reference}`;
  }

  /** The reference the success banner gives a new ticket. */
  async newReference(kind: 'INC' | 'REQ' = 'INC') {
    const found = new RegExp(`${kind}-\\d{6}`).exec(await this.flash());
    if (!found) throw new Error(`No ${kind} reference in the banner on ${this.path()}`);
    return found[0];
  }

  async rate(score: 1 | 2 | 3 | 4 | 5) {
    await this.page.getByLabel(String(score), { exact: true }).check();
    await this.press('Send feedback');
  }

  async confirmFixed() {
    await this.choose('Yes, close the ticket');
    await this.press('Send');
  }

  details() {
    return this.summaryList();
  }
}

export class QueuePage extends StewardPage {
  static readonly path = '/service-desk?queue=open';

  /** Searches the queue; a reference goes straight to its ticket. */
  async search(text: string) {
    await this.fill({ 'Search, or go to a reference': text });
    await this.press('Search');
    return this.visitor.on(TicketPage);
  }
}

/** A ticket as the service desk works it. */
export class TicketPage extends StewardPage {
  async assignTo(name: string) {
    await this.select('Assignee', { label: name });
    await this.press('Save changes');
  }

  async addToTimeline(text: string) {
    await this.fill({ 'Add to the timeline': text });
    await this.press('Add');
  }

  timeline() {
    return this.page.locator('#timeline + .steward-timeline').innerText();
  }

  /** Resolves the ticket; without a resolution the page says what is missing. */
  async resolve(resolution: { code?: string; notes?: string } = {}) {
    await this.select('Status', { label: 'Resolved' });
    if (resolution.code) await this.select('Resolution (when resolving)', resolution.code);
    if (resolution.notes) await this.fill({ 'What was done (when resolving)': resolution.notes });
    await this.press('Save changes');
  }

  /** The ticket's details: status, priority, team, who has it. */
  details() {
    return this.summaryList();
  }
}

export class DashboardPage extends StewardPage {
  static readonly path = '/service-desk/dashboard';

  charts() {
    return this.page.locator('svg[role="img"]').count();
  }
}

export class DeskSettingsPage extends StewardPage {
  static readonly path = '/service-desk/settings';
}

export class DeclareMajorIncidentPage extends StewardPage {
  static readonly path = '/service-desk/major-incidents/new';

  async declare(incident: { service: string; title: string; forStaff: string }) {
    await this.select('Service affected', { label: incident.service });
    await this.fill({ Title: incident.title, 'What staff should know': incident.forStaff });
    await this.press('Declare major incident');
    return this.visitor.on(StewardPage);
  }
}

export class KnowledgePage extends StewardPage {
  static readonly path = '/knowledge';

  async read(title: string) {
    await this.follow(title);
    return this.visitor.on(StewardPage);
  }
}
