import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { axeViolations } from '../support/a11y.js';
import { apiCall, launchBrowser, logInOnPage, newContext, watchPage } from '../support/browser.js';
import { nonce } from '../support/fixtures.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSmtpServer, type SmtpSink } from '../support/smtp.js';

let smtp: SmtpSink;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // No STRIPE_SECRET_KEY: the built-in test provider takes the payment, as after `npm start`.
  server = await startTestServer({ config: { smtpUrl: smtp.url } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect.soft(await axeViolations(page), screen).toEqual([]);
}

describe('a buyer on a phone', () => {
  it('buys two tickets on the public page through the test provider, gets them by mail, and the mailed code is admitted at the door', async () => {
    const phone = await newContext(browser, 'phone');
    const page = await phone.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/e/${VIP_TEST.eventId}`);
    await page.getByTestId('buy-types').waitFor();
    await expectAccessible(page, 'buy page');
    // Comps are the box office's: the public page does not offer them.
    expect(await page.getByText('Comp').count()).toBe(0);
    await page.getByLabel('General Admission').selectOption('2');
    expect(await page.getByTestId('buy-total').textContent()).toBe('$56.00');
    await page.getByLabel('Your name').fill('Rosa Díaz');
    await page.getByLabel(/Your e-mail/).fill('rosa@example.com');
    await page.getByTestId('pay').click();

    // The provider's page (the built-in one), then back to the event's page.
    await page.waitForURL(/\/pay\/cs_test_/);
    await expectAccessible(page, 'test provider pay page');
    await page.getByRole('button', { name: 'Pay · Pagar' }).click();
    await page.getByTestId('buy-result').getByRole('heading', { name: 'Thank you: payment received' }).waitFor();
    await expectAccessible(page, 'buy result');
    expect(seen.uncaught).toEqual([]);

    const [mail] = await smtp.received(1);
    expect(mail!.to).toMatchObject({ text: 'rosa@example.com' });
    expect(mail!.subject).toMatch(/^Your tickets for /);
    const codes = [...(mail!.text ?? '').matchAll(/Code: (\S+)/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(2);
    expect(mail!.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(2);

    const scan = await apiCall<{ decision: string }>(server.url, server.deviceToken, 'POST', '/v1/scans', { code: codes[0], nonce: nonce() });
    expect(scan.decision).toBe('admit');
    const again = await apiCall<{ decision: string; reason: string }>(server.url, server.deviceToken, 'POST', '/v1/scans', { code: codes[0], nonce: nonce() });
    expect(again).toMatchObject({ decision: 'deny', reason: 'already_used' }); // General Admission admits once
    await phone.close();
  });

  it('credits a sale through a promoter\'s tracking link to that promoter', async () => {
    const [promoter] = await server.sql<{ id: string }[]>`
      insert into staff (venue_id, email, name, role, password_hash)
      values (${VIP_TEST.venueId}, 'link-promoter@example.com', 'Link Promoter', 'promoter', 'not-a-login') returning id`;
    const page = await (await newContext(browser, 'phone')).newPage();
    await page.goto(`${server.url}/e/${VIP_TEST.eventId}?p=${promoter!.id}`);
    await page.getByLabel('General Admission').selectOption('1');
    await page.getByLabel('Your name').fill('Teo Link');
    await page.getByLabel(/Your e-mail/).fill('teo@example.com');
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/pay\/cs_test_/);
    const [order] = await server.sql<{ promoter_id: string | null }[]>`select promoter_id from orders where buyer_email = 'teo@example.com'`;
    expect(order!.promoter_id).toBe(promoter!.id);
    await page.context().close();
  });

  it('reads the page in Spanish', async () => {
    const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/e/${VIP_TEST.eventId}`);
    await page.getByLabel('Tu nombre').waitFor();
    await page.getByRole('button', { name: /^Pagar / }).waitFor();
    await expectAccessible(page, 'buy page, Spanish');
    await context.close();
  });
});

describe('the owner', () => {
  it('sees the night\'s money and the order with its payment on the dashboard', async () => {
    const desk = await newContext(browser, 'desktop');
    const page = await desk.newPage();
    await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
    await page.getByTestId('tab-money').click();
    await page.getByTestId('money-gross').filter({ hasText: '$56.00' }).waitFor();
    await expectAccessible(page, 'money');
    await page.getByTestId('orders').getByText('Rosa Díaz').waitFor();
    await page.getByTestId('orders').locator('li', { hasText: 'Rosa Díaz' }).getByTestId('order-open').click();
    await page.getByTestId('order-paid').filter({ hasText: '$56.00' }).waitFor();
    await expectAccessible(page, 'order sheet');
    await desk.close();
  });
});
