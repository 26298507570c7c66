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

/** The screens of the dashboard, each shown to the roles that can use it. */
export type Screen = 'live' | 'tables' | 'scans' | 'scanners';

export const SCREENS: { id: Screen; label: string; needs: Capability }[] = [
  { id: 'live', label: 'Live', needs: 'readStats' },
  { id: 'tables', label: 'Tables', needs: 'readReservations' },
  { id: 'scans', label: 'Scans', needs: 'readScans' },
  { id: 'scanners', label: 'Scanners', needs: 'manageDevices' },
];

export const screensFor = (role: StaffRole) => SCREENS.filter((s) => can(role, s.needs));
