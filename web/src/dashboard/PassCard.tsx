import type { Endpoints } from '../api/endpoints.js';
import type { Pass } from '../api/types.js';
import { formatClock, humanize } from '../shared/format.js';
import { useObjectUrl } from '../shared/useObjectUrl.js';

/** One guest pass: who, whether inside, and (for roles that may hand passes out) its QR code. */
export function PassCard({ pass, api, showQr }: { pass: Pass; api: Endpoints; showQr: boolean }) {
  const qr = useObjectUrl(showQr ? () => api.passQrUrl(pass.id) : null, `${pass.id}:${pass.code}`);
  return (
    <li className={`pass-card pass-${pass.status}`} data-testid="pass-card">
      <div className="pass-head">
        <strong>#{pass.passNumber} {pass.kind === 'host' ? 'Host' : 'Guest'}</strong>
        <span className={`chip status-${pass.status === 'issued' ? 'confirmed' : pass.status === 'checked_in' ? 'checked_in' : 'cancelled'}`}>{humanize(pass.status)}</span>
      </div>
      <div className="pass-sub muted">
        {pass.inside ? 'Inside' : pass.firstEntryAt ? 'Left' : 'Not arrived'}
        {pass.firstEntryAt ? ` · first in ${formatClock(pass.firstEntryAt)}` : ''}
      </div>
      {showQr && (
        <div className="pass-qr">
          {qr.url ? <img src={qr.url} alt={`QR code of pass ${pass.passNumber}`} width={148} height={148} />
            : qr.error ? <span className="muted">QR unavailable</span>
            : <span className="muted">Loading QR…</span>}
        </div>
      )}
      {showQr && <div className="pass-code mono" title={pass.code}>{pass.code}</div>}
    </li>
  );
}
