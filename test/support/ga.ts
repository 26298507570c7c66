import type { AppHarness } from './app.js';

type Policy = 'never' | 'after_exit' | 'always';

/** Thin HTTP helpers for GA tests, through the app as a client would call it. */
export function gaClient(h: AppHarness) {
  const owner = () => h.auth(h.tokens.owner);
  const post = async <T>(url: string, payload?: object, token = h.tokens.owner) => {
    const res = await h.app.inject({ method: 'POST', url, headers: h.auth(token), ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as T };
  };
  return {
    post,
    /** POST /v1/orders/{id}/refund in full, under a fresh Idempotency-Key. */
    async refund<T>(orderId: string, token = h.tokens.owner) {
      const res = await h.app.inject({
        method: 'POST', url: `/v1/orders/${orderId}/refund`, headers: { ...h.auth(token), 'idempotency-key': `refund-${Math.random()}` },
        payload: { reason: 'test refund' },
      });
      return { status: res.statusCode, body: res.json() as T };
    },
    async event(overrides: { capacity?: number } = {}) {
      const res = await h.app.inject({ method: 'POST', url: '/v1/events', headers: owner(), payload: {
        name: 'GA Night', startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 6 * 3_600_000).toISOString(), ...overrides,
      } });
      return (res.json() as { id: string }).id;
    },
    async ticketType(eventId: string, body: { reentry?: Policy; inventory?: number; validFrom?: string; validUntil?: string; priceCents?: number; feeCents?: number } = {}) {
      return (await post<{ id: string }>(`/v1/events/${eventId}/ticket-types`, { name: 'GA', priceCents: 2_000, ...body })).body.id;
    },
    async tickets(eventId: string, typeId: string, quantity = 1, paid = true) {
      const res = await post<{ id: string; tickets: { id: string; code: string }[] }>(`/v1/events/${eventId}/orders`, {
        buyerName: 'Buyer', buyerEmail: 'buyer@example.com', lines: [{ ticketTypeId: typeId, quantity }], paid,
      });
      return { orderId: res.body.id, tickets: res.body.tickets };
    },
    async device(eventId?: string, gate = 'G') {
      const res = await post<{ device: { id: string }; token: string }>('/v1/devices', { name: `Door ${gate}`, gate, ...(eventId ? { eventId } : {}) });
      return res.body;
    },
  };
}
