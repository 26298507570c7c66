import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { axeViolations } from '../support/a11y.js';
import { apiCall, launchBrowser, newContext, screenshot, watchPage } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The offline door on the phone (issue 11), end to end in Debian's Chromium
 * against the built server: decisions on the phone when the server does not
 * answer, the batch upload, late answers, and the app opening offline.
 */
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Phone { page: Page; context: BrowserContext; deviceId: string; uncaught: string[] }

/** A scanner bound to tonight's event, enrolled on a fresh phone-sized profile. */
async function phone(name: string, gate: string): Promise<Phone> {
  const { token, device } = await apiCall<{ token: string; device: { id: string } }>(server.url, server.ownerToken, 'POST', '/v1/devices', {
    name, gate, eventId: VIP_TEST.eventId,
  });
  const context = await newContext(browser, 'phone');
  const page = await context.newPage();
  const seen = watchPage(page);
  await page.goto(`${server.url}/scan/#enroll=${encodeURIComponent(token)}`);
  await page.getByTestId('scanner-device').filter({ hasText: name }).waitFor();
  return { page, context, deviceId: device.id, uncaught: seen.uncaught };
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Type a code').fill(code);
  await page.getByRole('button', { name: 'Check' }).click();
}

const answer = (page: Page) => page.getByTestId('scan-answer');

/** This device's rows in the scan log, oldest first. */
const logOf = (deviceId: string) => server.sql<{ nonce: string; decision: string; offline: boolean; manual: boolean }[]>`
  select nonce, decision, offline, manual from scan_log where device_id = ${deviceId} order by recorded_at`;

describe('the scanner when the server does not answer in time', () => {
  it('shows "Checking…" within 100 ms, decides on the phone, marks it "Offline decision", and uploads it in a batch with the same nonce', async () => {
    const { page, context, deviceId, uncaught } = await phone('Offline A phone', 'A');
    const tried: string[] = [];
    let hold = true;
    await page.route('**/v1/scans', async (route) => {
      tried.push((route.request().postDataJSON() as { nonce: string }).nonce);
      // The server is there but slow: this answer comes after the phone has decided.
      while (hold) await new Promise((resolve) => setTimeout(resolve, 50));
      await route.abort('timedout');
    });
    // How long from the read (the form's submit) to "Checking…" on screen, measured in the page.
    await page.evaluate(() => {
      const w = window as unknown as { submittedAt?: number; checkingAt?: number };
      document.addEventListener('submit', () => { w.submittedAt = performance.now(); }, true);
      new MutationObserver(() => {
        if (w.checkingAt === undefined && document.querySelector('[data-testid="scan-checking"]')) w.checkingAt = performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    const uploaded = page.waitForRequest((r) => r.url().endsWith('/v1/scans/batch'));

    await typeCode(page, VIP_TEST.passCodes[4]!);
    await page.getByTestId('scan-checking').waitFor();
    const shown = await answer(page).filter({ has: page.getByTestId('answer-offline') }).textContent();
    expect(shown).toContain('Offline decision');
    const delay = await page.evaluate(() => {
      const w = window as unknown as { submittedAt: number; checkingAt: number };
      return w.checkingAt - w.submittedAt;
    });
    expect(delay).toBeLessThan(100);
    await screenshot(page, 'scanner-offline-decision');
    hold = false;

    const body = (await uploaded).postDataJSON() as { scans: { nonce: string; offline: boolean; localDecision: string; scannedAt: string }[] };
    expect(body.scans).toEqual([expect.objectContaining({ nonce: tried[0], offline: true, scannedAt: expect.any(String) })]);
    await page.getByTestId('door-queue').waitFor({ state: 'detached' });
    const rows = await logOf(deviceId);
    expect(rows).toEqual([expect.objectContaining({ nonce: tried[0], offline: true, manual: true, decision: body.scans[0]!.localDecision })]);
    expect(uncaught).toEqual([]);
    await context.close();
  });

  it('never lets a late answer cover the current one: it goes to "need a look", naming the guest', async () => {
    const { page, context, uncaught } = await phone('Offline B phone', 'B');
    // No door data for this phone: it cannot check the first code offline and refuses it...
    await page.route('**/door-data*', (route) => route.abort('internetdisconnected'));
    await page.route('**/v1/scans/batch', (route) => route.abort('internetdisconnected'));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/v1/scans', async (route) => {
      const { code } = route.request().postDataJSON() as { code: string };
      // ...while the server, slow, admits it (a VIP pass). The second code is answered at once.
      if (code === VIP_TEST.passCodes[5]) await released;
      await route.continue();
    });

    await typeCode(page, VIP_TEST.passCodes[5]!);
    await answer(page).filter({ hasText: 'Cannot check offline' }).waitFor();
    await answer(page).click();
    const second = `NOT-A-CODE-${Date.now()}`;
    await typeCode(page, second);
    const current = answer(page).filter({ hasText: 'Unknown code' });
    await current.waitFor();
    expect(await current.getAttribute('data-offline')).toBe('false');

    release();
    const look = page.getByTestId('needs-look');
    await look.filter({ hasText: '1 scan needs a look' }).waitFor();
    // The door person still sees the answer to the code in front of them.
    expect(await answer(page).count()).toBe(1);
    expect(await current.isVisible()).toBe(true);
    await current.click();
    await look.getByRole('button', { name: /VIP Test/ }).click();
    const details = look.getByTestId('look-details');
    expect(await details.textContent()).toMatch(/This phone said Denied.*The server says: Admit/s);
    await screenshot(page, 'scanner-needs-a-look');
    expect(await axeViolations(page)).toEqual([]);
    await details.getByRole('button', { name: 'Done' }).click();
    await look.waitFor({ state: 'detached' });
    expect(uncaught).toEqual([]);
    await context.close();
  });
});
