import { distributionOf, lowerBound, type Distribution } from './distribution.js';
import type { AppTrace, EmitSpan } from './live-messages.js';

/** A measured POST: when its 200 came, and where its events landed in the log. */
export interface MeasuredPost {
  readonly okAt: number;
  /** The greatest position of its events: an update at this position or later counts them all. */
  readonly lastPosition: number;
  readonly seizurePosition: number;
  readonly office: number;
}

/** How the watched room's update that first counted a POST left the hub. */
export type Delivery = 'at once' | 'coalesced' | 'untraced';

/** Where a POST's time went inside the app, stage by stage (ms, p50 and p99 over the measured POSTs). */
export interface PathStages {
  /** The POST's `appendMany`: planning, inserts and the commit's fsync. */
  readonly append: Distribution;
  /** Commit of the POST's append to its 200 at the load generator. */
  readonly commitTo200: Distribution;
  /** Commit to the start of the projector's read that returned it. */
  readonly commitToRead: Distribution;
  readonly read: Distribution;
  /** End of that read to its batch's changes reaching the hub: apply, read-model commit, changes, current values. */
  readonly readToHub: Distribution;
  /** Of which the read model's commit (SQLite, fsync). */
  readonly readModelCommit: Distribution;
  /** Hub to socket.io handed the watched room's update: the coalescer's hold. */
  readonly hubToEmit: Distribution;
  /** socket.io writing that update to every client of the room. */
  readonly emit: Distribution;
  /** Events per projector read (batch size). */
  readonly eventsPerRead: Distribution;
}

/** For each POST, how its update left the hub, and the app's stages over all POSTs. */
export interface PostPaths {
  readonly deliveries: readonly Delivery[];
  readonly stages: PathStages;
}

/** Follows each POST through the app's trace: append, projector read, hub push, watched room emit. */
export function postPaths(posts: readonly MeasuredPost[], trace: AppTrace): PostPaths {
  const byLast = (spans: readonly { lastPosition: number }[]): number[] => spans.map(({ lastPosition }) => lastPosition);
  const appends = new Map(trace.appends.map((span) => [span.lastPosition, span]));
  const commits = new Map(trace.commits.map((span) => [span.checkpoint, span]));
  const readLasts = byLast(trace.reads);
  const pushPositions = trace.pushes.map(({ position }) => position);
  const emitPositions = trace.watchedEmits.map(({ position }) => position);
  const pushStarts = trace.pushes.map(({ start }) => start);
  const stages = {
    append: [],
    commitTo200: [],
    commitToRead: [],
    read: [],
    readToHub: [],
    readModelCommit: [],
    hubToEmit: [],
    emit: [],
  } as Record<Exclude<keyof PathStages, 'eventsPerRead'>, number[]>;
  const deliveries = posts.map((post): Delivery => {
    const append = appends.get(post.lastPosition);
    const read = trace.reads[lowerBound(readLasts, post.lastPosition)];
    const commit = read === undefined ? undefined : commits.get(read.lastPosition);
    const push = trace.pushes[lowerBound(pushPositions, post.lastPosition)];
    const emit = trace.watchedEmits[lowerBound(emitPositions, post.lastPosition)];
    if (append === undefined || read === undefined || commit === undefined || push === undefined || emit === undefined) return 'untraced';
    const committed = append.end;
    stages.append.push(append.end - append.start);
    stages.commitTo200.push(post.okAt - committed);
    stages.commitToRead.push(read.start - committed);
    stages.read.push(read.end - read.start);
    stages.readToHub.push(push.start - read.end);
    stages.readModelCommit.push(commit.end - commit.start);
    stages.hubToEmit.push(emit.start - push.start);
    stages.emit.push(emit.end - emit.start);
    return emittedAtOnce(emit, trace, pushStarts) ? 'at once' : 'coalesced';
  });
  return {
    deliveries,
    stages: {
      ...(Object.fromEntries(Object.entries(stages).map(([name, values]) => [name, distributionOf(values)])) as Omit<PathStages, 'eventsPerRead'>),
      eventsPerRead: distributionOf(trace.reads.map(({ firstPosition, lastPosition }) => lastPosition - firstPosition + 1)),
    },
  };
}

/** Emitted inside a hub push (a quiet room's first update), not later by the coalescer's timer. */
function emittedAtOnce(emit: EmitSpan, trace: AppTrace, pushStarts: readonly number[]): boolean {
  // The last push that started no later than the emit.
  const push = trace.pushes[lowerBound(pushStarts, emit.start + 1e-9) - 1];
  return push !== undefined && emit.start <= push.end;
}
