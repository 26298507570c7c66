import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { SubjectKind } from './lists.js';

/**
 * Signed codes: what a QR carries so that a scanner can check it offline.
 *
 *   "M1" + base64url( payload(24) | Ed25519 signature(64) )   = 120 characters
 *   payload = version(1)=1 | kind(1) | kid(4, big-endian) | subject uuid(16) | serial(2)
 *
 * kid names the event's key (so the event is implied); serial goes up when a
 * code is re-issued, and only the current serial admits. docs/codes.md.
 */
export interface CodeClaim {
  kind: SubjectKind;
  kid: number;
  subjectId: string;
  serial: number;
}

export const CODE_PREFIX = 'M1';
const VERSION = 1;
const PAYLOAD_BYTES = 24;
const SIGNATURE_BYTES = 64;
const KIND_BYTE: Record<SubjectKind, number> = { vip_pass: 1, ticket: 2, guest: 3 };
const KIND_OF_BYTE = new Map(Object.entries(KIND_BYTE).map(([k, b]) => [b, k as SubjectKind]));

export function encodePayload(claim: CodeClaim): Buffer {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  payload.writeUInt8(KIND_BYTE[claim.kind], 1);
  payload.writeUInt32BE(claim.kid, 2);
  Buffer.from(claim.subjectId.replace(/-/g, ''), 'hex').copy(payload, 6);
  payload.writeUInt16BE(claim.serial, 22);
  return payload;
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function signCode(claim: CodeClaim, privateKey: KeyObject): string {
  const payload = encodePayload(claim);
  return CODE_PREFIX + Buffer.concat([payload, sign(null, payload, privateKey)]).toString('base64url');
}

/** What a scanned text is: a plain token, a signed code (not yet verified), or a broken signed code. */
export type ParsedCode =
  | { form: 'plain' }
  | { form: 'signed'; claim: CodeClaim; payload: Buffer; signature: Buffer }
  | { form: 'malformed' };

export function parseCode(text: string): ParsedCode {
  if (!text.startsWith(CODE_PREFIX)) return { form: 'plain' };
  const body = text.slice(CODE_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return { form: 'malformed' };
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length !== PAYLOAD_BYTES + SIGNATURE_BYTES || bytes.toString('base64url') !== body) return { form: 'malformed' };
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  const kind = KIND_OF_BYTE.get(payload.readUInt8(1));
  if (payload.readUInt8(0) !== VERSION || !kind) return { form: 'malformed' };
  return {
    form: 'signed',
    claim: { kind, kid: payload.readUInt32BE(2), subjectId: uuidOf(payload.subarray(6, 22)), serial: payload.readUInt16BE(22) },
    payload,
    signature: bytes.subarray(PAYLOAD_BYTES),
  };
}

/** What the scan function is told about a scanned text (db/functions/redeem_scan.sql, step 1). */
export type ScanCode =
  | { form: 'plain' }
  | { form: 'claim'; claim: CodeClaim }
  | { form: 'forged' };

export function verifySignature(parsed: { payload: Buffer; signature: Buffer }, publicKey: KeyObject): boolean {
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
