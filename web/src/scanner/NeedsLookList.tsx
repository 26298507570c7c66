import { useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { formatClockSeconds } from '../shared/format.js';
import { answerViewOf, whoOf } from './answerView.js';
import type { LookItem } from './offline/offlineDoor.js';
import type { SentScan } from './useScanQueue.js';

/**
 * Answers that came after the door person had moved on (the server saw a scan
 * the phone decided offline differently, or it opened a conflict). They never
 * take the screen: they wait here, each naming the guest to find, until looked at.
 */
export function NeedsLookList({ looks, onDone }: { looks: LookItem[]; onDone(nonce: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  if (looks.length === 0) return null;
  return (
    <section className="needs-look" data-testid="needs-look" aria-labelledby="needs-look-title">
      <h2 id="needs-look-title">{looks.length === 1 ? t('look.one') : t('look.many', { n: looks.length })}</h2>
      <ul>
        {looks.map((look) => {
          const request = { code: look.code ?? undefined, nonce: look.nonce, scannedAt: look.localAnswer.scannedAt ?? '', direction: 'entry', manual: false } satisfies SentScan;
          const server = answerViewOf({ kind: 'answer', answer: look.answer, request, late: true, look }, t);
          const who = whoOf(look.answer.subject?.holderName ? look.answer : look.localAnswer, look.code, t);
          const expanded = open === look.nonce;
          return (
            <li key={look.nonce} className={`look-item tone-${server.tone}`}>
              <button type="button" className="look-summary" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : look.nonce)}>
                <strong>{who}</strong> · {server.title} · {server.message}
              </button>
              {expanded && (
                <div className="look-details" data-testid="look-details">
                  <p>{t('look.phoneSaid', { decision: look.localAnswer.decision === 'admit' ? t('answer.admit') : t('answer.denied'), time: formatClockSeconds(request.scannedAt) })}</p>
                  <p>{t('look.serverSays', { answer: [server.title, server.message, ...server.details].join(' · ') })}</p>
                  {server.next && <p>{server.next}</p>}
                  <button type="button" className="button button-small" onClick={() => onDone(look.nonce)}>{t('look.done')}</button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
