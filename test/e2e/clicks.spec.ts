/**
 * Click capture (issue #17): with it on for the walked tab, each click on a link, button or form
 * control becomes a step whose note names the element (its accessible name, cut when too long,
 * and said) and whose screenshot has a box around it, in image pixels.
 */
import { expect, test } from './fixtures';
import { readTable } from './stored';

type Box = { kind: string; x: number; y: number; width: number; height: number };

test('three clicks make three steps, each named and boxed; a long name is cut and said', async ({
  site,
  panel,
  demo,
}) => {
  await site.goto(demo.url('/lab/clicks.html'));
  await panel.createAudit('Clicks', '', '');
  await panel.createJourney('Clicks', '', 'own');
  await site.bringToFront();
  const toggle = panel.page.getByLabel(
    'Capture each click on a link, button or form control as a step',
  );
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(panel.page.getByRole('status')).toContainText(
    'Click capture is on for “Lab — clicks to capture”',
  );

  const targets = [
    site.getByRole('button', { name: 'Add to basket' }),
    site.getByLabel('Send me offers'),
    site.getByRole('link', { name: 'Delivery terms' }),
  ];
  const boxes = [];
  for (const [i, target] of targets.entries()) {
    boxes.push((await target.boundingBox())!);
    await target.click();
    await expect(panel.steps()).toHaveCount(i + 1, { timeout: 15_000 });
  }
  await expect(panel.page.getByRole('status')).toContainText(
    'Step 3 captured: a click on “Delivery terms”.',
  );

  const steps = (
    await readTable<{ id: string; seq: number; note: string }>(panel.page, 'touchpoints')
  ).sort((a, b) => a.seq - b.seq);
  expect(steps.map((s) => s.note)).toEqual([
    'Clicked button “Add to basket”',
    'Clicked form control “Send me offers”',
    'Clicked link “Delivery terms”',
  ]);
  const shots = await readTable<{ touchpointId: string; annotations: Box[]; width: number }>(
    panel.page,
    'screenshots',
  );
  for (const [i, step] of steps.entries()) {
    const shot = shots.find((s) => s.touchpointId === step.id)!;
    // At 1× the image's pixels are CSS px; the box is the element's, give or take rounding.
    expect(shot.width).toBe(1280);
    expect(shot.annotations).toHaveLength(1);
    const [mark] = shot.annotations;
    const box = boxes[i]!;
    expect(mark!.kind).toBe('box');
    expect(Math.abs(mark!.x - box.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(mark!.y - box.y)).toBeLessThanOrEqual(1);
    expect(Math.abs(mark!.width - box.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(mark!.height - box.height)).toBeLessThanOrEqual(2);
  }

  // A name longer than 120 characters is cut, and the note says how long it was.
  await site.getByRole('button', { name: /Accept the terms/ }).click();
  await expect(panel.steps()).toHaveCount(4, { timeout: 15_000 });
  const long = (await readTable<{ seq: number; note: string }>(panel.page, 'touchpoints')).find(
    (s) => s.seq === 4,
  )!;
  expect(long.note).toMatch(
    /^Clicked button “Accept the terms and conditions of the contract, .{20,}…” \(name shortened from 1\d\d characters\)$/,
  );

  // Switched off: a click is only a click.
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await site.getByRole('button', { name: 'Add to basket' }).click();
  await expect(site.getByRole('status')).toHaveText('Added.');
  await panel.capture(5);
  expect(
    (await readTable<{ seq: number; note: string }>(panel.page, 'touchpoints')).find(
      (s) => s.seq === 5,
    )!.note,
  ).toBe('');
});
