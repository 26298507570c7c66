import { useCallback, useEffect, useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { PromoterReport } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { formatMoney } from '../shared/format.js';

/**
 * What each promoter sold, listed and brought in tonight, and their
 * commission by the event's rule; a promoter sees only their own row.
 */
export function PromotersView({ api, eventId }: { api: Endpoints; eventId: string }) {
  const { t } = useI18n();
  const [report, setReport] = useState<PromoterReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setReport(await api.promoterReport(eventId));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api, eventId]);
  useEffect(() => { void load(); }, [load]);

  const rule = report?.commission;
  return (
    <section className="panel" aria-labelledby="promoters-title">
      <h2 id="promoters-title">{t('promoters.title')}</h2>
      <ErrorBanner error={error} onRetry={() => void load()} />
      {rule && (
        <p className="muted">
          {rule.rule === 'revenue_share' ? t('promoters.ruleShare', { percent: rule.basisPoints / 100 })
            : rule.rule === 'per_head' ? t('promoters.rulePerHead', { amount: formatMoney(rule.perHeadCents) }) : t('promoters.ruleNone')}
        </p>
      )}
      <button type="button" className="button button-small" onClick={() => void load()}>{t('promoters.refresh')}</button>
      {report && (
          <table className="data-table" data-testid="promoter-report">
            <thead>
              <tr>
                <th scope="col">{t('promoters.name')}</th>
                <th scope="col">{t('promoters.sold')}</th>
                <th scope="col">{t('promoters.refunded')}</th>
                <th scope="col">{t('promoters.bookings')}</th>
                <th scope="col">{t('promoters.listed')}</th>
                <th scope="col">{t('promoters.checkedIn')}</th>
                <th scope="col">{t('promoters.commission')}</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((row) => (
                <tr key={row.promoterId} data-testid={`promoter-${row.promoterId}`}>
                  <th scope="row">{row.name}</th>
                  <td>{row.ticketsSold}</td>
                  <td>{row.ticketsRefunded}</td>
                  <td>{row.tableBookings}</td>
                  <td>{row.listedPeople}</td>
                  <td data-testid="checked-in">{row.checkedIn}</td>
                  <td>{formatMoney(row.commissionCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
      )}
    </section>
  );
}
