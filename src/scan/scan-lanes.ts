import { isDatabaseUnavailable } from '../db/availability.js';
import type { Sql } from '../db/connect.js';
import { decideScans, type DecidedScan, type ScanRequest } from '../db/scans.js';

/** At most this many scans in one statement: a group's locks are held until its commit. */
const GROUP_MAX = 64;

interface Waiting { request: ScanRequest; resolve(decided: DecidedScan | null): void; reject(error: unknown): void }
interface Lane { queue: Waiting[]; busy: boolean }

const gateOf = (request: ScanRequest) => request.gate ?? request.scanner.gate;

/**
 * A scanner's lane: by its venue and gate, so one gate's scans go to one
 * lane and two groups do not wait for each other on a gate's row of the
 * event's places (db/functions/move_gate_place.sql).
 */
export function laneIndex(scanner: { venueId: string; gate: string }, lanes: number): number {
  const key = `${scanner.venueId}/${scanner.gate}`;
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
  return hash % lanes;
}

/** What a scan names, for the order in which a group takes the subjects' row locks. */
const subjectKeyOf = (request: ScanRequest) =>
  request.subjectId ?? (request.parsed?.form === 'claim' ? request.parsed.claim.subjectId : request.code ?? '');

/**
 * Group commit for the scan path: scans that arrive while a statement is
 * under way are decided together by the next one, in one transaction
 * (db/functions/redeem_scans.sql), and each answer is given only after that
 * commit. Nothing waits for a timer: an idle lane sends a scan at once.
 *
 * Each scanner's scans go to one lane (by its venue and gate), and a lane runs one
 * statement at a time: a scanner's scans are decided in the order they came,
 * its counter row and nonce locks are never wanted by two statements, and a
 * group's scans are sorted by what they name so that two lanes lock shared
 * subjects in one order. When a group fails (a scan refused with an error,
 * or a deadlock left between two groups), nothing of it was recorded and its
 * scans are decided again one by one: one scan's failure never costs the
 * others their decision.
 */
export class ScanLanes {
  private readonly lanes: Lane[];

  constructor(private readonly sql: Sql, count: number) {
    this.lanes = Array.from({ length: Math.max(1, count) }, () => ({ queue: [], busy: false }));
  }

  /**
   * Decides one scanner's scans, in this order: each is decided (null when the
   * token no longer lets it scan) or failed alone.
   */
  decide(requests: ScanRequest[]): Promise<PromiseSettledResult<DecidedScan | null>[]> {
    if (requests.length === 0) return Promise.resolve([]);
    const lane = this.laneOf(requests[0]!.scanner);
    const decided = requests.map((request) => new Promise<DecidedScan | null>((resolve, reject) => lane.queue.push({ request, resolve, reject })));
    if (!lane.busy) void this.drain(lane);
    return Promise.allSettled(decided);
  }

  private laneOf(scanner: ScanRequest['scanner']): Lane {
    return this.lanes[laneIndex(scanner, this.lanes.length)]!;
  }

  private async drain(lane: Lane): Promise<void> {
    lane.busy = true;
    try {
      while (lane.queue.length > 0) await this.decideGroup(this.takeGroup(lane));
    } finally {
      lane.busy = false;
    }
  }

  /** The oldest waiting scans of one venue (a statement runs on the venue's node), at most GROUP_MAX. */
  private takeGroup(lane: Lane): Waiting[] {
    const venueId = lane.queue[0]!.request.scanner.venueId;
    const group: Waiting[] = [];
    lane.queue = lane.queue.filter((waiting) => {
      if (group.length >= GROUP_MAX || waiting.request.scanner.venueId !== venueId) return true;
      group.push(waiting);
      return false;
    });
    // By gate, then subject: a scan that moves a person takes its gate's row
    // of the event's places (db/functions/move_gate_place.sql), held to the
    // commit, so two groups take the gates' rows in one order too. A
    // subject's scans sort by the gate of its first, and the sort is
    // stable: one subject's scans keep their order.
    const gates = new Map<string, string>();
    for (const w of group) if (!gates.has(subjectKeyOf(w.request))) gates.set(subjectKeyOf(w.request), gateOf(w.request));
    const key = (w: Waiting) => gates.get(subjectKeyOf(w.request))!;
    return group.sort((a, b) => compare(key(a), key(b)) || compare(subjectKeyOf(a.request), subjectKeyOf(b.request)));
  }

  private async decideGroup(group: Waiting[]): Promise<void> {
    try {
      const answers = await decideScans(this.sql, group[0]!.request.scanner.venueId, group.map((w) => w.request));
      group.forEach((waiting, i) => waiting.resolve(answers[i]!));
    } catch (error) {
      if (group.length === 1 || isDatabaseUnavailable(error)) {
        for (const waiting of group) waiting.reject(error);
        return;
      }
      for (const waiting of group) await this.decideGroup([waiting]);
    }
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
