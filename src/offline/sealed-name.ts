import { fromBase64url, toBase64url } from './base64url.js';

/**
 * A holder's name in door data is sealed (AES-256-GCM) under a key derived
 * from their code, so a lost phone leaks no guest list: only someone holding
 * the code (the person at the door) reads whose it is, and the code admits
 * anyway. The phone opens names here with WebCrypto; the server seals them
 * with Node's crypto (src/db/door-data.ts: reading 10,000 people took 1.6 s
 * with it against 5.9 s with WebCrypto's asynchronous calls, both at load 7),
 * from the same definition:
 *
 *   key  = SHA-256("maguey-door-name" 0x00 code)
 *   name = base64url( iv (12 bytes) | AES-256-GCM(key, iv, UTF-8 name) with its 16-byte tag )
 */
export const NAME_KEY_LABEL = 'maguey-door-name\0';
export const NAME_IV_BYTES = 12;

/** The name, or null when this code is not the one it was sealed under. */
export async function openName(code: string, sealedName: string): Promise<string | null> {
  const bytes = fromBase64url(sealedName);
  if (!bytes || bytes.length <= NAME_IV_BYTES) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(NAME_KEY_LABEL + code));
  const key = await crypto.subtle.importKey('raw', digest, 'AES-GCM', false, ['decrypt']);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, NAME_IV_BYTES) }, key, bytes.subarray(NAME_IV_BYTES));
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

/** SHA-256 of a plain code, base64url: how door data names a plain code without holding it. */
export async function plainCodeHash(code: string): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code))));
}
