import { describe, expect, it } from 'vitest';
import { REPORT_CSS } from '../../components/report/report-css';
import { renderReportDocument, reportCsp } from '../../components/report/document';
import { buildReport } from '../../lib/report/model';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

const HOSTILE = '<img src=x onerror=alert(1)>';

async function hostileReport() {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  const step = await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://x.test/?q=<script>alert(1)</script>',
    title: HOSTILE,
    at: clock.now(),
    images: [fakeImage()],
  });
  await store.updateStep(step.id, { note: '</p><script>alert(2)</script>', weakLink: true });
  await store.addStep({
    journeyId: rival.id,
    kind: 'offline',
    url: null,
    title: '"><svg onload=alert(3)>',
    at: clock.now(),
    channel: 'email',
  });
  return buildReport(await store.readAudit(audit.id), {}, clock.now());
}

async function annotatedReport() {
  const { store, clock } = testStore();
  const { audit, own } = await auditWithJourneys(store);
  const step = await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://brightline.test/plans',
    title: 'Plans',
    at: clock.now(),
    viewport: { width: 1280, height: 800 },
    devicePixelRatio: 1,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chromium/156',
    images: [fakeImage()],
  });
  const [shot] = await store.listScreenshots([step.id]);
  await store.updateAnnotations(shot!.id, [
    { kind: 'box', x: 10, y: 20, width: 300, height: 120, color: 'red' },
    { kind: 'arrow', x1: 400, y1: 300, x2: 320, y2: 150, color: 'blue' },
    { kind: 'text', x: 40, y: 400, text: HOSTILE, color: 'yellow' },
  ]);
  await store.replaceImage(shot!.id, {
    ...fakeImage('redacted', 4321),
    sha256: 'd'.repeat(64),
    redacted: true,
  });
  return buildReport(await store.readAudit(audit.id), { brandIds: [own.brandId] }, clock.now());
}

describe('HTML export', () => {
  it('embeds each image once, however often the report shows it', async () => {
    const model = await annotatedReport();
    const [shot] = model.journeys[0]!.steps[0]!.screenshots;
    const dataUrl = `data:image/jpeg;base64,${'A'.repeat(4000)}`;
    const html = await renderReportDocument(model, 'en', () => ({ use: 'img-one' }), [
      { id: 'img-one', width: shot!.width, height: shot!.height, dataUrl },
    ]);
    // Shown twice (side by side and in the sequence), embedded once.
    expect(html.split(dataUrl)).toHaveLength(2);
    expect(html.match(/<use href="#img-one"/g)).toHaveLength(2);
    expect(html).toContain('<image id="img-one" href="data:image/jpeg;base64,');
    expect(html.match(/<svg class="shot-img" role="img" aria-label="Step 1: Plans"/g)).toHaveLength(
      2,
    );
    expect(html).not.toContain('<img ');
  });

  it('never marks a brand whose walks were abandoned as best for fewest touches', async () => {
    const { store, clock } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    const step = (journeyId: string, title: string) =>
      store.addStep({ journeyId, kind: 'page', url: 'https://x.test/', title, at: clock.now() });
    await step(own.id, 'O home');
    await step(rival.id, 'R home');
    await step(rival.id, 'R form');
    const render = async () =>
      renderReportDocument(
        buildReport(await store.readAudit(audit.id), {}, clock.now()),
        'en',
        () => undefined,
      );
    const bestRow = (html: string) =>
      [...html.matchAll(/<tr data-brand="([^"]+)"[^>]*>(?:(?!<\/tr>).)*class="best"/gs)].map(
        (m) => m[1],
      );
    expect(bestRow(await render())).toEqual([own.brandId]);
    await store.finishJourney(own.id, 'abandoned');
    expect(bestRow(await render())).toEqual([]);
    await store.finishJourney(rival.id, 'goal-reached');
    // One journey left that got there: nothing to beat, nothing marked.
    expect(bestRow(await render())).toEqual([]);
  });

  it('draws annotations as an SVG overlay in image pixels, with note text as text', async () => {
    const html = await renderReportDocument(
      await annotatedReport(),
      'en',
      () => 'data:image/jpeg;base64,AAAA',
    );
    // One overlay on the side-by-side thumbnail and one on the full image, both in image pixels.
    expect(html.match(/<svg class="annotations" viewBox="0 0 1280 800"/g)).toHaveLength(2);
    expect(html).toContain(
      '<rect x="10" y="20" width="300" height="120" fill="none" stroke="#e0262b"',
    );
    expect(html).toMatch(/<line x1="400" y1="300" x2="[\d.]+" y2="[\d.]+" stroke="#1f6fe5"/);
    expect(html).toMatch(/<polygon points="320,150 [\d., -]+" fill="#1f6fe5"/);
    expect(html).toMatch(/<tspan x="40" y="\d+">&lt;img src=x onerror=alert\(1\)><\/tspan>/);
    expect(html).not.toContain('<img src=x');
    // Drawn with SVG presentation attributes only: the CSP allows no inline style.
    expect(html).not.toMatch(/ style="/);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('marks redacted steps and lists every image with its evidence and hash', async () => {
    const html = await renderReportDocument(
      await annotatedReport(),
      'en',
      () => 'data:image/jpeg;base64,AAAA',
    );
    expect(html).toContain('<span class="flag flag-redacted">Redacted</span>');
    const evidence = html.slice(html.indexOf('<section class="evidence">'));
    expect(evidence).toContain('Evidence: every image and its SHA-256');
    expect(evidence).toContain('sha256sum');
    const row = evidence.slice(evidence.indexOf('<tr data-screenshot='));
    for (const cell of [
      '<td>Brightline</td>',
      '<td>1</td>',
      '1 · visible area',
      'https://brightline.test/plans',
      '1280 × 800 · 1',
      'Mozilla/5.0 (X11; Linux x86_64) Chromium/156',
      `<code class="sha">${'d'.repeat(64)}</code>`,
      '4321 bytes',
    ]) {
      expect(row, cell).toContain(cell);
    }
  });

  it('renders hostile titles, notes and URLs as text, never as markup', async () => {
    const html = await renderReportDocument(
      await hostileReport(),
      'en',
      () => 'data:image/jpeg;base64,AAAA',
    );
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script');
    // The report draws SVG charts of its own; no element anywhere has an event handler.
    expect(html).not.toContain('<svg onload');
    // (Attribute values are text, hostile ones included: left out of this check.)
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+=/i);
    // Text content: "<" is escaped (a lone ">" in text is inert).
    expect(html).toContain('<span class="step-title">&lt;img src=x onerror=alert(1)></span>');
    expect(html).toContain('<p class="note">&lt;/p>&lt;script>alert(2)&lt;/script></p>');
    expect(html).toContain('<span class="step-title">&quot;>&lt;svg onload=alert(3)></span>');
  });

  it('is self-contained: a strict CSP whose style hash matches the only style block', async () => {
    const html = await renderReportDocument(
      await hostileReport(),
      'ru',
      () => 'data:image/jpeg;base64,AAAA',
    );
    const csp = await reportCsp(REPORT_CSS);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(html).toContain(`content="${csp.replace(/'/g, '&#39;')}"`);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
    expect(html).not.toMatch(/ style="/);
    expect(html).not.toMatch(/(src|href)="(?!data:|https?:)/);
    expect(html).toContain('lang="ru"');
    expect(html).toContain('Сравнение по этапам');
  });
});
