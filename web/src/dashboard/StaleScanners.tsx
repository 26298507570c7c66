import { useEffect, useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { Device } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { formatAgo } from '../shared/format.js';

/** Not heard from for this long: the owner should look at that door. */
const STALE_MS = 2 * 60_000;
/** How often the list is read again. */
const REFRESH_MS = 30_000;

/** The event's scanners not seen for 2 minutes, at a glance (read every 30 s). */
export function StaleScanners({ api, eventId }: { api: Endpoints; eventId: string }) {
  const { t } = useI18n();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let stopped = false;
    const read = async () => {
      try {
        const { items } = await api.devices();
        if (!stopped) {
          setDevices(items.filter((d) => !d.revokedAt && (d.eventId === null || d.eventId === eventId)));
          setNow(Date.now());
        }
      } catch {
        // The scanners list is a glance: the Scanners screen shows its errors.
      }
    };
    void read();
    const timer = setInterval(() => void read(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, eventId]);

  if (!devices) return null;
  const stale = devices.filter((d) => !d.lastSeenAt || now - new Date(d.lastSeenAt).getTime() > STALE_MS);
  return (
    <p className={`stale-scanners${stale.length ? ' stale-scanners-some' : ''}`} data-testid="stale-scanners" role="status">
      {stale.length === 0
        ? t('attention.allScannersSeen')
        : `${t('attention.staleScanners', { n: stale.length })}: ${stale.map((d) => `${d.name} (${formatAgo(d.lastSeenAt, t, now)})`).join(', ')}`}
    </p>
  );
}
