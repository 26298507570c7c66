import type { SubjectKind } from './lists.js';
import { fromBase64url } from '../offline/base64url.js';

/**
 * Signed codes: what a QR carries so that a scanner can check it offline.
 *
 *   "M1" + base64url( payload(24) | Ed25519 signature(64) )   = 120 characters
 *   payload = version(1)=1 | kind(1) | kid(4, big-endian) | subject uuid(16) | serial(2)
 *
 * kid names the event's key (so the event is implied); serial goes up when a
 * code is re-issued, and only the current serial admits. docs/codes.md.
 * Pure (no Node APIs): the server (src/domain/signed-codes.ts) and the
 * phone's offline decision (src/offline/decide-offline.ts) read codes here.
 */
export interface CodeClaim {
  kind: SubjectKind;
  kid: number;
  subjectId: string;
  serial: number;
}

export const CODE_PREFIX = 'M1';
export const VERSION = 1;
export const PAYLOAD_BYTES = 24;
const SIGNATURE_BYTES = 64;
export const KIND_BYTE: Record<SubjectKind, number> = { vip_pass: 1, ticket: 2, guest: 3 };
const KIND_OF_BYTE = new Map(Object.entries(KIND_BYTE).map(([k, b]) => [b, k as SubjectKind]));

function uuidOf(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What a scanned text is: a plain token, a signed code (not yet verified), or a broken signed code. */
export type ParsedCode =
  | { form: 'plain' }
  | { form: 'signed'; claim: CodeClaim; payload: Uint8Array; signature: Uint8Array }
  | { form: 'malformed' };

export function parseCode(text: string): ParsedCode {
  if (!text.startsWith(CODE_PREFIX)) return { form: 'plain' };
  const bytes = fromBase64url(text.slice(CODE_PREFIX.length));
  if (!bytes || bytes.length !== PAYLOAD_BYTES + SIGNATURE_BYTES) return { form: 'malformed' };
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const kind = KIND_OF_BYTE.get(view.getUint8(1));
  if (view.getUint8(0) !== VERSION || !kind) return { form: 'malformed' };
  return {
    form: 'signed',
    claim: { kind, kid: view.getUint32(2), subjectId: uuidOf(payload.subarray(6, 22)), serial: view.getUint16(22) },
    payload,
    signature: bytes.subarray(PAYLOAD_BYTES),
  };
}
