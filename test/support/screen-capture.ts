import jsQRModule from 'jsqr';
import type { Page } from 'playwright-core';

/** jsqr is CommonJS whose types say `export default`: under NodeNext the default import is its module object. */
const jsQR = (jsQRModule as unknown as { default: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null }).default;

/** The QR image on the page, decoded: what a phone's camera would read from the screen. */
export async function readQr(page: Page, testId: string): Promise<string | null> {
  const pixels = await page.getByTestId(testId).evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [480, 480];
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 480, 480);
    context.drawImage(img, 0, 0, 480, 480);
    return Array.from(context.getImageData(0, 0, 480, 480).data);
  });
  return jsQR(Uint8ClampedArray.from(pixels), 480, 480)?.data ?? null;
}

/**
 * A green answer leaves after 2 s, sooner than axe can finish: the next answer
 * is copied the moment it appears (same classes and styles, no fade-in) and
 * the copy stays on top until `dropAnswerCopy`, so axe can measure it.
 */
export async function copyNextAnswer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const observer = new MutationObserver(() => {
      const answer = document.querySelector('[data-testid="scan-answer"]');
      if (!answer) return;
      observer.disconnect();
      const copy = answer.cloneNode(true) as HTMLElement;
      copy.dataset.testid = 'answer-copy';
      copy.style.zIndex = '101';
      copy.style.animation = 'none';
      document.body.append(copy);
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

export async function dropAnswerCopy(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('[data-testid="answer-copy"]')?.remove());
}
