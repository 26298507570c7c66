// Starts the embedded PostgreSQL on argv's folder and port, says "ready", and
// waits to be killed: the stale-postmaster test SIGKILLs this process.
import { startEmbeddedPostgres } from '../../src/db/embedded.js';

const [dataDir, port] = process.argv.slice(2);
await startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port) });
console.log('ready');
setInterval(() => {}, 60_000);
