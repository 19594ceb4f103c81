// The boards' pages: the list, a board, a meeting, the decision form and a decision.
import { StewardPage } from './base.js';

export class BoardsPage extends StewardPage {
  static readonly path = '/boards';

  async setUp(name: string, terms: string) {
    await this.page.locator('summary', { hasText: 'Set up a board' }).click();
    await this.fill({ Name: name, 'Terms of reference': terms });
    await this.press('Set up the board');
    return this.visitor.on(BoardPage);
  }

  async openBoard(name: string) {
    await this.follow(name, this.page.locator('main table'));
    return this.visitor.on(BoardPage);
  }
}

export class BoardPage extends StewardPage {
  async addMember(m: { name: string; role?: string; email?: string }) {
    await this.page.locator('summary', { hasText: 'Add a member' }).click();
    await this.fill({
      Name: m.name,
      ...(m.role ? { 'Place on the board (optional)': m.role } : {}),
      ...(m.email ? { 'Their email in Steward (optional)': m.email } : {}),
    });
    await this.press('Add the member');
  }

  async arrange(day: string) {
    await this.page.locator('summary', { hasText: 'Arrange a meeting' }).click();
    await this.fill({ 'Day (YYYY-MM-DD)': day, 'Starts at (optional)': '14:00' });
    await this.press('Arrange the meeting');
    return this.visitor.on(MeetingPage);
  }

  async openMeeting(when: RegExp) {
    await this.follow(when, this.page.locator('main #meetings + table'));
    return this.visitor.on(MeetingPage);
  }
}

export class MeetingPage extends StewardPage {
  async attended(present: string[], apologies: string[]) {
    for (const name of present) await this.field(`${name} was present`).check();
    for (const name of apologies) await this.field(`${name} sent apologies`).check();
    await this.press('Save attendance');
  }

  async writeMinutes(text: string) {
    await this.page.locator('summary', { hasText: 'Write the minutes' }).click();
    await this.fill({ Minutes: text });
    await this.press('Save the minutes');
  }

  async recordDecision() {
    await this.follow('Record a decision of this meeting');
    return this.visitor.on(DecisionFormPage);
  }
}

export class DecisionFormPage extends StewardPage {
  async record(d: { decision: string; why: string; on?: string; published?: boolean }) {
    await this.fill({ 'What was decided': d.decision, Why: d.why });
    if (d.on) await this.fill({ 'Decided on (YYYY-MM-DD)': d.on });
    if (d.published) await this.choose('It may be published');
    await this.press('Record the decision');
  }
}

export class DecisionPage extends StewardPage {}

export class BoardPackPage extends StewardPage {}
