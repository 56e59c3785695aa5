/**
 * Nothing is lost or cut silently: audits and journeys are edited and deleted, deletions go to
 * Recently deleted (which survives reload and restart), long URLs are kept whole, a picture too
 * large to decode is refused with its size, and text limits are said while typing.
 */
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { expect, test } from './fixtures';
import { walkSite } from './pages';
import { readProfile, readStoredShots } from './stored';

/** A valid PNG of `width` × `height` 1-bit pixels (small on disk, huge to decode). */
function hugePng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const row = Math.ceil(width / 8) + 1;
  const pixels = deflateSync(Buffer.alloc(row * height), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('audits and journeys are edited and deleted; Recently deleted survives reload and restart', async ({
  profile,
  site,
  panel,
  restart,
  demo,
}) => {
  test.setTimeout(120_000);
  await panel.createAudit('Q1 benchmark', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline', 'brightline.test', 'own');
  await walkSite(site, panel, demo.url('/brightline/'), ['See plans']);
  // The panel asked for persistent storage and says what the browser decided.
  await expect(panel.page.getByTestId('persistence')).toContainText('Persistent storage: o');

  // Edit the audit and the journey: every field the auditor typed can change.
  await panel.button('Edit audit “Q1 benchmark”').click();
  const auditForm = panel.page.getByRole('form', { name: 'Edit audit' });
  await auditForm.getByLabel('Audit name').fill('Broadband Q1');
  await auditForm.getByLabel('Client').fill('Brightline Ltd');
  await auditForm.getByRole('button', { name: 'Save' }).click();
  await expect(auditForm).toBeHidden();
  await expect(panel.page.getByLabel('Audit', { exact: true })).toHaveValue(/.+/);
  await expect(
    panel.page.getByLabel('Audit', { exact: true }).locator('option:checked'),
  ).toHaveText('Broadband Q1 · Brightline Ltd');

  // The brand is renamed in Brands and waves; the walk's own fields in its form.
  await panel.page.locator('summary', { hasText: 'Brands and waves' }).click();
  await panel.button('Edit brand “Brightline”').click();
  const brandForm = panel.page.getByRole('form', { name: 'Edit brand' });
  await expect(brandForm.getByLabel('Brand name')).toHaveValue('Brightline');
  await brandForm.getByLabel('Brand name').fill('Brightline Internet');
  await brandForm.getByRole('button', { name: 'Save' }).click();
  await expect(brandForm).toBeHidden();
  await panel.button('Edit journey “Brightline Internet”').click();
  const journeyForm = panel.page.getByRole('form', { name: 'Edit journey' });
  await journeyForm.getByLabel('Persona / segment').fill('Retired couple, first broadband');
  await journeyForm.getByLabel('Entry channel').selectOption('email');
  await journeyForm.getByLabel('Auditor (who walks it)').fill('A. Ivanova');
  await journeyForm.getByRole('button', { name: 'Save' }).click();
  await expect(journeyForm).toBeHidden();
  const active = panel.page.getByRole('region', { name: 'Active journey' });
  await expect(active).toContainText('Brightline Internet');
  await expect(active).toContainText('walked by A. Ivanova');
  const report = await profile.open('report.html');
  await expect(report.getByRole('heading', { name: 'Broadband Q1' })).toBeVisible();
  await expect(report.locator('.sequence .journey-meta')).toContainText(
    'Retired couple, first broadband',
  );
  await expect(report.locator('.sequence .journey-meta')).toContainText('walked by A. Ivanova');
  await report.close();

  // A deleted step survives a reload of the panel in Recently deleted, and comes back in place.
  const [firstShot] = await readStoredShots(panel.page);
  await panel.step(1).getByRole('button', { name: 'Delete step 1' }).click();
  await expect(panel.steps()).toHaveCount(1);
  await panel.page.reload();
  await expect(panel.steps()).toHaveCount(1);
  await expect(panel.button('Undo')).toHaveCount(0);
  const trash = panel.page.locator('details.deleted');
  await trash.getByText('Recently deleted (1)').click();
  await trash.getByRole('button', { name: /^Restore Step 1 “Brightline — Home internet”/ }).click();
  await expect(panel.steps()).toHaveCount(2);
  await expect(panel.step(1)).toContainText('Brightline — Home internet');
  await expect(trash.getByText('Recently deleted (0)')).toBeVisible();
  const restoredShots = await readStoredShots(panel.page);
  const restored = restoredShots.find((s) => s.id === firstShot!.id)!;
  expect(restored.actualSha256).toBe(firstShot!.sha256);

  // A deleted journey survives a browser restart, with its steps and images.
  await panel.button('Delete journey “Brightline Internet”').click();
  await expect(panel.page.locator('.message.undo')).toContainText(
    'Journey “Brightline Internet · Wave 1” moved to Recently deleted.',
  );
  await expect(panel.page.getByText('No journeys yet')).toBeVisible();
  expect(await readProfile(panel.page)).toMatchObject({
    counts: { journeys: 0, touchpoints: 0, images: 0 },
    deleted: 1,
  });
  const reopened = await (await restart()).panelTab();
  const list = reopened.page.locator('details.deleted');
  await list.getByText('Recently deleted (1)').click();
  await list
    .getByRole('button', { name: /^Restore Journey “Brightline Internet · Wave 1” · steps: 2/ })
    .click();
  await expect(reopened.page.getByRole('status')).toHaveText(
    '“Brightline Internet · Wave 1” restored.',
  );
  await expect(reopened.steps()).toHaveCount(2);
  for (const shot of await readStoredShots(reopened.page)) {
    expect(shot.actualSha256).toBe(shot.sha256);
  }

  // Deleting the audit can be undone at once.
  await reopened.button('Delete audit “Broadband Q1”').click();
  await expect(reopened.page.getByText('Start an audit')).toBeVisible();
  await reopened.button('Undo').click();
  await expect(reopened.steps()).toHaveCount(2);

  // Emptying Recently deleted is a separate, confirmed act; then the bytes are gone.
  await reopened.step(2).getByRole('button', { name: 'Delete step 2' }).click();
  await list.getByRole('button', { name: 'Empty Recently deleted…' }).click();
  const confirm = reopened.page.getByRole('alertdialog', { name: 'Delete forever?' });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Delete forever' }).click();
  await expect(reopened.page.getByRole('status')).toHaveText(
    'Recently deleted emptied: 1 items deleted for good.',
  );
  expect(await readProfile(reopened.page)).toMatchObject({
    counts: { touchpoints: 1, images: 1 },
    deleted: 0,
  });
});

test('a 70,000-character URL is kept whole; an image too large to decode is refused with its size', async ({
  site,
  panel,
  demo,
}) => {
  await panel.createAudit('Long addresses', '', '');
  await panel.createJourney('Brightline', 'brightline.test', 'own');
  // The fragment never reaches the server, so the address can be as long as the browser allows.
  const longUrl = `${demo.url('/brightline/')}#state=${'a1b2c3d4'.repeat(8750)}`;
  expect(longUrl.length).toBeGreaterThan(70_000);
  await site.bringToFront();
  await site.goto(longUrl);
  await panel.capture(1);
  const stored = await readProfile(panel.page);
  const step = stored.steps[0]!;
  expect(step.url).toBe(longUrl);
  expect(stored.screenshots[0]!.url).toBe(longUrl);
  expect(step.shortened).toEqual([]);
  await expect(panel.step(1).locator('.shortened')).toHaveCount(0);

  // A 20,000 × 20,000 px picture (400 megapixels) as evidence: refused before decoding.
  await panel.button('Log offline contact').click();
  const offline = panel.page.getByRole('form', { name: 'Log offline contact' });
  await offline.getByLabel('What happened').fill('Letter from the provider');
  await offline
    .getByLabel('Evidence image (optional)')
    .setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: hugePng(20_000, 20_000) });
  await offline.getByRole('button', { name: 'Add contact' }).click();
  await expect(offline.getByRole('alert')).toHaveText(
    'The image scan.png is 20000 × 20000 px; images up to 16384 px per side and 268 megapixels can be used. Scale it down and try again.',
  );
  await expect(panel.steps()).toHaveCount(1);
});

test('text limits are said while typing, and pasted line breaks in a one-line field are said too', async ({
  panel,
}) => {
  await panel.button('New audit').first().click();
  const form = panel.page.getByRole('form', { name: 'New audit' });
  const name = form.getByLabel('Audit name');
  await name.fill('x'.repeat(170));
  await expect(form.getByText('170 / 200 characters')).toBeVisible();
  await name.fill('x'.repeat(230));
  await expect(form.getByRole('alert')).toHaveText(
    'Too long by 30 characters: the limit is 200. Shorten it to save.',
  );
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Create audit' }).click();
  await expect(form.getByText('Not saved: shorten the fields marked too long.')).toBeVisible();
  expect((await readProfile(panel.page)).counts).toMatchObject({ audits: 0 });

  // The whole pasted text is kept (nothing dropped at the limit), line breaks become spaces.
  await name.fill('');
  await name.focus();
  await panel.page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Broadband\r\nQ1\n  benchmark');
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(name).toHaveValue('Broadband Q1 benchmark');
  await expect(form.getByRole('status')).toHaveText(
    'Line breaks were replaced by spaces (this field is one line).',
  );
  await form.getByRole('button', { name: 'Create audit' }).click();
  await expect(form).toBeHidden();
  expect((await readProfile(panel.page)).counts).toMatchObject({ audits: 1 });
});

test.describe(() => {
  test.use({
    identity: { name: 'Ivan Petrov', email: 'ivan.petrov@mail.test', phone: '+7 916 123-45-67' },
  });

  test("the auditor's identity is masked in the panel, report, HTML and CSV; user agent and file names only when chosen", async ({
    profile,
    site,
    panel,
    demo,
  }) => {
    test.setTimeout(120_000);
    await panel.createAudit('Privacy', '', '');
    await panel.createJourney('Brightline', 'brightline.test', 'own');
    await site.bringToFront();
    await site.goto(demo.url('/brightline/?name=Ivan+Petrov&email=ivan.petrov%40mail.test'));
    await panel.capture(1);
    await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
    await expect(panel.step(1)).toContainText('name=[name]&email=[email]');
    await expect(panel.step(1)).not.toContainText('Petrov');
    const note = panel.step(1).getByLabel('Note', { exact: true });
    await note.fill('Called back on 8 (916) 123-45-67 and asked for Ivan Petrov');
    await note.blur();
    const photo = await site.screenshot({
      type: 'png',
      clip: { x: 0, y: 0, width: 120, height: 80 },
    });
    await panel.step(1).getByLabel('Attach an evidence image').setInputFiles({
      name: 'Ivan Petrov passport.png',
      mimeType: 'image/png',
      buffer: photo,
    });
    await expect(panel.page.getByRole('status')).toHaveText('Image attached to step 1.');

    const report = await profile.open('report.html');
    const body = report.locator('.report');
    await expect(body).toContainText('Called back on [phone] and asked for [name]');
    await expect(body).toContainText('name=[name]&email=[email]');
    for (const secret of ['Petrov', 'ivan.petrov', '123-45-67', 'Mozilla/5.0', 'passport.png'])
      await expect(body).not.toContainText(secret);

    const exportHtml = async () => {
      const [download] = await Promise.all([
        report.waitForEvent('download'),
        report.getByRole('button', { name: 'Export HTML' }).click(),
      ]);
      return readFile((await download.path())!, 'utf8');
    };
    const exportCsv = async () => {
      const [download] = await Promise.all([
        report.waitForEvent('download'),
        report.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      return readFile((await download.path())!, 'utf8');
    };
    const plainHtml = await exportHtml();
    const csv = await exportCsv();
    for (const secret of ['Petrov', 'ivan.petrov', 'ivan.petrov%40', '123-45-67', 'Mozilla/5.0'])
      for (const text of [plainHtml, csv]) expect(text).not.toContain(secret);
    expect(plainHtml).not.toContain('passport.png');
    expect(csv).toContain('asked for [name]');

    // Chosen: browser details and file names are shown and exported (the name in it still masked).
    await report.getByLabel('Browser details').check();
    await report.getByLabel('Uploaded file names').check();
    await expect(body).toContainText('Mozilla/5.0');
    await expect(body).toContainText('file: [name] passport.png');
    const fullHtml = await exportHtml();
    expect(fullHtml).toContain('Mozilla/5.0');
    expect(fullHtml).toContain('[name] passport.png');
    expect(fullHtml).not.toContain('Petrov');
  });
});
