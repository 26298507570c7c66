import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { axeViolations } from '../support/a11y.js';
import { apiCall, launchBrowser, logInOnPage, newContext, screenshot, watchPage } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page of the dashboard, logged in as `email`, on the given screen. */
async function dashboardAs(email: string, password: string, screen: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await newContext(browser, 'desktop')).newPage();
  const seen = watchPage(page);
  await logInOnPage(page, server.url, email, password);
  await page.getByTestId(`tab-${screen}`).click();
  return { page, errors: seen.uncaught };
}

async function checkInByName(page: Page, name: string) {
  const find = page.getByTestId('find-by-name');
  await find.locator('input').fill(name);
  await find.getByRole('button', { name: 'Search' }).click();
  const row = find.locator('.find-results li').filter({ hasText: 'Guest list' });
  await row.first().waitFor();
  await row.first().getByRole('button', { name: 'Check in' }).click();
  const answer = page.getByTestId('scan-answer');
  await answer.waitFor();
  const seen = { tone: await answer.getAttribute('data-tone'), text: (await answer.textContent()) ?? '' };
  await answer.click(); // a tap closes it
  await answer.waitFor({ state: 'detached' });
  return seen;
}

describe('a promoter\'s guest list, from the dashboard to the door', () => {
  it('a promoter lists a guest with +1; the door finds them by name and lets in two, not three; the owner\'s report shows 2 in', async () => {
    // The promoter makes a list and adds Ana Torres with one plus-one.
    const promoter = await dashboardAs('promoter@maguey.local', 'promoter-password-123', 'guests');
    await promoter.page.getByLabel('List name').fill('Friends of Leo');
    await promoter.page.getByRole('button', { name: 'Create list' }).click();
    const guestForm = promoter.page.getByTestId('guest-form');
    await guestForm.waitFor();
    await guestForm.getByLabel('Guest name').fill('Ana Tórres');
    await guestForm.getByLabel('Plus-ones').selectOption('1');
    await guestForm.getByRole('button', { name: 'Add guest' }).click();
    await promoter.page.getByTestId('guests').filter({ hasText: 'Ana Tórres +1' }).filter({ hasText: '0 of 2 in' }).waitFor();
    // A guest added by mistake is taken off the list (two taps): their code then denies.
    await guestForm.getByLabel('Guest name').fill('Wrong Person');
    await guestForm.getByRole('button', { name: 'Add guest' }).click();
    const wrong = promoter.page.getByTestId('guests').locator('li').filter({ hasText: 'Wrong Person' });
    await wrong.getByRole('button', { name: 'Take off the list · Wrong Person' }).click();
    await wrong.getByRole('button', { name: /Tap again: take Wrong Person off the list/ }).click();
    await wrong.filter({ hasText: 'Taken off the list' }).waitFor();
    const [taken] = await server.sql<{ status: string }[]>`select status from guests where name = 'Wrong Person'`;
    expect(taken!.status).toBe('cancelled');
    expect(await axeViolations(promoter.page)).toEqual([]);
    await screenshot(promoter.page, 'dashboard-guest-list');

    // At the door: found by name without the accent, checked in twice, refused the third time.
    const { token } = await apiCall<{ token: string }>(server.url, server.ownerToken, 'POST', '/v1/devices', { name: 'Door G phone', gate: 'G', eventId: VIP_TEST.eventId });
    const door = await (await newContext(browser, 'phone')).newPage();
    const doorSeen = watchPage(door);
    await door.goto(`${server.url}/scan/#enroll=${encodeURIComponent(token)}`);
    await door.getByTestId('scanner-device').filter({ hasText: 'Door G phone' }).waitFor();
    expect(await checkInByName(door, 'ana torres')).toEqual({ tone: 'ok', text: expect.stringContaining('Guest list · Ana Tórres +1 · 1 of 2') });
    expect(await checkInByName(door, 'ANA TORRES')).toEqual({ tone: 'ok', text: expect.stringContaining('2 of 2') });
    const third = await checkInByName(door, 'ana torres');
    expect(third).toEqual({ tone: 'deny', text: expect.stringContaining('Already used') });
    expect(doorSeen.uncaught).toEqual([]);

    // The owner's promoter report: two people in for this promoter.
    const owner = await dashboardAs(server.ownerEmail, server.ownerPassword, 'promoters');
    const report = owner.page.getByTestId('promoter-report');
    await report.waitFor();
    const row = report.locator('tr').filter({ hasText: 'promoter' });
    expect(await row.getByTestId('checked-in').textContent()).toBe('2');
    expect(await row.getByTestId('promoter-link').textContent()).toMatch(new RegExp(`/e/${VIP_TEST.eventId}\\?p=[0-9a-f-]{36}$`));
    // The owner sets the night's rule in the app: 5.00 a head, paid on the 2 people in.
    const commission = owner.page.getByTestId('commission-form');
    await commission.getByLabel('Commission rule').selectOption('per_head');
    await commission.getByLabel('Amount per person').fill('5');
    await commission.getByRole('button', { name: 'Save' }).click();
    await row.locator('td').filter({ hasText: /^\$10$/ }).waitFor();
    // And caps the promoter's lists at 3 people.
    await row.getByLabel('Guest-list cap of promoter').fill('3');
    await row.getByRole('button', { name: 'Set' }).click();
    await row.getByRole('button', { name: 'Saved' }).waitFor();
    const [cap] = await server.sql<{ guest_cap: number }[]>`select guest_cap from promoter_caps where event_id = ${VIP_TEST.eventId}`;
    expect(cap!.guest_cap).toBe(3);
    expect(await axeViolations(owner.page)).toEqual([]);
    expect([...promoter.errors, ...owner.errors]).toEqual([]);
    await Promise.all([promoter.page.context().close(), door.context().close(), owner.page.context().close()]);
  });
});
