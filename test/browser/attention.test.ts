import { describe, expect, it } from 'vitest';
import { VIP_TEST } from '../../src/db/seed-vip-test.js';
import { axeViolations } from '../support/a11y.js';
import { apiCall, launchBrowser, logInOnPage, newContext, screenshot, watchPage } from '../support/browser.js';
import { useServerAndBrowser } from '../support/server.js';

const held = useServerAndBrowser(() => launchBrowser());

const offlineAdmission = (code: string, secondsAgo: number, nonce: string) => ({
  code, nonce, scannedAt: new Date(Date.now() - secondsAgo * 1000).toISOString(), offline: true, localDecision: 'admit',
});

describe('Needs attention on Live', () => {
  it('a double admission uploaded by two phones appears live; the owner resolves it with a note; scanners not seen for 2 minutes show at a glance', async () => {
    const { server, browser } = held;
    // Passes admit once while inside tonight, so a second admission of one is a double admission.
    await server.sql`update events set vip_reentry = 'after_exit' where id = ${VIP_TEST.eventId}`;
    const phones = [];
    for (const gate of ['A', 'B', 'C']) {
      phones.push(await apiCall<{ token: string }>(server.url, server.ownerToken, 'POST', '/v1/devices', { name: `Phone ${gate}`, gate, eventId: VIP_TEST.eventId }));
    }
    const page = await (await newContext(browser, 'desktop')).newPage();
    const seen = watchPage(page);
    await logInOnPage(page, server.url, server.ownerEmail, server.ownerPassword);
    await page.getByTestId('tab-live').click();
    const panel = page.getByRole('region', { name: 'Needs attention' });
    await panel.getByText('Nothing needs a look.').waitFor();
    // Phone C was enrolled and never heard from.
    await page.getByTestId('stale-scanners').filter({ hasText: 'Not seen for 2 minutes' }).filter({ hasText: 'Phone C (never)' }).waitFor();

    const code = VIP_TEST.passCodes[5]!;
    await apiCall(server.url, phones[0]!.token, 'POST', '/v1/scans/batch', { scans: [offlineAdmission(code, 120, 'phone-a-1')] });
    await apiCall(server.url, phones[1]!.token, 'POST', '/v1/scans/batch', { scans: [offlineAdmission(code, 60, 'phone-b-1')] });

    const item = panel.locator('.attention-item').filter({ hasText: 'Admitted twice offline' });
    await item.waitFor(); // announced by the live feed, no reload
    expect(await item.textContent()).toContain('One code admitted 2 times offline');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-needs-attention');

    await item.getByLabel('Note').fill('Second guest had a screenshot: asked to leave');
    await item.getByRole('button', { name: 'Resolve' }).click();
    await panel.getByText('Nothing needs a look.').waitFor();
    const [resolved] = await server.sql<{ resolution_note: string; resolved_by: string | null }[]>`
      select resolution_note, resolved_by from attention_items where kind = 'double_admit'`;
    expect(resolved).toMatchObject({ resolution_note: 'Second guest had a screenshot: asked to leave' });
    expect(resolved!.resolved_by).not.toBeNull();
    expect(await axeViolations(page)).toEqual([]);

    // The resolved ones, a tap away: who resolved it, when, and the note.
    await panel.getByRole('button', { name: 'Resolved' }).click();
    const done = panel.getByTestId('attention-resolved-list').locator('.attention-item').filter({ hasText: 'Admitted twice offline' });
    await done.waitFor();
    expect(await done.textContent()).toMatch(/One code admitted 2 times offline.*Resolved by .+ at \d\d:\d\d.*Second guest had a screenshot: asked to leave/s);
    expect(await done.getByRole('button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-attention-resolved');
    await panel.getByRole('button', { name: 'Open' }).click();
    await panel.getByText('Nothing needs a look.').waitFor();
    expect(seen.uncaught).toEqual([]);
  });
});
