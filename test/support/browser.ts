import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import QRCode from 'qrcode';

/** Debian's Chromium: the browser tests never download a browser of their own. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-artifacts/screenshots');

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

/** Headless Chromium, quiet: no sandbox (root in CI), no GPU, nothing that calls home. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/**
 * Chromium with a camera that films `text` as a QR code: a one-frame Y4M video
 * fed through Chromium's fake capture device, camera permission granted.
 */
export function launchBrowserWithCameraShowing(text: string): Promise<Browser> {
  return launchBrowser([
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${qrVideo(text)}`,
  ]);
}

/** A 640×480 grey-scale Y4M frame with `text` as a QR code in the middle. */
function qrVideo(text: string): string {
  const [width, height] = [640, 480];
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const scale = Math.floor(360 / (modules.size + 2 * quiet));
  const side = (modules.size + 2 * quiet) * scale;
  const [left, top] = [(width - side) / 2, (height - side) / 2].map(Math.floor) as [number, number];
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const [mx, my] = [Math.floor(x / scale) - quiet, Math.floor(y / scale) - quiet];
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx);
      if (dark) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const file = path.join(tmpdir(), `maguey-camera-${process.pid}-${Date.now()}.y4m`);
  writeFileSync(file, Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma,
  ]));
  return file;
}

/**
 * A fresh profile (own localStorage) sized like a phone or a desktop.
 * `serviceWorkers: 'block'` for a test that holds API calls with page.route:
 * Playwright does not route what a service worker fetches, and the scanner's
 * worker may take over the page mid-test (a CI run's scan went past the route).
 */
export function newContext(browser: Browser, size: 'phone' | 'desktop', options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserContext> {
  return browser.newContext({
    ...(size === 'phone' ? { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: DESKTOP, deviceScaleFactor: 1 }),
    ...options,
  });
}

/**
 * Collects what would go unseen in a headless page: uncaught exceptions and
 * console errors. Failed API calls a test provokes on purpose show up here
 * too, so tests assert on `uncaught` and read `console` when a test fails.
 */
export function watchPage(page: Page): { uncaught: string[]; console: string[] } {
  const seen = { uncaught: [] as string[], console: [] as string[] };
  page.on('pageerror', (error) => seen.uncaught.push(error.message));
  page.on('console', (message) => message.type() === 'error' && seen.console.push(message.text()));
  return seen;
}

/** A full-page PNG at test-artifacts/screenshots/<name>.png (git-ignored); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Logs in through the dashboard's own form and waits for the first screen. */
export async function logInOnPage(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('user-role').waitFor();
}

/** JSON over HTTP with a bearer token, for setting the scene through the API as any client would. */
export async function apiCall<T>(baseUrl: string, token: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const response = await fetch(baseUrl + url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
