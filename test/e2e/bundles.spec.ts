/**
 * Audits travel as bundles: export → import into an empty profile → export again gives the same
 * records and image bytes; two auditors' bundles merge into one comparison; the same brand typed
 * by two auditors becomes one when the auditor confirms it; a hostile bundle is refused whole and
 * changes nothing.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { bundleBytes, generatedAudit, renderImages } from '../fixtures/generated-audit';
import { expect, test } from './fixtures';
import { DataPage, openPanel, type PanelPage, walkSite } from './pages';
import { readProfile, unchangedByImport } from './stored';

function unzip(bytes: Buffer) {
  return unzipSync(new Uint8Array(bytes));
}

/** The brands and walks stored in the profile (its real IndexedDB), read from an extension page. */
async function readBrands(extensionPage: Page) {
  return extensionPage.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('touchpoint-audit');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(name: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const brands = await all<{ id: string; name: string }>('brands');
    const waves = await all<{ id: string; name: string }>('waves');
    const journeys = await all<{ id: string; brandId: string; waveId: string }>('journeys');
    db.close();
    return { brands, waves, journeys };
  });
}

async function walkOwnBrand(site: Page, panel: PanelPage, url: string) {
  await walkSite(site, panel, url, ['See plans', 'Choose Home 500']);
  await panel.step(2).getByRole('button', { name: 'Experience 2' }).click();
  await panel.step(2).getByLabel('Weak link', { exact: true }).check();
}

test('export → import into an empty profile → export again: the same records and image bytes', async ({
  context,
  extensionId,
  site,
  panel,
  otherProfile: other,
  demo,
}) => {
  test.setTimeout(120_000);
  await panel.createAudit('Round trip', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline', 'brightline.test', 'own');
  await walkOwnBrand(site, panel, demo.url('/brightline/'));
  await panel.button('Log offline contact').click();
  const offline = panel.page.getByRole('form', { name: 'Log offline contact' });
  await offline.getByLabel('What happened').fill('Callback after 26 hours');
  const photo = await site.screenshot({
    type: 'png',
    clip: { x: 0, y: 0, width: 200, height: 120 },
  });
  await offline
    .getByLabel('Evidence image (optional)')
    .setInputFiles({ name: 'call-notes.png', mimeType: 'image/png', buffer: photo });
  await offline.getByRole('button', { name: 'Add contact' }).click();
  // Three pages and the contact (a count of 3 here held only until the contact appeared).
  await expect(panel.steps()).toHaveCount(4);
  // An image attached to a step keeps its file name (as evidence of where it came from).
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  await panel.step(1).getByLabel('Attach an evidence image').setInputFiles({
    name: 'IMG_0001.png',
    mimeType: 'image/png',
    buffer: photo,
  });
  await expect(panel.page.getByRole('status')).toHaveText('Image attached to step 1.');
  // The audit method travels too: a stage of the audit's own, a type, a checklist answer, a
  // timer stopped by the callback, an action with its measure.
  await panel.step(1).getByLabel('Or your own stage').fill('Address check');
  await panel.step(1).getByLabel('Or your own stage').press('Enter');
  await expect(panel.page.getByRole('status')).toHaveText(
    'Stage “Address check” added to the audit; step 1 is in it.',
  );
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  await panel.step(2).getByLabel('Touchpoint type').selectOption('web-form');
  await panel.step(2).getByRole('button', { name: /^No: / }).first().click();
  await expect(panel.step(2).locator('.check-item.answer-no')).toHaveCount(1);
  await panel.step(2).getByRole('button', { name: 'Start timer' }).click();
  await expect(panel.page.getByRole('region', { name: 'Running timers' })).toBeVisible();
  await panel.button(/^Stop Callback after a web form at step \d+$/).click();
  await expect(panel.page.getByRole('region', { name: 'Running timers' })).toBeHidden();
  const action = panel.step(3).getByRole('form', { name: 'New action' });
  await panel.step(3).getByRole('button', { name: 'Details of step 3' }).click();
  await action.getByLabel('What to change').fill('Answer web forms within 2 hours');
  await action.getByLabel('Success metric').fill('callbacks within 2 h');
  await action.getByRole('button', { name: 'Add action' }).click();
  await expect(panel.page.getByRole('status')).toHaveText('Added: Answer web forms within 2 hours');
  // A step deleted before the export travels as a deletion.
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');
  await walkSite(site, panel, demo.url('/fastwave/'), ['See plans']);
  await panel.step(1).getByRole('button', { name: 'Delete step 1' }).click();
  await expect(panel.steps()).toHaveCount(1);
  const before = await readProfile(panel.page);
  expect(before.counts.touchpoints).toBe(5);

  const data = await DataPage.open(context, extensionId);
  await expect(data.page.getByTestId('storage-usage')).toContainText(/Stored: [\d.]+ (KB|MB)/);
  await expect(data.page.getByTestId('storage-persisted')).toContainText('Persistent storage is o');
  const first = test.info().outputPath('first.tpa.zip');
  const name = await data.exportBundle(first, { identity: true, userAgent: true, fileNames: true });
  expect(name).toMatch(/^touchpoint-audit-\d{4}-\d{2}-\d{2}\.tpa\.zip$/);

  const otherData = await DataPage.open(other.context, other.extensionId);
  await otherData.chooseBundle(first);
  await expect(otherData.count('Steps', 'New')).toHaveText('5');
  await expect(otherData.count('Journeys', 'New')).toHaveText('2');
  await expect(otherData.count('Images', 'New')).toHaveText('6');
  await otherData.preview().getByRole('button', { name: 'Import' }).click();
  await expect(otherData.page.getByRole('status')).toContainText('first.tpa.zip imported');
  // The new profile holds exactly what the bundle holds: every record, every image, every hash
  // (the source profile may have re-encoded its last capture as WebP since it was read above).
  const sent = JSON.parse(strFromU8(unzip(await readFile(first))['records.json']!)) as Record<
    string,
    { sha256?: string }[]
  >;
  const after = await readProfile(otherData.page);
  expect(after.counts).toEqual({
    audits: sent.audits!.length,
    journeys: sent.journeys!.length,
    touchpoints: sent.touchpoints!.length,
    screenshots: sent.screenshots!.length,
    images: sent.screenshots!.length,
    actionItems: sent.actionItems!.length,
  });
  expect(after.counts).toMatchObject({ touchpoints: 5, screenshots: 6 });
  expect(after.hashes).toEqual(sent.screenshots!.map((s) => s.sha256).sort());
  expect(after.mismatched).toEqual([]);

  const second = test.info().outputPath('second.tpa.zip');
  await otherData.exportBundle(second, { identity: true, userAgent: true, fileNames: true });
  const [a, b] = [unzip(await readFile(first)), unzip(await readFile(second))];
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  expect(strFromU8(b['records.json']!)).toBe(strFromU8(a['records.json']!));
  for (const path of Object.keys(a).filter((p) => p.startsWith('images/'))) {
    expect(Buffer.from(b[path]!).equals(Buffer.from(a[path]!)), path).toBe(true);
    const sha = createHash('sha256').update(a[path]!).digest('hex');
    expect(path).toContain(sha);
  }
  const records = JSON.parse(strFromU8(a['records.json']!)) as {
    deletions: { table: string }[];
    screenshots: { title: string; fileName: string; userAgent: string; mode: string }[];
  };
  expect(records.deletions.map((d) => d.table).sort()).toEqual(['screenshots', 'touchpoints']);
  const method = JSON.parse(strFromU8(a['records.json']!)) as {
    audits: { method: { stages: { name: string }[] } }[];
    journeys: { measurements: { standardId: string; endStepId: string | null }[] }[];
    touchpoints: { typeId: string | null; checks: { answer: string; source?: string }[] }[];
    actionItems: { what: string; metric: string }[];
  };
  expect(method.audits[0]!.method.stages.map((st) => st.name)).toEqual(['Address check']);
  expect(method.journeys.flatMap((j) => j.measurements)).toMatchObject([
    { standardId: 'callback-after-form', endStepId: expect.any(String) },
  ]);
  expect(method.touchpoints.filter((t) => t.typeId === 'web-form')).toHaveLength(1);
  // The auditor's answers (answers "from the page" made at capture are left unconfirmed).
  const answers = method.touchpoints.flatMap((t) => t.checks.filter((c) => !c.source));
  expect(answers.map((c) => c.answer)).toEqual(['no']);
  expect(method.actionItems).toMatchObject([
    { what: 'Answer web forms within 2 hours', metric: 'callbacks within 2 h' },
  ]);
  // Everything included was chosen: the upload's file name and the browser's user agent.
  expect(
    records.screenshots
      .map((s) => s.fileName)
      .filter(Boolean)
      .sort(),
  ).toEqual(['IMG_0001.png', 'call-notes.png']);
  expect(records.screenshots.every((s) => s.userAgent.includes('Chrome'))).toBe(true);

  // Importing the same bundle again changes nothing.
  await otherData.chooseBundle(first);
  await expect(otherData.preview()).toContainText(
    'Nothing to import: this browser already has everything in this bundle.',
  );

  // A bundle to share leaves out what was not chosen.
  const shared = test.info().outputPath('shared.tpa.zip');
  await data.exportBundle(shared, { audit: 'Round trip' });
  const sharedRecords = JSON.parse(strFromU8(unzip(await readFile(shared))['records.json']!)) as {
    includes: Record<string, boolean>;
    screenshots: { title: string; fileName: string; userAgent: string; mode: string }[];
  };
  expect(sharedRecords.includes).toEqual({ identity: false, userAgent: false, fileNames: false });
  expect(sharedRecords.screenshots.every((s) => s.fileName === '')).toBe(true);
  // The image attached to step 1 is titled like its step, so the evidence still says what it is.
  expect(
    sharedRecords.screenshots
      .filter((s) => s.mode === 'uploaded')
      .map((s) => s.title)
      .sort(),
  ).toEqual(['Brightline — Home internet', 'Callback after 26 hours']);
  expect(sharedRecords.screenshots.every((s) => s.userAgent === '')).toBe(true);
});

test("two auditors' bundles merge into one comparison; conflicts are listed; the newer edit wins", async ({
  context,
  extensionId,
  profile,
  site,
  panel: lead,
  otherProfile: auditor,
  demo,
}) => {
  test.setTimeout(150_000);
  // The lead sets up the audit and walks the own brand, then shares the audit.
  await lead.createAudit('Benchmark', 'Brightline', 'request a callback');
  await lead.createJourney('Brightline', 'brightline.test', 'own');
  await walkOwnBrand(site, lead, demo.url('/brightline/'));
  const leadData = await DataPage.open(context, extensionId);
  const setup = test.info().outputPath('setup.tpa.zip');
  await leadData.exportBundle(setup, { audit: 'Benchmark' });

  // The second auditor imports it, names themself, walks the competitor and edits a note.
  const theirData = await DataPage.open(auditor.context, auditor.extensionId);
  await theirData.chooseBundle(setup);
  await expect(theirData.count('Audits', 'New')).toHaveText('1');
  await theirData.preview().getByRole('button', { name: 'Import' }).click();
  await expect(theirData.page.getByRole('status')).toContainText('imported');
  const options = await auditor.open('options.html');
  await options
    .getByRole('form', { name: 'Auditor' })
    .getByLabel('Auditor (who walks it)')
    .fill('B. Petrov');
  await options
    .getByRole('form', { name: 'Auditor' })
    .getByRole('button', { name: 'Save' })
    .click();
  await expect(options.getByText('Auditor name saved.')).toBeVisible();
  const theirSite = await auditor.walkedTab();
  const theirPanel = await auditor.openPanel();
  await theirPanel.page
    .getByLabel('Journey', { exact: true })
    .selectOption({ label: 'Brightline' });
  await theirPanel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  await theirPanel
    .step(1)
    .getByLabel('Note', { exact: true })
    .fill('auditor: banner hides the price');
  await theirPanel.step(1).getByLabel('Note', { exact: true }).blur();
  await theirPanel.createJourney('Fastwave', 'fastwave.test', 'competitor');
  await expect(theirPanel.page.getByRole('region', { name: 'Active journey' })).toContainText(
    'walked by B. Petrov',
  );
  await walkSite(theirSite, theirPanel, demo.url('/fastwave/'), ['See plans', 'Choose Fibre 600']);

  // Meanwhile (later) the lead edits the same note.
  await lead.page.bringToFront();
  await lead.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  await lead.step(1).getByLabel('Note', { exact: true }).fill('lead: price only after address');
  await lead.step(1).getByLabel('Note', { exact: true }).blur();
  await expect(lead.step(1)).toBeVisible();

  const walked = test.info().outputPath('walked.tpa.zip');
  await theirData.page.bringToFront();
  await theirData.exportBundle(walked, { audit: 'Benchmark' });

  // The lead merges: one new journey with its steps, one conflict listed with its winner.
  await leadData.page.bringToFront();
  const before = await readProfile(leadData.page);
  await leadData.chooseBundle(walked);
  await expect(leadData.count('Journeys', 'New')).toHaveText('1');
  await expect(leadData.count('Steps', 'New')).toHaveText('3');
  const conflicts = leadData.preview().getByRole('list', { name: 'Conflicts' });
  await expect(conflicts.getByRole('listitem')).toHaveCount(1);
  await expect(conflicts).toContainText('Steps “1. Brightline — Home internet”: edited here');
  // Cancel first: nothing changes.
  await leadData.preview().getByRole('button', { name: 'Cancel' }).click();
  await expect(leadData.page.getByRole('status')).toHaveText('Import cancelled. Nothing changed.');
  expect(await readProfile(leadData.page)).toMatchObject(unchangedByImport(before));

  await leadData.chooseBundle(walked);
  await leadData.preview().getByRole('button', { name: 'Import' }).click();
  await expect(leadData.page.getByRole('status')).toContainText('walked.tpa.zip imported');
  const merged = await readProfile(leadData.page);
  expect(merged.counts.journeys).toBe(2);
  expect(merged.counts.touchpoints).toBe(6);
  expect(merged.steps.map((s) => s.note)).toContain('lead: price only after address');
  expect(merged.steps.map((s) => s.note)).not.toContain('auditor: banner hides the price');

  // The comparison shows both journeys, each with who walked it.
  const report = await profile.open('report.html');
  await expect(report.locator('.stages thead th')).toHaveText([
    'Stage',
    'Brightline (own) n = 1 walk',
    'Fastwave (competitor) n = 1 walk',
  ]);
  await expect(report.locator('.sequence').nth(1)).toContainText('walked by B. Petrov');

  // The same bundle again: nothing to do.
  await leadData.chooseBundle(walked);
  await expect(leadData.preview()).toContainText('Nothing to import');
  expect(await readProfile(leadData.page)).toMatchObject(unchangedByImport(merged));
});

test('the same brand typed by two auditors: the preview proposes one brand, and importing makes it one', async ({
  context,
  extensionId,
  panel: lead,
  otherProfile: auditor,
}) => {
  test.setTimeout(120_000);
  // The lead shares the audit before anyone walks it; the auditor imports it.
  await lead.createAudit('Skies', 'Skyport', 'book a flight');
  const leadData = await DataPage.open(context, extensionId);
  const setup = test.info().outputPath('setup.tpa.zip');
  await leadData.exportBundle(setup, { audit: 'Skies' });
  const theirData = await DataPage.open(auditor.context, auditor.extensionId);
  await theirData.chooseBundle(setup);
  await theirData.preview().getByRole('button', { name: 'Import' }).click();
  await expect(theirData.page.getByRole('status')).toContainText('imported');

  // Each starts a walk of the brand "Skyport" in the proposed first wave: two records of it.
  await lead.createJourney('Skyport', 'skyport.test', 'own');
  const theirPanel = await auditor.openPanel();
  await theirPanel.page
    .getByLabel('Audit', { exact: true })
    .selectOption({ label: 'Skies · Skyport' });
  await theirPanel.createJourney('Skyport', 'skyport.test', 'own', { persona: 'student' });
  const walked = test.info().outputPath('walked.tpa.zip');
  await theirData.page.bringToFront();
  await theirData.exportBundle(walked, { audit: 'Skies' });

  await leadData.page.bringToFront();
  const before = await readBrands(leadData.page);
  expect(before.brands.map((b) => b.name)).toEqual(['Skyport']);
  await leadData.chooseBundle(walked);
  const matches = leadData.preview().getByRole('list', { name: 'Proposed matches' });
  const brand = matches.getByRole('checkbox', {
    name: '“Skyport” in the file and “Skyport” here: one brand',
  });
  await expect(brand).toBeChecked();
  await expect(matches.getByRole('checkbox', { name: /: one wave$/ })).toBeChecked();
  // Ticked, the bundle's brand is not written: no brand to import at all (the row is left out).
  const brandsRow = leadData.preview().getByRole('row', { name: /^Brands\b/ });
  await expect(brandsRow).toHaveCount(0);
  await expect(leadData.count('Journeys', 'New')).toHaveText('1');
  // Unticked, the bundle's brand would be a second one; ticked again, it is one.
  await brand.uncheck();
  await expect(leadData.count('Brands', 'New')).toHaveText('1');
  await brand.check();
  await expect(brandsRow).toHaveCount(0);
  await leadData.preview().getByRole('button', { name: 'Import' }).click();
  await expect(leadData.page.getByRole('status')).toContainText('walked.tpa.zip imported');

  const after = await readBrands(leadData.page);
  expect(after.brands).toEqual(before.brands);
  expect(after.waves).toEqual(before.waves);
  expect(after.journeys).toHaveLength(2);
  expect(new Set(after.journeys.map((j) => j.brandId))).toEqual(new Set([before.brands[0]!.id]));

  // The same bundle again: nothing to do, nothing to choose.
  await leadData.chooseBundle(walked);
  await expect(leadData.preview()).toContainText('Nothing to import');
  await expect(leadData.preview().getByRole('checkbox')).toHaveCount(0);
});

test('a hostile bundle is refused whole with a message naming the file, and nothing changes', async ({
  context,
  extensionId,
  site,
  panel,
  demo,
}) => {
  await panel.createAudit('Target', '', '');
  await panel.createJourney('Brightline', 'brightline.test', 'own');
  await walkSite(site, panel, demo.url('/brightline/'), []);
  const data = await DataPage.open(context, extensionId);
  const good = test.info().outputPath('good.tpa.zip');
  await data.exportBundle(good);
  const before = await readProfile(data.page);

  // A real bundle with one extra entry that climbs out of its folder.
  const entries = unzip(await readFile(good));
  const evil = test.info().outputPath('evil.tpa.zip');
  await writeFile(evil, zipSync({ ...entries, '../../escape.txt': new TextEncoder().encode('x') }));
  await data.chooseBundle(evil);
  await expect(data.page.getByRole('alert')).toContainText(
    'evil.tpa.zip was not imported and nothing changed',
  );
  await expect(data.page.getByRole('alert')).toContainText('../../escape.txt');
  await expect(data.preview()).toHaveCount(0);

  // An empty file and a text file named like a bundle.
  const empty = test.info().outputPath('empty.tpa.zip');
  await writeFile(empty, '');
  await data.chooseBundle(empty);
  await expect(data.page.getByRole('alert')).toContainText('empty.tpa.zip was not imported');
  const text = test.info().outputPath('notes.tpa.zip');
  await writeFile(text, 'these are my notes, not a bundle');
  await data.chooseBundle(text);
  await expect(data.page.getByRole('alert')).toContainText('notes.tpa.zip was not imported');
  expect(await readProfile(data.page)).toMatchObject(unchangedByImport(before));
});

test('after 50 steps without a backup the panel reminds; Back up everything saves all and clears it', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const data = await DataPage.open(context, extensionId);
  const images = await renderImages(data.page, 55);
  const file = test.info().outputPath('generated.tpa.zip');
  await writeFile(file, await bundleBytes(generatedAudit(images, { journeys: 1 })));
  await data.chooseBundle(file);
  await expect(data.count('Steps', 'New')).toHaveText('55');
  await data.preview().getByRole('button', { name: 'Import' }).click();
  await expect(data.page.getByRole('status')).toContainText('generated.tpa.zip imported');

  const panel = await openPanel(context, extensionId);
  await expect(panel.steps()).toHaveCount(55);
  const reminder = panel.page.locator('.backup-reminder');
  await expect(reminder).toHaveText('55 steps are not backed up yet.');
  const [download] = await Promise.all([
    panel.page.waitForEvent('download'),
    panel.button('Back up everything').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^touchpoint-audit-backup-\d{4}-\d{2}-\d{2}\.tpa\.zip$/,
  );
  await expect(panel.page.getByRole('status')).toContainText(
    'Backup saved: touchpoint-audit-backup-',
  );
  await expect(reminder).toHaveCount(0);
  const backup = unzip(await readFile((await download.path())!));
  const records = JSON.parse(strFromU8(backup['records.json']!)) as {
    touchpoints: unknown[];
    includes: Record<string, boolean>;
  };
  expect(records.touchpoints).toHaveLength(55);
  expect(records.includes).toEqual({ identity: true, userAgent: true, fileNames: true });
  expect(Object.keys(backup).filter((p) => p.startsWith('images/'))).toHaveLength(110);
});
