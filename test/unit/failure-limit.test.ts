import { describe, expect, it } from 'vitest';
import { ScanFailureLimit } from '../../src/scan/failure-limit.js';

describe('ScanFailureLimit', () => {
  it('refuses a scanner once it reached the limit within a minute, and lets it go as the minute slides', () => {
    let now = 1_000_000;
    const limit = new ScanFailureLimit(3, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limit.retryAfterSeconds('a')).toBe(0);
      limit.record('a');
      now += 10_000;
    }
    expect(limit.retryAfterSeconds('a')).toBe(30); // the first failure leaves the window at +60 s
    expect(limit.retryAfterSeconds('b')).toBe(0);
    now += 30_000;
    expect(limit.retryAfterSeconds('a')).toBe(0);
  });
});
