// Strategy and governance's pages: the overview, the roadmap, a project and its form.
import { StewardPage } from './base.js';

export class StrategyPage extends StewardPage {
  static readonly path = '/strategy';

  async roadmap() {
    await this.follow('The roadmap');
    return this.visitor.on(RoadmapPage);
  }

  async openObjective(title: string) {
    await this.follow(title, this.page.locator('main #priorities ~ ul').first());
    return this.visitor.on(ObjectivePage);
  }
}

export class ObjectivePage extends StewardPage {}

export class RoadmapPage extends StewardPage {
  static readonly path = '/strategy/roadmap';

  async filter(filters: { status?: string }) {
    if (filters.status) await this.select('Status', { label: filters.status });
    await this.press('Show');
  }

  /** The bars drawn on the timeline. */
  bars() {
    return this.page.locator('svg.steward-roadmap rect[class^="steward-roadmap__bar"]').count();
  }

  horizon(name: 'Now' | 'Next' | 'Later') {
    return this.page.locator('.steward-horizons section', { has: this.page.locator(`h3:text-matches("^${name} ")`) }).innerText();
  }

  async openProject(title: RegExp) {
    await this.follow(title, this.page.locator('main table'));
    return this.visitor.on(ProjectPage);
  }

  async add() {
    await this.follow('Add a programme or project');
    return this.visitor.on(ProjectFormPage);
  }
}

export class ProjectPage extends StewardPage {
  async addDependency(on: string) {
    await this.select('It depends on', { label: on });
    await this.press('Add dependency');
  }
}

export class ProjectFormPage extends StewardPage {
  async save(p: { name: string; status?: string; reason?: string; starts?: string; ends?: string }) {
    await this.fill({ Name: p.name });
    if (p.status) await this.select('Status (RAG)', { label: p.status });
    if (p.reason !== undefined) await this.fill({ 'Why it has that status': p.reason });
    if (p.starts) await this.fill({ 'Starts (YYYY-MM-DD)': p.starts });
    if (p.ends) await this.fill({ 'Ends (YYYY-MM-DD)': p.ends });
    await this.press('Save');
  }
}
