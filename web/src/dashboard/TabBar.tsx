import { useI18n } from '../i18n/index.js';
import type { Screen } from './permissions.js';

const ICONS: Record<Screen, string> = {
  live: '◉', tables: '▦', guests: '✓', promoters: '★', scans: '☰', money: '¤', scanners: '⌁', event: '✎', floor: '⊞', tickets: '◈', staff: '☺',
};

/** The screens this role may open: a bottom bar on phones, tabs on wide screens. */
export function TabBar({ screens, current, onSelect }: { screens: { id: Screen }[]; current: Screen; onSelect(screen: Screen): void }) {
  const { t } = useI18n();
  return (
    <nav className="tab-bar" aria-label={t('screen.nav')}>
      {screens.map((s) => (
        <a
          key={s.id}
          href={`#${s.id}`}
          className="tab"
          aria-current={current === s.id ? 'page' : undefined}
          onClick={(e) => { e.preventDefault(); onSelect(s.id); }}
          data-testid={`tab-${s.id}`}
        >
          <span className="tab-icon" aria-hidden="true">{ICONS[s.id]}</span>
          <span>{t(`screen.${s.id}`)}</span>
        </a>
      ))}
    </nav>
  );
}
