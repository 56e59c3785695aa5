/**
 * What the page itself proves, benchmark of the answers (not of time): the built page-proofs
 * script (the one a capture injects) runs in headless Chromium at 1280×800 on the demo and lab
 * pages and on HTML templates from npm that no one here wrote (fetched with `npm pack` into a
 * temporary folder; left out, and said so, when the registry cannot be reached). Each page's
 * answers are compared with a ground truth written by hand from the page (TRUTH): how many of the
 * applicable items were pre-answered, and how many of those the auditor had to change. Prints
 * figures; asserts only that the script ran.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '../e2e/fixtures';
import { proofAnswersOf } from '../../lib/capture/page-proofs';
import { PROOF_IDS, type ProofId } from '../../lib/taxonomy';

type Truth = Partial<Record<ProofId, 'yes' | 'no'>>;

/**
 * The right answer of each item that applies to the page, written by hand from the page (an item
 * left out does not apply: no form means no form items). At 1280×800.
 */
const TRUTH: Record<string, Truth> = {
  // The demo sites (test/fixtures/sites): Brightline's support line is in the footer (below the
  // first screen but on short pages), Fastwave's in its header; £ prices; no chat widget.
  'brightline/index.html': {
    'phone-first-screen': 'no',
    'price-currency': 'no',
    'chat-widget': 'no',
    'page-language': 'yes',
  },
  'brightline/catalogue.html': {
    'phone-first-screen': 'no',
    'price-currency': 'yes',
    'chat-widget': 'no',
    'page-language': 'yes',
  },
  'brightline/product.html': {
    'phone-first-screen': 'no',
    'price-currency': 'yes',
    'chat-widget': 'no',
    'page-language': 'yes',
  },
  'brightline/contact.html': {
    'phone-first-screen': 'no',
    'consent-checkbox': 'no',
    'form-fields': 'yes',
    'required-fields': 'yes',
    'chat-widget': 'no',
    'page-language': 'yes',
  },
  // A short page: its footer's support line is within the first 800 px.
  'brightline/thanks.html': {
    'phone-first-screen': 'yes',
    'chat-widget': 'no',
    'page-language': 'yes',
  },
  'fastwave/index.html': {
    'phone-first-screen': 'yes',
    'price-currency': 'yes',
    'chat-widget': 'no',
    'page-language': 'yes',
  },
  'fastwave/catalogue.html': {
    'phone-first-screen': 'yes',
    'price-currency': 'yes',
    'chat-widget': 'no',
    'page-language': 'yes',
  },
  'fastwave/product.html': {
    'phone-first-screen': 'yes',
    'price-currency': 'yes',
    'chat-widget': 'no',
    'page-language': 'yes',
  },
  'fastwave/contact.html': {
    'phone-first-screen': 'yes',
    'consent-checkbox': 'no',
    'form-fields': 'yes',
    'required-fields': 'yes',
    'chat-widget': 'no',
    'page-language': 'yes',
  },
  'fastwave/thanks.html': {
    'phone-first-screen': 'yes',
    'chat-widget': 'no',
    'page-language': 'yes',
  },
  'hostile/index.html': { 'phone-first-screen': 'no', 'chat-widget': 'no', 'page-language': 'yes' },
  'lab/identity-form.html': {
    'consent-checkbox': 'no',
    'form-fields': 'no',
    'required-fields': 'yes',
    'page-language': 'yes',
  },
  'lab/oklch.html': { 'price-currency': 'yes', 'page-language': 'yes' },
};

/** Templates from npm (package@version → its HTML files and their truth). */
const TEMPLATES: Record<string, Record<string, Truth>> = {
  // Its template leaves lang="" to fill in: no language declared.
  'html5-boilerplate@9.0.1': { 'dist/index.html': { 'page-language': 'no' } },
  'startbootstrap-creative@7.0.7': {
    'dist/index.html': {
      'phone-first-screen': 'no',
      'form-fields': 'yes',
      // All four are required by the template's script (data-sb-validations), not by markup.
      'required-fields': 'no',
      'consent-checkbox': 'no',
      'chat-widget': 'no',
      'page-language': 'yes',
    },
  },
  'startbootstrap-resume@7.0.6': {
    'dist/index.html': { 'phone-first-screen': 'yes', 'chat-widget': 'no', 'page-language': 'yes' },
  },
  'startbootstrap-sb-admin@7.0.7': {
    'dist/login.html': { 'form-fields': 'yes', 'required-fields': 'yes', 'page-language': 'yes' },
    'dist/register.html': {
      'form-fields': 'yes',
      'required-fields': 'yes',
      'page-language': 'yes',
    },
    'dist/tables.html': { 'price-currency': 'yes', 'page-language': 'yes' },
  },
  'startbootstrap-sb-admin-2@4.1.4': {
    'login.html': { 'form-fields': 'yes', 'required-fields': 'yes', 'page-language': 'yes' },
    'register.html': { 'form-fields': 'yes', 'required-fields': 'yes', 'page-language': 'yes' },
    'index.html': { 'price-currency': 'yes', 'page-language': 'yes' },
  },
  'startbootstrap-simple-sidebar@6.0.6': { 'dist/index.html': { 'page-language': 'yes' } },
};

/** The built script a capture injects (release build, or WXT_OUT_DIR's). */
function builtScript(): string {
  const out = process.env.WXT_OUT_DIR ?? '.output';
  for (const dir of ['chrome-mv3', 'chrome-mv3-e2e']) {
    const file = path.join(out, dir, 'page-proofs.js');
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error(`No page-proofs.js under ${out}: build the extension first.`);
}

/** The templates unpacked in a temporary folder, or why they are not there. */
function unpackTemplates(): { dir: string } | { missing: string } {
  const dir = path.join(os.tmpdir(), 'touchpoint-proof-templates');
  mkdirSync(dir, { recursive: true });
  try {
    for (const spec of Object.keys(TEMPLATES)) {
      const target = path.join(dir, spec);
      if (existsSync(target)) continue;
      const tgz = execFileSync('npm', ['pack', spec, '--silent'], { cwd: dir, encoding: 'utf8' });
      mkdirSync(target, { recursive: true });
      execFileSync('tar', ['xzf', path.join(dir, tgz.trim()), '-C', target]);
    }
    return { dir };
  } catch (error) {
    return { missing: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

interface Row {
  page: string;
  applicable: number;
  preAnswered: number;
  changed: number;
  wrong: string[];
  extra: string[];
}

function score(page: string, reply: unknown, truth: Truth): Row {
  const answers = proofAnswersOf(reply);
  const row: Row = { page, applicable: 0, preAnswered: 0, changed: 0, wrong: [], extra: [] };
  for (const proof of PROOF_IDS) {
    const right = truth[proof];
    const given = answers.get(proof);
    if (right) row.applicable++;
    if (!given) continue;
    if (!right) {
      // Answered where the item does not apply: the auditor sets it to N/A.
      row.extra.push(`${proof}=${given.answer} (${given.evidence})`);
      row.changed++;
      continue;
    }
    row.preAnswered++;
    if (given.answer !== right) {
      row.changed++;
      row.wrong.push(`${proof}=${given.answer}, truth ${right} (${given.evidence})`);
    }
  }
  return row;
}

function summary(label: string, rows: Row[]) {
  const sum = (key: 'applicable' | 'preAnswered' | 'changed') =>
    rows.reduce((total, row) => total + row[key], 0);
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((100 * a) / b)} %`);
  console.log(
    `${label}: ${rows.length} pages; pre-answered ${sum('preAnswered')} of ${sum('applicable')} applicable items (${pct(sum('preAnswered'), sum('applicable'))}); the auditor changed ${sum('changed')} (${pct(sum('changed'), sum('preAnswered') + rows.reduce((t, r) => t + r.extra.length, 0))} of the answers given)`,
  );
  for (const row of rows) {
    const notes = [...row.wrong, ...row.extra.map((e) => `not applicable: ${e}`)];
    console.log(
      `  ${row.page}: ${row.preAnswered}/${row.applicable}${notes.length ? ` — ${notes.join('; ')}` : ''}`,
    );
  }
}

test('pre-answered checklist items on the demo and on npm templates', async ({ context, demo }) => {
  test.setTimeout(240_000);
  const script = builtScript();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const run = async (url: string) => {
    await page.goto(url);
    await page.waitForLoadState('load');
    return page.evaluate(script) as Promise<unknown>;
  };

  const demoRows: Row[] = [];
  for (const [file, truth] of Object.entries(TRUTH)) {
    const reply = await run(demo.url(`/${file}`));
    expect(reply, file).toHaveProperty('lang');
    demoRows.push(score(file, reply, truth));
  }
  summary('Demo and lab pages', demoRows);

  const templates = unpackTemplates();
  if ('missing' in templates) {
    console.log(`npm templates left out: ${templates.missing}`);
    return;
  }
  const templateRows: Row[] = [];
  for (const [spec, files] of Object.entries(TEMPLATES)) {
    const root = path.join(templates.dir, spec, 'package');
    expect(readdirSync(root).length).toBeGreaterThan(0);
    for (const [file, truth] of Object.entries(files)) {
      const reply = await run(pathToFileURL(path.join(root, file)).href);
      templateRows.push(score(`${spec}/${file}`, reply, truth));
    }
  }
  summary('npm templates', templateRows);
});
