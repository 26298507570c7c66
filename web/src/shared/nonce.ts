/**
 * A client nonce for a scan (API.md: 1–64 characters, unique per device).
 * crypto.randomUUID exists only in secure contexts (HTTPS, localhost); a
 * phone on the club's Wi-Fi at http://10.0.0.5:3000 still gets a random
 * UUID from getRandomValues, which works everywhere.
 */
export function newNonce(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
