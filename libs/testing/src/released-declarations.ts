import { anEvent, type RawCloudEvent } from './event-builders.js';

/**
 * `count` declarations at `office`, each arriving `hours` before `releasedAt` and released then: a release time
 * known by hand, for tests of means and strategic targets. Subjects are `<prefix>-1`, `<prefix>-2`, ... from
 * `firstNumber`, so that successive calls add declarations of their own.
 */
export function releasedDeclarations(office: string, hours: number, count: number, releasedAt: string, prefix: string, firstNumber = 1): RawCloudEvent[] {
  const released = Date.parse(releasedAt);
  return Array.from({ length: count }, (_, index) => {
    const id = `${prefix}-${firstNumber + index}`;
    return [
      anEvent.goodsArrived(id, { officeId: office }, { time: new Date(released - hours * 3_600_000).toISOString() }),
      anEvent.goodsReleased(id, {}, { time: releasedAt }),
    ];
  }).flat();
}
