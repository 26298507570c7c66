import { useEffect, useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { EnrolledDevice } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { enrolmentUrl, isLoopback } from '../shared/enrolmentLink.js';
import { useObjectUrl } from '../shared/useObjectUrl.js';

/**
 * A new scanner's token, shown this once, and its enrolment link as a QR code
 * for the scanner phone's camera. The link uses the server's public address
 * (MAGUEY_PUBLIC_URL) when set; on a loopback address without it, it says
 * plainly that a phone cannot reach it and how to fix that.
 */
export function EnrolmentResult({ enrolled, api, onDone }: { enrolled: EnrolledDevice; api: Endpoints; onDone(): void }) {
  const { t } = useI18n();
  const [publicUrl, setPublicUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    api.publicUrl().then((r) => setPublicUrl(r.publicUrl), () => setPublicUrl(null));
  }, [api]);
  const origin = publicUrl ?? window.location.origin;
  const url = enrolmentUrl(enrolled.token, origin);
  const qr = useObjectUrl(publicUrl === undefined ? null : () => api.qrSvgUrl(url), publicUrl === undefined ? '' : url);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
    }
  };
  return (
    <div className="enrolment-result" data-testid="enrolment-result">
      <p className="banner banner-warn">{t('devices.scanThis', { name: enrolled.device.name, gate: enrolled.device.gate })}</p>
      {publicUrl === null && isLoopback(window.location.hostname) && (
        <p className="banner banner-error" role="alert" data-testid="unreachable-warning">{t('devices.unreachable', { origin })}</p>
      )}
      <div className={`enrolment-qr${qr.url ? '' : ' enrolment-qr-missing'}`}>
        {qr.url ? <img src={qr.url} alt={t('devices.qrAlt')} width={240} height={240} data-testid="enrolment-qr" />
          : qr.error ? <p className="muted">{t('devices.qrMissing')}</p>
          : <p className="muted">{t('devices.qrLoading')}</p>}
      </div>
      <p className="small-label">{t('devices.link')}</p>
      <div className="copy-row">
        <a className="mono" href={url} target="_blank" rel="noreferrer" data-testid="enrolment-link">{url}</a>
        <button type="button" className="button button-small" onClick={() => void copy('link', url)}>{copied === 'link' ? t('common.copied') : t('common.copy')}</button>
      </div>
      <p className="small-label">{t('devices.token')}</p>
      <div className="copy-row">
        <code className="mono" data-testid="enrolment-token">{enrolled.token}</code>
        <button type="button" className="button button-small" onClick={() => void copy('token', enrolled.token)}>{copied === 'token' ? t('common.copied') : t('common.copy')}</button>
      </div>
      <button type="button" className="button button-primary" onClick={onDone}>{t('common.done')}</button>
    </div>
  );
}
