import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumPath, seriousViolations, startRig, type BrowserRig } from './support.js';
import { demoPassword, emailFor } from '../../src/demo/council.js';

const haveChromium = fs.existsSync(chromiumPath);

describe.skipIf(!haveChromium)('the service desk in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  const violations: string[] = [];
  const checked = new Set<string>();
  const contexts: BrowserContext[] = [];
  let reference = '';

  async function as(browser: Browser, name: string): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${rig.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(emailFor(name));
    await page.getByLabel('Password', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  async function check(page: Page, label: string) {
    await page.waitForLoadState('load');
    const key = `${new URL(page.url()).pathname} ${label}`;
    if (checked.has(key)) return;
    checked.add(key);
    violations.push(...(await seriousViolations(page)));
  }

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await rig?.close();
  });

  it('lets a member of staff find an answer, then report a problem', async () => {
    const page = await as(rig.browser, 'Rachel Adams');
    await page.getByRole('navigation', { name: 'Areas of Steward' }).getByRole('link', { name: 'Get IT help' }).click();
    await check(page, 'portal');
    await page.getByRole('button', { name: 'Report a problem' }).click();
    await page.getByLabel('Search for an answer first').fill('password');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    expect(await page.locator('[data-suggestions]').innerText()).toContain('How do I reset my password?');
    await check(page, 'report-search');
    await page.getByLabel('What is wrong?').fill('');
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Say in a few words what is wrong');
    await check(page, 'report-errors');
    await page.getByLabel('What is wrong?').fill('Case notes will not save');
    await page.getByLabel('Tell us more').fill('Every time I press save on a case note it spins and then fails.');
    await page.getByLabel('Which service is it about?').selectOption({ label: 'Adult social care case management' });
    await page.getByLabel('My team or several people').check();
    await page.getByLabel('My work is slowed down').check();
    await page.getByRole('button', { name: 'Send' }).click();
    const banner = await page.locator('.govuk-notification-banner').innerText();
    reference = /INC-\d{6}/.exec(banner)![0];
    await check(page, 'my-ticket');
  });

  it('lets a member of staff ask for equipment through its form', async () => {
    const page = await as(rig.browser, 'Mark Evans');
    await page.goto(`${rig.baseUrl}/portal`);
    await page.getByRole('link', { name: 'Ask for equipment' }).click();
    await page.getByRole('button', { name: 'Send request' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Choose an answer for ‘What do you need?’');
    await check(page, 'request-errors');
    await page.getByLabel('Docking station').check();
    await page.getByLabel('Why do you need it?').fill('Mine stopped working after the office move.');
    await page.getByRole('button', { name: 'Send request' }).click();
    expect(await page.locator('h1').innerText()).toBe('Ask for equipment');
    expect(await page.locator('.govuk-notification-banner').innerText()).toMatch(/REQ-\d{6}/);
  });

  it('lets an agent find, take, answer and resolve the ticket', async () => {
    const page = await as(rig.browser, 'Megan Hughes');
    await page.goto(`${rig.baseUrl}/service-desk?queue=open`);
    await check(page, 'queue');
    await page.getByLabel('Search, or go to a reference').fill(reference.toLowerCase());
    await page.getByRole('button', { name: 'Apply' }).click();
    expect(await page.locator('h1').innerText()).toBe('Case notes will not save');
    await check(page, 'ticket');
    await page.getByLabel('Assignee').selectOption({ label: 'Megan Hughes' });
    await page.getByRole('button', { name: 'Save assignment' }).click();
    await page.getByLabel('Add to the timeline').fill('I can see the error in the logs: **fixing now**.');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    expect(await page.locator('#timeline + .steward-timeline').innerText()).toContain('fixing now');
    await page.getByLabel('Resolved', { exact: true }).check();
    await page.getByRole('button', { name: 'Change status' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Choose how the ticket was resolved');
    await check(page, 'ticket-errors');
    await page.getByLabel('Resolved', { exact: true }).check();
    await page.getByLabel('Resolution (when resolving)').selectOption('Fixed');
    await page.getByLabel('What was done (when resolving)').fill('Cleared a stuck lock on the case record.');
    await page.getByRole('button', { name: 'Change status' }).click();
    expect(await page.locator('.govuk-summary-list').first().innerText()).toContain('Resolved');
  });

  it('lets the member of staff rate the service and close the ticket', async () => {
    const page = await as(rig.browser, 'Rachel Adams');
    await page.goto(`${rig.baseUrl}/portal/tickets/${reference}`);
    await check(page, 'resolved');
    await page.getByLabel('4', { exact: true }).check();
    await page.getByRole('button', { name: 'Send feedback' }).click();
    expect(await page.locator('main').innerText()).toContain('You rated this 4 out of 5');
    await page.getByLabel('Yes, close the ticket').check();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Closed');
  });

  it('gives managers a dashboard, calendars and major incidents that staff see at once', async () => {
    const page = await as(rig.browser, 'Tom Okafor');
    await page.goto(`${rig.baseUrl}/service-desk/dashboard`);
    expect(await page.locator('svg[role="img"]').count()).toBe(4);
    await check(page, 'dashboard');
    await page.goto(`${rig.baseUrl}/service-desk/settings`);
    await check(page, 'settings');
    await page.goto(`${rig.baseUrl}/service-desk/major-incidents/new`);
    await check(page, 'declare');
    await page.getByLabel('Service affected').selectOption({ label: 'Microsoft 365' });
    await page.getByLabel('Title').fill('Email is down for everyone');
    await page.getByLabel('What staff should know').fill('Use Teams chat until email is back.');
    await page.getByRole('button', { name: 'Declare major incident' }).click();
    await check(page, 'major-incident');
    const staff = await as(rig.browser, 'Fatima Begum');
    await staff.goto(`${rig.baseUrl}/portal`);
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain('Email is down for everyone');
    await check(staff, 'portal-banner');
    await staff.goto(`${rig.baseUrl}/knowledge`);
    await check(staff, 'knowledge');
    await staff.getByRole('link', { name: 'How do I reset my password?' }).click();
    await check(staff, 'article');
  });

  it('found no serious or critical accessibility problems', () => {
    expect(checked.size).toBeGreaterThan(12);
    expect(violations).toEqual([]);
  });
});
