import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { useApp } from '../support/app.js';

const h = useApp({ allowReset: false });

describe('without MAGUEY_ALLOW_RESET=1', () => {
  it('refuses a reset even to the owner, and changes nothing', async () => {
    await h.db.sql`update vip_reservations set status = 'checked_in', checked_in_guests = 1 where id = ${VIP_TEST.reservationId}`;
    const res = await h.app.inject({ method: 'POST', url: `/v1/reservations/${VIP_TEST.reservationId}/reset`, headers: h.auth(h.tokens.owner) });
    expect(res.statusCode).toBe(403);
    expect((res.json() as { code: string }).code).toBe('reset_disabled');
    const [row] = await h.db.sql`select status, checked_in_guests from vip_reservations where id = ${VIP_TEST.reservationId}`;
    expect(row).toEqual({ status: 'checked_in', checked_in_guests: 1 });
    expect(await h.db.sql`select 1 from reservation_resets`).toHaveLength(0);
  });
});
