import { afterEach, describe, expect, it } from '@jest/globals';
import type { IngestQualityCounts, IngestQualityTally } from './ingest-quality-tally.port.js';
import { MAX_REJECTION_REASONS, OTHER_REJECTION_REASON } from './rejection-reason-cap.js';

/** A fresh, empty place for a tally (a file, a schema), where any number of tallies can be opened on it. */
export interface TallyPlace {
  open(): Promise<IngestQualityTally>;
}

const LANE = 'data.lane: must be one of GREEN, YELLOW, RED, BLUE';
const TOO_LARGE = 'must be at most 65536 bytes of JSON';

/** Counts to record; `rejected` defaults to one event per reason. */
function counts(duplicates: number, byReason: Record<string, number> = {}, rejected?: number): IngestQualityCounts {
  const rejectedByReason = new Map(Object.entries(byReason));
  return { rejected: rejected ?? [...rejectedByReason.values()].reduce((a, b) => a + b, 0), rejectedByReason, duplicates };
}

/**
 * The behaviour every IngestQualityTally adapter that persists must have. Each adapter's int-spec calls this with
 * a way to make a fresh place, and adds what is specific to its engine.
 */
export function ingestQualityTallyContract(freshPlace: () => Promise<TallyPlace>): void {
  const opened: IngestQualityTally[] = [];
  const openOn = async (place: TallyPlace): Promise<IngestQualityTally> => {
    const tally = await place.open();
    opened.push(tally);
    return tally;
  };
  const freshTally = async (): Promise<IngestQualityTally> => openOn(await freshPlace());
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((tally) => tally.close()));
  });

  it('reads all zero from a fresh tally', async () => {
    const tally = await freshTally();

    expect(await tally.read()).toEqual({ rejected: { total: 0, byReason: [] }, duplicates: 0 });
  });

  it('adds what is recorded, reasons most frequent first and equal counts by reason', async () => {
    const tally = await freshTally();

    await tally.record(counts(2, { [LANE]: 1, [TOO_LARGE]: 1 }));
    await tally.record(counts(0, { [TOO_LARGE]: 2, 'b: tie': 1 }, 2));

    expect(await tally.read()).toEqual({
      rejected: {
        total: 4,
        byReason: [
          { reason: TOO_LARGE, count: 3 },
          { reason: 'b: tie', count: 1 },
          { reason: LANE, count: 1 },
        ],
      },
      duplicates: 2,
    });
  });

  it('adds up the counts of two tallies on the same place, also written at once', async () => {
    const place = await freshPlace();
    const [first, second] = [await openOn(place), await openOn(place)];

    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first! : second!).record(counts(1, { [LANE]: 1, [`reason ${i % 4}`]: 1 }, 1))),
    );

    const expected = {
      rejected: {
        total: 20,
        byReason: [{ reason: LANE, count: 20 }, ...[0, 1, 2, 3].map((i) => ({ reason: `reason ${i}`, count: 5 }))],
      },
      duplicates: 20,
    };
    expect(await first!.read()).toEqual(expected);
    expect(await second!.read()).toEqual(expected);
  });

  it('keeps its counts when it is opened again', async () => {
    const place = await freshPlace();
    const before = await openOn(place);
    await before.record(counts(3, { [LANE]: 2 }));
    await before.close();

    const after = await openOn(place);
    await after.record(counts(1, { [LANE]: 1 }));

    expect(await after.read()).toEqual({ rejected: { total: 3, byReason: [{ reason: LANE, count: 3 }] }, duplicates: 4 });
  });

  describe(`past ${MAX_REJECTION_REASONS} reasons`, () => {
    const reasons = (from: number, to: number) => Object.fromEntries(Array.from({ length: to - from }, (_, i) => [`reason ${from + i}`, 1]));

    it('counts new reasons under other, and the reasons it keeps under their names still', async () => {
      const tally = await freshTally();
      await tally.record(counts(0, reasons(0, MAX_REJECTION_REASONS - 1)));

      await tally.record(counts(0, { ...reasons(MAX_REJECTION_REASONS - 1, MAX_REJECTION_REASONS + 3), 'reason 0': 1 }));

      const { rejected } = await tally.read();
      expect(rejected.total).toBe(MAX_REJECTION_REASONS + 4);
      expect(rejected.byReason).toHaveLength(MAX_REJECTION_REASONS + 1);
      expect(rejected.byReason.slice(0, 2)).toEqual([
        { reason: OTHER_REJECTION_REASON, count: 3 },
        { reason: 'reason 0', count: 2 },
      ]);
    });

    it('holds the cap when two tallies add new reasons at once', async () => {
      const place = await freshPlace();
      const [first, second] = [await openOn(place), await openOn(place)];

      await Promise.all([
        first!.record(counts(0, reasons(0, MAX_REJECTION_REASONS))),
        second!.record(counts(0, reasons(MAX_REJECTION_REASONS, 2 * MAX_REJECTION_REASONS))),
      ]);

      const { rejected } = await first!.read();
      expect(rejected.total).toBe(2 * MAX_REJECTION_REASONS);
      expect(rejected.byReason).toHaveLength(MAX_REJECTION_REASONS + 1);
      expect(rejected.byReason[0]).toEqual({ reason: OTHER_REJECTION_REASON, count: MAX_REJECTION_REASONS });
    });
  });
}
