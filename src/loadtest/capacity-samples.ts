import type { Sql } from '../db/connect.js';
import type { Scenario } from './scenarios.js';

/** What the capacity check read while the load ran, and after it. */
export interface CapacitySamples {
  capacity: number | null;
  samples: number;
  /** The most people inside any sample saw. */
  maxInside: number;
  /** Samples with more people inside than the capacity: must be none. */
  overCapacity: number;
  /** Samples whose gates' places plus people inside were not the capacity (one snapshot each): must be none. */
  unbalanced: number;
  /** People inside once the load stopped. */
  insideAfter: number;
}

async function readCapacity(sql: Sql, scenario: Scenario): Promise<{ inside: number; places: number | null }> {
  const [row] = await sql<{ inside: number; places: number | null }[]>`
    select (select coalesce(sum(inside), 0)::int from scan_counters where venue_id = ${scenario.venueId} and event_id = ${scenario.eventId}) as inside,
           (select sum(places)::int from gate_places where venue_id = ${scenario.venueId} and event_id = ${scenario.eventId}) as places`;
  return row!;
}

/**
 * Reads the people inside and the gates' places every 100 ms, in one
 * statement each (one snapshot: a scan changes both in one transaction),
 * until stopped, then once more.
 */
export function sampleCapacity(sql: Sql, scenario: Scenario): { stop(): Promise<CapacitySamples> } {
  const { capacity } = scenario;
  const result: CapacitySamples = { capacity, samples: 0, maxInside: 0, overCapacity: 0, unbalanced: 0, insideAfter: 0 };
  const check = async () => {
    const { inside, places } = await readCapacity(sql, scenario);
    result.samples++;
    result.maxInside = Math.max(result.maxInside, inside);
    if (capacity !== null && inside > capacity) result.overCapacity++;
    if (capacity !== null && places !== null && places + inside !== capacity) result.unbalanced++;
    return inside;
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      await check();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      result.insideAfter = await check();
      return result;
    },
  };
}
