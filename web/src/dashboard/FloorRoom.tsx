import type { ReactNode } from 'react';

/** The room from above, 100 plan units wide: the frame both floor plans (the dashboard's, the public table page's) draw tables in. */
export function FloorRoom({ height, label, className, testId, caption, children }: {
  height: number; label: string; className: string; testId: string; caption?: ReactNode; children: ReactNode;
}) {
  return (
    <figure className={className} data-testid={testId}>
      <svg viewBox={`0 -2 100 ${height}`} role="group" aria-label={label}>
        <rect x="0" y="-2" width="100" height={height} rx="3" className="floor" />
        {children}
      </svg>
      {caption}
    </figure>
  );
}
