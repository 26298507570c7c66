import type { Stats } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

/** The night in numbers: who is inside against capacity, arrivals, denials, VIP arrivals. */
export function StatTiles({ stats }: { stats: Stats | null }) {
  const { t } = useI18n();
  const s = stats;
  const fill = s?.capacity ? Math.min(1, s.inside / s.capacity) : null;
  const level = fill === null ? '' : fill >= 0.95 ? 'level-full' : fill >= 0.8 ? 'level-high' : '';
  return (
    <section className="stat-tiles" aria-label={t('stats.label')} data-testid="stat-tiles">
      <div className={`stat-tile stat-inside ${level}`}>
        <div className="stat-label">{t('stats.inside')}</div>
        <div className="stat-value" data-testid="stat-inside">{s ? s.inside : '—'}</div>
        <div className="stat-sub">{s?.capacity ? t('stats.ofCapacity', { capacity: s.capacity, percent: Math.round((fill ?? 0) * 100) }) : t('stats.noCapacity')}</div>
        {fill !== null && <div className="stat-bar" aria-hidden="true"><span style={{ width: `${fill * 100}%` }} /></div>}
      </div>
      <div className="stat-tile">
        <div className="stat-label">{t('stats.admitted')}</div>
        <div className="stat-value" data-testid="stat-admitted">{s ? s.admittedPeople : '—'}</div>
        <div className="stat-sub">{t('stats.people')}</div>
      </div>
      <div className="stat-tile stat-denied">
        <div className="stat-label">{t('stats.denied')}</div>
        <div className="stat-value" data-testid="stat-denied">{s ? s.denied : '—'}</div>
        <div className="stat-sub">{s ? t('stats.ofScans', { scans: s.scans }) : ''}</div>
      </div>
      <div className="stat-tile">
        <div className="stat-label">{t('stats.vip')}</div>
        <div className="stat-value">{s ? <>{s.vip.checkedInGuests}<small>/{s.vip.expectedGuests}</small></> : '—'}</div>
        <div className="stat-sub">{s ? t('stats.tablesBooked', { n: s.vip.reservations }) : ''}</div>
      </div>
    </section>
  );
}
