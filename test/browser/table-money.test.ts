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

describe('the public table page', () => {
  it('books a table picked on the drawn room from the tracking link, the deposit paid at the test provider; the owner sees it confirmed on the floor plan and gives the deposit back', async () => {
    const table = await apiCall<{ id: string }>(server.url, server.ownerToken, 'POST', `/v1/events/${VIP_TEST.eventId}/tables`, {
      number: 'P7', capacity: 6, depositCents: 5_000, minSpendCents: 20_000,
    });
    const [promoter] = await server.sql<{ id: string }[]>`select id from staff where email = 'promoter@maguey.local'`;
    const phone = await (await newContext(browser, 'phone')).newPage();
    const seen = watchPage(phone);
    await phone.goto(`${server.url}/e/${VIP_TEST.eventId}/tables?p=${promoter!.id}`);
    // Picked on the drawn room; the list's radio follows.
    await phone.getByTestId('public-floor-plan').getByRole('button', { name: 'Table P7' }).click();
    expect(await phone.getByRole('radio', { name: /Table P7/ }).isChecked()).toBe(true);
    expect(await axeViolations(phone)).toEqual([]);
    await phone.getByTestId('host-guests').selectOption('4');
    await phone.getByTestId('host-name').fill('Lucía Peña');
    await phone.getByTestId('host-email').fill('lucia@example.com');
    await phone.getByRole('button', { name: 'Pay the $50.00 deposit' }).click();
    await phone.waitForURL(/\/pay\/cs_test_/);
    await phone.getByRole('button', { name: 'Pay · Pagar' }).click();
    await phone.getByTestId('booking-result').getByRole('heading', { name: 'Your table is booked' }).waitFor();
    expect(await axeViolations(phone)).toEqual([]);

    const desk = await (await newContext(browser, 'desktop')).newPage();
    await logInOnPage(desk, server.url, server.ownerEmail, server.ownerPassword);
    await desk.getByTestId('tab-tables').click();
    await desk.locator('[data-testid="floor-plan"] [data-table-number="P7"][aria-label^="Table P7: Confirmed, Lucía Peña, 0 of 4 arrived"]').waitFor();
    const [booked] = await server.sql<{ status: string; promoter_id: string; passes: number }[]>`
      select r.status, r.promoter_id, (select count(*)::int from guest_passes p where p.reservation_id = r.id) as passes
        from vip_reservations r where r.table_id = ${table.id}`;
    expect(booked).toEqual({ status: 'confirmed', promoter_id: promoter!.id, passes: 4 });
    // The owner gives the deposit back from the booking's sheet: two taps, once.
    await desk.locator('[data-testid="floor-plan"] [data-table-number="P7"][role="button"]').click();
    const sheet = desk.getByTestId('reservation-sheet');
    await sheet.getByTestId('deposit-paid').getByText('$50', { exact: true }).waitFor();
    await sheet.getByRole('button', { name: 'Refund the deposit ($50)' }).click();
    await sheet.getByRole('button', { name: 'Tap again to refund' }).click();
    await sheet.getByTestId('deposit-refunded').getByText('$50', { exact: true }).waitFor();
    expect(await axeViolations(desk)).toEqual([]);
    const [refunds] = await server.sql<{ n: number; cents: number }[]>`
      select count(*)::int as n, coalesce(sum(amount_cents), 0)::int as cents from refunds r
        join vip_reservations v on v.venue_id = r.venue_id and v.id = r.reservation_id where v.table_id = ${table.id} and r.status = 'succeeded'`;
    expect(refunds).toEqual({ n: 1, cents: 5_000 });
    expect(seen.uncaught).toEqual([]);
    await phone.context().close();
    await desk.context().close();
  });
});

// Last: closing the night stops the sales the tests above make.
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
