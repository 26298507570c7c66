import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's root (where package.json is), found from this file, so
 * db/, dist/web/ and dist/server/ are found alike from src/ run by tsx and
 * from the compiled dist/server/src/.
 */
export const PROJECT_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
})();

/** The compiled server's command-line entry (`npm run build:server`), which `npm start`, the tests' server processes and the bench run. */
export const COMPILED_CLI = path.join(PROJECT_ROOT, 'dist/server/src/cli/main.js');
