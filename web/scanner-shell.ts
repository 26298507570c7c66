import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** The service worker's entry name and where it is served: its scope is /scan/, the scanner app. */
export const WORKER_ENTRY = 'scanner-sw';
export const WORKER_FILE = 'scan/sw.js';

/**
 * Writes the scanner's app shell into its service worker (web/src/scanner/serviceWorker.ts):
 * every file the scanner page loads, eagerly or lazily (jsQR), and nothing
 * of the dashboard or the buy page. Its hash names the cache, so each build
 * that changes the shell installs afresh and drops the old cache.
 */
export function scannerShell(): Plugin {
  return {
    name: 'maguey-scanner-shell',
    apply: 'build',
    enforce: 'post',
    generateBundle: { order: 'post', handler(_options, bundle) {
      const page = bundle['scan/index.html'];
      const worker = bundle[WORKER_FILE];
      if (!page || page.type !== 'asset' || !worker || worker.type !== 'chunk') this.error(`the scanner page or its service worker is missing from the build: ${Object.keys(bundle).join(', ')}`);
      const files = new Set<string>(['favicon.svg']);
      const visit = (name: string) => {
        const file = bundle[name];
        if (!file || files.has(name)) return;
        files.add(name);
        if (file.type !== 'chunk') return;
        for (const next of [...file.imports, ...file.dynamicImports, ...(file.viteMetadata?.importedCss ?? []), ...(file.viteMetadata?.importedAssets ?? [])]) visit(next);
      };
      const html = String(page.source);
      for (const [, src] of html.matchAll(/(?:src|href)="\/([^"]+)"/g)) visit(src!);
      const shell = [...files].map((name) => `/${name}`).sort();
      const version = createHash('sha256').update(shell.join('\n')).update(html).digest('hex').slice(0, 16);
      const before = worker.code;
      worker.code = before
        .replace(/(["'`])__SCANNER_SHELL__\1/, JSON.stringify(JSON.stringify(shell)))
        .replace(/__SCANNER_VERSION__/, version);
      if (worker.code === before || worker.code.includes('__SCANNER_')) this.error(`the service worker lost its shell placeholders`);
    } },
  };
}
