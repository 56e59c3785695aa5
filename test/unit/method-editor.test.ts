/**
 * The method editor (components/method-editor/): an audit stores only what differs from the
 * built-in method. The pure put* rules (lib/taxonomy/method-overrides.ts) are tested directly; every other edit lives in the
 * editor's handlers, so the editor is rendered into a linkedom document and driven through its
 * controls, and each MethodChange it emits is applied to the method as the page would.
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MethodEditor, type MethodChange, type MethodUsage } from '../../components/method-editor';
import { translator } from '../../lib/i18n';
import {
  AuditMethod,
  EMPTY_METHOD,
  type ChecklistTemplate,
  type Standard,
  type TouchpointType,
} from '../../lib/model';
import {
  builtinChecklist,
  builtinType,
  checklistName,
  isBuiltinChecklist,
  isBuiltinStandard,
  isBuiltinType,
  putChecklist,
  putStandard,
  putType,
  resolveChecklists,
  resolveStandards,
  resolveTypes,
  stageOptions,
  standardName,
  storedName,
  typeName,
  type Locale,
} from '../../lib/taxonomy';

// Each test renders the whole Method page (every built-in type, checklist item and standard, the
// stages after the sale included): seconds each on a loaded machine.
vi.setConfig({ testTimeout: 30_000 });

const NO_USAGE: MethodUsage = { steps: [], measurements: [] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// ---------------------------------------------------------------------------------------------
// A DOM for Preact (the unit tests run in Node).

const dom = parseHTML('<!doctype html><html><body></body></html>') as unknown as {
  window: Window & typeof globalThis;
  document: Document;
};
const saved = { window: globalThis.window, document: globalThis.document };
beforeAll(() => Object.assign(globalThis, { window: dom.window, document: dom.document }));
// Preact runs effects (and their clean-ups) up to 100 ms late without requestAnimationFrame.
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 200));
  Object.assign(globalThis, saved);
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const fire = (target: Element, type: string): void => {
  target.dispatchEvent(new dom.window.Event(type));
};

/** Sets a property the browser would set (linkedom lacks some), fires the event, then forgets it. */
function fireWith(target: Element, key: 'value' | 'valueAsNumber', value: unknown, type: string) {
  Object.defineProperty(target, key, { value, configurable: true, writable: true });
  fire(target, type);
  delete (target as unknown as Record<string, unknown>)[key];
}

type Section = 'types' | 'stages' | 'checklists' | 'standards';

/** The editor on one audit's method: every change is applied, checked and drawn again. */
class Editor {
  method: AuditMethod;
  readonly changes: MethodChange[] = [];
  readonly refusals: string[] = [];
  /** Every method the editor produced, in order. */
  readonly history: AuditMethod[] = [];
  private pending: MethodChange[] = [];
  private readonly root = dom.document.createElement('div');

  constructor(
    readonly locale: Locale = 'en',
    readonly usage: MethodUsage = NO_USAGE,
    method: AuditMethod = EMPTY_METHOD,
  ) {
    this.method = method;
    dom.document.body.appendChild(this.root);
    this.draw();
  }

  close() {
    render(null, this.root);
    this.root.remove();
  }

  private draw() {
    render(
      h(MethodEditor, {
        t: translator(this.locale),
        locale: this.locale,
        method: this.method,
        usage: this.usage,
        onChange: (change) => this.pending.push(change),
        onRefuse: (text) => this.refusals.push(text),
      }),
      this.root,
    );
  }

  /** Runs a UI action, then applies what it emitted as the page does (and checks each result). */
  async act(action: () => void | Promise<void>): Promise<MethodChange[]> {
    await action();
    await tick();
    const emitted = this.pending;
    this.pending = [];
    for (const change of emitted) this.apply(change);
    return emitted;
  }

  apply(change: MethodChange) {
    const next = change.apply(this.method);
    // Every stored method is valid and already in its canonical (trimmed) form.
    expect(AuditMethod.parse(next)).toEqual(next);
    this.changes.push(change);
    this.history.push(next);
    this.method = next;
    this.draw();
  }

  private section(name: Section): Element {
    const section = this.root.querySelector(`#method-${name}`);
    if (!section) throw new Error(`no section ${name}`);
    return section;
  }

  /** The one control with this accessible name (aria-label, or a label's text) in a section. */
  control<E extends Element = HTMLInputElement>(name: Section, label: string, scope?: Element): E {
    const within = scope ?? this.section(name);
    const byAria = [...within.querySelectorAll('[aria-label]')].filter(
      (el) => el.getAttribute('aria-label') === label,
    );
    const byLabel = [...within.querySelectorAll('label[for]')]
      .filter((el) => el.textContent === label)
      .map((el) => within.querySelector(`[id="${el.getAttribute('for')}"]`));
    // A checkbox inside its label (class "check"), named by the label's text.
    const wrapped = [...within.querySelectorAll('label:not([for])')]
      .filter((el) => el.textContent === label)
      .map((el) => el.querySelector('input'));
    const found = [...byAria, ...byLabel, ...wrapped].filter((el) => el !== null);
    if (found.length !== 1) throw new Error(`${found.length} controls named ${label}`);
    return found[0] as E;
  }

  has(name: Section, label: string): boolean {
    return [...this.section(name).querySelectorAll('[aria-label]')].some(
      (el) => el.getAttribute('aria-label') === label,
    );
  }

  private form(label: string): Element {
    const form = [...this.root.querySelectorAll('form')].find(
      (el) => el.getAttribute('aria-label') === label,
    );
    if (!form) throw new Error(`no form ${label}`);
    return form;
  }

  private async type(input: Element, text: string) {
    fire(input, 'focus');
    fireWith(input, 'value', text, 'input');
    await tick();
  }

  /** Types into a CommitText and leaves it (which commits). */
  commitText(name: Section, label: string, text: string) {
    return this.act(async () => {
      const input = this.control(name, label);
      await this.type(input, text);
      fire(input, 'blur');
    });
  }

  select(name: Section, label: string, value: string) {
    return this.act(() => fireWith(this.control(name, label), 'value', value, 'change'));
  }

  number(name: Section, label: string, value: number) {
    return this.act(() => fireWith(this.control(name, label), 'valueAsNumber', value, 'change'));
  }

  check(name: Section, label: string, checked: boolean, scope?: Element) {
    return this.act(() => {
      const box = this.control(name, label, scope);
      box.checked = checked;
      fire(box, 'change');
    });
  }

  click(name: Section, label: string) {
    return this.act(() => fire(this.control(name, label), 'click'));
  }

  /** Fills an "Add …" form (text fields typed, selects chosen) and submits it. */
  submit(formLabel: string, fields: Record<string, string | number>) {
    return this.act(async () => {
      const form = this.form(formLabel);
      for (const [label, value] of Object.entries(fields)) {
        const control = this.control<Element>('types', label, form); // the form is the scope
        if (control.tagName === 'SELECT') fireWith(control, 'value', value, 'change');
        else if (typeof value === 'number') fireWith(control, 'valueAsNumber', value, 'input');
        else await this.type(control, value);
        await tick();
      }
      fire(form, 'submit');
    });
  }

  // Display names as the editor shows them (its controls are named after them).
  typeName(id: string) {
    return typeName(resolveTypes(this.method).find((type) => type.id === id)!, this.locale);
  }
  checklistName(id: string) {
    const template = resolveChecklists(this.method).find((entry) => entry.id === id)!;
    return checklistName(template, this.locale);
  }
  standardName(id: string) {
    const standard = resolveStandards(this.method).find((entry) => entry.id === id)!;
    return standardName(standard, this.locale);
  }
  /** The <details> of a checklist (its controls' names repeat across checklists). */
  checklistCard(id: string): Element {
    const name = this.checklistName(id);
    const card = [...this.section('checklists').querySelectorAll('details.method-template')].find(
      (el) => el.querySelector('.template-name')?.textContent === name,
    );
    if (!card) throw new Error(`no checklist ${name}`);
    return card;
  }
}

async function withEditor(
  test: (editor: Editor) => Promise<void>,
  options: { locale?: Locale; usage?: MethodUsage; method?: AuditMethod } = {},
) {
  const editor = new Editor(options.locale, options.usage, options.method);
  try {
    await test(editor);
  } finally {
    editor.close();
  }
}

const builtinTypeEntry = (id: string): TouchpointType =>
  resolveTypes(EMPTY_METHOD).find((type) => type.id === id)!;
const builtinTemplate = (id: string): ChecklistTemplate =>
  resolveChecklists(EMPTY_METHOD).find((entry) => entry.id === id)!;
const builtinStandardEntry = (id: string): Standard =>
  resolveStandards(EMPTY_METHOD).find((entry) => entry.id === id)!;

// ---------------------------------------------------------------------------------------------

describe('putType, putChecklist, putStandard', () => {
  it('store a changed built-in under its id, replacing an earlier override in place', () => {
    const hidden = { ...builtinTypeEntry('faq'), hidden: true };
    const renamed = { ...builtinTypeEntry('web-form'), name: 'Form' };
    let method = putType(putType(EMPTY_METHOD, hidden), renamed);
    expect(method.types).toEqual([hidden, renamed]);
    const again = { ...hidden, channel: 'email' as const };
    method = putType(method, again);
    expect(method.types).toEqual([again, renamed]);
  });

  it('drop an override that is the built-in as it ships', () => {
    const method = putType(EMPTY_METHOD, { ...builtinTypeEntry('faq'), hidden: true });
    expect(putType(method, builtinTypeEntry('faq'))).toEqual(EMPTY_METHOD);
    // A name of spaces is the built-in wording.
    expect(putType(method, { ...builtinTypeEntry('faq'), name: '  ' })).toEqual(EMPTY_METHOD);
    // Storing the built-in form of an entry not stored leaves the method as it was.
    expect(putType(method, builtinTypeEntry('web-form'))).toEqual(method);
  });

  it('never drop an entry of the audit’s own, even one shaped like a built-in', () => {
    const own = { ...builtinTypeEntry('faq'), id: crypto.randomUUID() };
    expect(putType(EMPTY_METHOD, own).types).toEqual([own]);
    const template = { ...builtinTemplate('web-form'), id: crypto.randomUUID() };
    expect(putChecklist(EMPTY_METHOD, template).checklists).toEqual([template]);
    const standard = { ...builtinStandardEntry('email-reply'), id: crypto.randomUUID() };
    expect(putStandard(EMPTY_METHOD, standard).standards).toEqual([standard]);
  });

  it('compare a checklist’s types and stages as sets but its items in order', () => {
    const template = builtinTemplate('site-first-screen');
    const reordered = { ...template, types: [...template.types].reverse() };
    expect(putChecklist(EMPTY_METHOD, reordered)).toEqual(EMPTY_METHOD);
    const items = [...template.items];
    [items[0], items[1]] = [items[1]!, items[0]!];
    expect(putChecklist(EMPTY_METHOD, { ...template, items }).checklists).toHaveLength(1);
    const fewer = { ...template, items: template.items.slice(1) };
    expect(putChecklist(EMPTY_METHOD, fewer).checklists).toEqual([fewer]);
    const attached = { ...template, stages: ['offer'] };
    expect(putChecklist(EMPTY_METHOD, attached).checklists).toEqual([attached]);
  });

  it('compare a standard field by field, answer channels as a set', () => {
    const standard = builtinStandardEntry('offer-received');
    const channels = { ...standard, answerChannels: [...standard.answerChannels].reverse() };
    expect(putStandard(EMPTY_METHOD, channels)).toEqual(EMPTY_METHOD);
    for (const change of [
      { target: 2 },
      { unit: 'days' as const },
      { measure: 'duration' as const },
      { answerChannels: ['email' as const] },
      { hidden: true },
      { name: 'Offer' },
    ]) {
      const entry = { ...standard, ...change };
      expect(putStandard(EMPTY_METHOD, entry).standards).toEqual([entry]);
    }
  });
});

describe('storedName', () => {
  const builtin = { en: 'Web form', ru: 'Веб-форма' };

  it('stores the built-in wording as "" when cleared or typed as the built-in name', () => {
    expect(storedName('', builtin, 'en')).toBe('');
    expect(storedName('   ', builtin, 'ru')).toBe('');
    expect(storedName(' Web form ', builtin, 'en')).toBe('');
    expect(storedName('Веб-форма', builtin, 'ru')).toBe('');
  });

  it('keeps any other name, trimmed — the other language’s wording too', () => {
    expect(storedName('  Request form ', builtin, 'en')).toBe('Request form');
    expect(storedName('Веб-форма', builtin, 'en')).toBe('Веб-форма');
  });

  it('refuses an empty name for an entry of the audit’s own', () => {
    expect(storedName('  ', undefined, 'en')).toBeNull();
    expect(storedName(' Mine ', undefined, 'en')).toBe('Mine');
  });
});

describe('touchpoint types in the editor', () => {
  it('renaming a built-in stores one override with all its fields; renaming back removes it', () =>
    withEditor(async (editor) => {
      await editor.commitText('types', 'Name of “Web form”', '  Request form ');
      expect(editor.method).toEqual({
        ...EMPTY_METHOD,
        types: [
          {
            id: 'web-form',
            name: 'Request form',
            category: 'technology',
            stage: 'contact',
            channel: 'website',
            hidden: false,
          },
        ],
      });
      await editor.commitText('types', 'Name of “Request form”', 'Web form');
      expect(editor.method).toEqual(EMPTY_METHOD);

      await editor.commitText('types', 'Name of “Web form”', 'Request form');
      await editor.commitText('types', 'Name of “Request form”', '');
      expect(editor.method).toEqual(EMPTY_METHOD);
      expect(editor.refusals).toEqual([]);
    }));

  it('renaming back keeps the override while another field still differs', () =>
    withEditor(async (editor) => {
      await editor.select('types', 'Channel of “FAQ”', 'email');
      await editor.commitText('types', 'Name of “FAQ”', 'Questions');
      await editor.commitText('types', 'Name of “Questions”', '');
      expect(editor.method.types).toEqual([{ ...builtinTypeEntry('faq'), channel: 'email' }]);
      await editor.select('types', 'Channel of “FAQ”', 'website');
      expect(editor.method).toEqual(EMPTY_METHOD);
    }));

  it('the Russian built-in wording counts as the built-in name in Russian', () =>
    withEditor(
      async (editor) => {
        await editor.commitText('types', 'Название «Веб-форма заявки»', 'Заявка');
        expect(editor.method.types).toEqual([{ ...builtinTypeEntry('web-form'), name: 'Заявка' }]);
        await editor.commitText('types', 'Название «Заявка»', 'Веб-форма заявки');
        expect(editor.method).toEqual(EMPTY_METHOD);
      },
      { locale: 'ru' },
    ));

  it('hiding stores the built-in as hidden; showing it again removes the override', () =>
    withEditor(async (editor) => {
      await editor.check('types', 'Hide “Callback”', true);
      expect(editor.method.types).toEqual([{ ...builtinTypeEntry('callback'), hidden: true }]);
      await editor.check('types', 'Hide “Callback”', false);
      expect(editor.method).toEqual(EMPTY_METHOD);
    }));

  it('Reset puts a changed built-in back (and can be undone); unchanged ones have no Reset', () =>
    withEditor(async (editor) => {
      expect(editor.has('types', 'Reset “Callback” to built-in')).toBe(false);
      await editor.check('types', 'Hide “Callback”', true);
      await editor.select('types', 'Stage of “Callback”', 'offer');
      const stored = editor.method;
      const [reset] = await editor.click('types', 'Reset “Callback” to built-in');
      expect(editor.method).toEqual(EMPTY_METHOD);
      expect(editor.has('types', 'Reset “Callback” to built-in')).toBe(false);
      editor.apply(reset!.undo!);
      expect(editor.method).toEqual(stored);
    }));

  it('adds a type of the audit’s own under a new id and deletes it', () =>
    withEditor(async (editor) => {
      await editor.submit('Add a type', {
        Name: '  Chat bot ',
        'Touchpoint category': 'technology',
        Stage: 'information',
        Channel: 'messenger',
      });
      const [own] = editor.method.types;
      expect(own).toEqual({
        id: expect.stringMatching(UUID),
        name: 'Chat bot',
        category: 'technology',
        stage: 'information',
        channel: 'messenger',
        hidden: false,
      });
      expect(isBuiltinType(own!.id)).toBe(false);
      // Its name is required: clearing it is refused.
      await editor.commitText('types', 'Name of “Chat bot”', ' ');
      expect(editor.refusals).toEqual(['Give it a name: an empty name is not saved.']);
      expect(editor.method.types).toEqual([own]);
      // Hiding and showing it keeps it (it is not a built-in).
      await editor.check('types', 'Hide “Chat bot”', true);
      await editor.check('types', 'Hide “Chat bot”', false);
      expect(editor.method.types).toEqual([own]);
      await editor.click('types', 'Delete “Chat bot”');
      expect(editor.method).toEqual(EMPTY_METHOD);
    }));

  it('refuses to delete a type of its own that a step uses', async () => {
    const own: TouchpointType = { ...builtinTypeEntry('faq'), id: crypto.randomUUID(), name: 'X' };
    const method = { ...EMPTY_METHOD, types: [own] };
    const usage: MethodUsage = {
      steps: [{ seq: 3, journey: 'Brand', typeId: own.id, checklists: [], checks: [] }],
      measurements: [],
    };
    await withEditor(
      async (editor) => {
        expect(await editor.click('types', 'Delete “X”')).toEqual([]);
        expect(editor.refusals).toHaveLength(1);
        expect(editor.method).toBe(method);
      },
      { method, usage },
    );
  });
});

describe('checklists in the editor', () => {
  const TEMPLATE = 'site-first-screen';

  it('a built-in item’s weight stores the whole template, untouched items keeping text ""', () =>
    withEditor(async (editor) => {
      const card = editor.checklistCard(TEMPLATE);
      await editor.act(() =>
        fireWith(
          editor.control('checklists', 'Weight of question 2 of “Website: first screen”', card),
          'valueAsNumber',
          3,
          'change',
        ),
      );
      const builtin = builtinChecklist(TEMPLATE)!;
      expect(editor.method.checklists).toEqual([
        {
          id: TEMPLATE,
          name: '',
          types: [...builtin.types],
          stages: [],
          items: builtin.items.map((item, i) => ({
            id: item.id,
            text: '',
            weight: i === 1 ? 3 : item.weight,
            critical: item.critical,
          })),
          hidden: false,
        },
      ]);
      expect(editor.has('checklists', 'Reset “Website: first screen” to built-in')).toBe(true);
      await editor.click('checklists', 'Reset “Website: first screen” to built-in');
      expect(editor.method).toEqual(EMPTY_METHOD);
    }));

  it('setting the weight back, or detaching and re-attaching a type, removes the override', () =>
    withEditor(async (editor) => {
      const weight = 'Weight of question 1 of “Website: first screen”';
      await editor.number('checklists', weight, 2);
      expect(editor.method.checklists).toHaveLength(1);
      await editor.number('checklists', weight, builtinChecklist(TEMPLATE)!.items[0]!.weight);
      expect(editor.method).toEqual(EMPTY_METHOD);

      const card = () => editor.checklistCard(TEMPLATE);
      await editor.check('checklists', 'Home page', false, card());
      expect(editor.method.checklists[0]!.types).toEqual(['landing-page']);
      await editor.check('checklists', 'Home page', true, card());
      expect(editor.method).toEqual(EMPTY_METHOD);
    }));

  it('refuses a weight outside 1–10', () =>
    withEditor(async (editor) => {
      for (const weight of [0, 11, 2.5, Number.NaN])
        await editor.number('checklists', 'Weight of question 1 of “Web form”', weight);
      expect(editor.changes).toEqual([]);
      expect(editor.refusals).toHaveLength(4);
    }));

  it('a question reworded to its built-in wording is stored as ""', () =>
    withEditor(async (editor) => {
      const question = 'Question 1 of “Website: first screen”';
      await editor.commitText('checklists', question, 'What does it do?');
      expect(editor.method.checklists[0]!.items[0]!.text).toBe('What does it do?');
      await editor.commitText('checklists', question, builtinChecklist(TEMPLATE)!.items[0]!.en);
      expect(editor.method).toEqual(EMPTY_METHOD);
    }));

  it('adds a checklist of its own under a new id and deletes it', () =>
    withEditor(async (editor) => {
      await editor.submit('Add a checklist', { 'Checklist name': 'Delivery' });
      const [own] = editor.method.checklists;
      expect(own).toMatchObject({ id: expect.stringMatching(UUID), name: 'Delivery', items: [] });
      expect(isBuiltinChecklist(own!.id)).toBe(false);
      await editor.click('checklists', 'Delete “Delivery”');
      expect(editor.method).toEqual(EMPTY_METHOD);
    }));
});

describe('custom stages in the editor', () => {
  it('a rename reaches the types and checklists that use the stage, and the steps', async () => {
    const ownType: TouchpointType = {
      ...builtinTypeEntry('faq'),
      id: crypto.randomUUID(),
      name: 'Trial call',
      stage: 'Trial',
    };
    const ownTemplate: ChecklistTemplate = {
      id: crypto.randomUUID(),
      name: 'Trial',
      types: [],
      stages: ['offer', 'Trial'],
      items: [],
      hidden: false,
    };
    const method: AuditMethod = {
      types: [ownType, { ...builtinTypeEntry('meeting'), stage: 'Trial' }],
      stages: [
        { name: 'Trial', after: 'offer' },
        { name: 'Other', after: null },
      ],
      checklists: [{ ...builtinTemplate('web-form'), stages: ['Trial'] }, ownTemplate],
      standards: [],
    };
    await withEditor(
      async (editor) => {
        const [change] = await editor.commitText('stages', 'Name of “Trial”', ' Pilot ');
        expect(change!.renamedStages).toEqual([{ from: 'Trial', to: 'Pilot' }]);
        expect(editor.method).toEqual({
          types: [
            { ...ownType, stage: 'Pilot' },
            { ...builtinTypeEntry('meeting'), stage: 'Pilot' },
          ],
          stages: [
            { name: 'Pilot', after: 'offer' },
            { name: 'Other', after: null },
          ],
          checklists: [
            { ...builtinTemplate('web-form'), stages: ['Pilot'] },
            { ...ownTemplate, stages: ['offer', 'Pilot'] },
          ],
          standards: [],
        });
      },
      { method },
    );
  });

  it('a type’s department committed and its control chosen before a redraw both stay', () =>
    withEditor(async (editor) => {
      const department = editor.control('types', 'Owning department of “Web form”');
      const control = editor.control<HTMLSelectElement>('types', 'Who controls “Web form”');
      // Both in one go: the page has not redrawn between them (a blur, then a choice).
      await editor.act(async () => {
        fire(department, 'focus');
        fireWith(department, 'value', 'Digital sales', 'input');
        await tick();
        fire(department, 'blur');
        fireWith(control, 'value', 'partner', 'change');
      });
      expect(editor.method.types.find((t) => t.id === 'web-form')?.owner).toEqual({
        department: 'Digital sales',
        control: 'partner',
      });
    }));

  it('a custom stage takes a customer status of its own, and back to that of the stage before', () =>
    withEditor(
      async (editor) => {
        await editor.select('stages', 'Customer status of “Trial”', 'customer');
        expect(editor.method.stages).toEqual([
          { name: 'Trial', after: 'offer', status: 'customer' },
        ]);
        await editor.select('stages', 'Customer status of “Trial”', '');
        expect(editor.method).toEqual({
          ...EMPTY_METHOD,
          stages: [{ name: 'Trial', after: 'offer' }],
        });
        expect(editor.refusals).toEqual([]);
      },
      { method: { ...EMPTY_METHOD, stages: [{ name: 'Trial', after: 'offer' }] } },
    ));

  it('a stage cannot take the name of another stage, built-in or custom', () =>
    withEditor(
      async (editor) => {
        for (const name of ['Offer', 'offer', 'Коммерческое предложение', 'other', ''])
          await editor.commitText('stages', 'Name of “Trial”', name);
        expect(editor.changes).toEqual([]);
        expect(editor.refusals).toHaveLength(5);
      },
      {
        method: {
          ...EMPTY_METHOD,
          stages: [
            { name: 'Trial', after: 'offer' },
            { name: 'Other', after: null },
          ],
        },
      },
    ));

  it('a stage in use is not removed; an unused one is', () =>
    withEditor(
      async (editor) => {
        await editor.click('stages', 'Remove stage “Trial”');
        expect(editor.changes).toEqual([]);
        expect(editor.refusals).toHaveLength(1);
        await editor.click('types', 'Reset “FAQ” to built-in');
        await editor.click('stages', 'Remove stage “Trial”');
        expect(editor.method).toEqual(EMPTY_METHOD);
      },
      {
        method: {
          ...EMPTY_METHOD,
          types: [{ ...builtinTypeEntry('faq'), stage: 'Trial' }],
          stages: [{ name: 'Trial', after: 'offer' }],
        },
      },
    ));
});

describe('standards in the editor', () => {
  const NAME = 'Callback after a web form';

  it('a target or unit change stores the whole standard; Reset removes it', () =>
    withEditor(async (editor) => {
      await editor.number('standards', `Target of “${NAME}”`, 3);
      expect(editor.method.standards).toEqual([
        { ...builtinStandardEntry('callback-after-form'), target: 3 },
      ]);
      await editor.select('standards', `Unit of “${NAME}”`, 'minutes');
      expect(editor.method.standards).toEqual([
        { ...builtinStandardEntry('callback-after-form'), target: 3, unit: 'minutes' },
      ]);
      await editor.click('standards', `Reset “${NAME}” to built-in`);
      expect(editor.method).toEqual(EMPTY_METHOD);
    }));

  it('setting target and unit back removes the override without a Reset', () =>
    withEditor(async (editor) => {
      await editor.select('standards', `Unit of “${NAME}”`, 'days');
      await editor.number('standards', `Target of “${NAME}”`, 0.5);
      await editor.number('standards', `Target of “${NAME}”`, 2);
      expect(editor.method.standards).toHaveLength(1);
      await editor.select('standards', `Unit of “${NAME}”`, 'hours');
      expect(editor.method).toEqual(EMPTY_METHOD);
    }));

  it('refuses a target that is not positive, too large or not a number', () =>
    withEditor(async (editor) => {
      for (const target of [0, -1, 100_001, Number.NaN, Infinity])
        await editor.number('standards', `Target of “${NAME}”`, target);
      expect(editor.changes).toEqual([]);
      expect(editor.refusals).toHaveLength(5);
    }));
});

// ---------------------------------------------------------------------------------------------
// Random edits, then every Reset, Delete and Remove button: the method is EMPTY_METHOD again.

const TYPE_POOL = ['web-form', 'callback', 'office-visit', 'faq'];
const CHECKLIST_POOL = ['site-first-screen', 'office-visit'];
const STANDARD_POOL = ['callback-after-form', 'phone-answered'];

type Edit =
  | { kind: 'type-name'; pick: number; name: number }
  | { kind: 'type-stage'; pick: number; stage: number }
  | { kind: 'type-channel'; pick: number; channel: 'email' | 'phone' | 'website' }
  | { kind: 'type-hidden'; pick: number }
  | { kind: 'type-add'; stage: number }
  | { kind: 'stage-add'; after: 'offer' | 'contact' | '' }
  | { kind: 'stage-rename'; pick: number }
  | { kind: 'item-weight'; pick: number; item: number; weight: number }
  | { kind: 'item-critical'; pick: number; item: number }
  | { kind: 'item-text'; pick: number; item: number; text: number }
  | { kind: 'item-delete'; pick: number; item: number }
  | { kind: 'checklist-name'; pick: number; name: number }
  | { kind: 'checklist-stage'; pick: number; stage: number }
  | { kind: 'checklist-hidden'; pick: number }
  | { kind: 'standard-target'; pick: number; target: number }
  | { kind: 'standard-unit'; pick: number; unit: 'seconds' | 'minutes' | 'hours' | 'days' }
  | { kind: 'standard-hidden'; pick: number }
  | { kind: 'reset'; section: 'types' | 'checklists' | 'standards'; pick: number };

const pick = fc.nat(20);
/** A stage to choose, as an index into the custom stages first, then the built-in ones. */
const stage = fc.oneof(fc.constant(0), fc.nat(20));
const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 3 });
const anEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('type-name'), pick, name: fc.nat(3) }),
  often(fc.record({ kind: fc.constant('type-stage'), pick, stage })),
  fc.record({
    kind: fc.constant('type-channel'),
    pick,
    channel: fc.constantFrom('email', 'phone', 'website'),
  }),
  fc.record({ kind: fc.constant('type-hidden'), pick }),
  fc.record({ kind: fc.constant('type-add'), stage }),
  often(
    fc.record({ kind: fc.constant('stage-add'), after: fc.constantFrom('offer', 'contact', '') }),
  ),
  often(fc.record({ kind: fc.constant('stage-rename'), pick })),
  fc.record({
    kind: fc.constant('item-weight'),
    pick,
    item: fc.nat(9),
    weight: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({ kind: fc.constant('item-critical'), pick, item: fc.nat(9) }),
  fc.record({ kind: fc.constant('item-text'), pick, item: fc.nat(9), text: fc.nat(2) }),
  fc.record({ kind: fc.constant('item-delete'), pick, item: fc.nat(9) }),
  fc.record({ kind: fc.constant('checklist-name'), pick, name: fc.nat(2) }),
  often(fc.record({ kind: fc.constant('checklist-stage'), pick, stage })),
  fc.record({ kind: fc.constant('checklist-hidden'), pick }),
  fc.record({
    kind: fc.constant('standard-target'),
    pick,
    target: fc.constantFrom(0.5, 1, 2, 5, 30, 100_000),
  }),
  fc.record({
    kind: fc.constantFrom('standard-unit'),
    pick,
    unit: fc.constantFrom('seconds', 'minutes', 'hours', 'days'),
  }),
  fc.record({ kind: fc.constant('standard-hidden'), pick }),
  fc.record({
    kind: fc.constant('reset'),
    section: fc.constantFrom('types', 'checklists', 'standards'),
    pick,
  }),
) as fc.Arbitrary<Edit>;

const at = <T>(list: readonly T[], index: number): T => list[index % list.length]!;

async function perform(editor: Editor, edit: Edit, serial: number) {
  const method = editor.method;
  const own = (list: readonly { id: string }[], isBuiltin: (id: string) => boolean) =>
    list.filter((entry) => !isBuiltin(entry.id)).map((entry) => entry.id);
  const types = [...TYPE_POOL, ...own(method.types, isBuiltinType)];
  const checklists = [...CHECKLIST_POOL, ...own(method.checklists, isBuiltinChecklist)];
  const standards = [...STANDARD_POOL, ...own(method.standards, isBuiltinStandard)];
  const options = stageOptions(method, editor.locale);
  const stageChoices = [...options.filter((o) => o.custom), ...options.filter((o) => !o.custom)];
  const stages = stageChoices.map((option) => option.value);

  switch (edit.kind) {
    case 'type-name': {
      const id = at(types, edit.pick);
      const builtin = builtinType(id);
      // '' and the built-in wording (padded) mean the built-in name; a type of its own needs one.
      const names = [
        `${id} ${serial}`,
        ` ${builtin?.en ?? `${id} own`} `,
        builtin ? '' : 'Own',
        `  ${id} x`,
      ];
      await editor.commitText('types', `Name of “${editor.typeName(id)}”`, names[edit.name]!);
      return;
    }
    case 'type-stage': {
      const id = at(types, edit.pick);
      await editor.select('types', `Stage of “${editor.typeName(id)}”`, at(stages, edit.stage));
      return;
    }
    case 'type-channel': {
      const id = at(types, edit.pick);
      await editor.select('types', `Channel of “${editor.typeName(id)}”`, edit.channel);
      return;
    }
    case 'type-hidden': {
      const id = at(types, edit.pick);
      const hidden = resolveTypes(method).find((type) => type.id === id)!.hidden;
      await editor.check('types', `Hide “${editor.typeName(id)}”`, !hidden);
      return;
    }
    case 'type-add':
      await editor.submit('Add a type', {
        Name: `Own type ${serial}`,
        Stage: at(stages, edit.stage),
      });
      return;
    case 'stage-add':
      await addStage(editor, `Stage ${serial}`, edit.after);
      return;
    case 'stage-rename': {
      if (method.stages.length === 0) await addStage(editor, `Stage ${serial}`, 'offer');
      const from = at(editor.method.stages, edit.pick).name;
      await editor.commitText('stages', `Name of “${from}”`, `Renamed ${serial}`);
      return;
    }
    case 'item-weight':
    case 'item-critical':
    case 'item-text':
    case 'item-delete': {
      const id = at(checklists, edit.pick);
      const template = resolveChecklists(method).find((entry) => entry.id === id)!;
      if (template.items.length === 0) return;
      const n = (edit.item % template.items.length) + 1;
      const item = template.items[n - 1]!;
      const name = editor.checklistName(id);
      const card = editor.checklistCard(id);
      if (edit.kind === 'item-weight')
        await editor.act(() =>
          fireWith(
            editor.control('checklists', `Weight of question ${n} of “${name}”`, card),
            'valueAsNumber',
            edit.weight,
            'change',
          ),
        );
      else if (edit.kind === 'item-critical')
        await editor.check('checklists', `Question ${n} of “${name}” is critical`, !item.critical);
      else if (edit.kind === 'item-delete')
        await editor.act(() =>
          fire(editor.control('checklists', `Delete question ${n} of “${name}”`, card), 'click'),
        );
      else {
        const builtin = builtinChecklist(id)?.items.find((entry) => entry.id === item.id);
        const texts = [
          `Question ${serial}?`,
          builtin?.en ?? `Question ${serial}!`,
          builtin ? '' : '?',
        ];
        await editor.act(async () => {
          const input = editor.control('checklists', `Question ${n} of “${name}”`, card);
          fire(input, 'focus');
          fireWith(input, 'value', texts[edit.text]!, 'input');
          await tick();
          fire(input, 'blur');
        });
      }
      return;
    }
    case 'checklist-name': {
      const id = at(checklists, edit.pick);
      const builtin = builtinChecklist(id);
      const names = [`${id} ${serial}`, builtin?.en ?? `${id} own`, builtin ? '' : 'Own'];
      await editor.act(async () => {
        const input = editor.control('checklists', 'Checklist name', editor.checklistCard(id));
        fire(input, 'focus');
        fireWith(input, 'value', names[edit.name]!, 'input');
        await tick();
        fire(input, 'blur');
      });
      return;
    }
    case 'checklist-stage': {
      const id = at(checklists, edit.pick);
      const template = resolveChecklists(method).find((entry) => entry.id === id)!;
      const stage = at(stageChoices, edit.stage);
      const on = !template.stages.includes(stage.value);
      const body = editor.checklistCard(id).querySelector('.picker-body.stages')!;
      await editor.check('checklists', stage.label, on, body);
      return;
    }
    case 'checklist-hidden': {
      const id = at(checklists, edit.pick);
      const hidden = resolveChecklists(method).find((entry) => entry.id === id)!.hidden;
      const label = `Hide “${editor.checklistName(id)}”`;
      await editor.check('checklists', label, !hidden, editor.checklistCard(id));
      return;
    }
    case 'standard-target':
      await editor.number(
        'standards',
        `Target of “${editor.standardName(at(standards, edit.pick))}”`,
        edit.target,
      );
      return;
    case 'standard-unit':
      await editor.select(
        'standards',
        `Unit of “${editor.standardName(at(standards, edit.pick))}”`,
        edit.unit,
      );
      return;
    case 'standard-hidden': {
      const id = at(standards, edit.pick);
      const hidden = resolveStandards(method).find((entry) => entry.id === id)!.hidden;
      await editor.check('standards', `Hide “${editor.standardName(id)}”`, !hidden);
      return;
    }
    case 'reset':
      await resetOne(editor, edit.section, edit.pick);
      return;
  }
}

/** Adds a custom stage through the "Add a stage" form. */
function addStage(editor: Editor, name: string, after: string) {
  return editor.submit('Add a stage', { 'Stage name': name, 'Comes after': after });
}

/** Clicks Reset (a built-in) or Delete (the audit's own) of one stored entry; false if none. */
async function resetOne(
  editor: Editor,
  section: 'types' | 'checklists' | 'standards',
  index: number,
): Promise<boolean> {
  const list: readonly { id: string }[] = editor.method[section];
  if (list.length === 0) return false;
  const { id } = at(list, index);
  const name =
    section === 'types'
      ? editor.typeName(id)
      : section === 'checklists'
        ? editor.checklistName(id)
        : editor.standardName(id);
  const builtin = {
    types: isBuiltinType,
    checklists: isBuiltinChecklist,
    standards: isBuiltinStandard,
  };
  const label = builtin[section](id) ? `Reset “${name}” to built-in` : `Delete “${name}”`;
  const scope = section === 'checklists' ? editor.checklistCard(id) : undefined;
  await editor.act(() => fire(editor.control(section, label, scope), 'click'));
  return true;
}

/** An independent check of "an audit stores only differences": no stored built-in is as shipped. */
function expectOnlyDifferences(method: AuditMethod) {
  const sorted = (list: readonly string[]) => [...list].sort();
  for (const list of [method.types, method.checklists, method.standards])
    expect(new Set(list.map((entry) => entry.id)).size).toBe(list.length);
  for (const type of method.types.filter((entry) => isBuiltinType(entry.id)))
    expect(type).not.toEqual(builtinTypeEntry(type.id));
  for (const template of method.checklists.filter((entry) => isBuiltinChecklist(entry.id))) {
    const builtin = builtinTemplate(template.id);
    const normal = (entry: ChecklistTemplate) => ({
      ...entry,
      types: sorted(entry.types),
      stages: sorted(entry.stages),
    });
    expect(normal(template)).not.toEqual(normal(builtin));
  }
  for (const standard of method.standards.filter((entry) => isBuiltinStandard(entry.id))) {
    const normal = (entry: Standard) => ({
      ...entry,
      answerChannels: sorted(entry.answerChannels),
    });
    expect(normal(standard)).not.toEqual(normal(builtinStandardEntry(standard.id)));
  }
  // Custom stages referred to by name exist (renames and removals keep them in step).
  const stageNames = new Set(stageOptions(method, 'en').map((option) => option.value));
  for (const type of method.types) expect(stageNames).toContain(type.stage);
  for (const template of method.checklists)
    for (const stage of template.stages) expect(stageNames).toContain(stage);
}

describe('any edits, then every Reset, Delete and Remove', () => {
  it('brings the method back to EMPTY_METHOD; every method on the way is valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anEdit, { maxLength: 10 }), async (edits) => {
        await withEditor(async (editor) => {
          let serial = 0;
          for (const edit of edits) {
            await perform(editor, edit, ++serial);
            expectOnlyDifferences(editor.method);
          }
          for (const section of ['types', 'checklists', 'standards'] as const)
            while (await resetOne(editor, section, 0));
          while (editor.method.stages.length > 0) {
            const [stage] = editor.method.stages;
            await editor.click('stages', `Remove stage “${stage!.name}”`);
          }
          expect(editor.method).toEqual(EMPTY_METHOD);
          expect(editor.history.length).toBe(editor.changes.length);
          expect(editor.refusals).toEqual([]);
        });
      }),
      { numRuns: 20 },
    );
  }, 600_000);
});
