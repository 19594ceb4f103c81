import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumPath, seriousViolations, startRig, type BrowserRig } from './support.js';
import { demoAdminEmail, demoPassword, emailFor } from '../../src/demo/council.js';

const haveChromium = fs.existsSync(chromiumPath);
if (!haveChromium && process.env.CI) throw new Error(`Chromium is not at ${chromiumPath}: install it with apt-get install -y chromium`);

describe.skipIf(!haveChromium)('journeys in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  let context: BrowserContext;
  let page: Page;
  const violations: string[] = [];

  /** Every page the journeys land on is checked with axe, once per distinct path and state. */
  async function check(label: string) {
    await page.waitForLoadState('load');
    const key = `${new URL(page.url()).pathname} ${label}`;
    if (rig.visited.has(key)) return;
    rig.visited.add(key);
    violations.push(...(await seriousViolations(page)));
  }

  async function signIn(email: string, password: string) {
    await page.goto(`${rig.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  const cspReports: string[] = [];

  beforeAll(async () => {
    rig = await startRig();
    context = await rig.browser.newContext();
    page = await context.newPage();
    // The content security policy must be satisfied by every page: a refusal shows in the console.
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspReports.push(`${page.url()}: ${m.text()}`);
    });
  });
  afterAll(async () => {
    await context?.close();
    await rig?.close();
  });

  it('sends a visitor to sign in, and explains a form left empty', async () => {
    await page.goto(`${rig.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await check('blank');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.govuk-error-summary')).toBeTruthy();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter your email address');
    await check('errors');
  });

  it('signs the demo admin in to a home page with every area', async () => {
    await signIn(demoAdminEmail, demoPassword);
    expect(new URL(page.url()).pathname).toBe('/');
    const nav = await page.getByRole('navigation', { name: 'Areas of Steward' }).innerText();
    for (const area of ['Service desk', 'Tech estate', 'Cyber and risk', 'People and skills', 'Administration']) expect(nav).toContain(area);
    expect(await page.locator('.govuk-phase-banner').innerText()).toContain('demonstration data');
    await check('home');
    for (const href of ['/set-up', '/service-desk', '/estate', '/suppliers', '/cyber', '/data', '/people', '/strategy', '/communications', '/accessibility']) {
      await page.goto(`${rig.baseUrl}${href}`);
      expect(await page.locator('h1').count()).toBe(1);
      await check('area');
    }
  });

  it('lets the admin add a person, correcting mistakes first', async () => {
    await page.goto(`${rig.baseUrl}/admin`);
    await check('admin');
    await page.getByRole('link', { name: 'People and roles' }).click();
    await check('people');
    expect(await page.locator('table').innerText()).toContain('Rachel Adams');
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(await page.locator('table').innerText()).not.toContain('Rachel Adams');
    await check('filtered');
    await page.goto(`${rig.baseUrl}/admin/people/new`);
    await check('new');
    await page.getByLabel('Full name').fill('Owen Lloyd');
    await page.getByLabel('Email address').fill('owen.lloyd');
    await page.getByRole('button', { name: 'Add person' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('correct format');
    await check('new-errors');
    await page.getByLabel('Email address').fill('owen.lloyd@eastwold.example');
    await page.getByLabel('Service desk agent').check();
    await page.getByLabel('First password').fill('harbour-violet-tractor');
    await page.getByRole('button', { name: 'Add person' }).click();
    expect(await page.locator('h1').innerText()).toBe('Owen Lloyd');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Owen Lloyd has been added');
    await check('person');
    await page.getByLabel('Manager', { exact: true }).check();
    await page.getByRole('button', { name: 'Save role' }).click();
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Manager');
    await page.getByRole('button', { name: 'Disable Owen Lloyd' }).click();
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Disabled');
  });

  it('sets the organisation’s name and shows every change in the audit log', async () => {
    await page.goto(`${rig.baseUrl}/admin/organisation`);
    await check('organisation');
    await page.getByLabel('Name').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the organisation’s name');
    await check('organisation-errors');
    await page.getByLabel('Name').fill('Eastwold Council (demo, renamed)');
    await page.getByLabel('County council').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.locator('.govuk-service-navigation').innerText()).toContain('Eastwold Council (demo, renamed)');
    await page.goto(`${rig.baseUrl}/admin/audit`);
    await check('audit');
    const log = await page.locator('table').innerText();
    expect(log).toContain('Updated organisation settings');
    expect(log).toContain('Disabled owen.lloyd@eastwold.example');
    await page.getByLabel('Record').selectOption('organisation');
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(await page.locator('table').innerText()).not.toContain('owen.lloyd');
    await check('audit-filtered');
  });

  it('creates a personal API token that works once copied', async () => {
    await page.goto(`${rig.baseUrl}/account`);
    await check('account');
    await page.getByLabel('Token name').fill('Power BI report');
    await page.getByLabel('Your password').fill(demoPassword);
    await page.getByRole('button', { name: 'Create token' }).click();
    await check('token');
    const token = (await page.getByTestId('new-token').innerText()).trim();
    const res = await fetch(`${rig.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ person: { email: demoAdminEmail } });
  });

  it('shows a helpful page for a wrong address, then signs out', async () => {
    await page.goto(`${rig.baseUrl}/no-such-page`);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    await check('404');
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.locator('h1').innerText()).toBe('You have signed out');
    await check('signed-out');
    await page.goto(`${rig.baseUrl}/admin`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('gives a member of staff no administration, and says why', async () => {
    await signIn(emailFor('Rachel Adams'), demoPassword);
    expect(await page.getByRole('navigation', { name: 'Areas of Steward' }).innerText()).not.toContain('Administration');
    await check('requester-home');
    await page.goto(`${rig.baseUrl}/admin/people`);
    expect(await page.locator('h1').innerText()).toContain('You do not have permission');
    await check('forbidden');
    await page.screenshot({ path: '.test-results/requester-forbidden.png', fullPage: true });
  });

  it('works without JavaScript: sign in and add a person with plain forms', async () => {
    const plain = await rig.browser.newContext({ javaScriptEnabled: false });
    const p = await plain.newPage();
    await p.goto(`${rig.baseUrl}/sign-in`);
    await p.getByLabel('Email address').fill(demoAdminEmail);
    await p.getByLabel('Password', { exact: true }).fill(demoPassword);
    await p.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL(p.url()).pathname).toBe('/');
    await p.goto(`${rig.baseUrl}/admin/people/new`);
    await p.getByLabel('Full name').fill('Bethan Morgan');
    await p.getByLabel('Email address').fill('bethan.morgan@eastwold.example');
    await p.getByLabel('Requester').check();
    await p.getByLabel('First password').fill('meadow-copper-lighthouse');
    await p.getByRole('button', { name: 'Add person' }).click();
    expect(await p.locator('h1').innerText()).toBe('Bethan Morgan');
    await plain.close();
  });

  it('satisfied the content security policy on every page', () => {
    expect(cspReports).toEqual([]);
  });

  it('found no serious or critical accessibility problems on any page visited', () => {
    expect(rig.visited.size).toBeGreaterThan(15);
    expect(violations).toEqual([]);
  });
});
