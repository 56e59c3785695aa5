/** Page objects for the extension's pages, found by accessible names (as a screen reader would). */
import { expect } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';

/** A browser running a profile with the extension loaded. */
export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
}

/** The auditor's identity as typed in Options. */
export interface Identity {
  name: string;
  email: string;
  phone: string;
}

/** A running profile: opens the extension's pages in it. */
export class Profile implements ExtensionSession {
  readonly context: BrowserContext;
  readonly extensionId: string;

  constructor(session: ExtensionSession) {
    this.context = session.context;
    this.extensionId = session.extensionId;
  }

  /** Opens an extension page (e.g. `report.html`) in a new tab. */
  async open(path: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${this.extensionId}/${path}`);
    return page;
  }

  /** The walked tab: the first tab of the profile's normal window. */
  async walkedTab(): Promise<Page> {
    return this.context.pages()[0] ?? (await this.context.newPage());
  }

  /** The side panel in a pop-up beside the walked tab (see {@link openPanel}). */
  openPanel(): Promise<PanelPage> {
    return openPanel(this.context, this.extensionId);
  }

  /** The side panel's page opened in a tab (e.g. after a restart, to read what it shows). */
  async panelTab(): Promise<PanelPage> {
    return new PanelPage(await this.open('sidepanel.html'));
  }
}

/**
 * Opens the side panel UI in a pop-up window beside the walked tab, so that the walked tab stays
 * the active tab of the normal window (which is what the real side panel captures).
 */
export async function openPanel(context: BrowserContext, extensionId: string): Promise<PanelPage> {
  const opener = await context.newPage();
  await opener.goto(`chrome-extension://${extensionId}/report.html`);
  const [panel] = await Promise.all([
    context.waitForEvent('page', (p) => p.url().includes('/sidepanel.html')),
    opener.evaluate(() => {
      const api = (
        globalThis as unknown as { chrome: { windows: { create(o: object): Promise<unknown> } } }
      ).chrome;
      return api.windows.create({ url: 'sidepanel.html', type: 'popup', width: 460, height: 900 });
    }),
  ]);
  await opener.close();
  await panel.waitForLoadState();
  return new PanelPage(panel);
}

export class PanelPage {
  constructor(readonly page: Page) {}

  button(name: string | RegExp) {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  steps() {
    return this.page.getByRole('region', { name: 'Steps' }).locator('ol.step-list > li');
  }

  step(n: number) {
    return this.page.getByRole('listitem', { name: new RegExp(`^Step ${n}:`) });
  }

  async createAudit(name: string, client: string, task: string) {
    const form = this.page.getByRole('form', { name: 'New audit' });
    if (!(await form.isVisible())) await this.button('New audit').first().click();
    await form.getByLabel('Audit name').fill(name);
    await form.getByLabel('Client').fill(client);
    await form.getByLabel('Default customer task').fill(task);
    await form.getByRole('button', { name: 'Create audit' }).click();
    await expect(form).toBeHidden();
  }

  /**
   * Starts a walk with the New journey form: the audit's brand of that name when it has one (its
   * domain and role as they are), else a new brand; the wave proposed (the latest, or "Wave 1"
   * this month), or the wave named `options.wave` (a new one with the proposed days when the audit
   * has none of that name).
   */
  async createJourney(
    brand: string,
    domain: string,
    role: 'own' | 'competitor' | 'benchmark',
    options: { persona?: string; wave?: string; auditor?: string } = {},
  ) {
    const form = this.page.getByRole('form', { name: 'New journey' });
    if (!(await form.isVisible())) await this.button('New journey').click();
    const brandPicker = form.getByLabel('Brand', { exact: true });
    const existing = (await brandPicker.isVisible())
      ? (await brandPicker.locator('option').allTextContents()).find((label) =>
          label.startsWith(`${brand} (`),
        )
      : undefined;
    if (existing) {
      await brandPicker.selectOption({ label: existing });
    } else {
      if (await brandPicker.isVisible()) await brandPicker.selectOption({ label: 'New brand…' });
      await form.getByLabel('Brand name').fill(brand);
      await form.getByLabel('Brand domain').fill(domain);
      await form.getByLabel('Brand role').selectOption(role);
    }
    if (options.wave) {
      const wavePicker = form.getByLabel('Wave', { exact: true });
      const wave = (await wavePicker.isVisible())
        ? (await wavePicker.locator('option').allTextContents()).find((label) =>
            label.startsWith(`${options.wave} · `),
          )
        : undefined;
      if (wave) {
        await wavePicker.selectOption({ label: wave });
      } else {
        if (await wavePicker.isVisible()) await wavePicker.selectOption({ label: 'New wave…' });
        await form.getByLabel('Wave name').fill(options.wave);
      }
    }
    await form
      .getByLabel('Persona / segment')
      .fill(options.persona ?? 'Family of four, first-time buyer');
    if (options.auditor !== undefined)
      await form.getByLabel('Auditor (who walks it)').fill(options.auditor);
    await form.getByRole('button', { name: 'Create journey' }).click();
    await expect(form).toBeHidden();
    await expect(this.page.getByRole('region', { name: 'Active journey' })).toContainText(brand);
  }

  /** Opens the Method page of the chosen audit with the “Method” button. */
  async openMethod(): Promise<Page> {
    const [method] = await Promise.all([
      this.page.context().waitForEvent('page', (p) => p.url().includes('/method.html?audit=')),
      this.button('Method').click(),
    ]);
    await method.waitForLoadState();
    return method;
  }

  /** Opens the annotation editor of screenshot 1 of step `n` from the step's Details. */
  async openAnnotator(n: number): Promise<Page> {
    await this.step(n)
      .getByRole('button', { name: `Details of step ${n}` })
      .click();
    const [editor] = await Promise.all([
      this.page.context().waitForEvent('page', (p) => p.url().includes('/annotate.html')),
      this.step(n)
        .getByRole('button', { name: `Annotate / redact screenshot 1 of step ${n}` })
        .click(),
    ]);
    await editor.waitForLoadState();
    return editor;
  }

  /**
   * Presses Capture and waits for the confirmation of step `expectedSeq` (which also says when
   * sensitive fields were covered; `redacted` expects that).
   */
  async capture(expectedSeq: number, redacted = false) {
    await this.button('Capture page').click();
    await expect(this.page.getByRole('status')).toHaveText(
      `Step ${expectedSeq} captured.${redacted ? ' Sensitive fields were covered.' : ''}`,
    );
  }
}

/** Walks a demo site from its home page to the thank-you page, capturing every page. */
export async function walkSite(
  site: Page,
  panel: PanelPage,
  homeUrl: string,
  links: string[],
  firstSeq = 1,
) {
  await site.bringToFront();
  await site.goto(homeUrl);
  await panel.capture(firstSeq);
  for (const [i, link] of links.entries()) {
    await site.bringToFront();
    const target = site
      .getByRole('link', { name: link, exact: true })
      .or(site.getByRole('button', { name: link, exact: true }));
    await target.first().click();
    await site.waitForLoadState('load');
    await panel.capture(firstSeq + i + 1);
  }
}

/** The Backups and bundles page. */
export class DataPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<DataPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/data.html`);
    await expect(page.getByRole('heading', { name: 'Backups and bundles' })).toBeVisible();
    return new DataPage(page);
  }

  /** Exports a bundle (all audits, or the audit named `audit`) and saves it at `path`. */
  async exportBundle(
    path: string,
    options: { audit?: string; identity?: boolean; userAgent?: boolean; fileNames?: boolean } = {},
  ): Promise<string> {
    const section = this.page.getByRole('region', { name: 'Export a bundle to share' });
    await section
      .getByLabel('What to export')
      .selectOption(options.audit ? { label: options.audit } : { label: 'All audits' });
    const checks: [string, boolean | undefined][] = [
      ['My identity', options.identity],
      ['Browser details', options.userAgent],
      ['Original names of uploaded files', options.fileNames],
    ];
    for (const [label, on] of checks) {
      await section.getByLabel(label).setChecked(Boolean(on));
    }
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      section.getByRole('button', { name: 'Export bundle' }).click(),
    ]);
    await download.saveAs(path);
    await expect(this.page.getByRole('status')).toContainText('Bundle saved');
    return download.suggestedFilename();
  }

  /**
   * Chooses a bundle file; resolves when its preview (or the refusal) is shown. Reading a bundle
   * checks every image's hash and bytes, so a large one takes a while: waits up to `timeout`.
   */
  async chooseBundle(path: string, timeout = 5_000) {
    await this.page.getByLabel('Choose a bundle file…').setInputFiles(path);
    await expect(
      this.page
        .getByRole('region', { name: 'What this import would do' })
        .or(this.page.getByRole('alert')),
    ).toBeVisible({ timeout });
  }

  preview() {
    return this.page.getByRole('region', { name: 'What this import would do' });
  }

  /** The preview's count in one cell, e.g. count('Steps', 'New'); '' when zero. */
  count(records: string, column: string) {
    const table = this.preview().getByRole('table');
    const columns = [
      'New',
      'Will change',
      'Kept as here',
      'Unchanged',
      'Not imported',
      'To Recently deleted',
    ];
    return table
      .getByRole('row', { name: new RegExp(`^${records}\\b`) })
      .getByRole('cell')
      .nth(columns.indexOf(column));
  }
}

/** Saves the auditor's identity in Options (covered in every capture from then on). */
export async function setIdentity(
  context: BrowserContext,
  extensionId: string,
  identity: Identity,
) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const form = options.getByRole('form', { name: 'Your identity (redacted automatically)' });
  await form.getByLabel('Your name').fill(identity.name);
  await form.getByLabel('Your email').fill(identity.email);
  await form.getByLabel('Your phone').fill(identity.phone);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText(
    'Saved. Your details will be covered in new captures.',
  );
  await options.close();
}
