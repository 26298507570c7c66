import { useId } from 'react';

/** The gate the scans are recorded at; defaults to the scanner's own gate. */
export function GateField({ value, defaultGate, onChange }: { value: string; defaultGate: string; onChange(gate: string): void }) {
  const id = useId();
  return (
    <div className="gate-field">
      <label htmlFor={id}>Gate</label>
      <input
        id={id}
        value={value}
        maxLength={40}
        placeholder={defaultGate}
        autoCapitalize="characters"
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => { if (!e.target.value.trim()) onChange(defaultGate); }}
      />
    </div>
  );
}
