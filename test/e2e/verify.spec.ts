/**
 * Verify a report, in the built extension: a signing key made in Options, a walk exported as
 * HTML (its method section printing the key's fingerprint), the saved file opened on the Verify
 * page (all images and records match, the signature valid and this profile's); a copy with one
 * image byte changed, dropped on the page, names that step; a copy with a step's title edited
 * names that step; the same in Russian.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { walkSite } from './pages';

async function exportHtml(report: Page): Promise<{ path: string; html: string }> {
  const [download] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export HTML' }).click(),
  ]);
  const path = test.info().outputPath(`verify-report-${Date.now()}.html`);
  await download.saveAs(path);
  return { path, html: await readFile(path, 'utf8') };
}

/** Drops a file on the page's drop area, as a person dragging it from the desktop. */
async function dropFile(page: Page, name: string, content: string) {
  const transfer = await page.evaluateHandle(
    ({ name, content }) => {
      const data = new DataTransfer();
      data.items.add(new File([content], name, { type: 'text/html' }));
      return data;
    },
    { name, content },
  );
  await page.locator('.verify-drop').dispatchEvent('drop', { dataTransfer: transfer });
}

test('a signed export verifies; a changed image or step is named', async ({
  profile,
  site,
  panel,
  demo,
}) => {
  test.setTimeout(180_000);
  // The signing key, made in Options: none at first.
  const options = await profile.open('options.html');
  await expect(options.getByText('No signing key: exported reports are not signed.')).toBeVisible();
  await options.getByRole('button', { name: 'Create a signing key' }).click();
  const fingerprint = (
    await options.locator('.signing-fingerprint code').textContent({ timeout: 30_000 })
  )?.trim();
  expect(fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  await options.locator('.signing-key').screenshot({
    path: test.info().outputPath('options-signing-key.png'),
  });

  await panel.createAudit('Verified audit', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  await walkSite(site, panel, demo.url('/brightline/'), ['See plans', 'Choose Home 500']);

  const report = await profile.open('report.html');
  await expect(report.getByRole('heading', { name: 'Executive summary' })).toBeVisible();
  await report
    .locator('header')
    .first()
    .screenshot({ path: test.info().outputPath('report-header.png') });
  const { path, html } = await exportHtml(report);
  expect(html).toContain(`<code>${fingerprint}</code>`);

  // The exported file opened from disk: the method section prints the fingerprint.
  const viewer = await profile.context.newPage();
  await viewer.goto(`file://${path}`);
  const method = viewer.locator('section.method');
  await expect(method.locator('.method-signer')).toContainText(fingerprint!);
  await method.screenshot({ path: test.info().outputPath('method-fingerprint.png') });
  await viewer.close();

  // The Verify page, linked from the report page.
  const [verify] = await Promise.all([
    profile.context.waitForEvent('page'),
    report.getByRole('link', { name: 'Verify a report' }).click(),
  ]);
  await expect(verify.getByRole('heading', { name: 'Verify a report', level: 1 })).toBeVisible();
  await verify.getByLabel('Report file (.html)').setInputFiles(path);
  const result = verify.locator('.verify-result');
  await expect(result.getByRole('status')).toHaveText('All 3 images and 3 records match.');
  await expect(result).toContainText('The report hash matches');
  await expect(result.locator('.verify-signature')).toContainText(
    `Signature valid, by the key ${fingerprint}. This is your key`,
  );
  await verify.screenshot({ path: test.info().outputPath('verify-all-match.png'), fullPage: true });

  // One byte of step 2's image changed, the copy dropped on the page: step 2 is named.
  const ids = [...html.matchAll(/<image id="(img-[0-9a-f]+)" href="data:image\/[a-z]+;base64,/g)];
  expect(ids).toHaveLength(3);
  const manifest = JSON.parse(
    html.slice(
      html.indexOf('id="tpa-manifest">') + 'id="tpa-manifest">'.length,
      html.indexOf('</script>', html.indexOf('id="tpa-manifest">')),
    ),
  ) as { images: { id: string; records: { seq: number; title: string; stage: string }[] }[] };
  const second = manifest.images.find((i) => i.records[0]!.seq === 2)!;
  const at =
    html.indexOf('base64,', html.indexOf(`<image id="${second.id}"`)) + 'base64,'.length + 200;
  const tampered = html.slice(0, at) + (html[at] === 'A' ? 'B' : 'A') + html.slice(at + 1);
  await dropFile(verify, 'tampered-report.html', tampered);
  await expect(result.getByRole('heading')).toHaveText('File: tampered-report.html');
  await expect(result.getByRole('status')).toHaveText('This file differs from its manifest:');
  await expect(result.locator('.verify-differences li')).toHaveText([
    `Image changed: Brightline Internet, step 2 “${second.records[0]!.title}” (${second.records[0]!.stage})`,
  ]);
  await expect(result).toContainText('The report hash does not match');
  await expect(result.locator('.verify-signature')).toContainText(
    'The signature is not valid for this file',
  );
  await verify.screenshot({
    path: test.info().outputPath('verify-image-changed.png'),
    fullPage: true,
  });

  // A step's text edited (its title in the step card): that step is named.
  const edited = test.info().outputPath('edited-report.html');
  const title = manifest.images.find((i) => i.records[0]!.seq === 1)!.records[0]!.title;
  await writeFile(
    edited,
    html.replace(
      `<span class="step-title">${title}</span>`,
      '<span class="step-title">Changed</span>',
    ),
  );
  await verify.getByLabel('Report file (.html)').setInputFiles(edited);
  await expect(result.getByRole('heading')).toHaveText('File: edited-report.html');
  await expect(result.locator('.verify-differences li')).toContainText([
    `Step changed: Brightline Internet, step 1 “${title}”`,
  ]);

  // In Russian: the same file, the same verdict in the chosen language.
  await options.getByLabel('Language').selectOption('ru');
  await verify.reload();
  await expect(verify.getByRole('heading', { name: 'Проверить отчёт', level: 1 })).toBeVisible();
  await verify.getByLabel('Файл отчёта (.html)').setInputFiles(path);
  await expect(result.getByRole('status')).toHaveText(
    'Все изображения (3) и записи (3) совпадают.',
  );
  await expect(result.locator('.verify-signature')).toContainText(
    `Подпись верна, ключ ${fingerprint}. Это ваш ключ`,
  );
  await verify.screenshot({ path: test.info().outputPath('verify-ru.png'), fullPage: true });
});
