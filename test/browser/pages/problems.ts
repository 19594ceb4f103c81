// Problem management's pages: the list, the proposals, a problem, its form.
import { StewardPage } from './base.js';

export class ProblemsPage extends StewardPage {
  static readonly path = '/problems';
}

export class KnownErrorsPage extends StewardPage {
  static readonly path = '/problems/known-errors';
}

export class ProposalsPage extends StewardPage {
  static readonly path = '/problems/proposals';

  async lookForClusters() {
    await this.press('Look for clusters now');
  }

  async raise() {
    await this.press('Raise a problem');
    return this.visitor.on(ProblemPage);
  }
}

export class ProblemFormPage extends StewardPage {
  static readonly path = '/problems/new';
}

export class ProblemPage extends StewardPage {
  async move(status: string, facts: { rootCause?: string; workaround?: string } = {}) {
    await this.choose(status);
    if (facts.rootCause !== undefined) await this.fill({ 'Root cause': facts.rootCause });
    if (facts.workaround !== undefined) await this.fill({ Workaround: facts.workaround });
    await this.press('Save the status');
  }

  async openArticle() {
    await this.follow(/^Known error: /);
  }
}
