import type { HolderCard } from './door-data.js';
import { fromBase64url, toBase64url } from './base64url.js';

/**
 * A holder's card in door data is sealed (AES-256-GCM) under a key derived
 * from their code, so a lost phone leaks no guest list: only someone who
 * holds the code (the person at the door) can read whose it is. The code is
 * the secret already (it admits), so this adds nothing to what a code gives.
 * WebCrypto, so the server and the phone run this same file.
 */
const LABEL = new TextEncoder().encode('maguey-door-card\0');
const IV_BYTES = 12;

async function keyOf(code: string, usage: KeyUsage): Promise<CryptoKey> {
  const text = new TextEncoder().encode(code);
  const material = new Uint8Array(LABEL.length + text.length);
  material.set(LABEL);
  material.set(text, LABEL.length);
  const digest = await crypto.subtle.digest('SHA-256', material);
  return crypto.subtle.importKey('raw', digest, 'AES-GCM', false, [usage]);
}

export async function sealCard(code: string, card: HolderCard): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new TextEncoder().encode(JSON.stringify(card));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await keyOf(code, 'encrypt'), plain));
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return toBase64url(out);
}

/** The card, or null when this code is not the one it was sealed under. */
export async function openCard(code: string, sealedCard: string): Promise<HolderCard | null> {
  const bytes = fromBase64url(sealedCard);
  if (!bytes || bytes.length <= IV_BYTES) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES) }, await keyOf(code, 'decrypt'), bytes.subarray(IV_BYTES));
    return JSON.parse(new TextDecoder().decode(plain)) as HolderCard;
  } catch {
    return null;
  }
}

/** SHA-256 of a plain code, base64url: how door data names a plain code without holding it. */
export async function plainCodeHash(code: string): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code))));
}
