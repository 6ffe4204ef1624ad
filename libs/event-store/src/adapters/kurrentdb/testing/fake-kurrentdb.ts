import {
  BACKWARDS,
  END,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendStreamRequest,
  type AppendStreamState,
  type MultiAppendResult,
  type ReadStreamOptions,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { isWellFormed } from '../../../store-limits.js';
import type { KurrentDbConnection, StreamWatch } from '../kurrentdb-connection.js';

interface FakeRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  /** Kept as the text that would cross the wire, so that no object is shared between a write and a read. */
  readonly json: string;
}

type KurrentDbCall = 'readStream' | 'multiStreamAppend';

/**
 * KurrentDB as far as the adapter uses it, in memory, for the unit specs: the contract suite runs on it where no
 * server can. It follows the server where the adapter depends on it: a multi-stream append checks every expected
 * state and then stores all of it or nothing, takes each stream once, and rejects a lost race with the client's
 * `WrongExpectedVersionError`; reading a stream that does not exist throws `StreamNotFoundError`. Every call yields
 * to the event loop before it runs, so that concurrent writers interleave as they would over a network. It is not
 * evidence of how a real server behaves: kurrentdb-event-store.int-spec.ts is.
 */
export class FakeKurrentDb implements KurrentDbConnection {
  private readonly streams = new Map<string, FakeRecord[]>();
  private readonly watchers = new Set<{ readonly stream: string; readonly wake: () => void; readonly end: () => Promise<void> }>();
  private readonly failures: { call: KurrentDbCall; error: Error }[] = [];
  /** Multi-stream appends stored, and attempted. */
  readonly appends = { stored: 0, attempted: 0 };

  /** Makes the next `call` throw `error`, as a server that went away would. */
  failNext(call: KurrentDbCall, error: Error): void {
    this.failures.push({ call, error });
  }

  /** Every stream name, in the order they were created. */
  streamNames(): string[] {
    return [...this.streams.keys()];
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<ResolvedEvent> {
    await this.turn('readStream');
    const records = this.streams.get(streamName);
    if (records === undefined) throw new StreamNotFoundError(undefined, streamName);
    for (const record of select(records, options)) {
      yield {
        event: { streamId: record.streamId, id: record.id, revision: record.revision, type: record.type, data: JSON.parse(record.json), metadata: undefined, isJson: true, created: new Date() },
      } as ResolvedEvent;
    }
  }

  async multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult> {
    await this.turn('multiStreamAppend');
    this.appends.attempted += 1;
    const names = new Set<string>();
    for (const { streamName, expectedState, events } of requests) {
      if (names.has(streamName)) throw new Error(`Stream '${streamName}' is already part of this append session`);
      names.add(streamName);
      const current = this.streams.get(streamName)?.length ?? 0;
      if (!satisfies(expectedState, current)) {
        throw new WrongExpectedVersionError(undefined, { streamName, expected: expectedState, current: current === 0 ? 'no_stream' : BigInt(current - 1) });
      }
      // gRPC strings are UTF-8: the client cannot encode an unpaired surrogate, and the server refuses the request.
      if ([streamName, ...events.map((event) => event.type)].some((text) => !isWellFormed(text))) {
        throw new Error(`Request message serialization failure: invalid UTF-8 in ${JSON.stringify(streamName)}`);
      }
      if (events.some((event) => !isStringValuedOrAbsent(event.metadata))) {
        throw new Error('multiStreamAppend requires metadata to be a plain object with string keys and string values.');
      }
    }
    const responses = requests.map(({ streamName, events }) => {
      const records = this.streams.get(streamName) ?? [];
      this.streams.set(streamName, records);
      for (const event of events) {
        records.push({ streamId: streamName, id: event.id, revision: BigInt(records.length), type: event.type, json: JSON.stringify(event.data) });
      }
      return { streamName, revision: BigInt(records.length - 1) };
    });
    this.appends.stored += 1;
    for (const watcher of this.watchers) if (names.has(watcher.stream)) watcher.wake();
    return { position: BigInt(this.appends.stored), responses };
  }

  subscribeToStream(streamName: string): StreamWatch {
    let pending = 0;
    let wake: (() => void) | undefined;
    let ended = false;
    const watcher = {
      stream: streamName,
      wake: () => {
        pending += 1;
        wake?.();
      },
      end: async (): Promise<void> => {
        ended = true;
        this.watchers.delete(watcher);
        wake?.();
      },
    };
    this.watchers.add(watcher);
    return {
      unsubscribe: watcher.end,
      async *[Symbol.asyncIterator]() {
        while (!ended) {
          if (pending === 0) await new Promise<void>((resolve) => (wake = resolve));
          for (; pending > 0; pending -= 1) yield { streamName };
        }
      },
    };
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.watchers].map((watcher) => watcher.end()));
  }

  private async turn(call: KurrentDbCall): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const failure = this.failures.findIndex((entry) => entry.call === call);
    if (failure >= 0) throw this.failures.splice(failure, 1)[0]!.error;
  }
}

function satisfies(expected: AppendStreamState, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 0;
    case 'stream_exists':
      return current > 0;
    default:
      return BigInt(current - 1) === expected;
  }
}

function isStringValuedOrAbsent(metadata: unknown): boolean {
  if (metadata == null) return true;
  if (typeof metadata !== 'object' || Array.isArray(metadata) || metadata instanceof Uint8Array) return false;
  return Object.values(metadata).every((value) => typeof value === 'string');
}

function select(records: readonly FakeRecord[], { direction, fromRevision, maxCount }: ReadStreamOptions): FakeRecord[] {
  const count = Number(maxCount ?? Number.MAX_SAFE_INTEGER);
  if (direction === BACKWARDS) {
    const from = fromRevision === undefined || fromRevision === END ? records.length - 1 : fromRevision === START ? 0 : Number(fromRevision);
    return records.slice(Math.max(0, from - count + 1), from + 1).reverse();
  }
  const from = fromRevision === undefined || fromRevision === START ? 0 : fromRevision === END ? records.length : Number(fromRevision);
  return records.slice(from, from + count);
}
