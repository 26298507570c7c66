import { useCallback, useEffect, useRef, useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { PromoterReport } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { formatMoney } from '../shared/format.js';
import type { StaffRole } from '../api/types.js';
import { CommissionForm } from './CommissionForm.js';
import { can } from './permissions.js';
import { PromoterCapField } from './PromoterCapField.js';

/** A busy door scans several times a second: the report is read again at most this often as the live numbers move. */
const RELOAD_EVERY_MS = 5_000;

/**
 * What each promoter sold, listed and brought in tonight, their commission
 * by the event's rule, and their tracking link for the public buy page
 * (`?p=`, which credits the sales to them); a promoter sees only their own
 * row. `liveStats` changes with every scan the live feed brings.
 */
export function PromotersView({ api, eventId, role, liveStats }: { api: Endpoints; eventId: string; role: StaffRole; liveStats: unknown }) {
  const { t } = useI18n();
  const [report, setReport] = useState<PromoterReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [origin, setOrigin] = useState(window.location.origin);
  const [copied, setCopied] = useState<string | null>(null);
  const lastLoad = useRef(0);
  const load = useCallback(async () => {
    lastLoad.current = Date.now();
    try {
      setReport(await api.promoterReport(eventId));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api, eventId]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    const wait = Math.max(0, lastLoad.current + RELOAD_EVERY_MS - Date.now());
    const timer = setTimeout(() => void load(), wait);
    return () => clearTimeout(timer);
  }, [liveStats, load]);
  useEffect(() => {
    api.publicUrl().then((r) => r.publicUrl && setOrigin(r.publicUrl), () => {});
  }, [api]);
  const linkOf = (promoterId: string) => `${origin}/e/${eventId}?p=${promoterId}`;
  const copy = async (promoterId: string) => {
    await navigator.clipboard?.writeText(linkOf(promoterId)).catch(() => {});
    setCopied(promoterId);
  };

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
      {rule && can(role, 'manageEvents') && (
        <CommissionForm key={`${rule.rule}-${rule.basisPoints}-${rule.perHeadCents}`} api={api} eventId={eventId} value={rule}
          onSaved={(commission) => { setReport((r) => (r ? { ...r, commission } : r)); void load(); }} />
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
                <th scope="col">{t('promoters.link')}</th>
                {can(role, 'capPromoters') && <th scope="col">{t('promoters.cap')}</th>}
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
                  <td>
                    <code className="small" data-testid="promoter-link">{linkOf(row.promoterId)}</code>{' '}
                    <button type="button" className="button button-small" onClick={() => void copy(row.promoterId)}>
                      {copied === row.promoterId ? t('promoters.copied') : t('promoters.copyLink')}
                    </button>
                  </td>
                  {can(role, 'capPromoters') && (
                    <td><PromoterCapField api={api} eventId={eventId} promoterId={row.promoterId} name={row.name} value={row.guestCap} /></td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
      )}
    </section>
  );
}
