import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud at a door

/** A plain random pass token (looked up online), e.g. `P-7KQ4-M2XH-9WTC-R3FA`; 80 bits. */
export function randomPassToken(prefix = 'P'): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[bytes[i]! % 32];
  return `${prefix}-${out.match(/.{4}/g)!.join('-')}`;
}
