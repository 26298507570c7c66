import { useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { AttentionItem } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { Field } from '../shared/Field.js';
import { formatClock } from '../shared/format.js';
import { useFormSubmit } from '../shared/useFormSubmit.js';
import { ResolvedAttentionList } from './ResolvedAttentionList.js';
import { useAttentionItems } from './useAttentionItems.js';

const VIEWS = ['open', 'resolved'] as const;

/** One open item: what happened, and resolving it with a note. */
function AttentionRow({ api, item, onResolved }: { api: Endpoints; item: AttentionItem; onResolved(item: AttentionItem): void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const { busy, error, errors, submit } = useFormSubmit(t, async () => {
    onResolved(await api.resolveAttention(item.id, note.trim()));
  });
  return (
    <li className="attention-item" data-kind={item.kind}>
      <div className="attention-what">
        <strong>{t(`attention.kind.${item.kind}`)}</strong>
        <span className="muted">{formatClock(item.at)}</span>
      </div>
      <p className="attention-message">{item.message}</p>
      <form className="attention-resolve" onSubmit={(e) => void submit(e)}>
        <Field label={t('attention.note')} error={errors['/note']}>
          {(props) => <input {...props} type="text" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button type="submit" className="button button-small" disabled={busy}>{busy ? t('attention.resolving') : t('attention.resolve')}</button>
      </form>
      <ErrorBanner error={errors['/note'] ? null : error} />
    </li>
  );
}

/**
 * "Needs attention" on Live: offline admissions the server would have
 * refused, clocks that were off and fraud signals, read once and then as
 * the live feed announces them; resolving one takes a note. The resolved
 * ones are a tap away, with who resolved them, when, and the note.
 */
export function AttentionPanel({ api, eventId, opened, resync }: {
  api: Endpoints;
  eventId: string;
  /** Items the live feed announced, newest first. */
  opened: AttentionItem[];
  resync: number;
}) {
  const { t } = useI18n();
  const { items: loaded, error, reload } = useAttentionItems(api, eventId, 'open', resync);
  const [resolved, setResolved] = useState<Set<string>>(new Set());
  const [view, setView] = useState<(typeof VIEWS)[number]>('open');

  const seen = new Set<string>();
  const items = [...opened, ...(loaded ?? [])].filter((i) => !resolved.has(i.id) && !seen.has(i.id) && seen.add(i.id));
  return (
    <section className="panel attention-panel" aria-labelledby="attention-title">
      <h2 id="attention-title">
        {t('attention.title')}
        {items.length > 0 && <span className="attention-count">{items.length}</span>}
      </h2>
      <div className="filter-chips" role="group" aria-label={t('attention.show')}>
        {VIEWS.map((v) => (
          <button key={v} type="button" className="filter-chip" aria-pressed={view === v} onClick={() => setView(v)}>{t(`attention.${v}`)}</button>
        ))}
      </div>
      {view === 'resolved' ? <ResolvedAttentionList api={api} eventId={eventId} resync={resync} /> : (
        <>
          <ErrorBanner error={error} onRetry={() => void reload()} />
          {items.length === 0 && !error && <p className="muted">{t('attention.empty')}</p>}
          <ul className="attention-list" data-testid="attention-list">
            {items.map((item) => (
              <AttentionRow key={item.id} api={api} item={item} onResolved={(done) => setResolved((s) => new Set(s).add(done.id))} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
