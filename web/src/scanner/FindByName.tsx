import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { DoorMatch } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

/**
 * The door's fallback when a code cannot be read: find the person by name,
 * table or the end of their code (door search), then check them in by
 * subject (POST /v1/scans {subjectId}): the same decision as their code.
 */
export function FindByName({ api, eventId, onPick }: { api: Endpoints; eventId: string; onPick(subjectId: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<DoorMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (q.trim().length < 2) return;
    try {
      setFound((await api.doorSearch(eventId, q.trim())).items);
      setError(null);
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  return (
    <section className="find-by-name" aria-labelledby={`${id}-title`} data-testid="find-by-name">
      <h2 id={`${id}-title`}>{t('find.title')}</h2>
      <form className="manual-row" onSubmit={search}>
        <label htmlFor={id} className="visually-hidden">{t('find.title')}</label>
        <input id={id} value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" enterKeyHint="search" placeholder={t('find.help')} />
        <button type="submit" className="button" disabled={q.trim().length < 2}>{t('find.search')}</button>
      </form>
      {error && <p className="form-error" role="alert">{error}</p>}
      {found && found.length === 0 && <p className="muted">{t('find.none')}</p>}
      {found && found.length > 0 && (
        <ul className="find-results">
          {found.map((m) => (
            <li key={m.subjectId}>
              <span>
                <strong>{m.holderName ?? '—'}</strong>
                {[m.kind === 'guest' && t('find.guest'), m.tableNumber && t('answer.table', { number: m.tableNumber }), m.ticketTypeName, m.inside && t('find.inside')]
                  .filter(Boolean).map((part) => ` · ${part as string}`)}
              </span>
              <button type="button" className="button button-primary" onClick={() => { onPick(m.subjectId); setFound(null); setQ(''); }}>
                {t('find.admit')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
