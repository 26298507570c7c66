import type { Direction } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

/** Entry or exit: two big buttons, one pressed. */
export function DirectionToggle({ value, onChange }: { value: Direction; onChange(direction: Direction): void }) {
  const { t } = useI18n();
  return (
    <div className="segmented" role="group" aria-label={t('scan.direction')}>
      {(['entry', 'exit'] as const).map((direction) => (
        <button
          key={direction}
          type="button"
          className={`segmented-option direction-${direction}`}
          aria-pressed={value === direction}
          onClick={() => onChange(direction)}
        >
          {direction === 'entry' ? t('common.entry') : t('common.exit')}
        </button>
      ))}
    </div>
  );
}
