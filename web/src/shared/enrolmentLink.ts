/**
 * The enrolment link the dashboard shows as a QR and the scanner reads:
 * <public address>/scan/#enroll=<token>. The token travels in the fragment,
 * which browsers never send to a server nor put in a Referer.
 */
export const ENROL_PATTERN = /(?:^#|&)enroll=([^&]+)/;

export function enrolmentUrl(token: string, origin = window.location.origin): string {
  return `${origin.replace(/\/+$/, '')}/scan/#enroll=${encodeURIComponent(token)}`;
}

/** Addresses that mean "this very machine": a phone that opens them reaches itself, not the server. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\./.test(hostname);
}
