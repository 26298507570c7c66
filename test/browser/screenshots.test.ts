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

/**
 * Every screen on a phone and on a desktop, saved to test-artifacts/screenshots
 * for people to look at. The assertions only make sure each screen really
 * rendered before its picture was taken, and nothing threw.
 */
describe.each(['phone', 'desktop'] as const)('screens on a %s', (size) => {
  it('dashboard: log-in, live, tables, a reservation, scans, scanners, enrolment', async () => {
    const page = await (await newContext(browser, size)).newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await screenshot(page, `${size}-dashboard-login`);

    await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
    await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor();
    await page.getByTestId('occupancy-chart').locator('canvas').waitFor();
    await screenshot(page, `${size}-dashboard-live`);

    await page.getByTestId('tab-tables').click();
    await page.getByTestId('floor-plan').waitFor();
    await screenshot(page, `${size}-dashboard-tables`);

    await page.locator(`[data-reservation-id="${VIP_TEST.reservationId}"]`).click();
    await page.getByTestId('reservation-sheet').locator('.pass-qr img').first().waitFor();
    await screenshot(page, `${size}-dashboard-reservation`);
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-scans').click();
    await page.getByTestId('scan-log').waitFor();
    await screenshot(page, `${size}-dashboard-scans`);

    await page.getByTestId('tab-scanners').click();
    await page.getByTestId('device-list').locator('li').first().waitFor();
    await screenshot(page, `${size}-dashboard-scanners`);

    await page.getByTestId('device-name').fill(`Door ${size}`);
    await page.getByTestId('device-gate').fill('C');
    await page.getByRole('button', { name: 'Create scanner' }).click();
    await page.getByTestId('enrolment-token').waitFor();
    await page.getByTestId('enrolment-qr').waitFor(); // drawn by the server (POST /v1/qr.svg)
    await screenshot(page, `${size}-dashboard-enrolment`);
    expect(seen.uncaught).toEqual([]);
    await page.context().close();
  });

  it('scanner: enrolment, scan screen, admit, re-entry, deny, exit mode', async () => {
    const page = await (await newContext(browser, size)).newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/scan/`);
    await page.getByRole('button', { name: 'Enrol' }).waitFor();
    await screenshot(page, `${size}-scanner-enrol`);

    const { token } = await apiCall<{ token: string }>(server.url, server.ownerToken, 'POST', '/v1/devices', {
      name: `Door ${size} scanner`, gate: 'D', eventId: VIP_TEST.eventId,
    });
    await page.getByLabel('Device token').fill(token);
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.getByTestId('scanner-device').waitFor();
    await screenshot(page, `${size}-scanner-ready`);

    const scan = async (code: string, tone: string, name: string) => {
      await page.getByLabel('Type a code').fill(code);
      await page.getByRole('button', { name: 'Check' }).click();
      const answer = page.locator(`[data-testid="scan-answer"][data-tone="${tone}"]`);
      await answer.waitFor();
      await screenshot(page, `${size}-scanner-${name}`);
      await answer.click();
    };
    const code = VIP_TEST.passCodes[size === 'phone' ? 5 : 6]!;
    await scan(code, 'ok', 'admit');
    await scan(code, 'warn', 'reentry');
    await scan(`NOPE-${randomUUID().slice(0, 6)}`, 'deny', 'deny');
    await page.getByRole('button', { name: 'Exit' }).click();
    await scan(code, 'ok', 'exit');
    await screenshot(page, `${size}-scanner-exit-mode`);
    expect(seen.uncaught).toEqual([]);
    await page.context().close();
  });
});
