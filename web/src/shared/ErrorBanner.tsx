import { ApiError, describeError } from '../api/client.js';
import { useI18n } from '../i18n/index.js';

/** An API failure in words; a 403 says plainly that the role is not allowed. */
export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?(): void }) {
  const { t } = useI18n();
  if (!error) return null;
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className={`banner ${forbidden ? 'banner-warn' : 'banner-error'}`} role="alert" data-testid={forbidden ? 'forbidden' : 'error'}>
      <div className="row">
        <span>{describeError(error, t)}</span>
        {onRetry && <><span className="spacer" /><button type="button" className="button button-small" onClick={onRetry}>{t('common.tryAgain')}</button></>}
      </div>
    </div>
  );
}
