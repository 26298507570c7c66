import { useCallback, useEffect, useReducer } from 'react';
import type { ApiError } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import { followLiveFeed } from '../api/live.js';
import type { AttentionItem, Reservation, ScanLogItem, Stats, Table } from '../api/types.js';

export type LiveStatus =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; message: string }
  | { kind: 'refused'; error: ApiError };

export interface OccupancyPoint { at: number; inside: number }

/** Tonight's event as the dashboard holds it: read once, then kept current by the live feed. */
export interface LiveEventState {
  stats: Stats | null;
  occupancy: OccupancyPoint[];
  capacity: number | null;
  tables: Table[];
  reservations: Reservation[];
  reservationsCursor: string | null;
  /** Scans received live since the page opened, newest first. */
  scanFeed: ScanLogItem[];
  /** Attention items opened since the page opened, newest first. */
  attentionOpened: AttentionItem[];
  status: LiveStatus;
  loadError: unknown;
  /** Goes up after a reconnection: lists read again what they may have missed. */
  resync: number;
}

const FEED_LIMIT = 200;

type Action =
  | { type: 'reset' }
  | { type: 'loaded'; stats: Stats | null; occupancy: OccupancyPoint[]; capacity: number | null; tables: Table[]; reservations: Reservation[]; cursor: string | null; scans: ScanLogItem[]; error: unknown }
  | { type: 'more-reservations'; items: Reservation[]; cursor: string | null }
  | { type: 'stats'; stats: Stats }
  | { type: 'scan'; item: ScanLogItem }
  | { type: 'reservation'; reservation: Reservation }
  | { type: 'attention'; item: AttentionItem }
  | { type: 'status'; status: LiveStatus }
  | { type: 'table'; table: Table }
  | { type: 'resync' };

const initial: LiveEventState = {
  stats: null, occupancy: [], capacity: null, tables: [], reservations: [], reservationsCursor: null,
  scanFeed: [], attentionOpened: [], status: { kind: 'connecting' }, loadError: null, resync: 0,
};

function upsert(list: Reservation[], reservation: Reservation): Reservation[] {
  const { passes: _passes, ...row } = reservation;
  const index = list.findIndex((r) => r.id === reservation.id);
  if (index === -1) return [...list, row];
  const next = list.slice();
  next[index] = { ...next[index]!, ...row };
  return next;
}

function reduce(state: LiveEventState, action: Action): LiveEventState {
  switch (action.type) {
    case 'reset':
      return initial;
    case 'loaded': {
      // Live points that arrived while the history loaded come after it.
      const lastLoaded = action.occupancy.at(-1)?.at ?? 0;
      const occupancy = [...action.occupancy, ...state.occupancy.filter((p) => p.at > lastLoaded)];
      const seen = new Set(state.scanFeed.map((i) => i.scanId));
      const scanFeed = [...state.scanFeed, ...action.scans.filter((i) => !seen.has(i.scanId))]
        .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt)).slice(0, FEED_LIMIT);
      return {
        ...state, stats: state.stats ?? action.stats, occupancy, capacity: action.capacity, scanFeed,
        tables: action.tables, reservations: action.reservations, reservationsCursor: action.cursor, loadError: action.error,
      };
    }
    case 'more-reservations':
      return { ...state, reservations: action.items.reduce(upsert, state.reservations), reservationsCursor: action.cursor };
    case 'stats': {
      // Each stats message is a point on the occupancy chart.
      const point = { at: Date.now(), inside: action.stats.inside };
      return { ...state, stats: action.stats, capacity: action.stats.capacity ?? state.capacity, occupancy: [...state.occupancy, point] };
    }
    case 'scan': {
      if (state.scanFeed.some((s) => s.scanId === action.item.scanId)) return state;
      const r = action.item.reservation;
      const reservations = r && r.checkedInGuests !== null
        ? state.reservations.map((x) => (x.id === r.id
          ? { ...x, checkedInGuests: r.checkedInGuests!, status: r.status ?? x.status,
              firstCheckedInAt: x.firstCheckedInAt ?? (action.item.entryType === 'first_entry' ? action.item.recordedAt : null) }
          : x))
        : state.reservations;
      return { ...state, reservations, scanFeed: [action.item, ...state.scanFeed].slice(0, FEED_LIMIT) };
    }
    case 'reservation':
      return { ...state, reservations: upsert(state.reservations, action.reservation) };
    case 'attention':
      return { ...state, attentionOpened: [action.item, ...state.attentionOpened.filter((i) => i.id !== action.item.id)] };
    case 'status':
      return { ...state, status: action.status };
    case 'table': // placed or edited in the floor-plan editor
      return { ...state, tables: [...state.tables.filter((t) => t.id !== action.table.id), action.table] };
    case 'resync':
      return { ...state, resync: state.resync + 1 };
  }
}

const settledValue = <T>(result: PromiseSettledResult<T>): T | null => (result.status === 'fulfilled' ? result.value : null);

/** `withScans`: the role may read the scan log, so the feed starts with the latest scans. */
export function useLiveEvent(api: Endpoints, authHeaders: () => Record<string, string>, eventId: string | null, withScans: boolean) {
  const [state, dispatch] = useReducer(reduce, initial);

  const load = useCallback(async (id: string) => {
    const [stats, occupancy, tables, reservations, scans] = await Promise.allSettled([
      api.stats(id), api.occupancy(id), api.tables(id), api.reservations(id, { limit: 500 }),
      withScans ? api.scans({ eventId: id, limit: 20 }) : Promise.resolve(null),
    ]);
    const failure = [stats, occupancy, tables, reservations, scans].find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    const occ = settledValue(occupancy);
    dispatch({
      type: 'loaded',
      stats: settledValue(stats),
      occupancy: (occ?.points ?? []).map((p) => ({ at: new Date(p.at).getTime(), inside: p.inside })),
      capacity: occ?.capacity ?? settledValue(stats)?.capacity ?? null,
      tables: settledValue(tables)?.items ?? [],
      reservations: settledValue(reservations)?.items ?? [],
      cursor: settledValue(reservations)?.nextCursor ?? null,
      scans: settledValue(scans)?.items ?? [],
      error: failure?.reason ?? null,
    });
  }, [api, withScans]);

  const refreshReservation = useCallback(async (id: string) => {
    dispatch({ type: 'reservation', reservation: await api.reservation(id) });
  }, [api]);

  const putReservation = useCallback((reservation: Reservation) => dispatch({ type: 'reservation', reservation }), []);
  const putTable = useCallback((table: Table) => dispatch({ type: 'table', table }), []);

  const loadMoreReservations = useCallback(async () => {
    if (!eventId || !state.reservationsCursor) return;
    const page = await api.reservations(eventId, { limit: 500, cursor: state.reservationsCursor });
    dispatch({ type: 'more-reservations', items: page.items, cursor: page.nextCursor });
  }, [api, eventId, state.reservationsCursor]);

  useEffect(() => {
    dispatch({ type: 'reset' });
    if (!eventId) return;
    void load(eventId);
    const stop = followLiveFeed(eventId, authHeaders(), {
      open(reconnected) {
        dispatch({ type: 'status', status: { kind: 'live' } });
        if (reconnected) {
          void load(eventId);
          dispatch({ type: 'resync' });
        }
      },
      scan: (item) => dispatch({ type: 'scan', item }),
      stats: (stats) => dispatch({ type: 'stats', stats }),
      reservation: ({ id }) => void refreshReservation(id).catch(() => {}),
      attention: (item) => dispatch({ type: 'attention', item }),
      error(error, fatal) {
        dispatch({ type: 'status', status: fatal ? { kind: 'refused', error } : { kind: 'reconnecting', message: error.message } });
      },
    });
    return stop;
  }, [eventId, load, refreshReservation, authHeaders]);

  return { state, refreshReservation, putReservation, putTable, loadMoreReservations, reload: () => eventId && load(eventId) };
}
