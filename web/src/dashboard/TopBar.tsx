import type { Event, Me } from '../api/types.js';
import { LanguageSwitch, useI18n } from '../i18n/index.js';
import { EventPicker } from './EventPicker.js';
import { LiveStatusBadge } from './LiveStatusBadge.js';
import type { LiveStatus } from './useLiveEvent.js';

type Staff = Extract<Me, { kind: 'staff' }>['staff'];

/** Brand, the night shown, whether it is live, who is logged in. */
export function TopBar({ staff, events, eventId, onEvent, status, onLogout }: {
  staff: Staff;
  events: Event[];
  eventId: string | null;
  onEvent(id: string): void;
  status: LiveStatus | null;
  onLogout(): void;
}) {
  const { t } = useI18n();
  return (
    <header className="top-bar">
      <div className="brand">Maguey Pass</div>
      <div className="top-event">
        <EventPicker events={events} value={eventId} onChange={onEvent} />
        {status && <LiveStatusBadge status={status} />}
      </div>
      <div className="top-user">
        <span className="user-name" data-testid="user-name">{staff.name}</span>
        <span className="chip role-chip" data-testid="user-role" data-role={staff.role}>{t(`role.${staff.role}`)}</span>
        <LanguageSwitch />
        <button type="button" className="button button-small" onClick={onLogout}>{t('login.logout')}</button>
      </div>
    </header>
  );
}
