import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { Device, Event, Me } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { readText, STORAGE_KEYS, writeText } from '../shared/storage.js';
import { DevicesView } from './DevicesView.js';
import { GuestListsView } from './GuestListsView.js';
import { pickTonight } from './EventPicker.js';
import { LiveView } from './LiveView.js';
import { MoneyView } from './MoneyView.js';
import { PromotersView } from './PromotersView.js';
import { can, screensFor, WITHOUT_EVENT, type Screen } from './permissions.js';
import { ScanLogView } from './ScanLogView.js';
import { SetupScreen } from './SetupScreen.js';
import { TabBar } from './TabBar.js';
import { TablesView } from './TablesView.js';
import { TopBar } from './TopBar.js';
import { useLiveEvent } from './useLiveEvent.js';

type Staff = Extract<Me, { kind: 'staff' }>['staff'];

const screenFromHash = (): Screen | null => (window.location.hash.slice(1) || null) as Screen | null;

/** The logged-in dashboard: pick a night, then its screens, as far as the role allows. */
export function EventDashboard({ staff, api, client, onLogout }: { staff: Staff; api: Endpoints; client: ApiClient; onLogout(): void }) {
  const { t } = useI18n();
  const screens = useMemo(() => screensFor(staff.role), [staff.role]);
  const [screen, setScreen] = useState<Screen>(() => {
    const wanted = screenFromHash();
    return screens.find((s) => s.id === wanted)?.id ?? screens[0]?.id ?? 'live';
  });
  const [events, setEvents] = useState<Event[]>([]);
  const [eventId, setEventId] = useState<string | null>(null);
  const [creatingEvent, setCreatingEvent] = useState(false);
  const [eventsError, setEventsError] = useState<unknown>(null);
  const [devices, setDevices] = useState<Device[]>([]);
  const [devicesError, setDevicesError] = useState<unknown>(null);
  const authHeaders = useCallback(() => client.authHeaders(), [client]);
  const live = useLiveEvent(api, authHeaders, eventId, can(staff.role, 'readScans'));

  const loadEvents = useCallback(async (select?: string) => {
    try {
      const { items } = await api.events();
      setEvents(items);
      setEventsError(null);
      const saved = select ?? readText(STORAGE_KEYS.dashboardEvent);
      setEventId(items.find((e) => e.id === saved)?.id ?? pickTonight(items)?.id ?? null);
      // An empty venue starts where the night is set up.
      if (items.length === 0 && can(staff.role, 'manageEvents') && !screenFromHash()) setScreen('event');
    } catch (error) {
      setEventsError(error);
    }
  }, [api, staff.role]);

  const loadDevices = useCallback(async () => {
    if (!can(staff.role, 'manageDevices')) return;
    try {
      setDevices((await api.devices()).items);
      setDevicesError(null);
    } catch (error) {
      setDevicesError(error);
    }
  }, [api, staff.role]);

  useEffect(() => {
    void loadEvents();
    void loadDevices();
  }, [loadEvents, loadDevices]);

  useEffect(() => {
    const onHash = () => {
      const wanted = screenFromHash();
      const allowed = screens.find((s) => s.id === wanted);
      if (allowed) setScreen(allowed.id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [screens]);

  const select = (next: Screen) => {
    setScreen(next);
    history.replaceState(null, '', `#${next}`);
    window.scrollTo({ top: 0 });
  };

  const chooseEvent = (id: string) => {
    writeText(STORAGE_KEYS.dashboardEvent, id);
    setCreatingEvent(false);
    setEventId(id);
  };

  const eventSaved = (event: Event) => {
    writeText(STORAGE_KEYS.dashboardEvent, event.id);
    setCreatingEvent(false);
    void loadEvents(event.id);
  };

  const { state } = live;
  return (
    <div className="dashboard">
      <TopBar staff={staff} events={events} eventId={eventId} onEvent={chooseEvent} status={eventId ? state.status : null} onLogout={onLogout} />
      <TabBar screens={screens} current={screen} onSelect={select} />
      <main className="dashboard-main" data-screen={screen}>
        <ErrorBanner error={eventsError} onRetry={() => void loadEvents()} />
        {state.status.kind === 'refused' && <ErrorBanner error={state.status.error} />}
        <ErrorBanner error={state.loadError} onRetry={() => void live.reload()} />
        {!eventId && !eventsError && <p className="muted">{events.length ? t('dashboard.chooseEvent') : t('dashboard.noEvents')}</p>}
        {(screen === 'event' || screen === 'floor' || screen === 'tickets' || screen === 'staff') && (eventId || WITHOUT_EVENT.includes(screen)) && (
          <SetupScreen screen={screen} api={api} staff={staff} tables={state.tables}
            event={creatingEvent ? null : events.find((e) => e.id === eventId) ?? null}
            onEventSaved={eventSaved} onNewEvent={() => setCreatingEvent(true)} onTable={live.putTable} />
        )}
        {eventId && screen === 'live' && (
          <LiveView stats={state.stats} occupancy={state.occupancy} capacity={state.capacity} scanFeed={state.scanFeed}
            showScans={can(staff.role, 'readScans')}
            attention={can(staff.role, 'readAttention') ? { api, eventId, opened: state.attentionOpened, resync: state.resync } : null} />
        )}
        {eventId && screen === 'tables' && (
          <TablesView api={api} eventId={eventId} role={staff.role} tables={state.tables} reservations={state.reservations}
            hasMore={Boolean(state.reservationsCursor)} onLoadMore={() => void live.loadMoreReservations()} onChanged={live.putReservation} />
        )}
        {eventId && screen === 'guests' && <GuestListsView api={api} eventId={eventId} />}
        {eventId && screen === 'promoters' && <PromotersView api={api} eventId={eventId} role={staff.role} liveStats={state.stats} />}
        {eventId && screen === 'scans' && can(staff.role, 'readScans') && (
          <ScanLogView api={api} eventId={eventId} scanFeed={state.scanFeed} resync={state.resync} knownDevices={devices} staffId={staff.id}
            undoAnyScan={can(staff.role, 'annulAnyScan')} />
        )}
        {eventId && screen === 'money' && can(staff.role, 'readLedger') && (
          <MoneyView api={api} eventId={eventId} mayRefund={can(staff.role, 'manageOrders')} mayClose={can(staff.role, 'closeNight')} />
        )}
        {eventId && screen === 'scanners' && can(staff.role, 'manageDevices') && (
          <DevicesView api={api} eventId={eventId} devices={devices} error={devicesError} onChanged={() => void loadDevices()} />
        )}
      </main>
    </div>
  );
}
