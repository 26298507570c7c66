import { createInterface } from 'node:readline';

/**
 * The password for `maguey staff create`: MAGUEY_STAFF_PASSWORD, else the
 * first line of standard input (`… | maguey staff create`), else typed at
 * a prompt that does not echo. Never a command-line argument: those are
 * visible to every user of the machine in `ps`.
 */
export async function readPassword(env: NodeJS.ProcessEnv = process.env, input: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (env.MAGUEY_STAFF_PASSWORD) return env.MAGUEY_STAFF_PASSWORD;
  if (!input.isTTY) return firstLine(input);
  process.stderr.write('password (not shown): ');
  input.setRawMode(true);
  try {
    return await typed(input);
  } finally {
    input.setRawMode(false);
    input.pause();
    process.stderr.write('\n');
  }
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

function typed(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(text));
        if (ch === '\u0003') return done(() => reject(new Error('cancelled')));
        text = ch === '\u007f' ? text.slice(0, -1) : text + ch;
      }
    };
    const done = (finish: () => void) => {
      input.off('data', onData);
      finish();
    };
    input.on('data', onData);
    input.resume();
  });
}
