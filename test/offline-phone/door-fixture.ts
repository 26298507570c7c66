import { randomUUID } from 'node:crypto';
import type { DoorData, DoorSubject } from '../../src/offline/door-data.js';
import { plainCodeHash, sealCard } from '../../src/offline/sealed-card.js';

/** Door data of one event whose door is open now, and plain-coded single-entry tickets to put in it. */
export const EVENT_ID = '00000000-0000-4000-8000-0000000000e1';

export function doorData(subjects: DoorSubject[], extra: Partial<DoorData> = {}): DoorData {
  const hour = 3_600_000;
  return {
    event: {
      id: EVENT_ID, name: 'Test night', startsAt: new Date(Date.now() - hour).toISOString(), timezone: 'UTC',
      doorOpens: new Date(Date.now() - 2 * hour).toISOString(), doorCloses: new Date(Date.now() + 4 * hour).toISOString(), capacity: null,
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
    sealedCard: await sealCard(code, {
      holderName, passNumber: null, guestCount: null, tableNumber: null, ticketTypeName: 'GA', guestListName: null, guestPlusOnes: null,
    }),
    ...change,
  };
}
