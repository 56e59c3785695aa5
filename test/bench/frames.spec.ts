/**
 * Redaction in every frame, benchmark: click → step saved for a visible capture of a page with
 * five embedded frames (same-origin, cross-origin, one nesting another) against the same page
 * with plain boxes instead of frames, measured alternately in one run — on a fresh page (the
 * agent is injected in every frame) and captured again. Prints figures; asserts nothing on time.
 */
import os from 'node:os';
import { expect, framesUrl, test } from '../e2e/fixtures';
import { clickToSaved } from './click';
import { openPanel, setIdentity } from '../e2e/pages';

const RUNS = 9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('visible capture of a page with 5 frames vs the same page without frames', async ({
  context,
  extensionId,
  demo,
  demo2,
}) => {
  test.setTimeout(240_000);
  // With an identity set every field is compared with it (the forms are empty: nothing to cover).
  await setIdentity(context, extensionId, {
    name: 'Anna Petrova',
    email: 'anna.petrova@example.com',
    phone: '+7 916 123-45-67',
  });
  const site = context.pages()[0] ?? (await context.newPage());
  const panel = await openPanel(context, extensionId);
  await panel.createAudit('Benchmark', '', '');
  await panel.createJourney('Demo', '', 'own');
  await site.bringToFront();
  const withFrames = framesUrl(demo, demo2, 'five.html');
  const pages = { frames: withFrames, plain: `${withFrames}&frames=0` };
  const times = { frames: [[], []] as number[][], plain: [[], []] as number[][] };
  let n = 0;
  for (let run = 0; run < RUNS; run++) {
    for (const kind of ['plain', 'frames'] as const) {
      await site.goto(pages[kind]);
      await site.waitForLoadState('networkidle');
      // A fresh page: the first capture there also injects the page agent in every frame.
      times[kind][0]!.push(await clickToSaved(panel.page, ++n));
      // The same page again: the agent is there.
      times[kind][1]!.push(await clickToSaved(panel.page, ++n));
    }
  }
  await expect(panel.steps()).toHaveCount(n);
  console.log(
    `\nRedaction in every frame — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Chromium headless 1280×800, ${RUNS} alternating runs each, identity set`,
  );
  console.log(['figure', 'value', 'reference (same run)', 'ratio', 'target'].join(' | '));
  for (const [i, when] of ['fresh page', 'captured again'].entries()) {
    const frames = median(times.frames[i]!);
    const plain = median(times.plain[i]!);
    console.log(
      [
        `click → step saved, page with 5 frames (6 documents), ${when}`,
        `${frames.toFixed(1)} ms`,
        `same page, plain boxes: ${plain.toFixed(1)} ms`,
        `${(frames / plain).toFixed(2)}×`,
        '≤ 1.5×',
      ].join(' | '),
    );
  }
});
