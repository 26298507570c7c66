import type { StaffRole } from '../domain/lists.js';

/** Who may do what: one table for every route (each route names its row). */
/** A device acts as 'device' (a scanner) or 'pos' (a point of sale, which may only send spend). */
export type Actor = StaffRole | 'device' | 'pos';

export const ACCESS = {
  manageStaff: ['owner', 'manager'],
  disableStaff: ['owner'],
  endOwnSession: ['owner', 'manager', 'promoter', 'door'],
  manageDevices: ['owner', 'manager'],
  readGates: ['owner', 'manager', 'door', 'device'],
  manageEvents: ['owner', 'manager'],
  readEvents: ['owner', 'manager', 'promoter', 'door'],
  bookReservations: ['owner', 'manager', 'promoter'],
  closeReservations: ['owner', 'manager'],
  resetReservations: ['owner'],
  readReservations: ['owner', 'manager', 'promoter', 'door'],
  readPasses: ['owner', 'manager', 'promoter'],
  sellTickets: ['owner', 'manager', 'promoter'],
  manageOrders: ['owner', 'manager'],
  refundDeposits: ['owner', 'manager'],
  readLedger: ['owner', 'manager'],
  readOutbox: ['owner'],
  cancelEvents: ['owner'],
  readTickets: ['owner', 'manager', 'promoter', 'door'],
  searchDoor: ['owner', 'manager', 'door', 'device'],
  readTicketCodes: ['owner', 'manager', 'promoter'],
  readKeys: ['owner', 'manager', 'door', 'device'],
  readDoorData: ['owner', 'manager', 'door', 'device'],
  scan: ['owner', 'manager', 'door', 'device'],
  /** Undo another scanner's admission (a scanner may always undo its own: `scan`). */
  annulAnyScan: ['owner', 'manager'],
  readScans: ['owner', 'manager', 'door', 'device'],
  readStats: ['owner', 'manager', 'promoter', 'door'],
  manageGuestLists: ['owner', 'manager', 'promoter'],
  capPromoters: ['owner', 'manager'],
  readPromoterReport: ['owner', 'manager', 'promoter'],
  /** The attention inbox: read it, resolve its items. */
  readAttention: ['owner', 'manager'],
  resolveAttention: ['owner', 'manager'],
  setAttentionThresholds: ['owner'],
  whoAmI: ['owner', 'manager', 'promoter', 'door', 'device'],
  postSpend: ['owner', 'manager', 'pos'],
  closeNight: ['owner', 'manager'],
} as const satisfies Record<string, readonly Actor[]>;

export type Access = keyof typeof ACCESS | 'public';

export function allows(access: Access, actor: Actor): boolean {
  return access === 'public' || (ACCESS[access] as readonly Actor[]).includes(actor);
}

/** The staff roles of an access row (the scan statement checks them in SQL). */
export const staffRolesOf = (access: keyof typeof ACCESS): StaffRole[] =>
  (ACCESS[access] as readonly Actor[]).filter((a): a is StaffRole => a !== 'device' && a !== 'pos');
