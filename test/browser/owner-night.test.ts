import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVenue } from '../../src/db/events.js';
import { createStaff } from '../../src/db/staff.js';
import { axeViolations } from '../support/a11y.js';
import { copyNextAnswer, dropAnswerCopy, readQr } from '../support/screen-capture.js';
import { launchBrowser, watchPage } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';


let server: TestServer & { publicUrl: string | null };
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ publicUrl: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** "2026-11-29T22:00" for a datetime-local field, in the browser's (and this process's) time zone. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect.soft(await axeViolations(page), screen).toEqual([]);
}

describe('an owner runs a night only through the app, in Spanish', () => {
  it('from an empty venue: event, three tables, a ticket type, a booking, a scanner enrolled by QR, a scan undone and made again, on the floor plan', async () => {
    // An installation's first owner comes from `maguey staff create`; everything after it goes through the app.
    const venue = await createVenue(server.sql, { name: 'Sala Maguey' });
    const email = `duena-${randomUUID().slice(0, 8)}@maguey.test`;
    const password = `contraseña-${randomUUID()}`;
    await createStaff(server.sql, { venueId: venue.id, email, name: 'Marta', role: 'owner', password });

    const desk = await browser.newContext({ locale: 'es-ES', viewport: { width: 1440, height: 900 } });
    const page = await desk.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Entrar' }).waitFor();
    await expectAccessible(page, 'acceso');
    await page.getByLabel('Correo').fill(email);
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Entrar' }).click();

    // 1. The event: an empty venue opens on the event form.
    const eventForm = page.getByTestId('event-form');
    await eventForm.getByRole('heading', { name: 'Nuevo evento' }).waitFor();
    await eventForm.getByLabel('Nombre').fill('Noche de Maguey');
    const now = Date.now();
    await eventForm.getByLabel('Empieza').fill(localInput(new Date(now - 3_600_000)));
    await eventForm.getByLabel('Termina').fill(localInput(new Date(now - 7_200_000)));
    await eventForm.getByRole('button', { name: 'Crear evento' }).click();
    // The API's check is shown beside the field it is about.
    await eventForm.getByTestId('field-error').filter({ hasText: 'Debe ser posterior al inicio.' }).waitFor();
    await expectAccessible(page, 'evento con error');
    await eventForm.getByLabel('Termina').fill(localInput(new Date(now + 5 * 3_600_000)));
    await eventForm.getByLabel('Aforo (personas dentro a la vez)').fill('250');
    await eventForm.getByRole('button', { name: 'Crear evento' }).click();
    await eventForm.getByRole('heading', { name: 'Datos del evento' }).waitFor();
    const [event] = await server.sql<{ id: string; capacity: number }[]>`select id, capacity from events where venue_id = ${venue.id}`;
    expect(event!.capacity).toBe(250);

    // 2. Three tables drawn on the floor plan; one dragged; one edited; a clash named beside its field.
    await page.getByTestId('tab-floor').click();
    const canvas = page.getByTestId('floor-canvas');
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    for (const [i, [fx, fy]] of [[0.15, 0.2], [0.5, 0.2], [0.85, 0.2]].entries()) {
      await canvas.click({ position: { x: box.width * fx!, y: box.height * fy! } });
      await page.locator(`[data-testid="floor-editor"] [data-table-number="${i + 1}"]`).waitFor();
    }
    const first = (await page.locator('[data-testid="floor-editor"] [data-table-number="1"]').boundingBox())!;
    const moved = page.waitForResponse((r) => r.url().includes('/v1/tables/') && r.request().method() === 'PATCH');
    await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2);
    await page.mouse.down();
    await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2 + box.height * 0.4, { steps: 5 });
    await page.mouse.up();
    expect((await moved).status()).toBe(200);
    const tables = await server.sql<{ number: string; y: number }[]>`select number, y from vip_tables where event_id = ${event!.id} order by number`;
    expect(tables.map((t) => t.number)).toEqual(['1', '2', '3']);
    expect(tables[0]!.y).toBeGreaterThan(tables[1]!.y + 15);

    await page.locator('[data-testid="floor-editor"] [data-table-number="2"]').click();
    const tableForm = page.getByTestId('table-form');
    await tableForm.getByLabel('Plazas').fill('4');
    await tableForm.getByLabel('Consumo mínimo').fill('300');
    await tableForm.getByLabel('Número').fill('1');
    await tableForm.getByRole('button', { name: 'Guardar' }).click();
    await tableForm.getByTestId('field-error').filter({ hasText: 'Otra mesa de este evento ya tiene ese número.' }).waitFor();
    await tableForm.getByLabel('Número').fill('2');
    await tableForm.getByRole('button', { name: 'Guardar' }).click();
    await page.locator('[data-testid="floor-editor"] [data-table-number="2"][aria-label="Mesa 2, 4 plazas"]').waitFor();
    // The selected table's corner grip makes it bigger.
    const grip = (await page.getByTestId('resize-grip').boundingBox())!;
    const sized = page.waitForResponse((r) => r.url().includes('/v1/tables/') && r.request().method() === 'PATCH');
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grip.x + grip.width / 2 + box.width * 0.05, grip.y + grip.height / 2 + box.height * 0.05, { steps: 5 });
    await page.mouse.up();
    expect((await sized).status()).toBe(200);
    const [second] = await server.sql<{ width: number; height: number; min_spend_cents: number }[]>`
      select width, height, min_spend_cents from vip_tables where event_id = ${event!.id} and number = '2'`;
    expect(second!.width).toBeGreaterThan(10);
    expect(second!.height).toBeGreaterThan(7);
    expect(second!.min_spend_cents).toBe(30_000);
    await expectAccessible(page, 'plano');

    // 3. A ticket type.
    await page.getByTestId('tab-tickets').click();
    const ticketForm = page.getByTestId('ticket-type-form');
    await ticketForm.getByLabel('Nombre').fill('General');
    await ticketForm.getByLabel('Precio').fill('15');
    await ticketForm.getByLabel('Cupo (vacío: sin límite)').fill('200');
    await ticketForm.getByLabel('Reingreso').selectOption('after_exit');
    await ticketForm.getByRole('button', { name: 'Añadir tipo de entrada' }).click();
    await page.getByTestId('ticket-types').filter({ hasText: 'General' }).filter({ hasText: 'Reingreso tras una salida' }).waitFor();
    await expectAccessible(page, 'entradas');

    // 4. A booking on table 2, confirmed: its passes are issued.
    await page.getByTestId('tab-tables').click();
    const booking = page.getByTestId('new-reservation');
    await booking.getByLabel('Mesa').selectOption({ label: 'Mesa 2 · 4 plazas' });
    await booking.getByLabel('Nombre del anfitrión').fill('Lucía Pérez');
    await booking.getByLabel('Invitados').fill('3');
    await booking.getByRole('button', { name: 'Reservar' }).click();
    const sheet = page.getByTestId('reservation-sheet');
    await sheet.getByRole('button', { name: 'Confirmar' }).click();
    await sheet.getByTestId('pass-card').nth(2).waitFor();
    await expectAccessible(page, 'reserva');
    const code = (await sheet.locator('.pass-code').first().textContent())!.trim();
    await page.keyboard.press('Escape');

    // 5. A scanner, enrolled on a second browser (the phone) through its QR code, at the public address.
    await page.getByTestId('tab-scanners').click();
    await page.getByTestId('device-name').fill('Móvil puerta A');
    await page.getByTestId('device-gate').fill('A');
    await page.getByRole('button', { name: 'Crear escáner' }).click();
    await page.getByTestId('enrolment-qr').waitFor();
    expect(await page.getByTestId('unreachable-warning').count()).toBe(0);
    const link = await readQr(page, 'enrolment-qr');
    expect(link).toMatch(new RegExp(`^${server.publicUrl}/scan/#enroll=`));
    expect(await page.getByTestId('enrolment-link').textContent()).toBe(link);
    await expectAccessible(page, 'alta de escáner');

    const phone = await browser.newContext({ locale: 'es-ES', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const door = await phone.newPage();
    const doorSeen = watchPage(door);
    await door.goto(link!);
    await door.getByTestId('scanner-device').filter({ hasText: 'Móvil puerta A' }).waitFor();
    await expectAccessible(door, 'escáner');

    // 6. The pass typed in: admitted; undone; scanned again: admitted again, as a first entry.
    const typeCode = async (text: string) => {
      await door.getByLabel('Escribe un código').fill(text);
      await door.getByRole('button', { name: 'Comprobar' }).click();
    };
    await copyNextAnswer(door);
    await typeCode(code);
    const copy = door.getByTestId('answer-copy');
    await copy.filter({ hasText: 'Adelante' }).filter({ hasText: 'Mesa 2' }).waitFor();
    expect(await copy.getAttribute('data-tone')).toBe('ok');
    await expectAccessible(door, 'respuesta verde');
    await dropAnswerCopy(door);
    const admitted = door.locator('[data-testid="scan-answer"][data-tone="ok"]');
    await admitted.waitFor({ state: 'detached' }); // green leaves by itself
    const undo = door.getByRole('button', { name: /Deshacer el último escaneo/ });
    await undo.click();
    await door.getByRole('button', { name: /Toca otra vez: deshacer/ }).click();
    await door.getByTestId('undo-status').filter({ hasText: 'Escaneo deshecho' }).waitFor();
    const [afterUndo] = await server.sql<{ checked_in_guests: number }[]>`
      select checked_in_guests from vip_reservations where event_id = ${event!.id}`;
    expect(afterUndo!.checked_in_guests).toBe(0);

    await copyNextAnswer(door);
    await typeCode(code);
    await copy.filter({ hasText: 'Primera entrada' }).filter({ hasText: 'Lucía Pérez' }).waitFor();
    await dropAnswerCopy(door);
    await admitted.waitFor({ state: 'detached' });

    // A code nobody issued: red, says what to do next, stays until tapped.
    await typeCode(`NO-EXISTE-${randomUUID().slice(0, 6)}`);
    const denied = door.locator('[data-testid="scan-answer"][data-tone="deny"]');
    await denied.filter({ hasText: 'Código desconocido' }).filter({ hasText: 'taquilla' }).waitFor();
    await expectAccessible(door, 'respuesta roja');
    await denied.click();
    await denied.waitFor({ state: 'detached' });

    // 7. The owner sees the guest on the floor plan, live.
    await page.getByTestId('tab-tables').click();
    await page.locator('[data-testid="floor-plan"] [data-table-number="2"]')
      .and(page.locator('[aria-label*="llegaron 1 de 3"]')).waitFor();
    const scans = await server.sql<{ annulled: boolean }[]>`
      select exists (select 1 from scan_annulments a where a.scan_id = s.id) as annulled
        from scan_log s where s.event_id = ${event!.id} and s.decision = 'admit' order by s.recorded_at`;
    expect(scans).toEqual([{ annulled: true }, { annulled: false }]);
    expect(seen.uncaught).toEqual([]);
    expect(doorSeen.uncaught).toEqual([]);
    await phone.close();
    await desk.close();
  }, 240_000);
});
