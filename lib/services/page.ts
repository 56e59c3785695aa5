/**
 * The page agent, typed and distrusted: each call goes to the agent in the tab (lib/browser) and
 * each reply is parsed before the extension uses it — a page can answer anything.
 */
import { z } from 'zod';
import { callPageAgent } from '../browser';
import { CaptureError } from '../capture/errors';
import type { FullPageSide } from '../capture/full-page';
import {
  PAGE_AGENT_FILE,
  PAGE_AGENT_KEY,
  type PageAgent,
  type PageAgentMethod,
} from '../capture/page/agent';
import {
  PageMetrics,
  PagePick,
  PageView,
  PickCancelled,
  PinnedInView,
  SensitiveFields,
} from '../capture/page/replies';
import type { PickerText, PickMode } from '../capture/picker';
import type { Rect } from '../geometry';
import { describeIssues, type Identity } from '../model';

type Call = (tabId: number, method: string, args: unknown[]) => Promise<unknown>;

const AGENT = { key: PAGE_AGENT_KEY, file: PAGE_AGENT_FILE };

/** Every method of the page agent, called in a tab, with its reply parsed. */
export interface PageClient extends FullPageSide {
  findSensitiveFields(tabId: number, identity: Identity): Promise<SensitiveFields>;
  /** What the auditor picked, `{ cancelled }`, or null when the page was left while choosing. */
  pick(tabId: number, mode: PickMode, text: PickerText): Promise<PagePick | PickCancelled | null>;
  cancelPick(tabId: number): Promise<boolean>;
  revealRect(tabId: number, rect: Rect): Promise<PageView>;
  restoreScroll(tabId: number, position: { x: number; y: number }): Promise<void>;
}

export function pageClient(
  call: Call = (tabId, method, args) => callPageAgent(tabId, AGENT, method, args),
): PageClient {
  const ask =
    <M extends PageAgentMethod, S extends z.ZodType>(method: M, schema: S) =>
    async (tabId: number, ...args: Parameters<PageAgent[M]>): Promise<z.infer<S>> => {
      const reply = schema.safeParse(await call(tabId, method, args));
      if (reply.success) return reply.data;
      const detail = describeIssues(reply.error);
      throw new CaptureError(
        'capture-failed',
        `The page answered ${method} unexpectedly (${detail}).`,
        {
          params: { message: `unexpected page reply: ${detail}` },
        },
      );
    };
  return {
    findSensitiveFields: ask('findSensitiveFields', SensitiveFields),
    prepareFullPage: ask('prepareFullPage', PageMetrics),
    scrollAndScan: ask('scrollAndScan', z.array(PinnedInView).max(10_000).nullable()),
    showTile: ask('showTile', PageMetrics.nullable()),
    loadLazyContent: ask('loadLazyContent', PageMetrics.nullable()),
    restoreFullPage: ask('restoreFullPage', z.boolean()),
    // A page left while choosing answers nothing at all (undefined).
    pick: ask(
      'pick',
      z
        .union([PagePick, PickCancelled])
        .nullish()
        .transform((v) => v ?? null),
    ),
    cancelPick: ask('cancelPick', z.boolean()),
    revealRect: ask('revealRect', PageView),
    restoreScroll: async (tabId, position) => {
      await ask('restoreScroll', z.unknown())(tabId, position);
    },
  };
}
