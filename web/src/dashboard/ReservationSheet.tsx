import { useCallback, useEffect, useState } from 'react';
import type { Endpoints, ReservationAction } from '../api/endpoints.js';
import type { Reservation, ReservationStatus, StaffRole } from '../api/types.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { formatClock, formatDayTime, formatMoney } from '../shared/format.js';
import { Sheet } from '../shared/Sheet.js';
import { PassCard } from './PassCard.js';
import { can, type Capability } from './permissions.js';
import { STATUS_LABELS } from './tableReservations.js';

/** The lifecycle buttons, each offered from the statuses the state machine allows and to the roles the API allows. */
const ACTIONS: { action: ReservationAction; label: string; from: ReservationStatus[]; needs: Capability; confirm?: string; className: string }[] = [
  { action: 'confirm', label: 'Confirm', from: ['pending'], needs: 'bookReservations', className: 'button button-primary' },
  { action: 'complete', label: 'Complete', from: ['checked_in'], needs: 'closeReservations', className: 'button button-primary' },
  { action: 'no-show', label: 'No-show', from: ['confirmed'], needs: 'closeReservations', confirm: 'Tap again: no-show', className: 'button' },
  { action: 'cancel', label: 'Cancel booking', from: ['pending', 'confirmed'], needs: 'bookReservations', confirm: 'Tap again to cancel', className: 'button button-danger' },
];

/** One reservation: host, arrivals, the actions the role may take, and its passes with their QR codes. */
export function ReservationSheet({ summary, api, role, onClose, onChanged }: {
  /** The row from the list, kept live by the feed. */
  summary: Reservation;
  api: Endpoints;
  role: StaffRole;
  onClose(): void;
  onChanged(reservation: Reservation): void;
}) {
  const [detail, setDetail] = useState<Reservation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setDetail(await api.reservation(summary.id));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api, summary.id]);

  // Read again whenever the live row moves (a guest arrived, someone else changed the status).
  useEffect(() => {
    void load();
  }, [load, summary.checkedInGuests, summary.status]);

  const act = async (action: ReservationAction) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api.reservationAction(summary.id, action);
      setDetail(updated);
      onChanged(updated);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const r = { ...summary, ...detail, checkedInGuests: Math.max(summary.checkedInGuests, detail?.checkedInGuests ?? 0) };
  const actions = ACTIONS.filter((a) => a.from.includes(r.status) && can(role, a.needs));
  const passes = detail?.passes ?? [];
  return (
    <Sheet title={`Table ${r.tableNumber} · ${r.hostName}`} onClose={onClose} testId="reservation-sheet">
      <div className={`reservation-summary status-${r.status}`}>
        <span className="chip">{STATUS_LABELS[r.status]}</span>
        <span className="big-count">{r.checkedInGuests}<small>/{r.guestCount} arrived</small></span>
      </div>
      <dl className="facts">
        {r.hostPhone && <><dt>Phone</dt><dd><a href={`tel:${r.hostPhone}`}>{r.hostPhone}</a></dd></>}
        {r.hostEmail && <><dt>Email</dt><dd>{r.hostEmail}</dd></>}
        <dt>Deposit</dt><dd>{formatMoney(r.depositCents)}</dd>
        <dt>First arrival</dt><dd>{r.firstCheckedInAt ? formatClock(r.firstCheckedInAt) : '—'}</dd>
        <dt>Booked</dt><dd>{formatDayTime(r.createdAt)}</dd>
      </dl>
      <ErrorBanner error={error} />
      {actions.length > 0 && (
        <div className="sheet-actions" data-testid="reservation-actions">
          {actions.map((a) => a.confirm
            ? <ConfirmButton key={a.action} className={a.className} confirmLabel={a.confirm} disabled={busy} onConfirm={() => void act(a.action)}>{a.label}</ConfirmButton>
            : <button key={a.action} type="button" className={a.className} disabled={busy} onClick={() => void act(a.action)}>{a.label}</button>)}
        </div>
      )}
      <h3 className="passes-title">Passes</h3>
      {detail === null && !error && <p className="muted">Loading passes…</p>}
      {detail !== null && passes.length === 0 && <p className="muted">No passes yet: they are issued when the booking is confirmed.</p>}
      <ul className="pass-grid">
        {passes.map((p) => <PassCard key={p.id} pass={p} api={api} showQr={can(role, 'readPasses')} />)}
      </ul>
    </Sheet>
  );
}
