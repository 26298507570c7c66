import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/domain/secret-box.js';
import { parseCode, signCode, verifySignature, type CodeClaim } from '../../src/domain/signed-codes.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const foreign = generateKeyPairSync('ed25519');

const claim: fc.Arbitrary<CodeClaim> = fc.record({
  kind: fc.constantFrom('vip_pass' as const, 'ticket' as const),
  kid: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  subjectId: fc.uuid(),
  serial: fc.integer({ min: 0, max: 0xffff }),
});

/** True only for a code that parses as signed and verifies with the key. */
function verifies(code: string, key = publicKey): boolean {
  const parsed = parseCode(code);
  return parsed.form === 'signed' && verifySignature(parsed, key);
}

describe('signed codes', () => {
  it('round-trip any claim, fit in 120 characters, and verify with the event key only', () => {
    fc.assert(fc.property(claim, (c) => {
      const code = signCode(c, privateKey);
      expect(code.startsWith('M1')).toBe(true);
      expect(code.length).toBeLessThanOrEqual(120);
      const parsed = parseCode(code);
      expect(parsed.form).toBe('signed');
      if (parsed.form === 'signed') expect(parsed.claim).toEqual(c);
      expect(verifies(code)).toBe(true);
      expect(verifies(code, foreign.publicKey)).toBe(false);
    }), { numRuns: 300 });
  });

  it('fail verification when any single bit of the code’s bytes is flipped', () => {
    fc.assert(fc.property(claim, fc.integer({ min: 0, max: 88 * 8 - 1 }), (c, bit) => {
      const bytes = Buffer.from(signCode(c, privateKey).slice(2), 'base64url');
      bytes[bit >> 3]! ^= 1 << (bit & 7);
      expect(verifies('M1' + bytes.toString('base64url'))).toBe(false);
    }), { numRuns: 2_000 });
  });

  it('fail when any single character of the text is changed', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(fc.property(claim, fc.nat(), fc.constantFrom(...alphabet), (c, at, ch) => {
      const code = signCode(c, privateKey);
      const i = 2 + (at % (code.length - 2));
      fc.pre(code[i] !== ch);
      expect(verifies(code.slice(0, i) + ch + code.slice(i + 1))).toBe(false);
    }), { numRuns: 2_000 });
  });

  it('leave plain tokens plain and mark broken signed codes malformed', () => {
    expect(parseCode('VIP-TEST-GUEST-01').form).toBe('plain');
    expect(parseCode('M1short').form).toBe('malformed');
    expect(parseCode('M1' + '*'.repeat(118)).form).toBe('malformed');
  });
});

describe('the secret box', () => {
  it('opens what it sealed, and refuses anything tampered or sealed under another secret', () => {
    const box = new SecretBox('a-server-secret-of-some-length');
    const sealed = box.seal(Buffer.from('private key bytes'));
    expect(box.open(sealed).toString()).toBe('private key bytes');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox('another-secret-entirely!').open(sealed)).toThrow();
  });
});
