import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import type { ScanAnswer } from '../../src/domain/scan-answer.js';
import { useApp } from '../support/app.js';
import { nonce } from '../support/fixtures.js';

const h = useApp();
const scan = async (code: string, direction: 'entry' | 'exit' = 'entry') => {
  const res = await h.app.inject({ method: 'POST', url: '/v1/scans', headers: h.auth(h.tokens.device), payload: { code, nonce: nonce(), direction } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ScanAnswer;
};

describe('a VIP pass scanned again without an exit', () => {
  it('is still admitted (the seed’s behaviour) but says the guest is already inside, since when', async () => {
    const first = await scan(VIP_TEST.passCodes[2]!);
    expect(first).toMatchObject({ decision: 'admit', entryType: 'first_entry', insideSince: null });
    const again = await scan(VIP_TEST.passCodes[2]!);
    expect(again).toMatchObject({ decision: 'admit', entryType: 'reentry', reason: 'reentry', severity: 'warn', insideSince: first.recordedAt });
    expect(again.message).toMatch(/^Already inside since \d\d:\d\d · check it is the same person/);
  });

  it('after an exit is a plain re-entry, with no inside warning', async () => {
    await scan(VIP_TEST.passCodes[3]!);
    await scan(VIP_TEST.passCodes[3]!, 'exit');
    const back = await scan(VIP_TEST.passCodes[3]!);
    expect(back).toMatchObject({ decision: 'admit', entryType: 'reentry', insideSince: null });
    expect(back.message).toMatch(/^Re-entry/);
  });

  it('is refused already_inside when the event’s vipReentry is after_exit', async () => {
    await h.db.sql`update events set vip_reentry = 'after_exit' where id = ${VIP_TEST.eventId}`;
    try {
      await scan(VIP_TEST.passCodes[4]!);
      expect(await scan(VIP_TEST.passCodes[4]!)).toMatchObject({ decision: 'deny', reason: 'already_inside' });
      await scan(VIP_TEST.passCodes[4]!, 'exit');
      expect(await scan(VIP_TEST.passCodes[4]!)).toMatchObject({ decision: 'admit', entryType: 'reentry' });
    } finally {
      await h.db.sql`update events set vip_reentry = 'always' where id = ${VIP_TEST.eventId}`;
    }
  });
});
