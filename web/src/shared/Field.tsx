import { useId, type ReactNode } from 'react';

/** The props a control needs to be labelled and to point at its error. */
export interface ControlProps { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }

/** A labelled form control with the API's message for it right below (problem+json errors[] by field). */
export function Field({ label, error, children, className }: {
  label: string;
  error?: string | undefined;
  children(props: ControlProps): ReactNode;
  className?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error ? errorId : undefined })}
      {error && <p className="field-error" id={errorId} data-testid="field-error">{error}</p>}
    </div>
  );
}

/** "2026-11-29T22:00" (a datetime-local value, the browser's time zone) ↔ ISO 8601. */
export const toIso = (local: string) => new Date(local).toISOString();
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Money typed in whole units with optional decimals ("25", "25.50", "25,50") → minor units. */
export function toCents(text: string): number | undefined {
  const value = Number(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? undefined : Math.round(value * 100);
}
