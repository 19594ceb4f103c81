// The tech estate's pages: the register and systems, contracts and suppliers, imports, capabilities.
import { StewardPage } from './base.js';

export class EstatePage extends StewardPage {
  static readonly path = '/estate';

  static searchFor(words: string) {
    return `/estate?q=${encodeURIComponent(words)}`;
  }

  async filter(filters: { words?: string; hosting?: string }) {
    if (filters.words !== undefined) await this.fill({ 'Name, identifier or vendor': filters.words });
    if (filters.hosting) await this.select('Hosting', filters.hosting);
    await this.press('Apply');
  }

  async openSystem(name: string) {
    await this.follow(name);
    return this.visitor.on(SystemPage);
  }
}

export class SystemPage extends StewardPage {
  static at(id: number) {
    return `/estate/systems/${id}`;
  }

  /** Waits for the dependency graph, which draws with JavaScript from the API. */
  async graphDrawn() {
    await this.page.locator('[data-graph-canvas] canvas').first().waitFor({ timeout: 60_000 });
    await this.visitor.check('graph');
  }

  async edit() {
    await this.follow('Edit this system');
    return this.visitor.on(SystemFormPage);
  }

  async changeWhatItSupports() {
    await this.follow(/^Change what it supports/);
    return this.visitor.on(SupportsPage);
  }

  /** The paragraph under "Supports": the services and capabilities the system supports. */
  supports() {
    return this.page.locator('#supports + p').innerText();
  }
}

export class SystemFormPage extends StewardPage {
  async save(fields: Record<string, string>) {
    await this.fill(fields);
    await this.press('Save system');
    return this.visitor.on(SystemPage);
  }
}

export class SupportsPage extends StewardPage {
  async save(...ticked: string[]) {
    await this.choose(...ticked);
    await this.press('Save');
    return this.visitor.on(SystemPage);
  }
}

export class ContractsPage extends StewardPage {
  static readonly path = '/estate/contracts';

  async add() {
    await this.press('Add a contract');
    return this.visitor.on(ContractFormPage);
  }

  /** Opens the contract in the first row (the soonest notice deadline). */
  async openFirst() {
    await this.page.locator('main table a').first().click();
    await this.visitor.arrived();
    return this.visitor.on(ContractPage);
  }
}

export interface ContractFields {
  reference?: string;
  title?: string;
  /** The supplier's name, or its place in the list. */
  supplier?: string | { index: number };
  start?: string;
  end?: string;
  noticeMonths?: string;
  procurementRoute?: string;
}

export class ContractFormPage extends StewardPage {
  async save(contract: ContractFields) {
    if (contract.reference !== undefined) await this.fill({ Reference: contract.reference });
    if (contract.title !== undefined) await this.fill({ 'What it is for': contract.title });
    if (contract.supplier !== undefined)
      await this.select('Supplier', typeof contract.supplier === 'string' ? { label: contract.supplier } : contract.supplier);
    if (contract.start !== undefined) await this.fill({ 'Start date': contract.start });
    if (contract.end !== undefined) await this.fill({ 'End date': contract.end });
    if (contract.noticeMonths !== undefined) await this.fill({ 'Notice period (months)': contract.noticeMonths });
    if (contract.procurementRoute !== undefined) await this.select('Procurement route', contract.procurementRoute);
    await this.press('Save contract');
    return this.visitor.on(ContractPage);
  }
}

export class ContractPage extends StewardPage {
  async change() {
    await this.follow(/Change this contract/);
    return this.visitor.on(ContractFormPage);
  }

  /** Follows the supplier's name in the caption above the heading. */
  async supplier() {
    await this.page.locator('.govuk-caption-l a').click();
    await this.visitor.arrived();
    return this.visitor.on(StewardPage);
  }
}

export class SuppliersPage extends StewardPage {
  static readonly path = '/estate/suppliers';
}

export class ContractAlertsPage extends StewardPage {
  static readonly path = '/estate/contracts/alerts';

  async setLeadMonths(months: string) {
    await this.fill({ 'Months before the notice deadline': months });
    await this.press('Save alert times');
  }
}

export class InsightsPage extends StewardPage {
  static readonly path = '/estate/insights';
}

export class MapPage extends StewardPage {
  static readonly path = '/estate/map';

  pictures() {
    return this.page.locator('svg.steward-map').count();
  }
}

export class ImportPage extends StewardPage {
  static readonly path = '/imports?kind=systems';

  async upload(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.field('Spreadsheet').setInputFiles(file);
    await this.page.getByRole('button', { name: 'Upload and check', exact: true }).click();
    await this.page.waitForURL(/\/imports\/\d+/);
    await this.visitor.arrived();
    return this.visitor.on(ImportPreviewPage);
  }
}

export class ImportPreviewPage extends StewardPage {
  /** Says what a free-text word in a column means, and checks the rows again. */
  async mean(column: string, word: string, meaning: string) {
    await this.select(`${column}: what “${word}” means`, { label: meaning });
    await this.press('Save meanings and check again');
  }

  /** Imports the rows and waits for the progress to end with `done` on the page. */
  async importRows(count: number, done: string) {
    await this.page.getByRole('button', { name: `Import ${count} rows`, exact: true }).click();
    await this.page.locator('main', { hasText: done }).waitFor({ timeout: 120_000 });
    await this.visitor.arrived();
  }
}

export class CapabilitiesPage extends StewardPage {
  static readonly path = '/estate/capabilities';

  async open(name: string) {
    await this.follow(name);
    return this.visitor.on(StewardPage);
  }
}
