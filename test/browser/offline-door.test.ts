import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicketType, placeOrder } from '../../src/db/orders.js';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { axeViolations } from '../support/a11y.js';
import { apiCall, launchBrowser, newContext, screenshot, watchPage } from '../support/browser.js';
import { testIssuer } from '../support/fixtures.js';
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

/**
 * A scanner bound to tonight's event, enrolled on a fresh phone-sized profile;
 * `prepare` runs before the app opens. `routed`: the test holds API calls
 * with page.route, so the phone runs without its service worker (newContext).
 */
async function phone(name: string, gate: string, { prepare, routed = false }: { prepare?: (page: Page) => Promise<void>; routed?: boolean } = {}): Promise<Phone> {
  const { token, device } = await apiCall<{ token: string; device: { id: string } }>(server.url, server.ownerToken, 'POST', '/v1/devices', {
    name, gate, eventId: VIP_TEST.eventId,
  });
  const context = await newContext(browser, 'phone', { serviceWorkers: routed ? 'block' : 'allow' });
  const page = await context.newPage();
  const seen = watchPage(page);
  await prepare?.(page);
  await page.goto(`${server.url}/scan/#enroll=${encodeURIComponent(token)}`);
  await page.getByTestId('scanner-device').filter({ hasText: name }).waitFor();
  return { page, context, deviceId: device.id, uncaught: seen.uncaught };
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Type a code').fill(code);
  await page.getByRole('button', { name: 'Check' }).click();
}

const answer = (page: Page) => page.getByTestId('scan-answer');

/** Waits until the phone holds door data (the status line names the event and counts people inside). */
async function holdsDoorData(page: Page): Promise<void> {
  const [event] = await server.sql<{ name: string }[]>`select name from events where id = ${VIP_TEST.eventId}`;
  await page.getByTestId('door-status').filter({ hasText: event!.name }).getByTestId('people-inside').waitFor();
}

/** Scans a code on a phone that is offline and returns the answer it shows, closed again (one round trip to read and close it). */
async function scanOffline(page: Page, code: string): Promise<{ tone: string | null; offline: string | null; text: string }> {
  await typeCode(page, code);
  const shown = await page.waitForSelector('[data-testid="scan-answer"]');
  const result = await shown.evaluate((el) => {
    const read = { tone: el.getAttribute('data-tone'), offline: el.getAttribute('data-offline'), text: el.textContent ?? '' };
    el.querySelector('button')!.click();
    return read;
  });
  await page.waitForSelector('[data-testid="scan-answer"]', { state: 'detached' });
  return result;
}

/** Paid single-entry tickets of tonight's event, sold before the phones read their door data. */
async function singleEntryCodes(n: number): Promise<{ id: string; code: string }[]> {
  const type = await createTicketType(server.sql, {
    venueId: VIP_TEST.venueId, eventId: VIP_TEST.eventId, name: `Single ${Date.now()}`, priceCents: 1_000, inventory: null, reentry: 'never',
  });
  // An order holds at most 100 tickets.
  const orders = [];
  for (let left = n; left > 0; left -= 100) {
    orders.push(await placeOrder(server.sql, testIssuer, {
      venueId: VIP_TEST.venueId, eventId: VIP_TEST.eventId, buyerName: 'Offline Tester', buyerEmail: 'offline@example.com',
      lines: [{ ticketTypeId: type.id, quantity: Math.min(100, left) }], paid: true, createdBy: null,
    }));
  }
  return orders.flatMap((order) => order.tickets);
}

/** This device's rows in the scan log, oldest first. */
const logOf = (deviceId: string) => server.sql<{ nonce: string; decision: string; offline: boolean; manual: boolean }[]>`
  select nonce, decision, offline, manual from scan_log where device_id = ${deviceId} order by recorded_at`;

describe('the scanner when the server does not answer in time', () => {
  it('shows "Checking…" within 100 ms, decides on the phone, marks it "Offline decision", and uploads it in a batch with the same nonce', async () => {
    const { page, context, deviceId, uncaught } = await phone('Offline A phone', 'A', { routed: true });
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
    expect(await axeViolations(page)).toEqual([]);
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
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => { release = resolve; });
    const { page, context, uncaught } = await phone('Offline B phone', 'B', { routed: true, prepare: async (page) => {
      // No door data for this phone: it cannot check the first code offline and refuses it...
      await page.route('**/door-data*', (route) => route.abort('internetdisconnected'));
      await page.route('**/v1/scans/batch', (route) => route.abort('internetdisconnected'));
    } });
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
  }, 300_000);
  it('waits as long as its settings say before deciding offline, and shows the typed-code limit as such, not as offline', async () => {
    const { page, context, deviceId, uncaught } = await phone('Offline F phone', 'F', { routed: true });
    await page.getByText('Scanner settings').click();
    await page.getByLabel(/Decide on this phone after/).fill('3000');
    let limited = false;
    await page.route('**/v1/scans', async (route) => {
      if (limited) {
        return route.fulfill({
          status: 429, contentType: 'application/problem+json', headers: { 'retry-after': '42' },
          body: JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, code: 'too_many_unknown_codes', detail: 'too many unknown codes' }),
        });
      }
      // Slower than the default 700 ms, well within the 3 s set above.
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      return route.continue();
    });

    await typeCode(page, VIP_TEST.passCodes[7]!);
    const online = answer(page).filter({ hasText: 'Admit' });
    await online.waitFor();
    expect(await online.getAttribute('data-offline')).toBe('false');
    await online.click();

    limited = true;
    await typeCode(page, 'TYPED-GUESS-1');
    const refused = answer(page).filter({ hasText: 'Too many typed codes' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Wait 42 s');
    expect(await refused.getAttribute('data-offline')).toBe('false');
    expect(await page.getByTestId('door-queue').count()).toBe(0);
    expect((await logOf(deviceId)).map((r) => [r.decision, r.offline])).toEqual([['admit', false]]);
    expect(uncaught).toEqual([]);
    await context.close();
  });
});

describe('the scanner with door data and no network', () => {
  it('opens offline from its service worker after one online visit, and still decides from its door data; the upload lands once back online', async () => {
    const [ticket] = await singleEntryCodes(1);
    const { page, context, deviceId, uncaught } = await phone('Offline C phone', 'C');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await holdsDoorData(page);

    await context.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByTestId('scanner-device').filter({ hasText: 'Offline C phone' }).waitFor();
    await page.getByTestId('door-link').filter({ hasText: 'Offline' }).waitFor();
    await holdsDoorData(page);

    expect(await scanOffline(page, ticket!.code)).toMatchObject({ tone: 'ok', offline: 'true' });
    // Its own admission is remembered: the same single-entry ticket again is already used, on this phone, offline.
    const again = await scanOffline(page, ticket!.code);
    expect(again).toMatchObject({ tone: 'deny', offline: 'true' });
    expect(again.text).toContain('Already used');
    await page.getByTestId('door-queue').filter({ hasText: '2 to upload' }).waitFor();
    await screenshot(page, 'scanner-offline-after-reload');
    expect(await axeViolations(page)).toEqual([]);

    const reads: string[] = [];
    page.on('requestfinished', (r) => { if (r.url().includes('/door-data')) reads.push(new URL(r.url()).search); });
    await context.setOffline(false);
    await page.getByTestId('door-queue').waitFor({ state: 'detached', timeout: 15_000 });
    expect((await logOf(deviceId)).map((r) => [r.decision, r.offline])).toEqual([['admit', true], ['deny', true]]);
    // The app started anew offline: its first read that gets through is whole, the next ones deltas.
    await expect.poll(() => reads.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(reads[0]).toBe('');
    expect(reads[1]).toMatch(/^\?cursor=/);
    expect(uncaught).toEqual([]);
    await context.close();
  });

  it('two phones offline admit the same single-entry ticket; uploaded in the other order, the earlier scan is the first entry, with one conflict and one attention item', async () => {
    const [ticket] = await singleEntryCodes(1);
    const first = await phone('Offline D1 phone', 'D');
    const second = await phone('Offline D2 phone', 'D');
    await Promise.all([holdsDoorData(first.page), holdsDoorData(second.page)]);
    await Promise.all([first.context.setOffline(true), second.context.setOffline(true)]);

    expect(await scanOffline(first.page, ticket!.code)).toMatchObject({ tone: 'ok', offline: 'true' });
    expect(await scanOffline(second.page, ticket!.code)).toMatchObject({ tone: 'ok', offline: 'true' });

    // The later scan reaches the server first.
    await second.context.setOffline(false);
    await second.page.getByTestId('door-queue').waitFor({ state: 'detached', timeout: 15_000 });
    await first.context.setOffline(false);
    await first.page.getByTestId('door-queue').waitFor({ state: 'detached', timeout: 15_000 });

    const [firstEntry] = await server.sql<{ device_id: string }[]>`
      select l.device_id from tickets t join scan_log l on l.venue_id = t.venue_id and l.id = t.first_entry_scan_id where t.id = ${ticket!.id}`;
    expect(firstEntry?.device_id).toBe(first.deviceId);
    const rows = await server.sql<{ device_id: string; decision: string; conflict_id: string | null }[]>`
      select device_id, decision, conflict_id from scan_log where subject_id = ${ticket!.id} order by recorded_at`;
    expect(rows.map((r) => [r.device_id, r.decision])).toEqual([[second.deviceId, 'admit'], [first.deviceId, 'admit']]);
    expect(rows.filter((r) => r.conflict_id !== null)).toHaveLength(1);
    const inbox = await apiCall<{ items: { kind: string; subjectId: string | null }[] }>(
      server.url, server.ownerToken, 'GET', `/v1/events/${VIP_TEST.eventId}/attention?status=open`);
    expect(inbox.items.filter((i) => i.subjectId === ticket!.id).map((i) => i.kind)).toEqual(['double_admit']);
    // The phone whose upload opened the conflict lists it to look at; nothing took its screen.
    await first.page.getByTestId('needs-look').filter({ hasText: '1 scan needs a look' }).waitFor();
    expect(await first.page.getByTestId('scan-answer').count()).toBe(0);
    expect([...first.uncaught, ...second.uncaught]).toEqual([]);
    await Promise.all([first.context.close(), second.context.close()]);
  });

  it('moves the scans an earlier scanner version left queued in localStorage into its upload queue: each lands once, with its nonce, and the old queue is gone', async () => {
    const tickets = await singleEntryCodes(2);
    const scannedAt = new Date(Date.now() - 120_000).toISOString();
    // The earlier version's queue: scans sent and never answered, retried one by one.
    const earlier = [
      { request: { code: tickets[0]!.code, nonce: `earlier-${Date.now()}-1`, direction: 'entry', manual: false, scannedAt }, attempts: 3, lastError: 'Network error', nextRetryAt: Date.now() },
      { request: { code: tickets[1]!.code, nonce: `earlier-${Date.now()}-2`, direction: 'entry', manual: true, scannedAt, gate: 'G' }, attempts: 1, lastError: null, nextRetryAt: null },
    ];
    const seed = async (page: Page) => {
      await page.addInitScript((queue) => {
        if (sessionStorage.getItem('earlier-queue-seeded')) return; // once, not again on a reload
        sessionStorage.setItem('earlier-queue-seeded', '1');
        localStorage.setItem('maguey.scanner.pending', queue);
      }, JSON.stringify(earlier));
    };
    const { page, context, deviceId, uncaught } = await phone('Offline G phone', 'G', { prepare: seed });
    const nonces = earlier.map((e) => e.request.nonce);
    await expect.poll(async () => (await logOf(deviceId)).map((r) => r.nonce).sort(), { timeout: 15_000 }).toEqual([...nonces].sort());
    expect(await page.evaluate(() => localStorage.getItem('maguey.scanner.pending'))).toBeNull();

    // Opened again, with a full sync behind it: nothing is uploaded twice.
    const read = page.waitForRequest((r) => r.url().includes('/door-data'));
    await page.reload();
    await read;
    await holdsDoorData(page);
    const rows = await logOf(deviceId);
    expect(rows.map((r) => r.nonce).sort()).toEqual([...nonces].sort());
    expect(rows.map((r) => [r.decision, r.offline])).toEqual([['admit', true], ['admit', true]]);
    expect(uncaught).toEqual([]);
    await context.close();
  });

  it("offline for 10 minutes with 300 scans: all uploaded, nothing lost or doubled (server counts = the phone's log)", async () => {
    const tickets = await singleEntryCodes(300);
    // Room for them all: the demo night holds 300 people and some are inside already.
    await server.sql`update events set capacity = 1000 where id = ${VIP_TEST.eventId}`;
    const { page, context, deviceId, uncaught } = await phone('Offline E phone', 'E');
    await holdsDoorData(page);
    // The phone went offline ten minutes ago; its clock jumps two minutes ahead every 60 scans, up to now.
    const start = Date.now() - 600_000;
    await context.clock.install({ time: start });
    await context.setOffline(true);
    for (const [i, ticket] of tickets.entries()) {
      if (i > 0 && i % 60 === 0) await context.clock.setSystemTime(start + (i / 60) * 120_000);
      expect(await scanOffline(page, ticket.code), `scan ${i}`).toMatchObject({ tone: 'ok', offline: 'true' });
    }
    await page.getByTestId('door-queue').filter({ hasText: '300 to upload' }).waitFor();
    await context.clock.setSystemTime(Date.now());
    const uploads: number[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/v1/scans/batch')) uploads.push((r.postDataJSON() as { scans: unknown[] }).scans.length);
    });
    await context.setOffline(false);
    await page.getByTestId('door-queue').waitFor({ state: 'detached', timeout: 30_000 });

    const rows = await server.sql<{ subject_id: string; scanned_at: Date; entry_type: string; offline: boolean }[]>`
      select subject_id, scanned_at, entry_type, offline from scan_log where device_id = ${deviceId}`;
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.subject_id)).size).toBe(300);
    expect(rows.every((r) => r.offline && r.entry_type === 'first_entry')).toBe(true);
    const times = rows.map((r) => r.scanned_at.getTime());
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(8 * 60_000);
    expect(uploads.reduce((a, b) => a + b, 0)).toBe(300);
    expect(uploads.every((n) => n <= 500)).toBe(true);
    const [inside] = await server.sql<{ n: number }[]>`
      select count(*)::int as n from tickets where id = any(${tickets.map((t) => t.id)}) and inside and first_entry_scan_id is not null`;
    expect(inside!.n).toBe(300);
    expect(uncaught).toEqual([]);
    await context.close();
  }, 300_000);
});
