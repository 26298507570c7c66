import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

import { CODE_PREFIX, KIND_BYTE, PAYLOAD_BYTES, VERSION, type CodeClaim } from './code-format.js';

export { parseCode, CODE_PREFIX, type CodeClaim, type ParsedCode } from './code-format.js';

/** Signing and verifying with Node's crypto (the format itself: src/domain/code-format.ts). */
export function encodePayload(claim: CodeClaim): Buffer {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  payload.writeUInt8(KIND_BYTE[claim.kind], 1);
  payload.writeUInt32BE(claim.kid, 2);
  Buffer.from(claim.subjectId.replace(/-/g, ''), 'hex').copy(payload, 6);
  payload.writeUInt16BE(claim.serial, 22);
  return payload;
}

export function signCode(claim: CodeClaim, privateKey: KeyObject): string {
  const payload = encodePayload(claim);
  return CODE_PREFIX + Buffer.concat([payload, sign(null, payload, privateKey)]).toString('base64url');
}

/** What the scan function is told about a scanned text (db/functions/redeem_scan.sql, step 1). */
export type ScanCode =
  | { form: 'plain' }
  | { form: 'claim'; claim: CodeClaim }
  | { form: 'forged' };

export function verifySignature(parsed: { payload: Uint8Array; signature: Uint8Array }, publicKey: KeyObject): boolean {
  return verify(null, parsed.payload, publicKey, parsed.signature);
}

/** Raw 32-byte Ed25519 keys ↔ KeyObjects (stored raw; JWK is the portable form). */
export function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
}

export function privateKeyFromPkcs8(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
