import { createRequire } from 'node:module';

// 41,622 passwords of 8+ characters from zxcvbn's frequency lists (the
// popular-passwords package, MIT), lower-cased: "Password123" is as weak as
// "password123".
const COMMON = new Set((createRequire(import.meta.url)('popular-passwords/data.json') as string[]).map((p) => p.toLowerCase()));

/** True for a password that is on the list of common ones: a guesser tries those first. */
export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.normalize('NFKC').toLowerCase());
}
