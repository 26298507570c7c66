import type { LedgerEntry } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

const W = 100;
const H = 40;

/**
 * The night's money and entries over time, drawn in SVG: the running net of
 * the ledger (a kept deposit moves no money and is left out) as a line, and
 * the number of entries as a second, dashed line on its own scale.
 */
export function NightChart({ entries, label }: { entries: LedgerEntry[]; label: string }) {
  const { t } = useI18n();
  if (entries.length === 0) return <p className="muted">{t('night.noEntries')}</p>;
  const times = entries.map((e) => Date.parse(e.at));
  const start = Math.min(...times);
  const span = Math.max(Math.max(...times) - start, 1);
  let net = 0;
  const nets = entries.map((e) => (net += e.kind === 'deposit' ? 0 : e.amountCents));
  const low = Math.min(0, ...nets);
  const high = Math.max(1, ...nets);
  const x = (at: number) => ((at - start) / span) * W;
  const money = nets.map((n, i) => `${x(times[i]!).toFixed(2)},${(H - ((n - low) / (high - low)) * H).toFixed(2)}`).join(' ');
  const count = times.map((at, i) => `${x(at).toFixed(2)},${(H - ((i + 1) / entries.length) * H).toFixed(2)}`).join(' ');
  return (
    <figure className="night-chart" data-testid="night-chart">
      <svg viewBox={`-1 -1 ${W + 2} ${H + 2}`} role="img" aria-label={label} preserveAspectRatio="none">
        <line x1="0" x2={W} y1={H - ((0 - low) / (high - low)) * H} y2={H - ((0 - low) / (high - low)) * H} className="night-zero" />
        <polyline points={count} className="night-entries" />
        <polyline points={money} className="night-money" />
      </svg>
      <figcaption className="floor-legend">
        <span className="legend-item"><span className="legend-swatch night-money-swatch" />{t('night.moneyLine')}</span>
        <span className="legend-item"><span className="legend-swatch night-entries-swatch" />{t('night.entriesLine', { n: entries.length })}</span>
      </figcaption>
    </figure>
  );
}
