import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
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

/** A staff member of a role, made by the owner through the API. */
async function createStaff(role: 'door' | 'promoter' | 'manager'): Promise<{ email: string; password: string }> {
  const email = `${role}-${randomUUID().slice(0, 8)}@maguey.test`;
  const password = `${role}-password-${randomUUID()}`;
  await apiCall(server.url, server.ownerToken, 'POST', '/v1/staff', { email, name: `Test ${role}`, role, password });
  return { email, password };
}

describe('the dashboard at /', () => {
  it('shows a scan made through the API within 2 seconds: in the feed, in the numbers, on the reservation', async () => {
    const page = await (await newContext(browser, 'desktop')).newPage();
    const seen = watchPage(page);
    await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
    await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor();

    const answer = await apiCall<{ scanId: string; decision: string }>(server.url, server.ownerToken, 'POST', '/v1/scans', {
      code: VIP_TEST.passCodes[4]!, nonce: randomUUID(), gate: 'A',
    });
    expect(answer.decision).toBe('admit');
    await page.locator(`[data-scan-id="${answer.scanId}"]`).waitFor({ timeout: 2_000 });

    const stats = await apiCall<{ inside: number }>(server.url, server.ownerToken, 'GET', `/v1/events/${VIP_TEST.eventId}/stats`);
    await page.getByTestId('stat-inside').filter({ hasText: new RegExp(`^${stats.inside}$`) }).waitFor({ timeout: 2_000 });

    // The reservation row counts the guest without a reload.
    await page.getByTestId('tab-tables').click();
    const row = page.locator(`[data-reservation-id="${VIP_TEST.reservationId}"]`);
    await row.filter({ hasText: /Checked in/ }).waitFor({ timeout: 2_000 });
    expect(await row.locator('.guests-count').textContent()).toMatch(/^[1-8]\/8$/);
    expect(seen.uncaught).toEqual([]);
    await page.context().close();
  });

  it('lets a manager undo a scanner\'s admission from the scan log: marked undone, the person no longer inside', async () => {
    const manager = await createStaff('manager');
    const ticket = await server.createSingleEntryTicket();
    const answer = await apiCall<{ scanId: string; decision: string }>(server.url, server.deviceToken, 'POST', '/v1/scans', { code: ticket.code, nonce: randomUUID() });
    expect(answer.decision).toBe('admit');
    const page = await (await newContext(browser, 'desktop')).newPage();
    const seen = watchPage(page);
    await logInOnPage(page, server.url, manager.email, manager.password);
    await page.getByTestId('tab-scans').click();
    const row = page.locator(`[data-scan-id="${answer.scanId}"]`);
    await row.getByRole('button', { name: 'Undo' }).click();
    await row.getByRole('button', { name: 'Tap again to undo' }).click();
    await row.locator('.chip', { hasText: 'Undone' }).waitFor({ timeout: 2_000 });
    const [after] = await server.sql`select inside, status from tickets where id = ${ticket.id}`;
    expect(after).toEqual({ inside: false, status: 'issued' });
    expect(seen.uncaught).toEqual([]);
    await page.context().close();
  });

  it('hides the scanners screen and the reservation actions from a door-role log-in', async () => {
    const door = await createStaff('door');
    const page = await (await newContext(browser, 'phone')).newPage();
    const seen = watchPage(page);
    await logInOnPage(page, server.url, door.email, door.password);
    expect(await page.getByTestId('user-role').textContent()).toBe('door');

    await page.getByTestId('tab-live').waitFor();
    await page.getByTestId('tab-scans').waitFor();
    expect(await page.getByTestId('tab-scanners').count()).toBe(0);

    // Asking for the screen by its address does not open it either.
    await page.goto(`${server.url}/#scanners`);
    await page.getByTestId('tab-live').waitFor();
    expect(await page.getByTestId('device-list').count()).toBe(0);
    expect(await page.locator('[data-screen="scanners"]').count()).toBe(0);

    await page.getByTestId('tab-tables').click();
    await page.locator(`[data-reservation-id="${VIP_TEST.reservationId}"]`).click();
    const sheet = page.getByTestId('reservation-sheet');
    await sheet.getByTestId('pass-card').first().waitFor();
    expect(await sheet.getByTestId('reservation-actions').count()).toBe(0);
    expect(await sheet.getByRole('button', { name: /Confirm|Cancel|No-show|Complete/ }).count()).toBe(0);
    expect(await sheet.locator('.pass-qr img').count()).toBe(0); // passes are not handed out at the door
    await screenshot(page, 'dashboard-door-reservation');
    expect(seen.uncaught).toEqual([]);
    await page.context().close();
  });

  it('says plainly when the API refuses the role (403)', async () => {
    const page = await (await newContext(browser, 'desktop')).newPage();
    // The owner may list scanners; the refusal is staged to see how the page words it.
    await page.route('**/v1/devices', (route) => route.fulfill({
      status: 403, contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'https://maguey.pass/problems/forbidden', title: 'Forbidden', status: 403, detail: 'your role may not do this (manageDevices)' }),
    }));
    await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
    await page.getByTestId('tab-scanners').click();
    const message = page.getByTestId('forbidden');
    await message.waitFor();
    expect(await message.textContent()).toContain('Not allowed for your role');
    await page.context().close();
  });

  it('says plainly that a phone cannot open an enrolment link made on 127.0.0.1 without MAGUEY_PUBLIC_URL', async () => {
    const page = await (await newContext(browser, 'desktop')).newPage();
    await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
    await page.getByTestId('tab-scanners').click();
    await page.getByTestId('device-name').fill('Door W phone');
    await page.getByTestId('device-gate').fill('W');
    await page.getByRole('button', { name: 'Create scanner' }).click();
    const warning = page.getByTestId('unreachable-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('MAGUEY_PUBLIC_URL');
    expect(await page.getByTestId('enrolment-link').textContent()).toMatch(new RegExp(`^${server.url}/scan/#enroll=`));
    await page.context().close();
  });

  it('fits the live numbers and the bookings on screens 1,280 to 1,920 wide and on a tablet, without sideways scrolling', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }, { width: 820, height: 1180 }]) {
      const page = await (await browser.newContext({ viewport })).newPage();
      await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
      for (const screen of ['live', 'tables', 'scans'] as const) {
        await page.getByTestId(`tab-${screen}`).click();
        await page.locator(`[data-screen="${screen}"] h2`).first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${screen} at ${viewport.width}px`).toBeLessThanOrEqual(0);
        // Every chip and tile lies inside the window.
        const outside = await page.locator('.chip, .stat-tile, .filter-chip, .tab').evaluateAll((els) =>
          els.filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5); }).length);
        expect(outside, `${screen} at ${viewport.width}px`).toBe(0);
      }
      await page.context().close();
    }
  });

  it('is usable from the keyboard: the log-in form in order, with a visible focus ring', async () => {
    const page = await (await newContext(browser, 'desktop')).newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Email').focus();
    await page.keyboard.type(server.ownerEmail);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    await page.keyboard.type(server.ownerPassword);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { text: el.textContent, outline: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth };
    });
    expect(focused).toEqual({ text: 'Log in', outline: 'solid', width: '3px' });
    await page.keyboard.press('Enter');
    await page.getByTestId('user-role').waitFor();
    await page.context().close();
  });

  it('logs out: the session ends on the server, the token is gone and the log-in form is back', async () => {
    const page = await (await newContext(browser, 'phone')).newPage();
    await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
    const token = await page.evaluate(() => localStorage.getItem('maguey.dashboard.token'));
    expect((await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const loggedOut = page.waitForResponse((r) => r.url().endsWith('/v1/auth/logout'));
    await page.getByRole('button', { name: 'Log out' }).click();
    expect((await loggedOut).status()).toBe(204);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('maguey.dashboard.token'))).toBeNull();
    expect((await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await page.context().close();
  });
});
