import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's source, evaluated through the DevTools protocol: a script tag would be refused by the app's CSP. */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility problem axe-core found: the rule and where. */
export interface A11yViolation { id: string; impact: string | null; targets: string[]; why: string[] }

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules: labels, names, contrast,
 * keyboard focus order…) on what the page shows once its animations have
 * ended: a sheet still fading in measured 4.05:1 for text that reads 4.5:1 or better at rest.
 */
export async function axeViolations(page: Page): Promise<A11yViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    // Only animations that end (a pulsing live badge never does).
    const ending = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')), why: v.nodes.map((n) => n.failureSummary ?? ''),
    }));
  });
}
