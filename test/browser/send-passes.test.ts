import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { axeViolations } from '../support/a11y.js';
import { launchBrowser, logInOnPage, newContext, watchPage } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSmtpServer, type SmtpSink } from '../support/smtp.js';

let smtp: SmtpSink;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ config: { smtpUrl: smtp.url } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

describe('sending a table\'s passes from the dashboard', () => {
  it('mails every pass of the booking to the address typed, in the language chosen, and says so', async () => {
    const page = await (await newContext(browser, 'desktop')).newPage();
    const seen = watchPage(page);
    await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
    await page.getByTestId('tab-tables').click();
    await page.locator(`[data-reservation-id="${VIP_TEST.reservationId}"]`).click();
    const form = page.getByTestId('reservation-sheet').getByTestId('send-passes');
    await form.getByLabel('Send the passes to').fill('assistant@example.com');
    await form.getByLabel('Language of the mail').selectOption('es');
    await form.getByRole('button', { name: 'Send passes' }).click();
    await form.getByRole('status').filter({ hasText: '8 passes sent to assistant@example.com.' }).waitFor();
    const [mail] = await smtp.received(1);
    expect(mail!.to).toMatchObject({ text: 'assistant@example.com' });
    expect(mail!.subject).toMatch(/: tus pases$/);
    const codes = await server.sql<{ code: string }[]>`select code from guest_passes where reservation_id = ${VIP_TEST.reservationId}`;
    for (const { code } of codes) expect(mail!.text).toContain(code);
    expect(await axeViolations(page)).toEqual([]);
    expect(seen.uncaught).toEqual([]);
    await page.context().close();
  });
});
