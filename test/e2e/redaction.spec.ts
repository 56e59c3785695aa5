/** Automatic redaction: passwords, card numbers and the auditor's own details never reach storage. */
import { expect, test } from './fixtures';
import { readStoredShots } from './stored';

const isBlack = ([r, g, b]: number[]) => r! <= 40 && g! <= 40 && b! <= 40;
const isYellow = ([r, g, b]: number[]) => r! >= 200 && g! >= 200 && b! <= 90;

test.describe(() => {
  test.use({
    identity: {
      name: 'Anna Petrova',
      email: 'anna.petrova@example.com',
      phone: '+7 916 123-45-67',
    },
  });

  test('password, card and identity fields are covered in the stored pixels; other fields are not', async ({
    site,
    panel,
    demo,
  }) => {
    await panel.createAudit('Redaction', '', '');
    await panel.createJourney('Lab', '', 'own');
    await site.bringToFront();
    await site.goto(demo.url('/lab/identity-form.html'));
    await site.getByLabel('Full name').fill('Anna Petrova');
    await site.getByLabel('Email').fill('ANNA.PETROVA@example.com');
    await site.getByLabel('Phone').fill('8 (916) 123 45 67');
    await site.getByLabel('Password').fill('hunter2');
    await site.getByLabel('Card number').fill('4111 1111 1111 1111');
    await site.getByLabel('City').fill('Moscow');
    await site.getByLabel('Comment').fill('Please call Anna Petrova after six');
    await site.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    const box = async (label: string) =>
      (await site.getByLabel(label, { exact: true }).boundingBox())!;
    const covered = ['Full name', 'Email', 'Phone', 'Password', 'Card number', 'Comment'];
    const boxes = await Promise.all([...covered, 'City'].map(box));
    const dpr = await site.evaluate(() => window.devicePixelRatio);
    // Sample each field's centre and its inner corners (image pixels).
    const points = boxes.flatMap((b) =>
      [
        [b.x + b.width / 2, b.y + b.height / 2],
        [b.x + 3, b.y + 3],
        [b.x + b.width - 3, b.y + b.height - 3],
      ].map(([x, y]) => [Math.round(x! * dpr), Math.round(y! * dpr)] as [number, number]),
    );

    await panel.capture(1, true);
    const [shot] = await readStoredShots(panel.page, points);
    expect(shot!.redacted).toBe(true);
    expect(shot!.actualSha256).toBe(shot!.sha256);
    const perField = (i: number) => shot!.pixels.slice(i * 3, i * 3 + 3);
    covered.forEach((label, i) => {
      for (const pixel of perField(i))
        expect(isBlack(pixel), `${label} ${pixel.join(',')}`).toBe(true);
    });
    for (const pixel of perField(covered.length))
      expect(isYellow(pixel), `City ${pixel.join(',')}`).toBe(true);
  });
});

test('without an identity, only password and card fields are covered', async ({
  site,
  panel,
  demo,
}) => {
  await panel.createAudit('Redaction', '', '');
  await panel.createJourney('Lab', '', 'own');
  await site.bringToFront();
  await site.goto(demo.url('/lab/identity-form.html'));
  await site.getByLabel('Full name').fill('Anna Petrova');
  await site.getByLabel('Password').fill('hunter2');
  const name = (await site.getByLabel('Full name').boundingBox())!;
  const password = (await site.getByLabel('Password').boundingBox())!;
  const centre = (b: typeof name) =>
    [Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2)] as [number, number];
  await panel.capture(1, true);
  const [shot] = await readStoredShots(panel.page, [centre(name), centre(password)]);
  expect(isYellow(shot!.pixels[0]!)).toBe(true);
  expect(isBlack(shot!.pixels[1]!)).toBe(true);
  expect(shot!.redacted).toBe(true);
});
