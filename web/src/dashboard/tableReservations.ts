import type { Reservation, ReservationStatus } from '../api/types.js';

/** Which of a table's reservations speaks for it tonight: the one with people at it, else the one still to come. */
const STATUS_WEIGHT: Record<ReservationStatus, number> = {
  checked_in: 6, confirmed: 5, pending: 4, completed: 3, no_show: 2, cancelled: 1,
};

export function reservationByTable(reservations: Reservation[]): Map<string, Reservation> {
  const byTable = new Map<string, Reservation>();
  for (const r of reservations) {
    const current = byTable.get(r.tableId);
    if (!current || STATUS_WEIGHT[r.status] > STATUS_WEIGHT[current.status]
      || (STATUS_WEIGHT[r.status] === STATUS_WEIGHT[current.status] && r.createdAt > current.createdAt)) {
      byTable.set(r.tableId, r);
    }
  }
  return byTable;
}
