import type { Decision, EntryType } from '../api/types.js';

export interface ScanFilters {
  decision: Decision | '';
  entryType: EntryType | '';
  /** "device:<id>" (asked of the API) or "gate:<name>" (applied to the rows read; the API has no gate filter). */
  source: string;
}

export const NO_FILTERS: ScanFilters = { decision: '', entryType: '', source: '' };

/** Decision, entry type, and gate or scanner. */
export function ScanLogFilters({ value, onChange, devices, gates }: {
  value: ScanFilters;
  onChange(filters: ScanFilters): void;
  devices: { id: string; name: string }[];
  gates: string[];
}) {
  return (
    <form className="scan-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter the scan log">
      <label>
        Decision
        <select value={value.decision} onChange={(e) => onChange({ ...value, decision: e.target.value as ScanFilters['decision'] })} data-testid="filter-decision">
          <option value="">All</option>
          <option value="admit">Admitted</option>
          <option value="deny">Denied</option>
        </select>
      </label>
      <label>
        Type
        <select value={value.entryType} onChange={(e) => onChange({ ...value, entryType: e.target.value as ScanFilters['entryType'] })} data-testid="filter-entry-type">
          <option value="">All</option>
          <option value="first_entry">First entry</option>
          <option value="reentry">Re-entry</option>
          <option value="exit">Exit</option>
        </select>
      </label>
      <label>
        Gate or scanner
        <select value={value.source} onChange={(e) => onChange({ ...value, source: e.target.value })} data-testid="filter-source">
          <option value="">All</option>
          {gates.length > 0 && (
            <optgroup label="Gates">
              {gates.map((g) => <option key={g} value={`gate:${g}`}>Gate {g}</option>)}
            </optgroup>
          )}
          {devices.length > 0 && (
            <optgroup label="Scanners">
              {devices.map((d) => <option key={d.id} value={`device:${d.id}`}>{d.name}</option>)}
            </optgroup>
          )}
        </select>
      </label>
    </form>
  );
}
