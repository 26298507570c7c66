import type { Stats } from '../api/types.js';

/** The night in numbers: who is inside against capacity, arrivals, denials, VIP arrivals. */
export function StatTiles({ stats }: { stats: Stats | null }) {
  const s = stats;
  const fill = s?.capacity ? Math.min(1, s.inside / s.capacity) : null;
  const level = fill === null ? '' : fill >= 0.95 ? 'level-full' : fill >= 0.8 ? 'level-high' : '';
  return (
    <section className="stat-tiles" aria-label="Tonight in numbers" data-testid="stat-tiles">
      <div className={`stat-tile stat-inside ${level}`}>
        <div className="stat-label">Inside now</div>
        <div className="stat-value" data-testid="stat-inside">{s ? s.inside : '—'}</div>
        <div className="stat-sub">{s?.capacity ? `of ${s.capacity} capacity · ${Math.round((fill ?? 0) * 100)}%` : 'no capacity set'}</div>
        {fill !== null && <div className="stat-bar" aria-hidden="true"><span style={{ width: `${fill * 100}%` }} /></div>}
      </div>
      <div className="stat-tile">
        <div className="stat-label">Admitted</div>
        <div className="stat-value" data-testid="stat-admitted">{s ? s.admittedPeople : '—'}</div>
        <div className="stat-sub">people tonight</div>
      </div>
      <div className="stat-tile stat-denied">
        <div className="stat-label">Denied</div>
        <div className="stat-value" data-testid="stat-denied">{s ? s.denied : '—'}</div>
        <div className="stat-sub">{s ? `of ${s.scans} scans` : ''}</div>
      </div>
      <div className="stat-tile">
        <div className="stat-label">VIP guests</div>
        <div className="stat-value">{s ? <>{s.vip.checkedInGuests}<small>/{s.vip.expectedGuests}</small></> : '—'}</div>
        <div className="stat-sub">{s ? `${s.vip.reservations} tables booked` : ''}</div>
      </div>
    </section>
  );
}
