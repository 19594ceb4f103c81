// Page objects: what a person sees and does on a page, in the words of the page, so a journey reads
// as the person's steps. Every page a journey lands on is checked as it arrives: axe (WCAG 2.2 AA,
// no serious or critical violation) at desktop and phone widths, and no content security policy
// refusal in the console. A module adds test/browser/pages/<module>.ts with a class per page.
import { expect } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserRig } from '../support.js';

export const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const widths = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 740 },
} as const;

/** Who signs in: a demo person or one a factory made. */
export interface Credentials {
  email: string;
  password: string;
}

const open = new Set<Visitor>();

/** One person at one browser: a context of its own (cookies, session), its page, and the checks on every page it sees. */
export class Visitor {
  readonly cspReports: string[] = [];

  private constructor(
    readonly rig: BrowserRig,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly javaScript: boolean,
  ) {
    // The content security policy must be satisfied by every page: a refusal shows in the console.
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) this.cspReports.push(`${page.url()}: ${m.text()}`);
    });
  }

  static async open(rig: BrowserRig, options: { javaScript?: boolean } = {}): Promise<Visitor> {
    const javaScript = options.javaScript ?? true;
    const context = await rig.browser.newContext({ javaScriptEnabled: javaScript, viewport: widths.desktop });
    const visitor = new Visitor(rig, context, await context.newPage(), javaScript);
    open.add(visitor);
    return visitor;
  }

  /** A visitor who has signed in through the sign-in page. */
  static async signedIn(rig: BrowserRig, who: Credentials, options: { javaScript?: boolean } = {}): Promise<Visitor> {
    const visitor = await Visitor.open(rig, options);
    await visitor.goto('/sign-in');
    await visitor.page.getByLabel('Email address', { exact: true }).fill(who.email);
    await visitor.page.getByLabel('Password', { exact: true }).fill(who.password);
    await visitor.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await visitor.arrived();
    expect(new URL(visitor.page.url()).pathname, `${who.email} signs in`).not.toBe('/sign-in');
    return visitor;
  }

  /** Opens a page object at its own path (or `path`) and checks the page. */
  async visit<T extends StewardPage>(Page: PageClass<T>, path?: string): Promise<T> {
    const target = path ?? Page.path;
    if (!target) throw new Error(`${Page.name} has no path of its own: give one`);
    await this.goto(target);
    return new Page(this);
  }

  /** What the person is looking at now, as a page object (after a link or a button took them there). */
  on<T extends StewardPage>(Page: PageClass<T>): T {
    return new Page(this);
  }

  async goto(path: string) {
    await this.page.goto(`${this.rig.baseUrl}${path}`);
    await this.arrived();
  }

  /** Waits for the page that has started loading, then checks it. */
  async arrived() {
    await this.page.waitForLoadState('load');
    await this.check();
  }

  /**
   * axe at desktop and phone widths, and the console's CSP reports, on the page as it is now. A page
   * is checked once per rig in each state (path with numbers stripped, error summary, banner, and
   * `state` when a script changed the page, like a graph drawn).
   */
  async check(state?: string) {
    expect(this.cspReports, 'content security policy refusals').toEqual([]);
    if (!this.javaScript) return; // axe runs as a script; the same pages are checked with JavaScript on
    const url = new URL(this.page.url());
    const errors = (await this.page.locator('.govuk-error-summary').count()) > 0;
    const banner = (await this.page.locator('.govuk-notification-banner').count()) > 0;
    const key = `${url.pathname.replace(/\d+/g, 'N')}${errors ? ' errors' : ''}${banner ? ' banner' : ''}${state ? ` ${state}` : ''}`;
    if (this.rig.checked.has(key)) return;
    this.rig.checked.add(key);
    const problems: string[] = [];
    for (const [name, size] of Object.entries(widths)) {
      await this.page.setViewportSize(size);
      problems.push(...(await seriousViolations(this.page)).map((p) => `${name}: ${p}`));
    }
    await this.page.setViewportSize(widths.desktop);
    expect(problems, `serious or critical accessibility problems on ${url.pathname}`).toEqual([]);
  }

  async close() {
    open.delete(this);
    await this.context.close();
  }
}

/** Closes every visitor a test opened (call it in afterEach); fails the test if a page was refused by the CSP after its check. */
export async function closeVisitors() {
  const reports = [...open].flatMap((v) => v.cspReports);
  for (const v of [...open]) await v.close();
  expect(reports, 'content security policy refusals').toEqual([]);
}

/** axe's serious and critical violations on the page, described. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export interface PageClass<T extends StewardPage> {
  new (visitor: Visitor): T;
  /** The page's own address, when it has one without an id in it. */
  readonly path?: string;
}

type Option = string | { label: string } | { index: number };

/** What every page has: GOV.UK forms found by their labels, buttons and links by their names, the error summary, banners. */
export class StewardPage {
  constructor(readonly visitor: Visitor) {}

  get page() {
    return this.visitor.page;
  }

  /** The path of the page the person is on. */
  path() {
    return new URL(this.page.url()).pathname;
  }

  field(label: string, options: { exact?: boolean } = {}): Locator {
    return this.page.getByLabel(label, { exact: options.exact ?? true });
  }

  async fill(fields: Record<string, string>) {
    for (const [label, value] of Object.entries(fields)) await this.field(label).fill(value);
  }

  /** Ticks a checkbox or chooses a radio button by its label. */
  async choose(...labels: string[]) {
    for (const label of labels) await this.field(label).check();
  }

  async select(label: string, option: Option) {
    await this.field(label).selectOption(option);
  }

  /** Presses a button and waits for the page it leads to, which is checked. */
  async press(button: string) {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    await this.visitor.arrived();
  }

  /** Follows a link and waits for the page it leads to, which is checked. */
  async follow(link: string | RegExp, within?: Locator) {
    await (within ?? this.page).getByRole('link', { name: link, exact: typeof link === 'string' }).click();
    await this.visitor.arrived();
  }

  /** The error summary's text; fails when the page has none. */
  async errorSummary(): Promise<string> {
    const summary = this.page.locator('.govuk-error-summary');
    expect(await summary.count(), `an error summary on ${this.path()}`).toBe(1);
    return summary.innerText();
  }

  /** The success banner's text (what was just done); fails when there is none. */
  async flash(): Promise<string> {
    const banner = this.page.locator('.govuk-notification-banner--success');
    expect(await banner.count(), `a success banner on ${this.path()}`).toBe(1);
    return banner.innerText();
  }

  heading() {
    return this.page.locator('h1').innerText();
  }

  main() {
    return this.page.locator('main').innerText();
  }

  /** The text of the nth summary list (the first by default). */
  summaryList(n = 0) {
    return this.page.locator('.govuk-summary-list').nth(n).innerText();
  }

  table(n = 0) {
    return this.page.locator('main table').nth(n).innerText();
  }

  areas() {
    return this.page.getByRole('navigation', { name: 'Areas of Steward' });
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `.test-results/${name}.png`, fullPage: true });
  }
}
