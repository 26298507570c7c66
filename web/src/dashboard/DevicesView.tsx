import { useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { Device, EnrolledDevice } from '../api/types.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { formatAgo } from '../shared/format.js';
import { EnrolmentResult } from './EnrolmentResult.js';
import { EnrolScannerForm } from './EnrolScannerForm.js';

/** The venue's scanners: when each was last heard from, revoke, and enrol a new one. */
export function DevicesView({ api, eventId, devices, error, onChanged }: {
  api: Endpoints;
  eventId: string;
  devices: Device[];
  error: unknown;
  onChanged(): void;
}) {
  const [enrolled, setEnrolled] = useState<EnrolledDevice | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const revoke = async (device: Device) => {
    setActionError(null);
    try {
      await api.revokeDevice(device.id);
      onChanged();
    } catch (failure) {
      setActionError(failure);
    }
  };

  const sorted = devices.slice().sort((a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)) || a.name.localeCompare(b.name));
  return (
    <div className="devices-view">
      <section className="panel" aria-labelledby="enrol-title">
        <h2 id="enrol-title">Enrol a scanner</h2>
        {enrolled
          ? <EnrolmentResult enrolled={enrolled} api={api} onDone={() => setEnrolled(null)} />
          : <EnrolScannerForm api={api} eventId={eventId} onEnrolled={(result) => { setEnrolled(result); onChanged(); }} />}
      </section>
      <section className="panel" aria-labelledby="devices-title">
        <h2 id="devices-title">Scanners</h2>
        <ErrorBanner error={error ?? actionError} />
        {sorted.length === 0 && !error && <p className="muted">No scanners yet.</p>}
        <ul className="device-list" data-testid="device-list">
          {sorted.map((d) => (
            <li key={d.id} className={`device-row${d.revokedAt ? ' revoked' : ''}`}>
              <div className="device-main">
                <strong>{d.name}</strong>
                <span className="muted">
                  Gate {d.gate} · {d.eventId === null ? 'any event' : d.eventId === eventId ? 'this event' : 'another event'}
                </span>
                <span className="muted">
                  {d.revokedAt ? `Revoked ${formatAgo(d.revokedAt)}` : `Last seen ${formatAgo(d.lastSeenAt)}`}
                </span>
              </div>
              {!d.revokedAt && (
                <ConfirmButton className="button button-danger button-small" confirmLabel="Tap to revoke" onConfirm={() => void revoke(d)}>
                  Revoke
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
