import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { gaClient } from '../support/ga.js';
import { SseReader, type SseEvent } from '../support/sse.js';
import { admitted, upload } from './support.js';

/** The live feed's `attention` event: sent when an item opens, to owners and managers only. */
describe('attention on the live feed', () => {
  const h = useApp();
  let base = '';
  beforeAll(async () => {
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });

  const open = async (eventId: string, token: string) => {
    const response = await fetch(`${base}/v1/events/${eventId}/live`, { headers: h.auth(token) });
    const reader = new SseReader(response.body!);
    expect((await reader.next()).type).toBe('stats');
    return reader;
  };
  async function nextOfType(reader: SseReader, type: string, ms = 5_000): Promise<SseEvent | null> {
    try {
      for (;;) {
        const event = await reader.next(ms);
        if (event.type === type) return event;
      }
    } catch {
      return null;
    }
  }

  it('sends the owner the item a double admission opened; a door session gets none', async () => {
    const ga = gaClient(h);
    const eventId = await ga.event();
    const typeId = await ga.ticketType(eventId);
    const [ticket] = (await ga.tickets(eventId, typeId, 1)).tickets;
    const [a, b] = [await ga.device(eventId, 'A'), await ga.device(eventId, 'B')];
    const owner = await open(eventId, h.tokens.owner);
    const door = await open(eventId, h.tokens.door);
    await upload(h, a.token, [admitted(ticket!.code, 90)]);
    const [conflicted] = (await upload(h, b.token, [admitted(ticket!.code, 30)])).body.answers;
    const event = await nextOfType(owner, 'attention');
    expect(event?.data).toMatchObject({ id: conflicted!.conflictId, kind: 'double_admit', status: 'open' });
    expect(await nextOfType(door, 'attention', 1_500)).toBeNull();
  });
});
