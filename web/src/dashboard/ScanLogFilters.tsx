import type { Decision, EntryType } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

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
  const { t } = useI18n();
  return (
    <form className="scan-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('scans.filters')}>
      <label>
        {t('scans.decision')}
        <select value={value.decision} onChange={(e) => onChange({ ...value, decision: e.target.value as ScanFilters['decision'] })} data-testid="filter-decision">
          <option value="">{t('common.all')}</option>
          <option value="admit">{t('common.admitted')}</option>
          <option value="deny">{t('common.denied')}</option>
        </select>
      </label>
      <label>
        {t('scans.type')}
        <select value={value.entryType} onChange={(e) => onChange({ ...value, entryType: e.target.value as ScanFilters['entryType'] })} data-testid="filter-entry-type">
          <option value="">{t('common.all')}</option>
          <option value="first_entry">{t('common.firstEntry')}</option>
          <option value="reentry">{t('common.reentry')}</option>
          <option value="exit">{t('common.exit')}</option>
        </select>
      </label>
      <label>
        {t('scans.source')}
        <select value={value.source} onChange={(e) => onChange({ ...value, source: e.target.value })} data-testid="filter-source">
          <option value="">{t('common.all')}</option>
          {gates.length > 0 && (
            <optgroup label={t('scans.gates')}>
              {gates.map((g) => <option key={g} value={`gate:${g}`}>{t('common.gateN', { gate: g })}</option>)}
            </optgroup>
          )}
          {devices.length > 0 && (
            <optgroup label={t('scans.scanners')}>
              {devices.map((d) => <option key={d.id} value={`device:${d.id}`}>{d.name}</option>)}
            </optgroup>
          )}
        </select>
      </label>
    </form>
  );
}
