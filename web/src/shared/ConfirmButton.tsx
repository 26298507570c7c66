import { useEffect, useState, type ReactNode } from 'react';

/**
 * A button that asks once more before doing something that cannot be undone
 * (revoke, cancel, forget): the first tap arms it for a few seconds.
 */
export function ConfirmButton({ children, confirmLabel, onConfirm, className = 'button', disabled }: {
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  className?: string;
  disabled?: boolean;
}) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), 4_000);
    return () => clearTimeout(timer);
  }, [armed]);
  return (
    <button
      type="button"
      className={`${className}${armed ? ' button-armed' : ''}`}
      disabled={disabled}
      onClick={() => {
        if (armed) {
          setArmed(false);
          onConfirm();
        } else setArmed(true);
      }}
    >
      {armed ? confirmLabel : children}
    </button>
  );
}
