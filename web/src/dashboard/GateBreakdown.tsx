import type { Stats } from '../api/types.js';

/** Each gate's share of the night. */
export function GateBreakdown({ stats }: { stats: Stats | null }) {
  const gates = Object.entries(stats?.byGate ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="panel" aria-labelledby="gates-title">
      <h2 id="gates-title">Gates</h2>
      {gates.length === 0 ? <p className="muted">No scans yet.</p> : (
        <table className="data-table">
          <thead><tr><th>Gate</th><th>Inside</th><th>Admitted</th><th>Denied</th><th>Scans</th></tr></thead>
          <tbody>
            {gates.map(([gate, g]) => (
              <tr key={gate}><th scope="row">{gate}</th><td>{g.inside}</td><td>{g.admitted}</td><td>{g.denied}</td><td>{g.scans}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
