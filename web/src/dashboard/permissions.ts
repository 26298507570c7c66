/**
 * What each role may do, read from the server's own access table
 * (src/http/access.ts) so the screens hide exactly what the API would refuse.
 * The API still decides: a 403 is shown as a message, never assumed away.
 */
import { ACCESS } from '../../../src/http/access.js';
import type { StaffRole } from '../api/types.js';

export type Capability = keyof typeof ACCESS;

export const can = (role: StaffRole, capability: Capability): boolean =>
  (ACCESS[capability] as readonly string[]).includes(role);

/** The screens of the dashboard, each shown to the roles that can use it: the night first, then setting it up. */
export type Screen = 'live' | 'tables' | 'guests' | 'promoters' | 'scans' | 'money' | 'scanners' | 'event' | 'floor' | 'tickets' | 'staff';

export const SCREENS: { id: Screen; needs: Capability }[] = [
  { id: 'live', needs: 'readStats' },
  { id: 'tables', needs: 'readReservations' },
  { id: 'guests', needs: 'manageGuestLists' },
  { id: 'promoters', needs: 'readPromoterReport' },
  { id: 'scans', needs: 'readScans' },
  { id: 'money', needs: 'readLedger' },
  { id: 'scanners', needs: 'manageDevices' },
  { id: 'event', needs: 'manageEvents' },
  { id: 'floor', needs: 'manageEvents' },
  { id: 'tickets', needs: 'manageEvents' },
  { id: 'staff', needs: 'manageStaff' },
];

export const screensFor = (role: StaffRole) => SCREENS.filter((s) => can(role, s.needs));

/** Screens that work before any event exists. */
export const WITHOUT_EVENT: Screen[] = ['event', 'staff'];
