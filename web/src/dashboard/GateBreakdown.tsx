import type { Stats } from '../api/types.js';

/** Each gate's flows: people in and out there (one comes in at A and leaves at B, so a gate has no "inside" of its own). */
export function GateBreakdown({ stats }: { stats: Stats | null }) {
  const gates = Object.entries(stats?.byGate ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="panel" aria-labelledby="gates-title">
      <h2 id="gates-title">Gates</h2>
      {gates.length === 0 ? <p className="muted">No scans yet.</p> : (
        <table className="data-table">
          <thead><tr><th>Gate</th><th>Entries</th><th>Exits</th><th>Admitted</th><th>Denied</th><th>Scans</th></tr></thead>
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
