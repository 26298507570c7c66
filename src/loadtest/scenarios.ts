import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/connect.js';
import { createDevice } from '../db/devices.js';
import { updateEvent } from '../db/events.js';
import { addGate } from '../db/gates.js';
import type { CodeIssuer } from '../db/keys.js';

export const SCENARIOS = ['seed', 'spread', 'hot', 'mixed'] as const;
/**
 * The capacity pair (src/loadtest/capacity.ts): the same load, every scan an
 * entry or an exit that moves a person, on an event without a capacity and
 * on one with a capacity too large to fill.
 */
export const CAPACITY_SCENARIOS = ['capacity-off', 'capacity-on'] as const;
export type ScenarioName = (typeof SCENARIOS)[number] | (typeof CAPACITY_SCENARIOS)[number];

/** The capacity-on event's: large enough that no entry is refused, so on and off do the same work. */
export const BENCH_CAPACITY = 1_000_000;

/** What a scenario put in the database, and how its scanners pick what to scan. */
export interface Scenario {
  name: ScenarioName;
  venueId: string;
  eventId: string;
  /** Plain pass codes, in the order the SQL baseline numbers them (code i+1 = codes[i]). */
  passCodes: string[];
  /** Signed GA ticket codes (mixed only). */
  ticketCodes: string[];
  deviceTokens: string[];
  /** The next request of virtual scanner `scanner`, its `i`-th. */
  next(scanner: number, i: number): { code: string; direction: 'entry' | 'exit' };
  /** Number of scanners the scenario runs with when not told otherwise. */
  defaultScanners?: number;
  /** The event's capacity, when it has one. */
  capacity: number | null;
}

const SHAPES: Record<ScenarioName, { reservations: number; guests: number }> = {
  seed: { reservations: 1, guests: 8 },
  spread: { reservations: 1_000, guests: 10 },   // 10,000 passes
  hot: { reservations: 1, guests: 20 },          // one table: its first entries, then re-entries
  mixed: { reservations: 200, guests: 10 },      // plus 2,000 GA tickets
  'capacity-off': { reservations: 1_000, guests: 10 },
  'capacity-on': { reservations: 1_000, guests: 10 },
};

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

/** Writes the scenario's night in bulk SQL (not thousands of API calls) and enrols its scanners. */
export async function prepareScenario(sql: Sql, issuer: CodeIssuer, name: ScenarioName, scanners: number): Promise<Scenario> {
  const shape = SHAPES[name];
  const venueId = randomUUID();
  const eventId = randomUUID();
  await sql`insert into venues (id, name) values (${venueId}, 'Load test venue')`;
  await addGate(sql, venueId, 'A'); // the pgbench baseline scans at gate A with no enrolled scanner
  await sql`insert into events (id, venue_id, name, starts_at, ends_at) values (${eventId}, ${venueId}, ${`Load ${name}`}, now() - interval '1 hour', now() + interval '6 hours')`;
  await sql`
    with t as (
      insert into vip_tables (venue_id, event_id, number, capacity)
      select ${venueId}, ${eventId}, g::text, ${shape.guests} from generate_series(1, ${shape.reservations}) g returning id, number),
    r as (
      insert into vip_reservations (venue_id, event_id, table_id, host_name, guest_count, status)
      select ${venueId}, ${eventId}, t.id, 'Host ' || t.number, ${shape.guests}, 'confirmed' from t returning id, table_id)
    insert into guest_passes (venue_id, event_id, reservation_id, pass_number, kind, code)
    select ${venueId}, ${eventId}, r.id, p, case when p = 1 then 'host'::pass_kind else 'guest' end,
           'LOAD-' || t.number || '-' || p
      from r join t on t.id = r.table_id, generate_series(1, ${shape.guests}) p`;
  const passCodes = (await sql<{ code: string }[]>`
    select code from guest_passes where venue_id = ${venueId} and event_id = ${eventId} order by reservation_id, pass_number`).map((r) => r.code);

  let ticketCodes: string[] = [];
  if (name === 'mixed') {
    const [type] = await sql<{ id: string }[]>`
      insert into ticket_types (venue_id, event_id, name, price_cents, reentry)
      values (${venueId}, ${eventId}, 'GA', 2000, 'after_exit') returning id`;
    const [order] = await sql<{ id: string }[]>`
      insert into orders (venue_id, event_id, buyer_name, buyer_email, status, total_cents, fee_cents)
      values (${venueId}, ${eventId}, 'Load', 'load@example.com', 'paid', 0, 0) returning id`;
    const tickets = await sql<{ id: string }[]>`
      insert into tickets (venue_id, event_id, ticket_type_id, order_id)
      select ${venueId}, ${eventId}, ${type!.id}, ${order!.id} from generate_series(1, 2000) returning id`;
    const signed = [];
    for (const t of tickets) signed.push([t.id, await issuer.issue(sql, { venueId, eventId }, { kind: 'ticket', id: t.id, serial: 1 })]);
    await sql`update tickets t set code = c.code from (values ${sql(signed)}) as c(id, code) where t.venue_id = ${venueId} and t.id = c.id::uuid`;
    ticketCodes = signed.map(([, code]) => code!);
  }

  const capacity = name === 'capacity-on' ? BENCH_CAPACITY : null;
  if (capacity) await updateEvent(sql, venueId, eventId, { capacity });

  // Statistics, as autovacuum gathers them within a minute of a load this size: without them the
  // planner guessed, and each first entry's table update read the venue's 1,000 tables (0.4 ms a scan).
  await sql`analyze`;

  const deviceTokens: string[] = [];
  for (let i = 0; i < scanners; i++) {
    deviceTokens.push((await createDevice(sql, { venueId, eventId, name: `Load scanner ${i + 1}`, gate: String.fromCharCode(65 + (i % 8)) })).token);
  }

  const next: Scenario['next'] = (scanner, i) => {
    switch (name) {
      case 'seed': // scanner k scans pass k: its first entry, then re-entries
        return { code: passCodes[scanner % passCodes.length]!, direction: 'entry' };
      case 'capacity-off':
      case 'capacity-on': { // scanner k walks its own passes: one comes in, goes out, the next comes in, …
        const own = Math.floor((passCodes.length - 1 - scanner) / scanners) + 1;
        return { code: passCodes[scanner + scanners * (Math.floor(i / 2) % own)]!, direction: i % 2 === 0 ? 'entry' : 'exit' };
      }
      case 'spread':
      case 'hot':
        return { code: pick(passCodes), direction: 'entry' };
      case 'mixed': {
        const roll = Math.random();
        if (roll < 0.01) return { code: `UNKNOWN-${scanner}-${i}`, direction: 'entry' };
        if (roll < 0.02) { // a tampered signed code
          const c = pick(ticketCodes);
          return { code: c.slice(0, 60) + (c[60] === 'A' ? 'B' : 'A') + c.slice(61), direction: 'entry' };
        }
        return { code: roll < 0.5 ? pick(ticketCodes) : pick(passCodes), direction: Math.random() < 0.3 ? 'exit' : 'entry' };
      }
    }
  };
  return { name, venueId, eventId, passCodes, ticketCodes, deviceTokens, next, defaultScanners: name === 'seed' ? 5 : undefined, capacity };
}
