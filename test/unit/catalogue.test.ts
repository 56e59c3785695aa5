/**
 * Editable categories and channels, and step tags: labels resolved through the audit's method
 * (custom, hidden, missing ids), choices, the tag plan and its limits, the store's tag writes and
 * reads, the CSV's tags column with hostile text, and the report's steps by tag (means by hand).
 */
import { describe, expect, it } from 'vitest';
import { tagActionsOver } from '../../lib/controllers/panel-tags';
import { planTags, tagCounts } from '../../lib/controllers/tags';
import { translator } from '../../lib/i18n';
import { EMPTY_METHOD, type AuditMethod } from '../../lib/model';
import { CSV_COLUMNS, renderCsv } from '../../lib/report/csv';
import { buildReport } from '../../lib/report/model';
import { tagGroups } from '../../lib/report/tags';
import {
  categoryChoices,
  categoryLabel,
  channelChoices,
  channelLabel,
  definesChannel,
  isOfflineChannel,
  putCategory,
  putChannel,
  resolveChannels,
} from '../../lib/taxonomy';
import { createWalk, testStore } from './helpers';

const METHOD: AuditMethod = {
  ...EMPTY_METHOD,
  categories: [
    { id: 'staff', name: 'People on the line', hidden: false },
    { id: 'premises', name: '', hidden: true },
    { id: 'own-cat', name: 'Partners', hidden: false },
  ],
  channels: [
    { id: 'pigeon', name: 'Carrier pigeon', offline: true, hidden: false },
    { id: 'sms', name: '', offline: true, hidden: true },
  ],
};

describe('labels through the audit’s method', () => {
  it('renamed, built-in, own and missing ids', () => {
    expect(categoryLabel('staff', 'en', METHOD)).toBe('People on the line');
    expect(categoryLabel('staff', 'en')).toBe('Staff');
    expect(categoryLabel('premises', 'ru', METHOD)).toBe('Офис и помещения');
    expect(categoryLabel('own-cat', 'en', METHOD)).toBe('Partners');
    expect(categoryLabel('own-cat', 'en')).toBe('Unknown category');
    expect(channelLabel('gone', 'ru', METHOD)).toBe('Неизвестный канал');
    expect(channelLabel('pigeon', 'ru', METHOD)).toBe('Carrier pigeon');
    expect(isOfflineChannel('pigeon', METHOD)).toBe(true);
    expect(isOfflineChannel('website', METHOD)).toBe(false);
    expect(definesChannel(METHOD, 'pigeon')).toBe(true);
    expect(definesChannel(EMPTY_METHOD, 'pigeon')).toBe(false);
  });

  it('hidden ones are offered only where used; own ones after the built-ins', () => {
    const values = (list: { value: string }[]) => list.map((c) => c.value);
    expect(values(categoryChoices(METHOD, 'en'))).toEqual([
      'communications',
      'product',
      'technology',
      'staff',
      'materials',
      'own-cat',
    ]);
    expect(values(categoryChoices(METHOD, 'en', 'premises'))).toContain('premises');
    expect(values(channelChoices(METHOD, 'en', undefined, { offline: true }))).toEqual([
      'phone',
      'email',
      'messenger',
      'office',
      'document',
      'delivery',
      'print',
      'other',
      'pigeon',
    ]);
    // A channel the method does not define, in use: still shown, under the fallback.
    expect(channelChoices(METHOD, 'en', 'gone').at(-1)).toEqual({
      value: 'gone',
      label: 'Unknown channel',
    });
    expect(resolveChannels(METHOD)).toHaveLength(17);
  });

  it('stores only changes: a built-in put back as it ships leaves the list', () => {
    const renamed = putCategory(EMPTY_METHOD, { id: 'staff', name: 'Team', hidden: false });
    expect(renamed.categories).toEqual([{ id: 'staff', name: 'Team', hidden: false }]);
    expect(putCategory(renamed, { id: 'staff', name: '', hidden: false })).toEqual(EMPTY_METHOD);
    const offline = putChannel(EMPTY_METHOD, {
      id: 'website',
      name: '',
      offline: true,
      hidden: false,
    });
    expect(offline.channels).toHaveLength(1);
    expect(putChannel(offline, { id: 'website', name: '', offline: false, hidden: false })).toEqual(
      EMPTY_METHOD,
    );
  });
});

describe('the tag plan', () => {
  it('splits on commas, trims, refuses duplicates (any case), long and extra tags', () => {
    const long = 'x'.repeat(41);
    expect(planTags(['Price'], ` price , delivery,, Delivery ,${long}, ok `)).toEqual({
      add: ['delivery', 'ok'],
      duplicates: ['price'],
      twice: ['Delivery'],
      tooLong: [long],
      tooMany: [],
    });
    expect(planTags(['a'], 'b, c, d', { length: 40, count: 3 })).toEqual({
      add: ['b', 'c'],
      duplicates: [],
      twice: [],
      tooLong: [],
      tooMany: ['d'],
    });
    expect(planTags([], 'x'.repeat(40)).add).toEqual(['x'.repeat(40)]);
  });

  it('counts each tag once per step, most used spelling', () => {
    expect(tagCounts([{ tags: ['Price', 'price'] }, { tags: ['price'] }, { tags: ['b'] }])).toEqual(
      [
        { tag: 'price', steps: 2 },
        { tag: 'b', steps: 1 },
      ],
    );
  });
});

/** Own brand (2 walks' worth of steps in one walk) and a rival, tagged, scored, one weak link. */
async function taggedAudit() {
  const { store, clock } = testStore();
  const audit = await store.createAudit({ name: 'Tags', client: '', defaultTask: '' });
  const own = await createWalk(store, {
    auditId: audit.id,
    brandName: 'Brightline',
    brandRole: 'own',
  });
  const rival = await createWalk(store, {
    auditId: audit.id,
    brandName: 'Rival',
    brandRole: 'competitor',
  });
  const add = async (journeyId: string, title: string, experience: number | null) => {
    const step = await store.addStep({
      journeyId,
      kind: 'offline',
      url: null,
      title,
      at: clock.now(),
    });
    return store.updateStep(step.id, { experience });
  };
  const a = await add(own.id, '=HYPERLINK("x")', 4);
  const b = await add(own.id, 'Form', 1);
  const c = await add(own.id, 'Unscored', null);
  const d = await add(rival.id, 'Rival form', 5);
  await add(rival.id, 'Untagged', 3);
  const actions = tagActionsOver(store, () => translator('en'));
  const first = await actions.addTags(a, '=cmd|calc, price');
  await actions.addTags(b, 'Price, form');
  await actions.addTags(c, 'price');
  await actions.addTags(d, 'PRICE');
  return { store, clock, audit, first, a, b, actions };
}

describe('tags in the store, the CSV and the report', () => {
  it('writes in one transaction on the stored step, says what it refused', async () => {
    const { store, audit, first, a, actions } = await taggedAudit();
    expect(first).toEqual({
      text: 'Tag added to step 1: “=cmd|calc”, “price”.'.replace('Tag added', 'Tags added'),
      problem: false,
      keep: '',
    });
    const again = await actions.addTags(a, 'Price, ' + 'y'.repeat(45));
    expect(again.problem).toBe(true);
    expect(again.keep).toBe('y'.repeat(45));
    expect(again.text).toContain('already has the tag “Price”');
    expect(again.text).toContain('has 45 characters; a tag has at most 40');
    expect(await actions.auditTags(audit.id)).toEqual([
      { tag: 'price', steps: 4 },
      { tag: '=cmd|calc', steps: 1 },
      { tag: 'form', steps: 1 },
    ]);
    expect(await actions.removeTag(a, 'PRICE')).toBe('Tag “PRICE” removed from step 1.');
    expect((await store.listSteps(a.journeyId))[0]!.tags).toEqual(['=cmd|calc']);
  });

  it('the CSV’s tags column neutralises a formula', async () => {
    const { store, clock, audit } = await taggedAudit();
    const csv = renderCsv(buildReport(await store.readAudit(audit.id), {}, clock.now()), 'en');
    const tags = CSV_COLUMNS.indexOf('tags');
    const cells = (line: string) => line.match(/"(?:[^"]|"")*"/g)!;
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(cells(lines[0]!)).toHaveLength(CSV_COLUMNS.length);
    expect(cells(lines[1]!)[tags]).toBe(`"'=cmd|calc, price"`);
    expect(cells(lines[2]!)[tags]).toBe('"Price, form"');
  });

  it('groups the steps by tag: mean experience per brand by hand', async () => {
    const { store, clock, audit } = await taggedAudit();
    const model = buildReport(await store.readAudit(audit.id), {}, clock.now());
    const groups = tagGroups(model);
    expect(groups.map((g) => [g.tag, g.steps.length])).toEqual([
      ['price', 4],
      ['=cmd|calc', 1],
      ['form', 1],
    ]);
    const [own, rival] = model.brands.map((b) => b.brand.name);
    expect([own, rival]).toEqual(['Brightline', 'Rival']);
    // price: own steps 4, 1 and unscored → (4 + 1) / 2 = 2.5 over 2 of 3; rival 5 over 1 of 1.
    expect(groups[0]!.brands.map((c) => [c.steps, c.scored, c.experience])).toEqual([
      [3, 2, 2.5],
      [1, 1, 5],
    ]);
    // Experience 1 makes "Form" a weak link (poor experience): one in "price", one in "form".
    expect(groups[0]!.weak).toBe(1);
    expect(groups[2]!.brands.map((c) => c.experience)).toEqual([1, null]);
  });
});
