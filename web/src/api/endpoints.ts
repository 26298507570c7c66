import type { ApiClient } from './client.js';
import type {
  Device, EnrolledDevice, EntryType, Decision, Event, LoginResult, Me, Occupancy, Page, Reservation,
  ReservationStatus, ScanAnswer, ScanLogItem, ScanRequest, Stats, Table,
} from './types.js';

/** Reservation lifecycle actions: the path segment after /v1/reservations/{id}/. */
export type ReservationAction = 'confirm' | 'cancel' | 'complete' | 'no-show';

export interface ScanLogQuery {
  eventId?: string;
  deviceId?: string;
  reservationId?: string;
  decision?: Decision;
  entryType?: EntryType;
  limit?: number;
  cursor?: string | null;
}

/** One function per route of the contract that the web faces use. */
export function endpoints(api: ApiClient) {
  return {
    login: (email: string, password: string) => api.post<LoginResult>('/v1/auth/login', { email, password }),
    me: () => api.get<Me>('/v1/me'),
    /** Ends the session on the server: the token stops working, not just forgotten here. */
    logout: () => api.post<void>('/v1/auth/logout'),

    events: (cursor?: string | null) => api.get<Page<Event>>('/v1/events', { query: { limit: 100, cursor } }),
    tables: (eventId: string) => api.get<{ items: Table[] }>(`/v1/events/${eventId}/tables`),
    reservations: (eventId: string, query: { status?: ReservationStatus; cursor?: string | null; limit?: number } = {}) =>
      api.get<Page<Reservation>>(`/v1/events/${eventId}/reservations`, { query: { limit: 100, ...query } }),
    reservation: (id: string) => api.get<Reservation>(`/v1/reservations/${id}`),
    reservationAction: (id: string, action: ReservationAction) => api.post<Reservation>(`/v1/reservations/${id}/${action}`),
    passQrUrl: (passId: string) => api.objectUrl(`/v1/passes/${passId}/qr.svg`),

    stats: (eventId: string) => api.get<Stats>(`/v1/events/${eventId}/stats`),
    occupancy: (eventId: string) => api.get<Occupancy>(`/v1/events/${eventId}/occupancy`),

    devices: (eventId?: string) => api.get<{ items: Device[] }>('/v1/devices', { query: { eventId } }),
    createDevice: (body: { name: string; gate: string; eventId?: string }) => api.post<EnrolledDevice>('/v1/devices', body),
    revokeDevice: (id: string) => api.post<Device>(`/v1/devices/${id}/revoke`),
    /** Any short text (a new scanner's enrolment link) as a QR image, drawn by the server like the pass QR codes. */
    qrSvgUrl: (text: string) => api.objectUrl('/v1/qr.svg', { method: 'POST', body: { text } }),

    scan: (body: ScanRequest) => api.post<ScanAnswer>('/v1/scans', body),
    scans: ({ cursor, ...query }: ScanLogQuery) =>
      api.get<Page<ScanLogItem>>('/v1/scans', { query: { limit: 50, ...query, cursor } }),
  };
}

export type Endpoints = ReturnType<typeof endpoints>;
