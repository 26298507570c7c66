import { useI18n } from '../i18n/index.js';
import type { DoorStatus } from './useScanQueue.js';

/** The event, people inside, whether the server answers, and scans decided here that still wait to upload. */
export function DoorStatusLine({ status, onUpload }: { status: DoorStatus; onUpload(): void }) {
  const { t } = useI18n();
  return (
    <section className="door-status" data-testid="door-status" data-online={status.online} aria-label={t('door.status')}>
      <span className="door-event">{status.eventName ?? t('door.noData')}</span>
      {status.peopleInside !== null && <span data-testid="people-inside">{t('door.inside', { n: status.peopleInside })}</span>}
      <span className={`door-link door-link-${status.online ? 'online' : 'offline'}`} data-testid="door-link">
        {status.online ? t('door.online') : t('door.offline')}
      </span>
      {status.queued > 0 && (
        <span className="door-queue" data-testid="door-queue">
          {t('door.queued', { n: status.queued })}
          <button type="button" className="button button-small" onClick={onUpload}>{t('door.uploadNow')}</button>
        </span>
      )}
    </section>
  );
}
