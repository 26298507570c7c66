import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Sql } from './connect.js';

/** What the check value is an HMAC of: a fixed label, so the value says nothing about the secret. */
const LABEL = 'maguey-pass secret check v1';

/**
 * Compares the server secret with the check value stored by the first
 * process that started on this database (storing it when there is none).
 * Every process of an installation must share the secret: it encrypts the
 * event keys and so decides which codes scanners accept.
 */
export async function checkSecret(sql: Sql, secret: string): Promise<'stored' | 'matches' | 'differs'> {
  const check = createHmac('sha256', secret).update(LABEL).digest();
  const [inserted] = await sql`
    insert into installation (secret_check) values (${check})
    on conflict (singleton) do nothing
    returning singleton`;
  if (inserted) return 'stored';
  const [row] = await sql<{ secret_check: Buffer }[]>`select secret_check from installation`;
  return row!.secret_check.length === check.length && timingSafeEqual(row!.secret_check, check) ? 'matches' : 'differs';
}
