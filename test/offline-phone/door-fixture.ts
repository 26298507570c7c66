import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DoorData, DoorSubject } from '../../src/offline/door-data.js';
import { NAME_IV_BYTES, NAME_KEY_LABEL, plainCodeHash } from '../../src/offline/sealed-name.js';

/** A holder's name sealed under their code, the way the server's door data does (src/db/door-data.ts). */
function sealedName(code: string, name: string): string {
  const iv = randomBytes(NAME_IV_BYTES);
  const key = createHash('sha256').update(NAME_KEY_LABEL + code).digest();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(name, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([iv, sealed]).toString('base64url');
}

/** Door data of one event whose door is open now, and plain-coded single-entry tickets to put in it. */
export const EVENT_ID = '00000000-0000-4000-8000-0000000000e1';

export function doorData(subjects: DoorSubject[], extra: Partial<DoorData> = {}): DoorData {
  const hour = 3_600_000;
  return {
    event: {
      id: EVENT_ID, name: 'Test night', startsAt: new Date(Date.now() - hour).toISOString(), timezone: 'UTC',
      doorOpens: new Date(Date.now() - 2 * hour).toISOString(), doorCloses: new Date(Date.now() + 4 * hour).toISOString(), capacity: null, vipReentry: 'always',
    },
    peopleInside: 0, keys: [], revocations: [], subjects, cursor: 'c1', complete: true, ...extra,
  };
}

/** A paid single-entry GA ticket with a plain code; its card names the holder. */
export async function singleEntryTicket(code: string, holderName: string, change: Partial<DoorSubject> = {}): Promise<DoorSubject> {
  return {
    id: randomUUID(), kind: 'ticket', status: 'issued', serial: 1, inside: false, reentry: 'never', orderStatus: 'paid',
    reservationId: null, reservationStatus: null, validFrom: null, validUntil: null, party: null,
    plainCodeHash: await plainCodeHash(code),
    sealedName: sealedName(code, holderName),
    card: { passNumber: null, guestCount: null, tableNumber: null, ticketTypeName: 'GA', guestListName: null, guestPlusOnes: null },
    ...change,
  };
}
