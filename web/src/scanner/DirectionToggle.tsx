import type { Direction } from '../api/types.js';

/** Entry or exit: two big buttons, one pressed. */
export function DirectionToggle({ value, onChange }: { value: Direction; onChange(direction: Direction): void }) {
  return (
    <div className="segmented" role="group" aria-label="Direction">
      {(['entry', 'exit'] as const).map((direction) => (
        <button
          key={direction}
          type="button"
          className={`segmented-option direction-${direction}`}
          aria-pressed={value === direction}
          onClick={() => onChange(direction)}
        >
          {direction === 'entry' ? 'Entry' : 'Exit'}
        </button>
      ))}
    </div>
  );
}
