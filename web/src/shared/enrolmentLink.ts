/**
 * The enrolment link the dashboard shows as a QR and the scanner reads:
 * /scan/#enroll=<token>. The token travels in the fragment, which browsers
 * never send to a server nor put in a Referer.
 */
export const ENROL_PATTERN = /(?:^#|&)enroll=([^&]+)/;

export function enrolmentUrl(token: string, origin = window.location.origin): string {
  return `${origin}/scan/#enroll=${encodeURIComponent(token)}`;
}
