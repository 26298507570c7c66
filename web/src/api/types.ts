/**
 * The JSON shapes of the HTTP contract (../shared/API.md), taken from the
 * server's own schemas (src/http/schemas.ts) so the two cannot drift apart:
 * a change there fails `tsc -p web/tsconfig.json` here. Type-only imports:
 * nothing of the server ends up in the bundle.
 */
import type { Static } from 'typebox';
import type * as Schemas from '../../../src/http/schemas.js';
import type { StaffRole } from '../../../src/domain/lists.js';

export type { StaffRole };
export type ReservationStatus = Reservation['status'];
export type Event = Static<typeof Schemas.Event>;
export type Table = Static<typeof Schemas.Table>;
export type Reservation = Static<typeof Schemas.Reservation>;
export type Pass = Static<typeof Schemas.Pass>;
export type Device = Static<typeof Schemas.Device>;
export type ScanAnswer = Static<typeof Schemas.ScanAnswer>;
export type ScanLogItem = Static<typeof Schemas.ScanLogItem>;
export type ScanRequest = Static<typeof Schemas.ScanRequest>;
export type Stats = Static<typeof Schemas.Stats>;
export type DoorMatch = Static<typeof Schemas.DoorMatch>;
export type GuestList = Static<typeof Schemas.GuestList>;
export type Guest = Static<typeof Schemas.Guest>;
export type PromoterReport = Static<typeof Schemas.PromoterReport>;
export type AttentionItem = Static<typeof Schemas.AttentionItem>;
export type Severity = ScanAnswer['severity'];
export type Decision = ScanAnswer['decision'];
export type EntryType = NonNullable<ScanAnswer['entryType']>;
export type Direction = NonNullable<ScanRequest['direction']>;
/** A scan of an upload the server could not record alone (the others kept their answers): it is uploaded again. */
export type BatchItemFailure = Static<typeof Schemas.BatchItemFailure>;
/**
 * A scan as POST /v1/scans/batch takes it: decided on the phone, uploaded later with its first nonce.
 * No localDecision: the phone decided nothing (a scan an earlier scanner version queued), so the server's rules decide.
 */
export type BatchScan = ScanRequest & { nonce: string; scannedAt: string; offline: true; localDecision?: 'admit' | 'deny' };

export type TicketType = Static<typeof Schemas.TicketType>;
export type PublicEvent = Static<typeof Schemas.PublicEvent>;
export type CheckoutRequest = Static<typeof Schemas.CheckoutRequest>;
export type CheckoutResult = Static<typeof Schemas.CheckoutResult>;
export type MoneySummary = Static<typeof Schemas.MoneySummary>;
export type OrderSummary = Static<typeof Schemas.OrderSummary>;
export type Order = Static<typeof Schemas.Order>;
export type LedgerEntry = Static<typeof Schemas.LedgerEntry>;
export type PublicTables = Static<typeof Schemas.PublicTables>;
export type TableBookingRequest = Static<typeof Schemas.TableBookingRequest>;
export type TableBookingResult = Static<typeof Schemas.TableBookingResult>;
export type NightClose = Static<typeof Schemas.NightClose>;
export type Discrepancy = Static<typeof Schemas.Discrepancy>;
export type StaffMember = Static<typeof Schemas.StaffMember>;

/** What the editors send (the request bodies of the POST/PATCH routes). */
export interface EventInput {
  name: string; startsAt: string; endsAt: string; doorsOpenAt?: string; capacity?: number;
  earlyEntryMinutes?: number; lateEntryMinutes?: number; vipReentry?: Event['vipReentry']; refundableUntil?: string;
}
export interface TableInput {
  number: string; tier?: string; capacity: number; depositCents?: number; minSpendCents?: number;
  x?: number; y?: number; width?: number; height?: number;
}
export interface TicketTypeInput {
  name: string; priceCents: number; feeCents?: number; inventory?: number | null;
  reentry?: TicketType['reentry']; validFrom?: string | null; validUntil?: string | null;
}
export interface ReservationInput { tableId: string; hostName: string; hostEmail?: string; hostPhone?: string; guestCount: number }
export interface StaffInput { email: string; name: string; role: StaffRole; password: string }

export interface Page<T> { items: T[]; nextCursor: string | null }

export interface StaffSummary { id: string; name: string; role: StaffRole; email?: string }
export interface LoginResult { token: string; staff: StaffSummary }

/** GET /v1/me: who the token belongs to. */
export type Me =
  | { kind: 'staff'; staff: Required<StaffSummary> }
  | { kind: 'device'; device: { id: string; name: string; gate: string; eventId: string | null } };

export interface Occupancy { capacity: number | null; points: { at: string; inside: number }[] }

/** POST /v1/devices: the token is shown once. */
export interface EnrolledDevice { device: Device; token: string }

