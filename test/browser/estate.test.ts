import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumPath, seriousViolations, startRig, type BrowserRig } from './support.js';
import { demoPassword, emailFor } from '../../src/demo/council.js';

const haveChromium = fs.existsSync(chromiumPath);

describe.skipIf(!haveChromium)('the tech estate in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  let context: BrowserContext;
  let page: Page;
  const violations: string[] = [];
  const checked = new Set<string>();
  const cspReports: string[] = [];

  async function check(label: string) {
    await page.waitForLoadState('load');
    if (checked.has(label)) return;
    checked.add(label);
    violations.push(...(await seriousViolations(page)));
  }

  beforeAll(async () => {
    rig = await startRig();
    context = await rig.browser.newContext();
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspReports.push(`${page.url()}: ${m.text()}`);
    });
    await page.goto(`${rig.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(emailFor('Helen Walsh'));
    await page.getByLabel('Password', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
  });
  afterAll(async () => {
    await context?.close();
    await rig?.close();
  });

  it('shows contract decisions on the home page and the register with filters', async () => {
    expect(await page.locator('main').innerText()).toContain('Contracts needing a decision');
    await check('home');
    await page.getByRole('navigation', { name: 'Areas of Steward' }).getByRole('link', { name: 'Tech estate' }).click();
    await check('register');
    await page.getByLabel('Name, identifier or vendor').fill('revenues');
    await page.getByLabel('Hosting').selectOption('on-premises');
    await page.getByRole('button', { name: 'Apply' }).click();
    expect(await page.locator('table').innerText()).toContain('Revenues and benefits');
    await check('register-filtered');
  });

  it('shows a system with its relationships and what breaks if it fails', async () => {
    await page.goto(`${rig.baseUrl}/estate?q=Storage+area+network`);
    await page.getByRole('link', { name: 'Storage area network' }).click();
    expect(await page.locator('main').innerText()).toMatch(/\d+ systems depend on it/);
    // The graph draws with JavaScript; its data comes from the API.
    await page.locator('[data-graph-canvas] canvas').first().waitFor({ timeout: 10_000 });
    await check('system');
    await page.screenshot({ path: '.test-results/estate-system.png', fullPage: true });
    await page.getByRole('link', { name: 'Edit this system' }).click();
    await check('system-edit');
    await page.getByLabel('Annual cost (£)').fill('-1');
    await page.getByRole('button', { name: 'Save system' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('The annual cost cannot be negative');
    await check('system-errors');
  });

  it('lists contracts by notice deadline and adds one', async () => {
    await page.goto(`${rig.baseUrl}/estate/contracts`);
    await check('contracts');
    await page.getByRole('button', { name: 'Add a contract' }).click();
    await check('contract-new');
    await page.getByLabel('Reference').fill('EWC-9999');
    await page.getByLabel('What it is for').fill('Wi-Fi refresh');
    await page.getByLabel('Supplier', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Start date').fill('2026-01-01');
    await page.getByLabel('End date').fill('2028-12-31');
    await page.getByLabel('Notice period (months)').fill('3');
    await page.getByLabel('Procurement route').selectOption('open');
    await page.getByRole('button', { name: 'Save contract' }).click();
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('30 September 2028');
    await check('contract');
    await page.goto(`${rig.baseUrl}/estate/suppliers`);
    await check('suppliers');
    await page.goto(`${rig.baseUrl}/estate/insights`);
    expect(await page.locator('h1').innerText()).toBe('Estate insights');
    await check('insights');
    await page.goto(`${rig.baseUrl}/estate/map`);
    expect(await page.locator('svg.steward-map').count()).toBe(3);
    await check('map');
    await page.screenshot({ path: '.test-results/estate-map.png', fullPage: true });
  });

  it('satisfied the content security policy, graph included', () => {
    expect(cspReports).toEqual([]);
  });

  it('imports systems from a spreadsheet after a preview, with progress and the meaning of free-text words confirmed', async () => {
    await page.goto(`${rig.baseUrl}/estate/import`);
    await check('import');
    const file = Buffer.from(
      'System Ref,Application Name,Hosted,EOL\r\nNEW-1,Parking permits,Supplier hosted,Mar-27\r\nNEW-2,Pest control,On Prem,31/02/2027\r\nNEW-3,Allotments,Basement,\r\n',
    );
    await page.getByLabel('Spreadsheet').setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.waitForURL(/\/estate\/import\/\d+/);
    expect(await page.locator('main').innerText()).toContain('1 row can be imported');
    await check('import-preview');
    await page.screenshot({ path: '.test-results/estate-import-preview.png', fullPage: true });
    await page.getByLabel('Hosting: what “Basement” means').selectOption({ label: 'On-premises' });
    await page.getByRole('button', { name: 'Save meanings and check again' }).click();
    expect(await page.locator('main').innerText()).toContain('2 rows can be imported');
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.locator('main', { hasText: '2 systems added' }).waitFor();
    await check('import-done');
    await page.goto(`${rig.baseUrl}/estate?q=Allotments`);
    expect(await page.locator('main').innerText()).toContain('On-premises');
  });

  it('records business capabilities and what a system supports, and shows the systems behind a service on its incidents', async () => {
    await page.goto(`${rig.baseUrl}/estate/capabilities`);
    await check('capabilities');
    await page.getByRole('link', { name: 'Bookings and payments' }).click();
    expect(await page.locator('main').innerText()).toContain('a candidate for consolidation');
    await check('capability');
    await page.goto(`${rig.baseUrl}/estate?q=Library+management`);
    await page.getByRole('link', { name: 'Library management' }).click();
    await page.getByRole('link', { name: 'Change what it supports' }).click();
    await check('supports');
    await page.getByLabel('Reporting and analytics').check();
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#supports + p').innerText()).toContain('Reporting and analytics');
    const services = (await (await page.request.get(`${rig.baseUrl}/api/v1/services`)).json()) as { items: { id: number; name: string }[] };
    const m365 = services.items.find((x) => x.name === 'Microsoft 365')!;
    const incidents = (await (await page.request.get(`${rig.baseUrl}/api/v1/tickets?kind=incident&service=${m365.id}&limit=1`)).json()) as {
      items: { reference: string }[];
    };
    await page.goto(`${rig.baseUrl}/service-desk/tickets/${incidents.items[0]!.reference}`);
    expect(await page.locator('main').innerText()).toContain('Systems behind this service');
    await check('ticket-with-impact');
    await page.screenshot({ path: '.test-results/estate-incident-impact.png', fullPage: true });
  });

  it('changes a contract, its supplier and when owners are alerted', async () => {
    await page.goto(`${rig.baseUrl}/estate/contracts`);
    await page.locator('main table a').first().click();
    await page.getByRole('link', { name: /Change this contract/ }).click();
    await check('contract-edit');
    await page.getByLabel('What it is for').fill('Changed in the browser');
    await page.getByRole('button', { name: 'Save contract' }).click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Saved contract');
    await page.locator('.govuk-caption-l a').click();
    await check('supplier');
    await page.goto(`${rig.baseUrl}/estate/contracts/alerts`);
    await check('contract-alerts');
    await page.getByLabel('Months before the notice deadline').fill('12, 6, 3, 1');
    await page.getByRole('button', { name: 'Save alert times' }).click();
    expect(await page.locator('main').innerText()).toContain('emailed 12, 6, 3, 1 months before it');
  });

  it('found no serious or critical accessibility problems', () => {
    expect(checked.size).toBeGreaterThan(8);
    expect(violations).toEqual([]);
  });
});
