import { useState } from 'react';
import type { Reservation, ReservationStatus } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

const FILTERS: (ReservationStatus | 'all')[] = ['all', 'pending', 'confirmed', 'checked_in', 'completed', 'no_show', 'cancelled'];

/** Tonight's bookings with their status and arrivals, updating as guests come in. */
export function ReservationList({ reservations, onSelect, hasMore, onLoadMore }: {
  reservations: Reservation[];
  onSelect(reservation: Reservation): void;
  hasMore: boolean;
  onLoadMore(): void;
}) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<ReservationStatus | 'all'>('all');
  const count = (s: ReservationStatus | 'all') => (s === 'all' ? reservations.length : reservations.filter((r) => r.status === s).length);
  const shown = reservations
    .filter((r) => filter === 'all' || r.status === filter)
    .sort((a, b) => a.tableNumber.localeCompare(b.tableNumber, undefined, { numeric: true }));
  return (
    <section className="panel" aria-labelledby="reservations-title">
      <h2 id="reservations-title">{t('reservations.title')}</h2>
      <div className="filter-chips" role="group" aria-label={t('reservations.filter')}>
        {FILTERS.map((s) => (
          <button key={s} type="button" className={`filter-chip status-${s}`} aria-pressed={filter === s} onClick={() => setFilter(s)}>
            {s === 'all' ? t('common.all') : t(`status.${s}`)} <span className="count">{count(s)}</span>
          </button>
        ))}
      </div>
      {shown.length === 0 && <p className="muted">{filter === 'all' ? t('reservations.none') : t('reservations.noneWithStatus')}</p>}
      <ul className="reservation-list" data-testid="reservation-list">
        {shown.map((r) => (
          <li key={r.id}>
            <button type="button" className={`reservation-row status-${r.status}`} onClick={() => onSelect(r)} data-reservation-id={r.id}>
              <span className="reservation-table">{r.tableNumber}</span>
              <span className="reservation-host">
                <strong>{r.hostName}</strong>
                <span className="chip">{t(`status.${r.status}`)}</span>
              </span>
              <span className="reservation-guests" aria-label={t('reservations.arrivedOf', { arrived: r.checkedInGuests, guests: r.guestCount })}>
                <span className="guests-count">{r.checkedInGuests}<small>/{r.guestCount}</small></span>
                <span className="guests-bar"><span style={{ width: `${r.guestCount ? (r.checkedInGuests / r.guestCount) * 100 : 0}%` }} /></span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {hasMore && <button type="button" className="button" onClick={onLoadMore}>{t('common.loadMore')}</button>}
    </section>
  );
}
