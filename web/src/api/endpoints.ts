import type { DoorData } from '../../../src/offline/door-data.js';
import type { ApiClient } from './client.js';
import type {
  AttentionItem, BatchItemFailure, BatchScan, DoorMatch, Guest, GuestList, PromoterReport,
  Device, EnrolledDevice, EntryType, Decision, Event, EventInput, LoginResult, Me, Occupancy, Page, Reservation, ReservationInput,
  ReservationStatus, ScanAnswer, PublicEvent, CheckoutRequest, CheckoutResult, MoneySummary, LedgerEntry, NightClose, PublicTables, TableBookingRequest, TableBookingResult, OrderSummary, Order, ScanLogItem, ScanRequest, StaffInput, StaffMember, Stats, Table, TableInput, TicketType, TicketTypeInput,
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
    /** Ends this session on the server (the token stops working everywhere it was copied). */
    logout: () => api.post<void>('/v1/auth/logout'),
    publicUrl: () => api.get<{ publicUrl: string | null }>('/v1/public-url'),

    createEvent: (body: EventInput) => api.post<Event>('/v1/events', body),
    updateEvent: (id: string, body: Partial<{ [K in keyof EventInput]: EventInput[K] | null }>) => api.patch<Event>(`/v1/events/${id}`, body),
    createTable: (eventId: string, body: TableInput) => api.post<Table>(`/v1/events/${eventId}/tables`, body),
    updateTable: (id: string, body: Partial<TableInput>) => api.patch<Table>(`/v1/tables/${id}`, body),
    publicEvent: (eventId: string) => api.get<PublicEvent>(`/v1/public/events/${eventId}`),
    publicTables: (eventId: string) => api.get<PublicTables>(`/v1/public/events/${eventId}/tables`),
    bookTable: (eventId: string, body: TableBookingRequest) => api.post<TableBookingResult>(`/v1/public/events/${eventId}/table-bookings`, body),
    checkout: (eventId: string, body: CheckoutRequest) => api.post<CheckoutResult>(`/v1/public/events/${eventId}/checkout`, body),
    money: (eventId: string) => api.get<MoneySummary>(`/v1/events/${eventId}/money`),
    orders: (eventId: string, cursor?: string | null) => api.get<Page<OrderSummary>>(`/v1/events/${eventId}/orders`, { query: { limit: 50, cursor } }),
    order: (id: string) => api.get<Order>(`/v1/orders/${id}`),
    ledger: (eventId: string, cursor?: string | null) => api.get<Page<LedgerEntry>>(`/v1/events/${eventId}/ledger`, { query: { limit: 500, cursor } }),
    closeNight: (eventId: string) => api.post<NightClose>(`/v1/events/${eventId}/close`),
    /** The night's CSV behind the bearer token, as an object URL to download; revoke it when done. */
    nightReportUrl: (eventId: string) => api.objectUrl(`/v1/events/${eventId}/report.csv`),
    /** A full refund; the key makes a retried click the same refund. */
    refundOrder: (id: string, reason: string, key: string) => api.post<Order>(`/v1/orders/${id}/refund`, { reason }, { headers: { 'idempotency-key': key } }),
    /** A booking's whole deposit held back to its host; the key makes a retried click the same refund. */
    refundDeposit: (id: string, reason: string, key: string) => api.post<Reservation>(`/v1/reservations/${id}/refund`, { reason }, { headers: { 'idempotency-key': key } }),
    ticketTypes: (eventId: string) => api.get<{ items: TicketType[] }>(`/v1/events/${eventId}/ticket-types`),
    createTicketType: (eventId: string, body: TicketTypeInput) => api.post<TicketType>(`/v1/events/${eventId}/ticket-types`, body),
    updateTicketType: (id: string, body: Partial<TicketTypeInput>) => api.patch<TicketType>(`/v1/ticket-types/${id}`, body),
    createReservation: (eventId: string, body: ReservationInput) => api.post<Reservation>(`/v1/events/${eventId}/reservations`, body),
    updateReservation: (id: string, body: Partial<Omit<ReservationInput, 'tableId'>>) => api.patch<Reservation>(`/v1/reservations/${id}`, body),
    staff: () => api.get<{ items: StaffMember[] }>('/v1/staff'),
    createStaff: (body: StaffInput) => api.post<StaffMember>('/v1/staff', body),
    disableStaff: (id: string) => api.post<unknown>(`/v1/staff/${id}/disable`),

    events: (cursor?: string | null) => api.get<Page<Event>>('/v1/events', { query: { limit: 100, cursor } }),
    tables: (eventId: string) => api.get<{ items: Table[] }>(`/v1/events/${eventId}/tables`),
    reservations: (eventId: string, query: { status?: ReservationStatus; cursor?: string | null; limit?: number } = {}) =>
      api.get<Page<Reservation>>(`/v1/events/${eventId}/reservations`, { query: { limit: 100, ...query } }),
    reservation: (id: string) => api.get<Reservation>(`/v1/reservations/${id}`),
    reservationAction: (id: string, action: ReservationAction) => api.post<Reservation>(`/v1/reservations/${id}/${action}`),
    sendPasses: (id: string, body: { to?: string; locale: 'en' | 'es' }) =>
      api.post<{ sentTo: string; passes: number }>(`/v1/reservations/${id}/send-passes`, body),
    passQrUrl: (passId: string) => api.objectUrl(`/v1/passes/${passId}/qr.svg`),

    guestLists: (eventId: string) => api.get<Page<GuestList>>(`/v1/events/${eventId}/guest-lists`, { query: { limit: 100 } }),
    createGuestList: (eventId: string, body: { name: string; capacity?: number; admitUntil?: string }) =>
      api.post<GuestList>(`/v1/events/${eventId}/guest-lists`, body),
    guests: (listId: string) => api.get<Page<Guest>>(`/v1/guest-lists/${listId}/guests`, { query: { limit: 500 } }),
    addGuest: (listId: string, body: { name: string; plusOnes: number }) => api.post<Guest>(`/v1/guest-lists/${listId}/guests`, body),
    cancelGuest: (id: string) => api.post<Guest>(`/v1/guests/${id}/cancel`),
    promoterReport: (eventId: string) => api.get<PromoterReport>(`/v1/events/${eventId}/promoters`),
    setCommission: (eventId: string, body: PromoterReport['commission']) =>
      api.put<PromoterReport['commission']>(`/v1/events/${eventId}/commission`, body),
    setPromoterCap: (eventId: string, promoterId: string, guestCap: number | null) =>
      api.put<{ promoterId: string; guestCap: number | null }>(`/v1/events/${eventId}/promoters/${promoterId}/cap`, { guestCap }),

    stats: (eventId: string) => api.get<Stats>(`/v1/events/${eventId}/stats`),
    occupancy: (eventId: string) => api.get<Occupancy>(`/v1/events/${eventId}/occupancy`),

    attention: (eventId: string, status: 'open' | 'resolved' = 'open') =>
      api.get<Page<AttentionItem>>(`/v1/events/${eventId}/attention`, { query: { status, limit: 100 } }),
    resolveAttention: (id: string, note: string) => api.post<AttentionItem>(`/v1/attention/${id}/resolve`, { note }),

    devices: (eventId?: string) => api.get<{ items: Device[] }>('/v1/devices', { query: { eventId } }),
    createDevice: (body: { name: string; gate: string; eventId?: string }) => api.post<EnrolledDevice>('/v1/devices', body),
    revokeDevice: (id: string) => api.post<Device>(`/v1/devices/${id}/revoke`),
    /** Any short text (a new scanner's enrolment link) as a QR image, drawn by the server like the pass QR codes. */
    qrSvgUrl: (text: string) => api.objectUrl('/v1/qr.svg', { method: 'POST', body: { text } }),

    scan: (body: ScanRequest) => api.post<ScanAnswer>('/v1/scans', body),
    /** Scans decided on the phone while the server did not answer, at most 500; answers in the same order (a failure stays queued). */
    scanBatch: (scans: BatchScan[]) => api.post<{ answers: (ScanAnswer | BatchItemFailure)[] }>('/v1/scans/batch', { scans }),
    /** Everything the phone needs to decide offline: in full without a cursor, the changes since it with one. */
    doorData: (eventId: string, cursor: string | null) => api.get<DoorData>(`/v1/events/${eventId}/door-data`, { query: { cursor } }),
    doorSearch: (eventId: string, q: string) => api.get<{ items: DoorMatch[] }>(`/v1/events/${eventId}/door-search`, { query: { q } }),
    annulScan: (scanId: string) => api.post<{ scanId: string; annulled: true; alreadyAnnulled: boolean }>(`/v1/scans/${scanId}/annul`),
    scans: ({ cursor, ...query }: ScanLogQuery) =>
      api.get<Page<ScanLogItem>>('/v1/scans', { query: { limit: 50, ...query, cursor } }),
  };
}

export type Endpoints = ReturnType<typeof endpoints>;
