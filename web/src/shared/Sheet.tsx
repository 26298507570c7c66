import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';

/** A panel over the page: a bottom sheet on phones, a centred dialog on wide screens. Escape or the backdrop closes it. */
export function Sheet({ title, onClose, children, testId }: { title: string; onClose(): void; children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    document.body.classList.add('sheet-open');
    return () => {
      document.removeEventListener('keydown', onKey);
      document.body.classList.remove('sheet-open');
      previous?.focus?.();
    };
  }, [onClose]);
  return (
    <div className="sheet-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="sheet" role="dialog" aria-modal="true" aria-label={title} ref={panel} tabIndex={-1} data-testid={testId}>
        <div className="sheet-head">
          <h2>{title}</h2>
          <button type="button" className="button button-quiet sheet-close" onClick={onClose} aria-label={t('common.close')}>✕</button>
        </div>
        <div className="sheet-body">{children}</div>
      </div>
    </div>
  );
}
