import { describe, expect, it } from '@jest/globals';
import { AccessDeniedError, DeadlineExceededError, StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../../errors.js';
import { asStoreError, isLostRace, isTransientKurrentDbError } from './kurrentdb-failures.js';

/** A gRPC error as the transport raises it before the client converts it. */
function grpcError(code: number): Error {
  return Object.assign(new Error(`gRPC status ${code}`), { code });
}

describe('isTransientKurrentDbError', () => {
  it.each([
    ['the server out of reach', new UnavailableError(undefined, 'down'), true],
    ['a deadline exceeded', new DeadlineExceededError(undefined, 'slow'), true],
    ['a raw gRPC UNAVAILABLE', grpcError(14), true],
    ['a raw gRPC DEADLINE_EXCEEDED', grpcError(4), true],
    ['a raw gRPC PERMISSION_DENIED', grpcError(7), false],
    ['access denied', new AccessDeniedError(undefined, 'no'), false],
    ['a stream not found', new StreamNotFoundError(undefined, 'x'), false],
    ['a plain error', new Error('bug'), false],
    ['a thrown string', 'oops', false],
  ])('%s: %p', (_case, error, transient) => {
    expect(isTransientKurrentDbError(error)).toBe(transient);
  });
});

describe('isLostRace', () => {
  it('is a wrong expected version, and nothing else', () => {
    expect(isLostRace(new WrongExpectedVersionError(undefined, { streamName: 'p.log', expected: 1n, current: 2n }))).toBe(true);
    expect(isLostRace(new UnavailableError(undefined, 'down'))).toBe(false);
  });
});

describe('asStoreError', () => {
  it('turns a transient failure into EventStoreUnavailableError, keeping it as the cause', () => {
    const cause = new UnavailableError(undefined, 'down');
    const error = asStoreError(cause, 'readAll');

    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error).toMatchObject({ message: 'KurrentDB event store: readAll failed; it may be retried', cause });
  });

  it('names the server version needed when the server does not know multi-stream appends', () => {
    const error = asStoreError(grpcError(12), 'append');

    expect(error).toMatchObject({ message: 'KurrentDB event store: append needs multi-stream appends, which came with KurrentDB 25.1' });
  });

  it('leaves any other failure as it is', () => {
    const bug = new TypeError('bug');

    expect(asStoreError(bug, 'append')).toBe(bug);
  });
});
