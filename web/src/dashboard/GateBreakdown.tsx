import type { Stats } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

/** Each gate's flows: people in and out there (one comes in at A and leaves at B, so a gate has no "inside" of its own). */
export function GateBreakdown({ stats }: { stats: Stats | null }) {
  const { t } = useI18n();
  const gates = Object.entries(stats?.byGate ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="panel" aria-labelledby="gates-title">
      <h2 id="gates-title">{t('gates.title')}</h2>
      {gates.length === 0 ? <p className="muted">{t('gates.none')}</p> : (
        <table className="data-table">
          <thead><tr><th>{t('common.gate')}</th><th>{t('gates.entries')}</th><th>{t('gates.exits')}</th><th>{t('gates.admitted')}</th><th>{t('gates.denied')}</th><th>{t('gates.scans')}</th></tr></thead>
          <tbody>
            {gates.map(([gate, g]) => (
              <tr key={gate}><th scope="row">{gate}</th><td>{g.entries}</td><td>{g.exits}</td><td>{g.admitted}</td><td>{g.denied}</td><td>{g.scans}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
