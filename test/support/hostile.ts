import fc from 'fast-check';

/**
 * Generators of hostile input for the property tests: what a fuzzer, a
 * broken client or an attacker sends. Each names a cause of a past 500
 * (issue 10): NUL and unpaired surrogates in text, leap seconds and dates
 * PostgreSQL cannot hold, numbers that underflow or overflow a column.
 */
const NASTY_TEXT = ['\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDBFFy', '\uDC00\uD800', '😀\uDE00', '\u0000\uD800', '%00', '\\u0000', '', ' ', '\u202E', 'Ω'.repeat(201)];

/** Text: ordinary, unicode, or with NUL and lone surrogates spliced in. */
export const hostileText = (maxLength = 300) => fc.oneof(
  fc.string({ maxLength }),
  fc.string({ unit: 'grapheme', maxLength: Math.min(maxLength, 60) }),
  fc.constantFrom(...NASTY_TEXT),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...NASTY_TEXT), fc.string({ maxLength: 20 })).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const FAR_TIMESTAMPS = [
  '2026-12-31T23:59:60Z', '2026-06-30T23:59:60+00:00', '9999-12-31T23:59:59-23:59', '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '0001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z', '2026-02-29T12:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z',
  '2026-01-01T00:00:00+24:00', '2026-01-01T00:00:00', '2026-01-01', 'now', '1e308',
];

/** Timestamps: valid ones, leap seconds, years PostgreSQL or JavaScript cannot hold, malformed text. */
export const hostileTimestamp = fc.oneof(
  fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString()),
  fc.constantFrom(...FAR_TIMESTAMPS),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  hostileText(40),
);

/** Numbers: small and huge integers, float underflow and overflow, negative zero, numbers as strings. */
export const hostileNumber = fc.oneof(
  fc.integer({ min: -5, max: 120 }),
  fc.constantFrom(1e-50, 5e-324, 1e308, -1e308, -0, 2 ** 31, 2 ** 31 - 1, 2 ** 53, -(2 ** 31) - 1, 4294967296, 0.5, 99.999),
  fc.double({ noNaN: true }),
  fc.integer(),
  fc.constantFrom('1e308', '12', null, true, [], {}),
);

/** Opaque cursors: garbage, and well-formed ones holding hostile times and ids. */
export const hostileCursor = fc.oneof(
  hostileText(80),
  fc.tuple(fc.oneof(hostileTimestamp, fc.constantFrom(8.64e15, -8.64e15, 1e308, null)), fc.oneof(fc.uuid(), fc.constant('-'.repeat(36)), hostileText(40)))
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
);

/** An object with some of `fields` (each hostile) and maybe an unknown one. */
export const hostileBody = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.oneof(
  { weight: 5, arbitrary: fc.record(fields, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.record({ ...fields, [`extra`]: fc.anything() }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.oneof(fc.jsonValue(), fc.constant(null), fc.string({ maxLength: 50 })) },
);
