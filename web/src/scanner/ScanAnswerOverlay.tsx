import { useEffect } from 'react';
import { useI18n } from '../i18n/index.js';
import type { AnswerView } from './answerView.js';

/** How long a green or amber answer stays up unless tapped away. */
const SHOW_MS = 2_000;

const ICONS: Record<AnswerView['tone'], string> = { ok: '✓', warn: '!', deny: '✕', alert: '⚠', error: '?' };

/** A red answer (denied, alert, not checked) is about someone still at the door: it stays until tapped. */
export const stays = (tone: AnswerView['tone']) => tone === 'deny' || tone === 'alert' || tone === 'error';

/**
 * The full-screen answer: green admit, amber remark, red deny, flashing red
 * alert, each with what to do next. Green and amber go away by themselves so
 * the next scan is not held up; red stays until tapped (a new answer replaces it).
 */
export function ScanAnswerOverlay({ view, onDismiss }: { view: AnswerView; onDismiss(): void }) {
  const { t } = useI18n();
  useEffect(() => {
    if (stays(view.tone)) return;
    const timer = setTimeout(onDismiss, SHOW_MS);
    return () => clearTimeout(timer);
  }, [view, onDismiss]);

  return (
    <div className={`answer-overlay tone-${view.tone}${view.alreadyInside ? ' already-inside' : ''}`} role="alert" data-testid="scan-answer" data-tone={view.tone} data-offline={view.offline}>
      <button type="button" className="answer-dismiss" onClick={onDismiss} autoFocus>
        <span className="answer-icon" aria-hidden="true">{ICONS[view.tone]}</span>
        <span className="answer-title">{view.title}</span>
        <span className="answer-message">{view.message}</span>
        {view.details.length > 0 && <span className="answer-details">{view.details.join(' · ')}</span>}
        {view.next && <span className="answer-next" data-testid="answer-next">{view.next}</span>}
        {view.offline && <span className="answer-offline" data-testid="answer-offline">{t('answer.offlineDecision')}</span>}
        <span className="answer-hint">{stays(view.tone) ? t('answer.tapWhenDone') : t('answer.tapToClose')}</span>
      </button>
    </div>
  );
}
