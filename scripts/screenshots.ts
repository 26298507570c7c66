/**
 * `npm run screenshots`: every screen of the dashboard and the scanner, in
 * Spanish (the README's four in English), saved to docs/screenshots/. A
 * script, not a test: pictures are for people; test/browser/ asserts.
 *
 * It runs the real app on a scratch database of the PostgreSQL server at
 * DATABASE_URL (default: the development server at 127.0.0.1:5432), with the
 * demo data, and drops that database afterwards. Build the web app first
 * (`npm run build:web`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readConfig } from '../src/config.js';
import { connect } from '../src/db/connect.js';
import { CodeIssuer } from '../src/db/keys.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/db/seed-demo.js';
import { VIP_TEST } from '../src/db/seed-vip-test.js';
import { SecretBox } from '../src/domain/secret-box.js';
import { buildApp } from '../src/http/app.js';
import { launchBrowser } from '../test/support/browser.js';

const OUT = path.resolve('docs/screenshots');
const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  wide: { viewport: { width: 1920, height: 1080 } },
  tablet: { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), animations: 'disabled' });
  console.log(`  docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const scratch = `maguey_screenshots_${randomBytes(4).toString('hex')}`;
  const admin = connect(serverUrl.toString(), { max: 1 });
  await admin.unsafe(`create database ${scratch}`); // a name made here, never from input
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${scratch}`;
  const sql = connect(dbUrl.toString());
  let browser: Browser | undefined;
  try {
    await migrate(sql);
    const secret = randomBytes(24).toString('base64url');
    const demo = await seedDemo(sql, new CodeIssuer(new SecretBox(secret)));
    const app = await buildApp({ sql, config: { ...readConfig({}), secret } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    mkdirSync(OUT, { recursive: true });
    browser = await launchBrowser();
    await dashboard(browser, url, demo.owner, 'en', 'desktop');
    await dashboard(browser, url, demo.owner, 'es', 'desktop');
    await dashboard(browser, url, demo.owner, 'es', 'wide');
    await dashboard(browser, url, demo.owner, 'es', 'tablet');
    await scanner(browser, url, demo.owner, 'en');
    await scanner(browser, url, demo.owner, 'es');
    await app.close();
  } finally {
    await browser?.close();
    await sql.end();
    await admin.unsafe(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  }
}

/** The dashboard's screens; in English only the README's two, on a 1920 screen and a tablet only the live numbers and bookings. */
async function dashboard(browser: Browser, url: string, owner: { email: string; password: string }, lang: 'en' | 'es', size: keyof typeof SIZES) {
  const context = await browser.newContext({ ...SIZES[size], locale: lang === 'es' ? 'es-ES' : 'en-GB' });
  const page = await context.newPage();
  const name = (screen: string) => (lang === 'en' ? `dashboard-${screen}` : `${size === 'desktop' ? '' : `${size}-`}es-dashboard-${screen}`);
  await page.goto(`${url}/`);
  await page.locator('#login-email').waitFor();
  if (lang === 'es' && size === 'desktop') await shoot(page, name('login'));
  await page.locator('#login-email').fill(owner.email);
  await page.locator('#login-password').fill(owner.password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('occupancy-chart').locator('canvas').waitFor();
  await shoot(page, name('live'));
  await page.getByTestId('tab-tables').click();
  await page.getByTestId('floor-plan').waitFor();
  await shoot(page, name('tables'));
  if (lang === 'en' || size !== 'desktop') return context.close();

  await page.locator(`[data-reservation-id="${VIP_TEST.reservationId}"]`).click();
  await page.getByTestId('reservation-sheet').locator('.pass-qr img').first().waitFor();
  await shoot(page, name('booking'));
  await page.keyboard.press('Escape');
  for (const screen of ['scans', 'event', 'floor', 'tickets', 'staff'] as const) {
    await page.getByTestId(`tab-${screen}`).click();
    await page.locator(`[data-screen="${screen}"] h2`).first().waitFor();
    if (screen === 'floor') await page.locator('[data-testid="floor-editor"] [data-table-number]').first().click();
    await shoot(page, name(screen));
  }
  await page.getByTestId('tab-scanners').click();
  await page.getByTestId('device-name').fill('Móvil puerta C');
  await page.getByTestId('device-gate').fill('C');
  await page.locator('.enrol-form button[type="submit"]').click();
  await page.getByTestId('enrolment-qr').waitFor();
  await shoot(page, name('scanners'));
  await context.close();
}

/** The scanner on a phone: enrolment, ready, admitted, denied; in English only the README's two answers. */
async function scanner(browser: Browser, url: string, owner: { email: string; password: string }, lang: 'en' | 'es') {
  const login = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(owner) });
  const { token: staffToken } = (await login.json()) as { token: string };
  const made = await fetch(`${url}/v1/devices`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
    body: JSON.stringify({ name: lang === 'es' ? 'Móvil puerta D' : 'Door D phone', gate: 'D', eventId: VIP_TEST.eventId }),
  });
  const { token } = (await made.json()) as { token: string };
  const context = await browser.newContext({ ...SIZES.phone, locale: lang === 'es' ? 'es-ES' : 'en-GB' });
  const page = await context.newPage();
  const name = (screen: string) => (lang === 'en' ? `scanner-${screen}` : `es-scanner-${screen}`);
  await page.goto(`${url}/scan/`);
  await page.locator('form input').first().waitFor();
  if (lang === 'es') await shoot(page, name('enrol'));
  await page.goto(`${url}/scan/#enroll=${encodeURIComponent(token)}`);
  await page.getByTestId('scanner-device').waitFor();
  if (lang === 'es') await shoot(page, name('ready'));
  const scan = async (code: string, tone: string, screen: string) => {
    await page.locator('.manual-form input').fill(code);
    await page.locator('.manual-form button[type="submit"]').click();
    const answer = page.locator(`[data-testid="scan-answer"][data-tone="${tone}"]`);
    await answer.waitFor();
    await shoot(page, name(screen));
    if (await answer.count()) await answer.click().catch(() => undefined); // a green answer may have left by itself
  };
  await scan(VIP_TEST.passCodes[lang === 'es' ? 5 : 6]!, 'ok', 'admit');
  await scan(`NOPE-${randomUUID().slice(0, 6)}`, 'deny', 'deny');
  if (lang === 'es') await shoot(page, name('undo'));
  await context.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
