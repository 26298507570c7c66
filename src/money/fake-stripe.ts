import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A Stripe-compatible server for the few endpoints Maguey Pass uses, kept in
 * memory: Checkout Sessions (create, retrieve, expire), PaymentIntents
 * (retrieve, with latest_charge.balance_transaction expanded), refunds
 * (create, list, retrieve), disputes (list) and balance transactions (retrieve, and list by time with
 * their source expanded: one per charge, refund and failed refund). The
 * real `stripe` SDK talks to it over HTTP (STRIPE_API_BASE), so the code
 * under test is the production code. It is the built-in test provider of a
 * server without STRIPE_SECRET_KEY (src/money/test-provider.ts) and the
 * provider of the tests (test/support/stripe-server.ts).
 *
 * What a buyer or the card network does is a method here: pay, decline,
 * failRefund, dispute, closeDispute. Each records the events Stripe would
 * send; listeners deliver them (signed) to the webhook.
 */

export interface StripeObject { id: string; object: string; [key: string]: unknown }
export interface StripeEvent { id: string; object: 'event'; type: string; created: number; data: { object: StripeObject }; livemode: false; api_version: string | null }

type Params = Record<string, unknown>;

/** Stripe's per-card fee in the US, for realistic balance transactions: 2.9 % + 30 ¢. */
const feeOf = (amount: number) => Math.round((amount * 29) / 1000) + 30;

export class FakeStripe {
  private objects = new Map<string, StripeObject>();
  private idempotent = new Map<string, { status: number; body: unknown }>();
  private sockets = new Set<Socket>();
  private server: Server | undefined;
  private listeners: ((event: StripeEvent) => void)[] = [];
  /** Every event this server produced, oldest first. */
  readonly events: StripeEvent[] = [];
  /** Refunds are refused at once (e.g. the charge is disputed, or the account lacks funds). */
  refuseRefunds: string | undefined;
  /** The API answers nothing: connections are cut (an outage). */
  down = false;
  /** How many API requests came in, by "METHOD path" (ids as `cs_*`, `pi_*`, …). */
  readonly requests = new Map<string, number>();
  /** The next n requests of a "METHOD path" key get a 500 (a provider failing on its side). */
  readonly failures = new Map<string, number>();

  /** Where the SDK reaches it: http://127.0.0.1:port. */
  url = '';
  /** Sessions' `url` is this + /pay/{id}; empty: a path the app that serves the pay page resolves against its own address. */
  payPageBase = '';

  async listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  onEvent(listener: (event: StripeEvent) => void): void {
    this.listeners.push(listener);
  }

  get<T extends StripeObject = StripeObject>(id: string): T | undefined {
    return this.objects.get(id) as T | undefined;
  }

  /** The buyer pays the session: a PaymentIntent, its charge and balance transaction; the session completes. */
  pay(sessionId: string, options: { ignoreExpiry?: boolean } = {}): StripeObject {
    const session = this.mustGet(sessionId);
    if (session.status === 'complete') return session;
    if (session.status === 'expired' && !options.ignoreExpiry) throw new Error('this checkout session has expired');
    const intent = this.intentOf(session);
    const amount = session.amount_total as number;
    const chargeId = this.newId('ch');
    const txn = this.transaction({ type: 'charge', amount, fee: feeOf(amount), currency: session.currency as string, source: chargeId });
    const charge = this.put({
      id: chargeId, object: 'charge', amount, amount_refunded: 0, refunded: false, paid: true, status: 'succeeded',
      currency: session.currency, payment_intent: intent.id, balance_transaction: txn.id, metadata: intent.metadata, disputed: false,
    });
    Object.assign(intent, { status: 'succeeded', latest_charge: charge.id, last_payment_error: null, amount_received: amount });
    Object.assign(session, { status: 'complete', payment_status: 'paid' });
    this.emit('payment_intent.succeeded', intent);
    this.emit('checkout.session.completed', session);
    return session;
  }

  /** The card is declined: the session stays open for another try. */
  decline(sessionId: string): StripeObject {
    const session = this.mustGet(sessionId);
    const intent = this.intentOf(session);
    Object.assign(intent, { status: 'requires_payment_method', last_payment_error: { code: 'card_declined', message: 'Your card was declined.' } });
    this.emit('payment_intent.payment_failed', intent);
    return intent;
  }

  /** A refund that was accepted fails later (the card was closed): refund.updated with status failed. */
  failRefund(refundId: string): StripeObject {
    const refund = this.mustGet(refundId);
    const charge = this.mustGet(refund.charge as string);
    Object.assign(refund, { status: 'failed', failure_reason: 'expired_or_canceled_card' });
    this.transaction({ type: 'refund_failure', amount: refund.amount as number, fee: 0, currency: refund.currency as string, source: refund.id });
    charge.amount_refunded = (charge.amount_refunded as number) - (refund.amount as number);
    charge.refunded = false;
    this.emit('refund.updated', refund);
    return refund;
  }

  /** The buyer's bank disputes the whole charge. */
  dispute(paymentIntentId: string): StripeObject {
    const intent = this.mustGet(paymentIntentId);
    const charge = this.mustGet(intent.latest_charge as string);
    const dispute = this.put({
      id: this.newId('dp'), object: 'dispute', amount: charge.amount, currency: charge.currency, charge: charge.id,
      payment_intent: intent.id, status: 'needs_response', reason: 'fraudulent',
    });
    charge.disputed = true;
    this.emit('charge.dispute.created', dispute);
    return dispute;
  }

  closeDispute(disputeId: string, outcome: 'won' | 'lost'): StripeObject {
    const dispute = this.mustGet(disputeId);
    dispute.status = outcome;
    this.emit('charge.dispute.closed', dispute);
    return dispute;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://stripe.local');
    const params = { ...decodeForm(url.searchParams), ...decodeForm(new URLSearchParams(Buffer.concat(chunks).toString())) };
    const key = `${req.method} ${url.pathname.replace(/\/(cs|pi|re|ch|dp|txn)_[A-Za-z0-9]+/g, '/$1_*')}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const failures = this.failures.get(key) ?? 0;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': this.newId('req') });
      res.end(JSON.stringify(body));
    };
    if (failures > 0) {
      this.failures.set(key, failures - 1);
      return send(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    }
    if (!/^Bearer sk_/.test(req.headers.authorization ?? '')) {
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    const idempotencyKey = req.method === 'POST' ? req.headers['idempotency-key'] as string | undefined : undefined;
    const cached = idempotencyKey ? this.idempotent.get(`${url.pathname} ${idempotencyKey}`) : undefined;
    if (cached) return send(cached.status, cached.body);
    let status = 200;
    let body: unknown;
    try {
      body = this.route(req.method ?? 'GET', url.pathname, params);
    } catch (error) {
      status = error instanceof ApiError ? error.status : 500;
      body = { error: { type: 'invalid_request_error', message: (error as Error).message, ...(error instanceof ApiError ? { code: error.code } : {}) } };
    }
    if (idempotencyKey) this.idempotent.set(`${url.pathname} ${idempotencyKey}`, { status, body });
    send(status, body);
  }

  private route(method: string, path: string, params: Params): unknown {
    const expand = (params.expand as string[] | undefined) ?? [];
    let m: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v1/checkout/sessions') return this.createSession(params);
    if ((m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/)) && method === 'GET') return this.expanded(this.found(m[1]!), expand);
    if ((m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/)) && method === 'POST') return this.expireSession(m[1]!);
    if ((m = path.match(/^\/v1\/payment_intents\/([^/]+)$/)) && method === 'GET') return this.expanded(this.found(m[1]!), expand);
    if ((m = path.match(/^\/v1\/balance_transactions\/([^/]+)$/)) && method === 'GET') return this.found(m[1]!);
    if (path === '/v1/balance_transactions' && method === 'GET') return this.listTransactions(params, expand);
    if ((m = path.match(/^\/v1\/refunds\/([^/]+)$/)) && method === 'GET') return this.found(m[1]!);
    if (path === '/v1/refunds' && method === 'POST') return this.createRefund(params);
    if (path === '/v1/refunds' && method === 'GET') return this.list('refund', params.payment_intent as string | undefined);
    if (path === '/v1/disputes' && method === 'GET') return this.list('dispute', params.payment_intent as string | undefined);
    throw new ApiError(404, 'resource_missing', `Unrecognized request URL (${method}: ${path})`);
  }

  private createSession(params: Params): StripeObject {
    const lines = (params.line_items as Params[] | undefined) ?? [];
    const amount = lines.reduce((sum, line) => sum + Number((line.price_data as Params).unit_amount) * Number(line.quantity), 0);
    const currency = String((lines[0]?.price_data as Params | undefined)?.currency ?? 'usd');
    const id = this.newId('cs_test');
    return this.put({
      id, object: 'checkout.session', mode: params.mode, status: 'open', payment_status: 'unpaid', amount_total: amount, currency,
      customer_email: params.customer_email ?? null, client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {}, payment_intent: null, success_url: params.success_url, cancel_url: params.cancel_url,
      expires_at: Number(params.expires_at ?? Math.floor(Date.now() / 1000) + 86_400),
      payment_intent_data: params.payment_intent_data ?? {}, url: `${this.payPageBase}/pay/${id}`,
    });
  }

  private expireSession(id: string): StripeObject {
    const session = this.found(id);
    if (session.status !== 'open') throw new ApiError(400, 'checkout_session_not_open', `Only Checkout Sessions with a status of open can be expired (this one is ${session.status}).`);
    session.status = 'expired';
    this.emit('checkout.session.expired', session);
    return session;
  }

  private createRefund(params: Params): StripeObject {
    if (this.refuseRefunds) throw new ApiError(400, 'refund_refused', this.refuseRefunds);
    const intent = this.found(String(params.payment_intent));
    const charge = intent.latest_charge ? this.get(intent.latest_charge as string) : undefined;
    if (!charge) throw new ApiError(400, 'payment_intent_unexpected_state', 'This PaymentIntent has no successful charge to refund.');
    const left = (charge.amount as number) - (charge.amount_refunded as number);
    const amount = params.amount === undefined ? left : Number(params.amount);
    if (left <= 0) throw new ApiError(400, 'charge_already_refunded', `Charge ${charge.id} has already been refunded.`);
    if (!(amount > 0) || amount > left) throw new ApiError(400, 'amount_too_large', `Refund amount (${amount}) is greater than unrefunded amount on charge (${left}).`);
    const refundId = this.newId('re');
    const txn = this.transaction({ type: 'refund', amount: -amount, fee: 0, currency: charge.currency as string, source: refundId });
    const refund = this.put({
      id: refundId, object: 'refund', amount, currency: charge.currency, charge: charge.id, payment_intent: intent.id,
      status: 'succeeded', reason: params.reason ?? null, metadata: params.metadata ?? {}, failure_reason: null, balance_transaction: txn.id,
    });
    charge.amount_refunded = (charge.amount_refunded as number) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.emit('charge.refunded', charge);
    this.emit('refund.created', refund);
    return refund;
  }

  /** A movement of the account's balance, as Stripe writes one for each charge, refund and failed refund. */
  private transaction(t: { type: string; amount: number; fee: number; currency: string; source: string }): StripeObject {
    return this.put({ id: this.newId('txn'), object: 'balance_transaction', ...t, net: t.amount - t.fee, created: Math.floor(Date.now() / 1000) });
  }

  /** Balance transactions newest first, by `created[gte|lte]`, a page at a time (limit, starting_after), `data.source` expandable. */
  private listTransactions(params: Params, expand: string[]) {
    const created = (params.created ?? {}) as { gte?: string; lte?: string };
    const all = [...this.objects.values()].filter((o) => o.object === 'balance_transaction'
      && (created.gte === undefined || (o.created as number) >= Number(created.gte))
      && (created.lte === undefined || (o.created as number) <= Number(created.lte))).reverse();
    const after = params.starting_after ? all.findIndex((o) => o.id === params.starting_after) + 1 : 0;
    const limit = Math.min(Number(params.limit ?? 10), 100);
    const page = all.slice(after, after + limit);
    const data = expand.includes('data.source') ? page.map((o) => this.expanded(o, ['source'])) : page;
    return { object: 'list', data, has_more: after + limit < all.length, url: '/v1/balance_transactions' };
  }

  private list(object: string, paymentIntent: string | undefined) {
    const data = [...this.objects.values()].filter((o) => o.object === object && (!paymentIntent || o.payment_intent === paymentIntent));
    return { object: 'list', data: data.reverse(), has_more: false, url: `/v1/${object}s` };
  }

  /** The SDK asks for latest_charge(.balance_transaction) and payment_intent expanded; ids become objects. */
  private expanded(object: StripeObject, expand: string[]): StripeObject {
    const copy: StripeObject = { ...object };
    for (const path of expand) {
      const [field, inner] = path.split('.');
      const value = copy[field!];
      if (typeof value !== 'string') continue;
      const child = this.get(value);
      if (child) copy[field!] = inner ? this.expanded(child, [inner]) : { ...child };
    }
    return copy;
  }

  private intentOf(session: StripeObject): StripeObject {
    if (session.payment_intent) return this.mustGet(session.payment_intent as string);
    const data = session.payment_intent_data as Params;
    const intent = this.put({
      id: this.newId('pi'), object: 'payment_intent', amount: session.amount_total, currency: session.currency,
      status: 'requires_payment_method', metadata: data.metadata ?? {}, latest_charge: null, last_payment_error: null, amount_received: 0,
    });
    session.payment_intent = intent.id;
    return intent;
  }

  private emit(type: string, object: StripeObject): void {
    const event: StripeEvent = {
      id: this.newId('evt'), object: 'event', type, created: Math.floor(Date.now() / 1000), livemode: false, api_version: null,
      data: { object: structuredClone(object) },
    };
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }

  private put(object: StripeObject): StripeObject {
    this.objects.set(object.id, object);
    return object;
  }

  private found(id: string): StripeObject {
    const object = this.get(id);
    if (!object) throw new ApiError(404, 'resource_missing', `No such object: '${id}'`);
    return object;
  }

  private mustGet(id: string): StripeObject {
    const object = this.get(id);
    if (!object) throw new Error(`no such object ${id}`);
    return object;
  }

  private newId(prefix: string): string {
    return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
  }
}

class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** Stripe's form encoding: `a[b][0][c]=v` → {a: {b: [{c: v}]}}. */
export function decodeForm(params: URLSearchParams): Params {
  const root: Params = {};
  for (const [name, value] of params) {
    const keys = name.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        node[key] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(keys[i + 1]!);
      node[key] ??= nextIsIndex ? [] : {};
      node = node[key] as Record<string, unknown>;
    });
  }
  return root;
}
