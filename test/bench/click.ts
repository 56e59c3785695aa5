/** Shared by the capture benchmarks: one timed press of "Capture page" in the side panel. */
import type { Page } from '@playwright/test';

/**
 * Click → "Step n captured." shown, timed inside the panel. Waits 550 ms first: the browser
 * allows two captures a second, so each measured one starts with the quota free.
 */
export async function clickToSaved(panel: Page, n: number): Promise<number> {
  await panel.waitForTimeout(550);
  return panel.evaluate(
    (n) =>
      new Promise<number>((resolve) => {
        const status = document.querySelector('[role="status"]')!;
        const button = [...document.querySelectorAll('button')].find(
          (b) => b.textContent === 'Capture page',
        )!;
        const observer = new MutationObserver(() => {
          if (status.textContent === `Step ${n} captured.`) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(status, { childList: true, characterData: true, subtree: true });
        const start = performance.now();
        button.click();
      }),
    n,
  );
}
