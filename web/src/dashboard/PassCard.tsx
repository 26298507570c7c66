import type { Endpoints } from '../api/endpoints.js';
import type { Pass } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { formatClock } from '../shared/format.js';
import { useObjectUrl } from '../shared/useObjectUrl.js';

/** One guest pass: who, whether inside, and (for roles that may hand passes out) its QR code. */
export function PassCard({ pass, api, showQr }: { pass: Pass; api: Endpoints; showQr: boolean }) {
  const { t } = useI18n();
  const qr = useObjectUrl(showQr ? () => api.passQrUrl(pass.id) : null, `${pass.id}:${pass.code}`);
  return (
    <li className={`pass-card pass-${pass.status}`} data-testid="pass-card">
      <div className="pass-head">
        <strong>#{pass.passNumber} {pass.kind === 'host' ? t('pass.host') : t('pass.guest')}</strong>
        <span className={`chip status-${pass.status === 'issued' ? 'confirmed' : pass.status === 'checked_in' ? 'checked_in' : 'cancelled'}`}>{t(`pass.${pass.status}`)}</span>
      </div>
      <div className="pass-sub muted">
        {pass.inside ? t('pass.inside') : pass.firstEntryAt ? t('pass.left') : t('pass.notArrived')}
        {pass.firstEntryAt ? t('pass.firstIn', { time: formatClock(pass.firstEntryAt) }) : ''}
      </div>
      {showQr && (
        <div className="pass-qr">
          {qr.url ? <img src={qr.url} alt={t('pass.qrAlt', { n: pass.passNumber })} width={148} height={148} />
            : qr.error ? <span className="muted">{t('pass.qrMissing')}</span>
            : <span className="muted">{t('pass.qrLoading')}</span>}
        </div>
      )}
      {showQr && <div className="pass-code mono" title={pass.code}>{pass.code}</div>}
    </li>
  );
}
