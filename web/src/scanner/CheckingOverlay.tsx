import { useI18n } from '../i18n/index.js';

/** Shown the moment a code is read, until its answer (the server's, or the phone's own after the deadline). */
export function CheckingOverlay() {
  const { t } = useI18n();
  return (
    <div className="answer-overlay tone-checking" role="status" data-testid="scan-checking">
      <span className="answer-title">{t('scan.checking')}</span>
    </div>
  );
}
