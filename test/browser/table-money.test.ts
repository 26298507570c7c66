import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { axeViolations } from '../support/a11y.js';
import { apiCall, launchBrowser, logInOnPage, newContext, watchPage } from '../support/browser.js';
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

describe('the floor plan and a table\'s minimum spend', () => {
  it('shows each table\'s spend against its minimum, and the point of sale\'s spend within 2 seconds', async () => {
    const page = await (await newContext(browser, 'desktop')).newPage();
    const seen = watchPage(page);
    await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
    await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor();
    await page.getByTestId('tab-tables').click();
    const table = page.locator('[data-testid="floor-plan"] [data-table-number="101"]');
    await table.and(page.locator('[aria-label$="$0 of its $1,000 minimum reached"]')).waitFor();

    await apiCall(server.url, server.ownerToken, 'POST', `/v1/reservations/${VIP_TEST.reservationId}/spend`, { amountCents: 25_000, ref: randomUUID() });
    await table.and(page.locator('[aria-label$="$250 of its $1,000 minimum reached"]')).waitFor({ timeout: 2_000 });
    await page.locator('[data-testid="floor-plan"] [data-testid="table-spend"]').filter({ hasText: '$250/$1,000' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(seen.uncaught).toEqual([]);
    await page.context().close();
  });
});

describe('the owner\'s end of the night', () => {
  it('closes the night (again) from the money screen: totals by kind, a cash shortfall of 3.50 with what to do, the chart and the CSV', async () => {
    const event = VIP_TEST.eventId;
    const type = await apiCall<{ id: string }>(server.url, server.ownerToken, 'POST', `/v1/events/${event}/ticket-types`, { name: 'Door', priceCents: 2_000 });
    await apiCall(server.url, server.ownerToken, 'POST', `/v1/events/${event}/orders`, {
      buyerName: 'Cash buyer', buyerEmail: 'cash@example.com', lines: [{ ticketTypeId: type.id, quantity: 1 }], paid: true,
    });
    await apiCall(server.url, server.ownerToken, 'POST', `/v1/reservations/${VIP_TEST.reservationId}/spend`, { amountCents: 12_000, ref: 'bar-1' });
    // The fixture night has box-office sales of its own: a first close says how much cash was taken; 3.50 less is counted.
    const first = await apiCall<{ totals: { cashTakenCents: number } }>(server.url, server.ownerToken, 'POST', `/v1/events/${event}/close`);
    await apiCall(server.url, server.ownerToken, 'POST', `/v1/events/${event}/cash-count`, { cents: first.totals.cashTakenCents - 350, note: 'till 1' });

    const page = await (await newContext(browser, 'desktop')).newPage();
    const seen = watchPage(page);
    await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
    await page.getByTestId('tab-money').click();
    const night = page.getByTestId('night-view');
    await night.getByTestId('night-chart').waitFor();
    await night.getByRole('button', { name: 'Close the night' }).click();
    await night.getByRole('button', { name: 'Stop sales and reconcile?' }).click();

    const cash = night.locator('[data-testid="discrepancies"] [data-kind="cash"]');
    await cash.filter({ hasText: 'Cash is short by 3.50 USD' }).filter({ hasText: 'Count the tills again' }).waitFor();
    await night.getByTestId('night-totals').filter({ hasText: 'Table spend' }).waitFor();
    expect(await night.locator('[data-testid="discrepancies"] li').count()).toBe(await discrepancyCount());
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), night.getByTestId('night-csv').click()]);
    expect(download.suggestedFilename()).toBe(`night-${event}.csv`);
    expect(seen.uncaught).toEqual([]);
    await page.context().close();
  });
});

async function discrepancyCount() {
  const found = await apiCall<{ items: unknown[] }>(server.url, server.ownerToken, 'GET', `/v1/events/${VIP_TEST.eventId}/discrepancies`);
  return found.items.length;
}
