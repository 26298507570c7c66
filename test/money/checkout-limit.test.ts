import { describe, expect, it } from 'vitest';
import { saleNight, useMoneyApp } from '../support/money.js';

const { h } = useMoneyApp({ checkoutsPerMinute: 3 });

describe('the public checkout\'s rate limit', () => {
  it('answers 429 with Retry-After past MAGUEY_CHECKOUTS_PER_MINUTE checkouts from one address', async () => {
    const { eventId, typeId } = await saleNight(h);
    const buy = () => h.app.inject({
      method: 'POST', url: `/v1/public/events/${eventId}/checkout`,
      payload: { buyerName: 'Bot', buyerEmail: 'bot@example.com', lines: [{ ticketTypeId: typeId, quantity: 1 }] },
    });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await buy());
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 429]);
    expect(answers[3]!.headers['retry-after']).toBeDefined();
    expect(answers[3]!.json()).toMatchObject({ code: 'rate_limited' });
    const [type] = await h.db.sql<{ sold: number }[]>`select sold from ticket_types where id = ${typeId}`;
    expect(type!.sold).toBe(3);
  });
});
