/**
 * Export slides: a small audit walked in the panel (two brands, ours walked twice in two personas,
 * scores, an action, an idea) is exported from the report page as a PowerPoint file, converted to
 * PDF by LibreOffice (headless, its own fresh profile) and read back: one page per slide, the
 * audit, the brands with their n, the consultant's conclusions, the segments, the action, the
 * screenshots with their address and time, no slide for a section left out of the report; then
 * again in Russian. LibreOffice and poppler-utils are required: CI installs them (.ci/run);
 * without them this test fails and says what to install.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { walkSite } from './pages';

const run = promisify(execFile);

/**
 * title, summary, conclusions, scorecard, key figures, segments (persona × brand, the gap named),
 * information gathering (our three steps over two slides), contact, action plan, ideas; no league
 * table (left out of the report).
 */
const EXPECTED_SLIDES = 12;

/** The full path of `command` on PATH; fails the test, saying what to install, when it is not there. */
function required(command: string, apt: string): string {
  const found = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, command))
    .find((path) => existsSync(path));
  if (!found)
    throw new Error(
      `${command} is not installed, and this test needs it to check the exported slides. ` +
        `Install it: apt-get install --no-install-recommends ${apt} (CI's .ci/run does).`,
    );
  return found;
}

/** The programs that read the slides back (checked before the test walks anything). */
function tools() {
  return {
    soffice: required('soffice', 'libreoffice-impress'),
    pdftotext: required('pdftotext', 'poppler-utils'),
    pdfinfo: required('pdfinfo', 'poppler-utils'),
    pdfimages: required('pdfimages', 'poppler-utils'),
  };
}

interface Converted {
  slides: number;
  pages: number;
  text: string;
  images: number;
}

/** Clicks the button, saves the .pptx, converts it to PDF with LibreOffice and reads it back. */
async function exportAndConvert(
  report: Page,
  button: string,
  name: RegExp,
  tag: string,
  { soffice, pdftotext, pdfinfo, pdfimages }: ReturnType<typeof tools>,
): Promise<Converted> {
  const [download] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: button, exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(name);
  const dir = await mkdtemp(join(tmpdir(), 'slides-e2e-'));
  // A fresh LibreOffice profile per conversion: parallel runs do not share (or lock) one.
  const profile = await mkdtemp(join(tmpdir(), 'lo-'));
  try {
    const pptx = join(dir, download.suggestedFilename());
    await download.saveAs(pptx);
    const zip = unzipSync(new Uint8Array(await readFile(pptx)));
    const slides = Object.keys(zip).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        pptx,
      ],
      { timeout: 120_000 },
    );
    const pdf = join(dir, basename(pptx).replace(/\.pptx$/, '.pdf'));
    expect(existsSync(pdf), `LibreOffice made no PDF of ${pptx}`).toBe(true);
    const info = (await run(pdfinfo, [pdf])).stdout;
    const text = (await run(pdftotext, ['-enc', 'UTF-8', pdf, '-'])).stdout;
    // SLIDES_KEEP=<dir> keeps the files to look at (e.g. pdftoppm -png -r 50 file.pdf page).
    const keep = process.env.SLIDES_KEEP;
    if (keep) {
      await mkdir(keep, { recursive: true });
      const stem = join(keep, `${basename(pptx, '.pptx')}-${tag}`);
      await copyFile(pptx, `${stem}.pptx`);
      await copyFile(pdf, `${stem}.pdf`);
    }
    const images = (await run(pdfimages, ['-list', pdf])).stdout.trim().split('\n').slice(2).length;
    return {
      slides,
      pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
      text: text.replace(/\s+/g, ' '),
      images,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
}

test('Export slides: a PowerPoint file with a slide per part of the report, in English and Russian', async ({
  profile,
  site,
  panel,
  demo,
}) => {
  test.setTimeout(240_000);
  const programs = tools();

  // Our brand: three pages, scored; the third is the contact stage; an action on the second.
  await panel.createAudit('Slides benchmark', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  await walkSite(site, panel, demo.url('/brightline/'), ['See plans', 'Choose Home 500']);
  await panel.step(1).getByRole('button', { name: 'Experience 4' }).click();
  await panel.step(2).getByRole('button', { name: 'Experience 2' }).click();
  await panel.step(3).getByRole('button', { name: 'Experience 3' }).click();
  await panel.step(3).getByRole('button', { name: 'Details of step 3' }).click();
  await panel.step(3).getByLabel('Stage', { exact: true }).selectOption('contact');
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  const action = panel.step(2).getByRole('form', { name: 'New action' });
  await action.getByLabel('What to change').fill('Show prices upfront');
  await action.getByLabel('Owner (person or department)').fill('Web team');
  await action.getByLabel('Success metric').fill('form starts');
  await action.getByRole('button', { name: 'Add action' }).click();
  await expect(panel.page.getByRole('status')).toHaveText('Added: Show prices upfront');

  // The competitor: two pages, the first a wow with an idea to borrow.
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');
  await walkSite(site, panel, demo.url('/fastwave/'), ['See plans']);
  await panel.step(1).getByRole('button', { name: 'Experience 5' }).click();
  await panel.step(2).getByRole('button', { name: 'Experience 4' }).click();
  await panel.step(1).getByLabel('Wow', { exact: true }).check();
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  const idea = panel.step(1).getByRole('form', { name: 'New idea to borrow' });
  await idea.getByLabel('Idea to borrow (what they do well)').fill('Price calculator');
  await idea.getByRole('button', { name: 'Add idea' }).click();
  await expect(panel.page.getByRole('status')).toHaveText('Idea added: Price calculator');

  // Our brand again, as another persona: one page.
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own', {
    persona: 'Student',
  });
  await walkSite(site, panel, demo.url('/brightline/'), []);

  const report = await profile.open('report.html');
  await expect(report.getByRole('heading', { name: 'Slides benchmark' })).toBeVisible();
  // What goes in: the consultant's conclusions, no league table.
  await report.getByText('What goes into the report').click();
  const contents = report.locator('details.report-contents');
  await contents.getByLabel('Conclusions').fill('Callbacks are too slow; prices come too late.');
  await contents.getByLabel('Conclusions').blur();
  await expect(report.locator('.summary .consultant')).toHaveText(
    'Callbacks are too slow; prices come too late.',
  );
  // The box shows the saved choice: it is unticked once the report's settings are written.
  const league = contents.getByRole('checkbox', { name: 'League table' });
  await league.click();
  await expect(league).not.toBeChecked();
  await expect(contents).toContainText('left out: 1 sections');

  const en = await exportAndConvert(
    report,
    'Export slides',
    /^slides-benchmark-\d{4}-\d{2}-\d{2}-slides\.pptx$/,
    'en',
    programs,
  );
  expect(en.slides).toBe(EXPECTED_SLIDES);
  expect(en.pages).toBe(EXPECTED_SLIDES);
  for (const words of [
    'Slides benchmark',
    'Client: Brightline',
    'Wave compared: ',
    'Executive summary',
    'Brightline Internet (own) · n = 2',
    'Fastwave (competitor) · n = 1',
    'Conclusions and recommendations',
    'Callbacks are too slow; prices come too late.',
    'Segments: persona × brand',
    'No walk of persona “Student” at Fastwave (competitor).',
    'Side by side: Information gathering',
    'Side by side: Contact / communication',
    'missing',
    'Show prices upfront',
    'Web team',
    'Price calculator',
    // Under each screenshot: its address and when it was captured.
    new URL(demo.url('/brightline/')).host,
  ])
    expect(en.text, words).toContain(words);
  expect(en.text).toMatch(/\b\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\b/);
  expect(en.text).not.toContain('League table');
  // Each step's first screenshot: our four and the rival's two.
  expect(en.images).toBeGreaterThanOrEqual(6);

  // The same report in Russian: the slides follow the report's language.
  await report.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await expect(report.getByRole('button', { name: 'Экспорт слайдов' })).toBeVisible();
  const ru = await exportAndConvert(
    report,
    'Экспорт слайдов',
    /^slides-benchmark-\d{4}-\d{2}-\d{2}-slides\.pptx$/,
    'ru',
    programs,
  );
  expect(ru.slides).toBe(EXPECTED_SLIDES);
  expect(ru.pages).toBe(EXPECTED_SLIDES);
  for (const words of [
    'Краткие выводы',
    'Выводы и рекомендации',
    'Сегменты: персона × бренд',
    'План мер',
    'Бренды рядом: Сбор информации',
    'нет',
  ])
    expect(ru.text, words).toContain(words);
  expect(ru.text).toContain('Show prices upfront');
});
