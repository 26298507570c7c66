import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

/** Runs `maguey staff create …` on this file's database, with `stdin` written to its standard input. */
function staffCreate(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'staff', 'create', ...args], {
      env: { ...process.env, DATABASE_URL: db.url, MAGUEY_STAFF_PASSWORD: '', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.stdin.end(options.stdin ?? '');
    child.once('exit', (code) => resolve({ code, output }));
  });
}
const hashOf = async (email: string) => (await db.sql<{ password_hash: string }[]>`select password_hash from staff where email = ${email}`)[0];

describe('maguey staff create', () => {
  it('reads the password from standard input, not from the command line', async () => {
    const made = await staffCreate(['--email', 'first@club.mx', '--role', 'owner'], { stdin: 'a-typed-secret-42\n' });
    expect(made.code, made.output).toBe(0);
    expect(await hashOf('first@club.mx')).toBeDefined();
    const argv = await staffCreate(['--email', 'second@club.mx', '--password', 'a-typed-secret-42', '--role', 'door']);
    expect(argv.code).not.toBe(0);
    expect(argv.output).toMatch(/unknown option '--password'/);
    expect(await hashOf('second@club.mx')).toBeUndefined();
  });

  it('reads it from MAGUEY_STAFF_PASSWORD, and refuses short and common ones', async () => {
    expect((await staffCreate(['--email', 'env@club.mx', '--role', 'door'], { env: { MAGUEY_STAFF_PASSWORD: 'an-env-secret-777' } })).code).toBe(0);
    expect(await hashOf('env@club.mx')).toBeDefined();
    const common = await staffCreate(['--email', 'weak@club.mx', '--role', 'door'], { stdin: 'qwertyuiop\n' });
    expect(common.code).not.toBe(0);
    expect(common.output).toMatch(/common passwords/);
    expect((await staffCreate(['--email', 'short@club.mx', '--role', 'door'], { stdin: 'short\n' })).code).not.toBe(0);
    expect(await hashOf('weak@club.mx')).toBeUndefined();
  });
});
