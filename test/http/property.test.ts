import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';

const h = useApp();

/** A fingerprint of everything a request could change. */
async function fingerprint(): Promise<string> {
  const [row] = await h.db.sql<{ f: string }[]>`
    select md5(concat_ws('|',
      (select string_agg(r::text, ',' order by r.id) from vip_reservations r),
      (select string_agg(p::text, ',' order by p.id) from guest_passes p),
      (select string_agg(c::text, ',' order by c.event_id, c.scanner_id, c.gate) from scan_counters c),
      (select count(*) from scan_log), (select count(*) from tickets), (select count(*) from orders))) as f`;
  return row!.f;
}
const logRows = async () => (await h.db.sql<{ n: number }[]>`select count(*)::int as n from scan_log`)[0]!.n;

const anyJson = fc.oneof(fc.jsonValue(), fc.object(), fc.constant(null), fc.string({ maxLength: 300 }));
const code = fc.oneof(
  fc.string({ maxLength: 600 }), fc.constantFrom(...VIP_TEST.passCodes, 'M1', 'M1' + 'A'.repeat(118)),
  fc.string({ unit: 'grapheme', maxLength: 100 }), fc.base64String({ maxLength: 130 }).map((s) => `M1${s}`),
);
const scanBody = fc.oneof(
  anyJson,
  fc.record({ code, nonce: fc.string({ maxLength: 80 }) }, { requiredKeys: [] }),
  fc.record({
    code, nonce: fc.string({ minLength: 1, maxLength: 64 }),
    direction: fc.oneof(fc.constantFrom('entry', 'exit'), fc.string()), gate: fc.oneof(fc.string({ maxLength: 50 }), fc.integer()),
    scannedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), manual: fc.oneof(fc.boolean(), fc.string()),
    extra: fc.anything(),
  }, { requiredKeys: ['code', 'nonce'] }),
);

describe('thousands of random requests', () => {
  it('at POST /v1/scans: never a 5xx; a 4xx changes nothing; a 200 adds exactly one log row', async () => {
    await fc.assert(fc.asyncProperty(scanBody, fc.constantFrom('device', 'door', 'owner', 'promoter') , async (body, actor) => {
      const before = await fingerprint();
      const rows = await logRows();
      const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens[actor as 'device']), payload: body as object });
      expect(res.statusCode).toBeLessThan(500);
      if (res.statusCode >= 400) expect(await fingerprint()).toBe(before);
      else expect(await logRows()).toBeLessThanOrEqual(rows + 1);
    }), { numRuns: 1_200 });
  });

  it('at the reservation routes: never a 5xx, and a 4xx changes nothing', async () => {
    const ids = fc.oneof(fc.uuid(), fc.constant(VIP_TEST.reservationId), fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s)));
    const action = fc.constantFrom('confirm', 'cancel', 'complete', 'no-show', 'reset');
    const request = fc.oneof(
      fc.record({ kind: fc.constant('create'), body: fc.oneof(anyJson, fc.record({
        tableId: fc.oneof(fc.uuid(), fc.string()), hostName: fc.string({ maxLength: 300 }), guestCount: fc.oneof(fc.integer(), fc.string()),
        hostEmail: fc.string(), hostPhone: fc.string(), depositCents: fc.oneof(fc.integer(), fc.double()),
      }, { requiredKeys: [] })) }),
      fc.record({ kind: fc.constant('action'), id: ids, action }),
    );
    await fc.assert(fc.asyncProperty(request, async (r) => {
      const before = await fingerprint();
      const res = r.kind === 'create'
        ? await h.app.inject({ method: 'POST', url: `/v1/events/${VIP_TEST.eventId}/reservations`, headers: h.auth(h.tokens.owner), payload: (r as { body: object }).body })
        : await h.app.inject({ method: 'POST', url: `/v1/reservations/${(r as { id: string }).id}/${(r as { action: string }).action}`, headers: h.auth(h.tokens.promoter) });
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode >= 400) expect(await fingerprint()).toBe(before);
    }), { numRuns: 900 });
  });
});

