import { useCallback, useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { Reservation, StaffRole, Table } from '../api/types.js';
import { FloorPlan } from './FloorPlan.js';
import { ReservationList } from './ReservationList.js';
import { ReservationSheet } from './ReservationSheet.js';

/** VIP tables: the floor plan and the reservations, both live; a tap opens a reservation. */
export function TablesView({ api, role, tables, reservations, hasMore, onLoadMore, onChanged }: {
  api: Endpoints;
  role: StaffRole;
  tables: Table[];
  reservations: Reservation[];
  hasMore: boolean;
  onLoadMore(): void;
  onChanged(reservation: Reservation): void;
}) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const close = useCallback(() => setSelectedId(null), []);
  const selected = reservations.find((r) => r.id === selectedId) ?? null;
  return (
    <div className="tables-view">
      <section className="panel" aria-labelledby="floor-title">
        <h2 id="floor-title">Floor plan</h2>
        <FloorPlan tables={tables} reservations={reservations} onSelect={(r) => setSelectedId(r.id)} />
      </section>
      <ReservationList reservations={reservations} onSelect={(r) => setSelectedId(r.id)} hasMore={hasMore} onLoadMore={onLoadMore} />
      {selected && (
        <ReservationSheet summary={selected} api={api} role={role} onClose={close} onChanged={onChanged} />
      )}
    </div>
  );
}
