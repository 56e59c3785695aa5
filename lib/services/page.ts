/**
 * The page agent, typed and distrusted: each call goes to the agent in the tab (lib/browser) and
 * each reply is parsed before the extension uses it — a page can answer anything. Redaction scans
 * and the element picker run in every frame of the tab; the rest in the top document.
 */
import { z } from 'zod';
import {
  callPageAgent,
  callPageAgentInFrames,
  linkToTab,
  runInPageWorld,
  type FrameAnswer,
} from '../browser';
import { CaptureError } from '../capture/errors';
import { composeFrames, type FrameReply, type TabCoverage } from '../capture/frame-tree';
import type { FullPageSide } from '../capture/full-page';
import type { FramePick } from '../capture/element';
import {
  FULL_PAGE_LINK,
  PAGE_AGENT_FILE,
  PAGE_AGENT_KEY,
  type PageAgent,
  type PageAgentMethod,
} from '../capture/page/agent';
import {
  FrameReport,
  PageMetrics,
  PagePick,
  PageView,
  PickCancelled,
  PinnedInView,
  SettleReply,
} from '../capture/page/replies';
import {
  installRequestCounter,
  QUIET_MS,
  REQUESTS_ASK_EVENT,
  REQUESTS_EVENT,
  SETTLE_BOUND_MS,
} from '../capture/page/settle';
import type { PickerText, PickMode } from '../capture/picker';
import type { Rect } from '../geometry';
import { describeIssues, type Identity } from '../model';

/** Calls an agent method in one frame (0: the top document). */
type Call = (tabId: number, method: string, args: unknown[], frameId: number) => Promise<unknown>;
/** Calls an agent method in every frame that can run it; `injected`: some got the agent now. */
type CallAll = (
  tabId: number,
  method: string,
  args: unknown[],
) => Promise<{ answers: FrameAnswer[]; injected: boolean }>;

const AGENT = { key: PAGE_AGENT_KEY, file: PAGE_AGENT_FILE };

/**
 * How long a child frame waits for its parent's link message: it arrives in milliseconds, but a
 * busy machine can hold a frame's process back; a frame that never gets one (it navigated
 * mid-scan) is covered whole after this.
 */
const LINK_WAIT_MS = 3_000;
/** A scan of every frame that takes longer than this fails (the capture is not made). */
const SCAN_TIMEOUT_MS = 8_000;

/** The picker's hint, in frames other than the top one: none (one hint on the page is enough). */
const SILENT: PickerText = { hint: '', keys: '' };

/** Every method of the page agent, called in a tab, with its reply parsed. */
export interface PageClient extends FullPageSide {
  /**
   * What to cover in every frame of the tab (fields holding the identity, passwords and card
   * numbers; frames that could not be checked), in top-document CSS px. Rejects when the top
   * document does not answer: the capture is then not made.
   */
  coverage(tabId: number, identity: Identity): Promise<TabCoverage>;
  /**
   * Lets the auditor choose on the page — an element in any frame, or a region of the top
   * document — and says in which frame; `{ cancelled }`, or null when the page was left.
   */
  pick(tabId: number, mode: PickMode, text: PickerText): Promise<FramePick | PickCancelled | null>;
  /** Closes the picker in every frame of the tab; whether one was open. */
  cancelPick(tabId: number): Promise<boolean>;
  revealRect(tabId: number, rect: Rect): Promise<PageView>;
  restoreScroll(tabId: number, position: { x: number; y: number }): Promise<void>;
  /**
   * Waits in the top document until the page has settled (lib/capture/page/settle.ts) or the
   * bound is reached; rejects when the page went away meanwhile.
   */
  waitSettled(tabId: number): Promise<SettleReply>;
  /** Installs the pending-request counter in the page's own world (once per document). */
  countRequests(tabId: number): Promise<void>;
  /** Click capture on or off in the tab's top document; whether it is on. */
  watchClicks(tabId: number, on: boolean): Promise<boolean>;
}

function unexpected(method: string, error: z.ZodError): CaptureError {
  const detail = describeIssues(error);
  return new CaptureError(
    'capture-failed',
    `The page answered ${method} unexpectedly (${detail}).`,
    {
      params: { message: `unexpected page reply: ${detail}` },
    },
  );
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

export function pageClient(
  call: Call = (tabId, method, args, frameId) => callPageAgent(tabId, AGENT, method, args, frameId),
  callAll: CallAll = (tabId, method, args) => callPageAgentInFrames(tabId, AGENT, method, args),
  link: (tabId: number, name: string) => () => void = linkToTab,
): PageClient {
  const ask =
    <M extends PageAgentMethod, S extends z.ZodType>(method: M, schema: S) =>
    async (tabId: number, ...args: Parameters<PageAgent[M]>): Promise<z.infer<S>> => {
      const reply = schema.safeParse(await call(tabId, method, args, 0));
      if (reply.success) return reply.data;
      throw unexpected(method, reply.error);
    };

  /**
   * Scans every frame with `identity`, all at once: each frame tells its child frames their slots
   * and waits for its parent's word (so the replies can be put together), then measures. Replies
   * that do not parse are dropped (their frames are then covered whole); the top document's must
   * parse.
   */
  async function scanFrames(
    tabId: number,
    identity: Identity,
  ): Promise<{ token: string; replies: FrameReply[] }> {
    const token = crypto.randomUUID();
    const { answers } = await callAll(tabId, 'scanFrame', [token, identity, LINK_WAIT_MS]);
    const replies: FrameReply[] = [];
    for (const answer of answers) {
      const report = FrameReport.safeParse(answer.result);
      if (report.success) replies.push({ frameId: answer.frameId, report: report.data });
      else if (answer.frameId === 0) throw unexpected('scanFrame', report.error);
    }
    return { token, replies };
  }

  async function coverage(tabId: number, identity: Identity): Promise<TabCoverage> {
    const { replies } = await withTimeout(
      scanFrames(tabId, identity),
      SCAN_TIMEOUT_MS,
      'The check of every frame for fields to cover',
    );
    return composeFrames(replies);
  }

  const PickReply = z.union([PagePick, PickCancelled]).nullish();

  async function pick(tabId: number, mode: PickMode, text: PickerText) {
    if (mode === 'region') {
      // A region is dragged over the top document; frames inside it are captured as shown.
      const reply = PickReply.safeParse(await call(tabId, 'pick', [mode, text, '', []], 0));
      if (!reply.success) throw unexpected('pick', reply.error);
      const value = reply.data ?? null;
      return value && 'cancelled' in value ? value : value && { frameId: 0, pick: value };
    }
    // Element mode runs in every frame the agent reaches; each frame leaves holes over its child
    // frames that have a picker of their own, so the pointer reaches the innermost document.
    const { token, replies } = await scanFrames(tabId, { name: '', email: '', phone: '' });
    const tree = composeFrames(replies);
    const pickers = [...tree.views.keys()];
    const holes = new Map<number, number[]>();
    for (const reply of replies) {
      if (!tree.views.has(reply.frameId) || !reply.report.parent) continue;
      const parent = replies.find((r) => r.report.nonce === reply.report.parent!.nonce);
      if (parent && tree.views.has(parent.frameId)) {
        holes.set(parent.frameId, [...(holes.get(parent.frameId) ?? []), reply.report.parent.slot]);
      }
    }
    return new Promise<FramePick | PickCancelled | null>((resolve, reject) => {
      let open = pickers.length;
      let settled = false;
      const finish = (value: FramePick | PickCancelled | null, error?: unknown) => {
        if (settled) return;
        settled = true;
        // The other frames' pickers close; the chosen frame's already did.
        void cancelPick(tabId).finally(() => (error ? reject(error) : resolve(value)));
      };
      for (const frameId of pickers) {
        const args = [mode, frameId === 0 ? text : SILENT, token, holes.get(frameId) ?? []];
        call(tabId, 'pick', args, frameId).then(
          (answer) => {
            open--;
            const reply = PickReply.safeParse(answer);
            if (!reply.success) return finish(null, unexpected('pick', reply.error));
            const value = reply.data ?? null;
            // A frame that was left or reloaded answers nothing: the others may still be chosen in.
            if (value) finish('cancelled' in value ? value : { frameId, pick: value });
            else if (open === 0) finish(null);
          },
          (error: unknown) => {
            open--;
            // The top document's picker is the one that must run; a frame may go away.
            if (frameId === 0) finish(null, error);
            else if (open === 0) finish(null);
          },
        );
      }
    });
  }

  async function cancelPick(tabId: number): Promise<boolean> {
    const { answers } = await callAll(tabId, 'cancelPick', []).catch(() => ({ answers: [] }));
    return answers.some((answer) => answer.result === true);
  }

  return {
    coverage,
    pick,
    cancelPick,
    prepareFullPage: ask('prepareFullPage', PageMetrics),
    linkFullPage: (tabId, token) => link(tabId, FULL_PAGE_LINK + token),
    scrollAndScan: ask('scrollAndScan', z.array(PinnedInView).max(10_000).nullable()),
    showTile: ask('showTile', PageMetrics.nullable()),
    loadLazyContent: ask('loadLazyContent', PageMetrics.nullable()),
    restoreFullPage: ask('restoreFullPage', z.boolean()),
    revealRect: ask('revealRect', PageView),
    restoreScroll: async (tabId, position) => {
      await ask('restoreScroll', z.unknown())(tabId, position);
    },
    waitSettled: (tabId) =>
      // The page's own bound applies; this one only catches a page whose scripts hang.
      withTimeout(
        ask('waitSettled', SettleReply)(tabId, QUIET_MS, SETTLE_BOUND_MS),
        SETTLE_BOUND_MS + 4_000,
        'Waiting for the page to settle',
      ),
    watchClicks: ask('watchClicks', z.boolean()),
    countRequests: async (tabId) => {
      await runInPageWorld(tabId, installRequestCounter, [REQUESTS_EVENT, REQUESTS_ASK_EVENT]);
    },
  };
}
