import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** The embedded PostgreSQL's usual port: not 5432, which a system server may own. */
export const DEFAULT_EMBEDDED_PORT = 54329;

const isFree = (port: number) => new Promise<boolean>((resolve) => {
  const server = createServer().once('error', () => resolve(false));
  server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});

const anyFreePort = () => new Promise<number>((resolve, reject) => {
  const server = createServer().once('error', reject);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

/** The port this data folder was last given (remembered beside it), or the usual one. */
export async function knownPort(dataDir: string, requested: number | undefined): Promise<number> {
  if (requested !== undefined) return requested;
  const remembered = Number(await readFile(`${dataDir}.port`, 'utf8').catch(() => ''));
  return Number.isInteger(remembered) && remembered > 0 ? remembered : DEFAULT_EMBEDDED_PORT;
}

/**
 * A port to start the embedded PostgreSQL on. A port set by
 * MAGUEY_EMBEDDED_PG_PORT is used as it is, or refused in one sentence when
 * taken; otherwise a taken port is replaced by a free one, remembered
 * beside the data for the next start.
 */
export async function choosePort(dataDir: string, requested: number | undefined, log: (msg: string) => void): Promise<number> {
  const port = await knownPort(dataDir, requested);
  if (await isFree(port)) return port;
  if (requested !== undefined) {
    throw new Error(`port ${port} (MAGUEY_EMBEDDED_PG_PORT) is taken by another program: set MAGUEY_EMBEDDED_PG_PORT to a free port, or leave it unset to let Maguey Pass pick one`);
  }
  const free = await anyFreePort();
  await writeFile(`${dataDir}.port`, String(free));
  log(`port ${port} is taken by another program; the embedded PostgreSQL uses port ${free} (remembered in ${dataDir}.port)`);
  return free;
}
