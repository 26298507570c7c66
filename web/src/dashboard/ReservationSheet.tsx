import { useCallback, useEffect, useState } from 'react';
import type { Endpoints, ReservationAction } from '../api/endpoints.js';
import type { Reservation, ReservationStatus, StaffRole } from '../api/types.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { formatClock, formatDayTime, formatMoney } from '../shared/format.js';
import { newNonce } from '../shared/nonce.js';
import { Sheet } from '../shared/Sheet.js';
import { PassCard } from './PassCard.js';
import { can, type Capability } from './permissions.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { EditReservationForm } from './EditReservationForm.js';
import { SendPassesForm } from './SendPassesForm.js';

/** The lifecycle buttons, each offered from the statuses the state machine allows and to the roles the API allows. */
const ACTIONS: { action: ReservationAction; label: MessageKey; from: ReservationStatus[]; needs: Capability; confirm?: MessageKey; className: string }[] = [
  { action: 'confirm', label: 'sheet.confirm', from: ['pending'], needs: 'bookReservations', className: 'button button-primary' },
  { action: 'complete', label: 'sheet.complete', from: ['checked_in'], needs: 'closeReservations', className: 'button button-primary' },
  { action: 'no-show', label: 'sheet.noShow', from: ['confirmed'], needs: 'closeReservations', confirm: 'sheet.noShowConfirm', className: 'button' },
  { action: 'cancel', label: 'sheet.cancel', from: ['pending', 'confirmed'], needs: 'bookReservations', confirm: 'sheet.cancelConfirm', className: 'button button-danger' },
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
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [detail, setDetail] = useState<Reservation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per opened sheet: a second tap (or a retry after a timeout) is the same refund.
  const [refundKey] = useState(newNonce);

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

  const act = async (action: ReservationAction | 'refund') => {
    setBusy(true);
    setError(null);
    try {
      const updated = action === 'refund'
        ? await api.refundDeposit(summary.id, t('sheet.refundReason'), refundKey)
        : await api.reservationAction(summary.id, action);
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
    <Sheet title={t('sheet.title', { number: r.tableNumber, host: r.hostName })} onClose={onClose} testId="reservation-sheet">
      <div className={`reservation-summary status-${r.status}`}>
        <span className="chip">{t(`status.${r.status}`)}</span>
        <span className="big-count">{r.checkedInGuests}<small>{t('sheet.arrived', { guests: r.guestCount })}</small></span>
      </div>
      <dl className="facts">
        {r.hostPhone && <><dt>{t('sheet.phone')}</dt><dd><a href={`tel:${r.hostPhone}`}>{r.hostPhone}</a></dd></>}
        {r.hostEmail && <><dt>{t('sheet.email')}</dt><dd>{r.hostEmail}</dd></>}
        <dt>{t('sheet.deposit')}</dt><dd>{formatMoney(r.depositCents)}</dd>
        {r.paidCents > 0 && <><dt>{t('sheet.paid')}</dt><dd data-testid="deposit-paid">{formatMoney(r.paidCents)}</dd></>}
        {r.refundedCents > 0 && <><dt>{t('sheet.refunded')}</dt><dd data-testid="deposit-refunded">{formatMoney(r.refundedCents)}</dd></>}
        <dt>{t('sheet.firstArrival')}</dt><dd>{r.firstCheckedInAt ? formatClock(r.firstCheckedInAt) : '—'}</dd>
        <dt>{t('sheet.booked')}</dt><dd>{formatDayTime(r.createdAt)}</dd>
      </dl>
      <ErrorBanner error={error} />
      {actions.length > 0 && (
        <div className="sheet-actions" data-testid="reservation-actions">
          {actions.map((a) => a.confirm
            ? <ConfirmButton key={a.action} className={a.className} confirmLabel={t(a.confirm)} disabled={busy} onConfirm={() => void act(a.action)}>{t(a.label)}</ConfirmButton>
            : <button key={a.action} type="button" className={a.className} disabled={busy} onClick={() => void act(a.action)}>{t(a.label)}</button>)}
        </div>
      )}
      {can(role, 'refundDeposits') && r.paidCents > r.refundedCents && r.status !== 'no_show' && (
        <ConfirmButton className="button button-danger button-small" confirmLabel={t('sheet.refundConfirm')} disabled={busy} onConfirm={() => void act('refund')}>
          {t('sheet.refundDeposit', { amount: formatMoney(r.paidCents - r.refundedCents) })}
        </ConfirmButton>
      )}
      {can(role, 'bookReservations') && !['completed', 'cancelled', 'no_show'].includes(r.status) && (editing
        ? <EditReservationForm api={api} reservation={r} onSaved={(updated) => { setEditing(false); setDetail(updated); onChanged(updated); }} />
        : <button type="button" className="button button-small" onClick={() => setEditing(true)}>{t('sheet.edit')}</button>)}
      <h3 className="passes-title">{t('sheet.passes')}</h3>
      {can(role, 'bookReservations') && (r.status === 'confirmed' || r.status === 'checked_in') && <SendPassesForm api={api} reservation={r} />}
      {detail === null && !error && <p className="muted">{t('sheet.loadingPasses')}</p>}
      {detail !== null && passes.length === 0 && <p className="muted">{t('sheet.noPasses')}</p>}
      <ul className="pass-grid">
        {passes.map((p) => <PassCard key={p.id} pass={p} api={api} showQr={can(role, 'readPasses')} />)}
      </ul>
    </Sheet>
  );
}
