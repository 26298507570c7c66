import { useCallback, useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { Reservation, StaffRole, Table } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { FloorPlan } from './FloorPlan.js';
import { NewReservationForm } from './NewReservationForm.js';
import { can } from './permissions.js';
import { ReservationList } from './ReservationList.js';
import { ReservationSheet } from './ReservationSheet.js';

/** VIP tables: the floor plan and the bookings, both live; a tap opens a booking; new bookings are made here. */
export function TablesView({ api, eventId, role, tables, reservations, hasMore, onLoadMore, onChanged }: {
  api: Endpoints;
  eventId: string;
  role: StaffRole;
  tables: Table[];
  reservations: Reservation[];
  hasMore: boolean;
  onLoadMore(): void;
  onChanged(reservation: Reservation): void;
}) {
  const { t } = useI18n();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const close = useCallback(() => setSelectedId(null), []);
  const selected = reservations.find((r) => r.id === selectedId) ?? null;
  return (
    <div className="tables-view">
      <section className="panel" aria-labelledby="floor-title">
        <h2 id="floor-title">{t('floor.title')}</h2>
        <FloorPlan tables={tables} reservations={reservations} onSelect={(r) => setSelectedId(r.id)} />
      </section>
      {can(role, 'bookReservations') && (
        <section className="panel" aria-labelledby="new-reservation-title">
          <h2 id="new-reservation-title">{t('reservations.new')}</h2>
          <NewReservationForm api={api} eventId={eventId} tables={tables} onCreated={(r) => { onChanged(r); setSelectedId(r.id); }} />
        </section>
      )}
      <ReservationList reservations={reservations} onSelect={(r) => setSelectedId(r.id)} hasMore={hasMore} onLoadMore={onLoadMore} />
      {selected && (
        <ReservationSheet summary={selected} api={api} role={role} onClose={close} onChanged={onChanged} />
      )}
    </div>
  );
}
