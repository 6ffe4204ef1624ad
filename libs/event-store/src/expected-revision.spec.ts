import { describe, expect, it } from '@jest/globals';

import { WrongExpectedRevisionError } from './errors.js';
import { assertExpectedRevision, type ExpectedRevision, NO_STREAM_REVISION } from './expected-revision.js';

const STREAM = 'declaration-DEC-2026-000001';

describe('assertExpectedRevision', () => {
  it('takes -1 as the revision of a stream that holds no event', () => {
    expect(NO_STREAM_REVISION).toBe(-1);
  });

  it.each<[ExpectedRevision, number]>([
    ['any', -1],
    ['any', 4],
    ['no_stream', -1],
    ['stream_exists', 0],
    ['stream_exists', 4],
    [4, 4],
    [0, 0],
    [-1, -1],
  ])('accepts expected %p when the stream is at revision %p', (expected, current) => {
    expect(() => assertExpectedRevision(STREAM, expected, current)).not.toThrow();
  });

  it.each<[ExpectedRevision, number]>([
    ['no_stream', 0],
    ['no_stream', 4],
    ['stream_exists', -1],
    [4, -1],
    [4, 3],
    [4, 5],
    [0, -1],
  ])('rejects expected %p when the stream is at revision %p', (expected, current) => {
    expect(() => assertExpectedRevision(STREAM, expected, current)).toThrow(WrongExpectedRevisionError);
  });

  it('names the stream, what was expected and the actual revision in the error', () => {
    const error = captureError(() => assertExpectedRevision(STREAM, 4, 2));

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', stream: STREAM, expected: 4, actual: 2 });
    expect((error as Error).message).toBe(`stream "${STREAM}": expected revision 4, actual 2`);
  });

  it('says "no stream" in the error when the stream does not exist', () => {
    const error = captureError(() => assertExpectedRevision(STREAM, 'stream_exists', NO_STREAM_REVISION));

    expect(error).toMatchObject({ expected: 'stream_exists', actual: -1 });
    expect((error as Error).message).toBe(`stream "${STREAM}": expected revision stream_exists, actual no stream`);
  });
});

function captureError(act: () => void): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
