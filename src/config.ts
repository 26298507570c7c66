/** Everything the service reads from its environment, read in one place. */
export interface Config {
  /** A PostgreSQL URL; unset means "start the embedded PostgreSQL". */
  databaseUrl: string | undefined;
  /** Where the embedded PostgreSQL keeps its data (git-ignored). */
  dataDir: string;
  /** Port of the embedded PostgreSQL (not 5432: a system server may own it). */
  embeddedPort: number;
  port: number;
  host: string;
  /** MAGUEY_ALLOW_RESET=1 enables the test-only reservation reset. */
  allowReset: boolean;
  /** Log-in attempts per client address per minute. */
  loginAttemptsPerMinute: number;
  /** Hand-typed codes per scanner per minute (typing is how codes get guessed). */
  manualScansPerMinute: number;
  /** Connections in the pool; ~8 measured best for the hot row (DESIGN.md). */
  poolSize: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.MAGUEY_DATA_DIR ?? '.data/postgres',
    embeddedPort: Number(env.MAGUEY_EMBEDDED_PG_PORT ?? 54329),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    allowReset: env.MAGUEY_ALLOW_RESET === '1',
    poolSize: Number(env.MAGUEY_POOL_SIZE ?? 8),
    loginAttemptsPerMinute: Number(env.MAGUEY_LOGIN_PER_MINUTE ?? 10),
    manualScansPerMinute: Number(env.MAGUEY_MANUAL_SCANS_PER_MINUTE ?? 30),
  };
}
