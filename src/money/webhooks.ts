import postgres from 'postgres';
import { isUuid } from '../domain/input-formats.js';
import type { Sql } from '../db/connect.js';
import { bookDepositSnapshot } from '../db/deposits.js';
import type { CodeIssuer } from '../db/keys.js';
import { bookPaymentSnapshot, paymentEventSeen, recordPaymentEvent, type Payer } from '../db/payments.js';
import { DomainError } from '../domain/errors.js';
import { refundCancelledBooking } from './deposit-refunds.js';
import { mailBookingPasses } from './pass-delivery.js';
import { ProviderRefused, ProviderUnavailable, type PaymentMetadata, type PaymentProvider, type PaymentSnapshot, type SessionSnapshot } from './provider.js';
import { refundCancelledOrder } from './refunds.js';
import { mailOrderTickets } from './ticket-delivery.js';
import type { Mailer } from '../mail/mailer.js';

/** The provider events that change money or orders; any other verified event is stored and otherwise ignored. */
export const HANDLED_EVENTS = [
  'checkout.session.completed', 'checkout.session.expired', 'payment_intent.succeeded', 'payment_intent.payment_failed',
  'charge.refunded', 'refund.updated', 'refund.failed', 'charge.dispute.created', 'charge.dispute.closed',
] as const;

export interface WebhookDeps {
  sql: Sql;
  provider: PaymentProvider;
  mailer: Mailer;
  /** Signs the passes a paid deposit issues. */
  issuer: CodeIssuer;
  /** Where a failure after commit is told (the housekeeping sweep retries it). */
  log: { warn(details: object, message: string): void };
  /** How long applying an event may wait for a row lock before answering 503 (the provider retries). */
  lockTimeoutMs: number;
}

/** What an event is about: a Checkout Session or a PaymentIntent (charges, refunds and disputes name theirs). */
function subjectOf(type: string, object: Record<string, unknown>): { session?: string; paymentIntent?: string } | undefined {
  if (!(HANDLED_EVENTS as readonly string[]).includes(type)) return undefined;
  if (type.startsWith('checkout.session.')) return { session: object.id as string };
  if (type.startsWith('payment_intent.')) return { paymentIntent: object.id as string };
  const intent = object.payment_intent;
  return typeof intent === 'string' ? { paymentIntent: intent } : undefined;
}

/**
 * Applies one webhook delivery. The signature is checked over the raw body
 * first (a failure throws a 400 and nothing is read or written). The event's
 * own payload is only a hint: the session and PaymentIntent are re-read from
 * the provider, so a late, duplicated or reordered event books what is true
 * now. Then, in one transaction with a lock timeout, the event id is stored
 * (a second delivery stops there) and the snapshot booked.
 */
export async function handleWebhook(deps: WebhookDeps, rawBody: Buffer, signature: string | undefined): Promise<{ duplicate: boolean; type: string }> {
  let event;
  try {
    event = deps.provider.verify(rawBody, signature);
  } catch (error) {
    throw new DomainError(400, 'invalid_signature', `webhook signature verification failed: ${(error as Error).message}`);
  }
  if (await paymentEventSeen(deps.sql, event.id)) return { duplicate: true, type: event.type };

  const subject = subjectOf(event.type, event.data.object as unknown as Record<string, unknown>);
  let session: SessionSnapshot | undefined;
  let payment: PaymentSnapshot | undefined;
  try {
    if (subject?.session) session = await deps.provider.session(subject.session);
    const intent = subject?.paymentIntent ?? session?.paymentIntent;
    if (intent) payment = await deps.provider.payment(intent);
  } catch (error) {
    // The provider does not know the object (another account's event, a deleted test object):
    // nothing of ours to book. The event is stored below so it is not retried for 3 days.
    if (!(error instanceof ProviderRefused)) throw error;
    deps.log.warn({ eventId: event.id, type: event.type }, 'webhook names an object the provider does not know; ignored');
    session = undefined;
    payment = undefined;
  }
  const payer = payerOf({ ...session?.metadata, ...payment?.metadata });

  const outcome = await deps.sql.begin(async (tx) => {
    await tx`select set_config('lock_timeout', ${`${deps.lockTimeoutMs}ms`}, true)`;
    if (!(await recordPaymentEvent(tx, event.id, event.type))) return { duplicate: true, refundDue: false };
    if (!payer) return { duplicate: false, refundDue: false };
    const { venueId, paymentId } = payer;
    if (payer.kind === 'order') {
      const booked = await bookPaymentSnapshot(tx, { venueId, orderId: payer.id, paymentId, session, payment });
      return { duplicate: false, refundDue: booked.cancelledWithMoney };
    }
    const booked = await bookDepositSnapshot(tx, deps.issuer, { venueId, reservationId: payer.id, paymentId, session, payment, now: new Date() });
    return { duplicate: false, refundDue: booked.refundDue };
  }).catch(busyAsUnavailable);
  if (!payer || outcome.duplicate) return { duplicate: outcome.duplicate, type: event.type };

  // After commit: the provider and the mail server are never called while a row lock is held.
  // When the provider is down now, the event stays applied and the housekeeping sweep
  // (src/money/holds.ts) refunds the order or the deposit later.
  if (outcome.refundDue) {
    const refund = payer.kind === 'order'
      ? refundCancelledOrder(deps, { venueId: payer.venueId, orderId: payer.id })
      : refundCancelledBooking(deps, { venueId: payer.venueId, reservationId: payer.id });
    await refund.catch((error: unknown) => {
      if (!(error instanceof ProviderUnavailable)) throw error;
    });
  }
  // The event is applied whatever the mail does; an unsent mail is sent by the sweep.
  const mail = payer.kind === 'order' ? mailOrderTickets(deps, payer.venueId, payer.id) : mailBookingPasses(deps, payer.venueId, payer.id);
  await mail.catch((error: unknown) => deps.log.warn({ err: error, [payer.kind]: payer.id }, 'codes not mailed; the housekeeping run retries'));
  return { duplicate: false, type: event.type };
}

/** Whose money the provider's object is, from the metadata we put on it (an order's payment or a booking's deposit). */
function payerOf(metadata: Partial<PaymentMetadata>): (Payer & { venueId: string; paymentId: string | undefined }) | undefined {
  const uuid = (value: unknown): value is string => typeof value === 'string' && isUuid(value);
  if (!uuid(metadata.venueId)) return undefined;
  const paymentId = uuid(metadata.paymentId) ? metadata.paymentId : undefined;
  if (uuid(metadata.orderId)) return { kind: 'order', id: metadata.orderId, venueId: metadata.venueId, paymentId };
  if (uuid(metadata.reservationId)) return { kind: 'reservation', id: metadata.reservationId, venueId: metadata.venueId, paymentId };
  return undefined;
}

/** A lock wait past lock_timeout (or a deadlock) is a 503: the provider retries the event later. */
export function busyAsUnavailable(error: unknown): never {
  if (error instanceof postgres.PostgresError && (error.code === '55P03' || error.code === '40P01')) {
    throw new DomainError(503, 'busy', 'the order is busy; retry shortly');
  }
  throw error;
}
