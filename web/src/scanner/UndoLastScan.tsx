import { useEffect, useState } from 'react';
import { describeError } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';

/** The server annuls a scanner's own admission for this long (config.annulWindowMinutes). */
const UNDO_WINDOW_MS = 15 * 60_000;

export interface LastAdmission { scanId: string; what: string; at: number }

/**
 * "Undo last scan": the person did not go in after all (the turnstile did not
 * turn, the wrong code was scanned). POST /v1/scans/{id}/annul, this scanner's
 * own admission, within 15 minutes; the button leaves when the window closes.
 */
export function UndoLastScan({ api, admission, onUndone }: { api: Endpoints; admission: LastAdmission; onUndone(): void }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(true);

  useEffect(() => {
    setMessage(null);
    setOpen(true);
    const timer = setTimeout(() => setOpen(false), Math.max(0, admission.at + UNDO_WINDOW_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [admission]);

  const undo = async () => {
    setBusy(true);
    try {
      await api.annulScan(admission.scanId);
      setMessage({ tone: 'ok', text: t('scan.undone', { what: admission.what }) });
      setOpen(false);
      onUndone();
    } catch (error) {
      setMessage({ tone: 'error', text: t('scan.undoFailed', { reason: describeError(error, t) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {open && (
        <div className="undo-row">
          <ConfirmButton className="button" confirmLabel={t('scan.undoConfirm', { what: admission.what })} disabled={busy} onConfirm={() => void undo()}>
            ↶ {t('scan.undoLast')}
          </ConfirmButton>
        </div>
      )}
      {message && <p className={`undo-status banner ${message.tone === 'ok' ? 'banner-info' : 'banner-error'}`} role="status" data-testid="undo-status">{message.text}</p>}
    </>
  );
}
