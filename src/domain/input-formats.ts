/**
 * What a text or a timestamp must be before it may reach PostgreSQL. Each
 * rule names a cause of a data exception (SQLSTATE class 22) that the
 * schemas used to let through, so bad input is refused at the edge with the
 * field's name instead of failing in a statement.
 */

/** NUL (PostgreSQL text cannot hold it: 22021) or a UTF-16 surrogate without its pair (not UTF-8 at all). */
const FORBIDDEN_IN_TEXT = /[\u0000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isText(value: string): boolean {
  return !FORBIDDEN_IN_TEXT.test(value);
}

/** RFC 3339 date-time with a mandatory offset; fractions up to nanoseconds (PostgreSQL keeps µs). */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * The instants both JavaScript and PostgreSQL handle the same way: years 1 to
 * 9999 in UTC. Outside it `toISOString()` writes `+010000-…`, which
 * PostgreSQL refuses (a 22008 on `?since=9999-12-31T23:59:59-23:59`), and a
 * leap second (`23:59:60`) becomes an Invalid Date in JavaScript.
 */
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

export function parseTimestamp(value: string): Date | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, , zone, offH, offM] = m;
  const days = [31, isLeapYear(Number(year)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > days[Number(month) - 1]!) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  if (zone !== 'Z' && zone !== 'z' && (Number(offH) > 23 || Number(offM) > 59)) return undefined;
  const date = new Date(value.replace(' ', 'T'));
  const ms = date.getTime();
  return Number.isFinite(ms) && ms >= EARLIEST && ms <= LATEST ? date : undefined;
}

export const isTimestamp = (value: string) => parseTimestamp(value) !== undefined;


function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A uuid as PostgreSQL prints it (lower case): checked before a string from outside is used as an id. */
export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
