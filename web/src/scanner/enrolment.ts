import { ENROL_PATTERN } from '../shared/enrolmentLink.js';

/** The token of an enrolment link this page was opened with; removed from the address bar once read. */
export function takeEnrolmentToken(): string | null {
  const match = ENROL_PATTERN.exec(window.location.hash);
  if (!match) return null;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return decodeURIComponent(match[1]!).trim() || null;
}
