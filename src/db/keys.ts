import { generateKeyPairSync, randomInt, type KeyObject } from 'node:crypto';
import type { SecretBox } from '../domain/secret-box.js';
import { privateKeyFromPkcs8, publicKeyFromRaw, rawPublicKey, signCode, type CodeClaim } from '../domain/signed-codes.js';
import type { SubjectKind } from '../domain/lists.js';
import type { Queryable, Sql } from './connect.js';

export interface EventKeyRow { kid: string; venue_id: string; event_id: string; public_key: Buffer; created_at: Date; revoked_at: Date | null }

/** Creates a new signing key for the event; it becomes the one new codes are signed with. */
/** An event as every tenant statement names it: its venue (the tenant) and its id. */
export interface EventRef { venueId: string; eventId: string }

export async function createEventKey(sql: Queryable, box: SecretBox, { venueId, eventId }: EventRef): Promise<EventKeyRow> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const sealed = box.seal(privateKey.export({ format: 'der', type: 'pkcs8' }));
  for (;;) {
    const kid = randomInt(0, 2 ** 32 - 1);
    const [row] = await sql<EventKeyRow[]>`
      insert into event_keys (kid, venue_id, event_id, public_key, private_key_enc)
      values (${kid}, ${venueId}, ${eventId}, ${rawPublicKey(publicKey)}, ${sealed})
      on conflict (venue_id, kid) do nothing
      returning kid, venue_id, event_id, public_key, created_at, revoked_at`;
    if (row) return row; // else: a 1-in-4-billion kid collision, draw again
  }
}

export async function revokeEventKey(sql: Sql, { venueId, eventId }: EventRef, kid: number): Promise<EventKeyRow | undefined> {
  const [row] = await sql<EventKeyRow[]>`
    update event_keys set revoked_at = coalesce(revoked_at, now())
     where venue_id = ${venueId} and kid = ${kid} and event_id = ${eventId}
    returning kid, venue_id, event_id, public_key, created_at, revoked_at`;
  return row;
}

/** Everything a scanner needs to verify the event's codes offline. */
export async function eventKeySet(sql: Sql, { venueId, eventId }: EventRef) {
  const [keys, revoked] = await Promise.all([
    sql<EventKeyRow[]>`
      select kid, venue_id, event_id, public_key, created_at, revoked_at from event_keys
       where venue_id = ${venueId} and event_id = ${eventId} order by created_at`,
    sql<{ subject_kind: SubjectKind; subject_id: string; serial: number; revoked_at: Date }[]>`
      select subject_kind, subject_id, serial, revoked_at from code_revocations
       where venue_id = ${venueId} and event_id = ${eventId} order by revoked_at`,
  ]);
  return { keys, revoked };
}

/** The public key a kid names in the scanner's venue, with its event (immutable, so cacheable forever). */
export async function findPublicKey(sql: Sql, venueId: string, kid: number): Promise<{ eventId: string; key: KeyObject } | undefined> {
  const [row] = await sql<{ event_id: string; public_key: Buffer }[]>`
    select event_id, public_key from event_keys where venue_id = ${venueId} and kid = ${kid}`;
  return row && { eventId: row.event_id, key: publicKeyFromRaw(row.public_key) };
}

/** How long a process keeps using the signing key it loaded (rotation elsewhere shows up within this). */
const SIGNING_KEY_TTL_MS = 60_000;

/**
 * Signs codes with the event's newest unrevoked key, creating the first key
 * of an event on demand.
 */
export class CodeIssuer {
  private readonly cache = new Map<string, { kid: number; key: KeyObject; loadedAt: number }>();

  constructor(private readonly box: SecretBox) {}

  async issue(sql: Queryable, event: EventRef, subject: { kind: SubjectKind; id: string; serial: number }): Promise<string> {
    const signing = await this.signingKey(sql, event);
    const claim: CodeClaim = { kind: subject.kind, kid: signing.kid, subjectId: subject.id, serial: subject.serial };
    return signCode(claim, signing.key);
  }

  /** A new key for the event; codes issued from now on carry it, older ones stay valid until revoked. */
  async rotate(sql: Sql, event: EventRef): Promise<EventKeyRow> {
    const key = await createEventKey(sql, this.box, event);
    this.cache.delete(event.eventId);
    return key;
  }

  /** Drop the cached signing key (after a revocation), so the next code uses a valid one. */
  forget(eventId: string): void {
    this.cache.delete(eventId);
  }

  private async signingKey(sql: Queryable, event: EventRef) {
    const { venueId, eventId } = event;
    const cached = this.cache.get(eventId);
    if (cached && Date.now() - cached.loadedAt < SIGNING_KEY_TTL_MS) return cached;
    const newest = () => sql<{ kid: string; private_key_enc: Buffer }[]>`
      select kid, private_key_enc from event_keys
       where venue_id = ${venueId} and event_id = ${eventId} and revoked_at is null order by created_at desc limit 1`;
    let [row] = await newest();
    if (!row) {
      await createEventKey(sql, this.box, event);
      [row] = await newest();
    }
    const entry = { kid: Number(row!.kid), key: privateKeyFromPkcs8(this.box.open(row!.private_key_enc)), loadedAt: Date.now() };
    this.cache.set(eventId, entry);
    return entry;
  }
}
