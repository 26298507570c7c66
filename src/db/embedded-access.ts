import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * As root, the embedded PostgreSQL runs as the `postgres` user, which must
 * reach both its programs and its data. A clone under a folder only root
 * may enter (root's home is 0700) gave a raw EACCES from spawning initdb.
 * Then the programs are copied once per version, and the data kept, in a
 * per-clone folder under /var/tmp that the postgres user can reach.
 */
export const SHARED_ROOT = '/var/tmp';

type Ids = { uid: number; gid: number };

/** True when the postgres user can search `dir` (and so every folder above it). */
function canEnter(ids: Ids, dir: string): boolean {
  let existing = dir;
  while (!existsSync(existing)) existing = path.dirname(existing);
  return spawnSync('test', ['-x', existing], { ...ids, stdio: 'ignore' }).status === 0;
}

/** The embedded binaries, copied where the postgres user can run them when it cannot run them where they are. */
export async function reachableBinaries<T extends { initdb: string; postgres: string }>(
  ids: Ids | undefined, bin: T, log: (msg: string) => void,
): Promise<{ initdb: string; postgres: string }> {
  if (!ids || spawnSync(bin.initdb, ['--version'], { ...ids, stdio: 'ignore' }).status === 0) return bin;
  const native = path.dirname(path.dirname(bin.initdb));
  // Named by what `initdb --version` says as root, so an upgraded package gets its own copy.
  const version = spawnSync(bin.initdb, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/[^0-9A-Za-z.]+/g, '-');
  const copy = path.join(SHARED_ROOT, `maguey-${version}`);
  if (!existsSync(path.join(copy, 'bin', 'initdb'))) {
    log(`the postgres user cannot run PostgreSQL from ${native}; copying it to ${copy}`);
    const partial = `${copy}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, copy).catch(async (error: NodeJS.ErrnoException) => {
      await rm(partial, { recursive: true, force: true }); // another process copied it first
      if (!existsSync(path.join(copy, 'bin', 'initdb'))) throw error;
    });
  }
  return { initdb: path.join(copy, 'bin', 'initdb'), postgres: path.join(copy, 'bin', 'postgres') };
}

/** Where a data folder the postgres user cannot reach is kept instead: one folder per clone (per configured path). */
export const sharedDataDir = (dataDir: string) =>
  path.join(SHARED_ROOT, `maguey-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`, path.basename(dataDir));

/** The data folder: as configured, or its shared folder when the postgres user cannot reach the configured one. */
export function reachableDataDir(ids: Ids | undefined, dataDir: string, log: (msg: string) => void): string {
  if (!ids || canEnter(ids, path.dirname(dataDir))) return dataDir;
  const moved = sharedDataDir(dataDir);
  log(`the postgres user cannot enter ${path.dirname(dataDir)}; the embedded PostgreSQL keeps its data in ${moved}`);
  return moved;
}
