import { useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { Device, EnrolledDevice } from '../api/types.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { useI18n } from '../i18n/index.js';
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
  const { t } = useI18n();
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
        <h2 id="enrol-title">{t('devices.enrolTitle')}</h2>
        {enrolled
          ? <EnrolmentResult enrolled={enrolled} api={api} onDone={() => setEnrolled(null)} />
          : <EnrolScannerForm api={api} eventId={eventId} onEnrolled={(result) => { setEnrolled(result); onChanged(); }} />}
      </section>
      <section className="panel" aria-labelledby="devices-title">
        <h2 id="devices-title">{t('devices.title')}</h2>
        <ErrorBanner error={error ?? actionError} />
        {sorted.length === 0 && !error && <p className="muted">{t('devices.none')}</p>}
        <ul className="device-list" data-testid="device-list">
          {sorted.map((d) => (
            <li key={d.id} className={`device-row${d.revokedAt ? ' revoked' : ''}`}>
              <div className="device-main">
                <strong>{d.name}</strong>
                <span className="muted">
                  {t('common.gateN', { gate: d.gate })} · {d.eventId === null ? t('devices.anyEvent') : d.eventId === eventId ? t('devices.thisEvent') : t('devices.otherEvent')}
                </span>
                <span className="muted">
                  {d.revokedAt ? t('devices.revokedAgo', { ago: formatAgo(d.revokedAt, t) }) : t('devices.lastSeen', { ago: formatAgo(d.lastSeenAt, t) })}
                </span>
              </div>
              {!d.revokedAt && (
                <ConfirmButton className="button button-danger button-small" confirmLabel={t('devices.revokeConfirm')} onConfirm={() => void revoke(d)}>
                  {t('devices.revoke')}
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
