// The cyber area and the assessment engine's pages: frameworks, assessments and their outcomes.
import { StewardPage } from './base.js';

export class CyberPage extends StewardPage {
  static readonly path = '/cyber';
}

export class AssessmentsPage extends StewardPage {
  static readonly path = '/assessments';

  async start(fields: { framework: string; title: string; profile: string; from: string; to: string; carryForward?: string }) {
    await this.select('Framework', { label: fields.framework });
    await this.fill({ Title: fields.title, 'Period starts': fields.from, 'Period ends': fields.to });
    await this.select('Target profile', { label: fields.profile });
    if (fields.carryForward) await this.select('Carry forward from', { label: fields.carryForward });
    await this.press('Start the assessment');
    return this.visitor.on(AssessmentPage);
  }
}

export class AssessmentPage extends StewardPage {
  async openOutcome(name: RegExp) {
    await this.follow(name);
    return this.visitor.on(OutcomePage);
  }
}

export class OutcomePage extends StewardPage {
  /** Ticks the indicators that hold, in the tier named by its legend, by their position. */
  async tick(tier: string, ...positions: number[]) {
    const group = this.page.getByRole('group', { name: `${tier}: tick each that holds` });
    for (const n of positions) await group.getByRole('checkbox').nth(n).check();
  }

  async setByHand(status: string, why: string) {
    const details = this.page.locator('details', { hasText: 'Set the status by hand' });
    if (!(await details.evaluate((d) => (d as unknown as { open: boolean }).open))) await this.page.getByText('Set the status by hand').click();
    await this.select('Status', { label: status });
    await this.fill({ 'Why (needed when the status is set by hand)': why });
  }

  async markDone(action: string) {
    await this.page
      .getByRole('row', { name: new RegExp(action) })
      .getByRole('button', { name: /^Mark done/ })
      .click();
    await this.visitor.arrived();
  }

  async save() {
    await this.page.getByRole('button', { name: /^Save/ }).click();
    await this.visitor.arrived();
  }
}

export class FrameworksPage extends StewardPage {
  static readonly path = '/assessments/frameworks';

  async upload(filename: string, contents: string) {
    await this.field('Framework file').setInputFiles({ name: filename, mimeType: 'application/yaml', buffer: Buffer.from(contents) });
    await this.press('Import the framework');
  }
}

export class VulnerabilitiesPage extends StewardPage {
  static readonly path = '/cyber/vulnerabilities';
}

export class FindingsPage extends StewardPage {
  static readonly path = '/cyber/vulnerabilities/findings';

  async filter(choices: { severity?: string; show?: string }) {
    if (choices.severity) await this.select('Severity', { label: choices.severity });
    if (choices.show) await this.select('Show', { label: choices.show });
    await this.press('Apply');
  }
}

export class FindingPage extends StewardPage {
  async accept(fields: { why: string; until: string; risk?: string }) {
    await this.fill({ 'Why the risk of leaving it is accepted': fields.why, 'Accepted until': fields.until });
    if (fields.risk) await this.select('Under the risk', { label: fields.risk });
    await this.press('Accept the risk');
  }
}

export class TrainingPage extends StewardPage {
  static readonly path = '/training';
}
