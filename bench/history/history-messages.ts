/** What the history suite and its app process (history-app-host.ts) tell each other over IPC. */
import type { LoopDelay } from '../live/live-messages.js';

export type { LoopDelay } from '../live/live-messages.js';

/** Heap used (after full collections) and resident set size, in bytes. */
export interface MemoryFigure {
  readonly heapUsed: number;
  readonly rss: number;
}

export type FromHistoryApp =
  /** The app listens; `bootAt` is when it began building the app (after its code was loaded), epoch ms. */
  | { readonly type: 'listening'; readonly url: string; readonly token: string; readonly bootAt: number; readonly loadMs: number }
  | { readonly type: 'loop-reset' }
  | ({ readonly type: 'loop' } & LoopDelay)
  | ({ readonly type: 'memory' } & MemoryFigure)
  | { readonly type: 'failed'; readonly message: string };

export type ToHistoryApp =
  /** Starts a new window of event-loop delay. */
  | { readonly type: 'loop-reset' }
  /** The event-loop delay since the last reset (or since start). */
  | { readonly type: 'loop-read' }
  | { readonly type: 'memory' }
  | { readonly type: 'stop' };
