/**
 * The scanner's service worker (/scan/sw.js, scope /scan/): once the app has
 * been opened online, it opens with no network at all. The app shell (the
 * page and the files it loads, listed by web/scanner-shell.ts at build time)
 * is cached whole at install and served from the cache; a new build is a new
 * worker with a new cache. API calls (/v1/) are never answered from a cache:
 * the app decides offline itself, from its door data.
 */

/** The parts of the service-worker scope this file uses (the project's DOM lib has no WebWorker types). */
interface ExtendableEvent extends Event { waitUntil(promise: Promise<unknown>): void }
interface FetchEvent extends ExtendableEvent { request: Request; respondWith(response: Promise<Response>): void }
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
const worker = self as unknown as WorkerScope;

/** Filled in at build time: the shell's paths, and a version that changes with them. */
const SHELL: string[] = JSON.parse('__SCANNER_SHELL__') as string[];
const CACHE = `maguey-scanner-${'__SCANNER_VERSION__'}`;
const PAGE = '/scan/index.html';

worker.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([PAGE, ...SHELL])).then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name.startsWith('maguey-scanner-') && name !== CACHE).map((name) => caches.delete(name))))
    .then(() => worker.clients.claim()));
});

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== worker.location.origin || url.pathname.startsWith('/v1/')) return;
  const path = event.request.mode === 'navigate' && url.pathname.startsWith('/scan/') ? PAGE : url.pathname;
  if (path !== PAGE && !SHELL.includes(path)) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => (await cache.match(path)) ?? fetch(event.request)));
});
