import { useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { EnrolledDevice } from '../api/types.js';
import { enrolmentUrl } from '../shared/enrolmentLink.js';
import { useObjectUrl } from '../shared/useObjectUrl.js';

/** A new scanner's token, shown this once, and its enrolment link as a QR code for the scanner phone's camera. */
export function EnrolmentResult({ enrolled, api, onDone }: { enrolled: EnrolledDevice; api: Endpoints; onDone(): void }) {
  const url = enrolmentUrl(enrolled.token);
  const qr = useObjectUrl(() => api.qrSvgUrl(url), url);
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
      <p className="banner banner-warn">
        Scan this with the phone or tablet that will be <strong>{enrolled.device.name}</strong> (gate {enrolled.device.gate}).
        The token is shown only now.
      </p>
      <div className={`enrolment-qr${qr.url ? '' : ' enrolment-qr-missing'}`}>
        {qr.url ? <img src={qr.url} alt="Enrolment QR code" width={240} height={240} data-testid="enrolment-qr" />
          : qr.error ? <p className="muted">This server cannot draw the QR code; open the link below on the scanner instead.</p>
          : <p className="muted">Drawing the QR code…</p>}
      </div>
      <label>Enrolment link</label>
      <div className="copy-row">
        <a className="mono" href={url} target="_blank" rel="noreferrer" data-testid="enrolment-link">{url}</a>
        <button type="button" className="button button-small" onClick={() => void copy('link', url)}>{copied === 'link' ? 'Copied' : 'Copy'}</button>
      </div>
      <label>Device token</label>
      <div className="copy-row">
        <code className="mono" data-testid="enrolment-token">{enrolled.token}</code>
        <button type="button" className="button button-small" onClick={() => void copy('token', enrolled.token)}>{copied === 'token' ? 'Copied' : 'Copy'}</button>
      </div>
      <button type="button" className="button button-primary" onClick={onDone}>Done</button>
    </div>
  );
}
