import type { Endpoints } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { formatClock } from '../shared/format.js';
import { useAttentionItems } from './useAttentionItems.js';

/** The night's resolved items: what happened, who resolved it, when, and their note. Read each time it is shown. */
export function ResolvedAttentionList({ api, eventId, resync }: { api: Endpoints; eventId: string; resync: number }) {
  const { t } = useI18n();
  const { items, error, reload } = useAttentionItems(api, eventId, 'resolved', resync);

  return (
    <>
      <ErrorBanner error={error} onRetry={() => void reload()} />
      {items?.length === 0 && <p className="muted">{t('attention.noneResolved')}</p>}
      <ul className="attention-list" data-testid="attention-resolved-list">
        {items?.map((item) => (
          <li key={item.id} className="attention-item attention-item-resolved" data-kind={item.kind}>
            <div className="attention-what">
              <strong>{t(`attention.kind.${item.kind}`)}</strong>
              <span className="muted">{formatClock(item.at)}</span>
            </div>
            <p className="attention-message">{item.message}</p>
            <p className="attention-resolution">
              {t('attention.resolvedBy', { name: item.resolvedBy?.name ?? t('attention.someone'), at: formatClock(item.resolvedAt) })}
            </p>
            {item.note && <blockquote className="attention-note">{item.note}</blockquote>}
          </li>
        ))}
      </ul>
    </>
  );
}
