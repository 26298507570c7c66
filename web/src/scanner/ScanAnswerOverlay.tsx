import { useEffect } from 'react';
import type { AnswerView } from './answerView.js';

/** How long an answer stays up unless tapped away; an alert (forged code) stays longer. */
const SHOW_MS = 2_000;
const ALERT_SHOW_MS = 4_000;

const ICONS: Record<AnswerView['tone'], string> = { ok: '✓', warn: '!', deny: '✕', alert: '⚠', error: '?' };

/**
 * The full-screen answer: green admit, amber remark, red deny, flashing red
 * alert. Goes away on a tap or by itself, so it never stands in the way of
 * the next scan (a new answer simply replaces it).
 */
export function ScanAnswerOverlay({ view, onDismiss }: { view: AnswerView; onDismiss(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, view.tone === 'alert' ? ALERT_SHOW_MS : SHOW_MS);
    return () => clearTimeout(timer);
  }, [view, onDismiss]);

  return (
    <div
      className={`answer-overlay tone-${view.tone}${view.alreadyInside ? ' already-inside' : ''}`}
      role="alert"
      data-testid="scan-answer"
      data-tone={view.tone}
      onClick={onDismiss}
    >
      <div className="answer-icon" aria-hidden="true">{ICONS[view.tone]}</div>
      <div className="answer-title">{view.title}</div>
      <div className="answer-message">{view.message}</div>
      {view.details.length > 0 && <div className="answer-details">{view.details.join(' · ')}</div>}
      {view.note && <div className="answer-note">{view.note}</div>}
      <div className="answer-hint">Tap to close</div>
    </div>
  );
}
