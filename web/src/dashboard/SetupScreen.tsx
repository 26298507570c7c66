import type { Endpoints } from '../api/endpoints.js';
import type { Event, StaffRole, Table } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { EventForm } from './EventForm.js';
import { FloorPlanEditor } from './FloorPlanEditor.js';
import type { Screen } from './permissions.js';
import { StaffView } from './StaffView.js';
import { TicketTypesView } from './TicketTypesView.js';

/** The set-up screens: the event itself, its floor plan, its ticket types, and the venue's staff. */
export function SetupScreen({ screen, api, event, tables, staff, onEventSaved, onNewEvent, onTable }: {
  screen: Extract<Screen, 'event' | 'floor' | 'tickets' | 'staff'>;
  api: Endpoints;
  event: Event | null;
  tables: Table[];
  staff: { id: string; role: StaffRole };
  onEventSaved(event: Event): void;
  onNewEvent(): void;
  onTable(table: Table): void;
}) {
  const { t } = useI18n();
  switch (screen) {
    case 'event':
      return (
        <div className="setup-grid">
          <EventForm key={event?.id ?? 'new'} api={api} event={event} onSaved={onEventSaved} />
          {event && <div><button type="button" className="button" onClick={onNewEvent} data-testid="new-event">+ {t('event.another')}</button></div>}
        </div>
      );
    case 'floor':
      return event ? <FloorPlanEditor api={api} eventId={event.id} tables={tables} onTable={onTable} /> : null;
    case 'tickets':
      return event ? <TicketTypesView api={api} eventId={event.id} /> : null;
    case 'staff':
      return <StaffView api={api} me={staff} />;
  }
}
