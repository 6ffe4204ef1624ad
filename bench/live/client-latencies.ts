import { lowerBound, Samples, type Distribution } from './distribution.js';
import type { ClientLogs, OfficeReceipts } from './live-messages.js';
import type { Delivery, MeasuredPost } from './post-path.js';

/** Latencies from a POST's 200 to the clients' receipt of the update that counts it, in ms. */
export interface ClientLatencies {
  /** `seizures_count` for the whole country (a busy room), every client, every POST. */
  readonly watched: Distribution;
  /** The same, split by how the update left the hub. */
  readonly watchedAtOnce: Distribution;
  readonly watchedCoalesced: Distribution;
  /** (POST, client) pairs whose update never came before the logs were collected. */
  readonly watchedMissing: number;
  /** `seizures_count` of the POST's own office (a quiet room), probes only. */
  readonly office: Distribution;
  readonly officeMissing: number;
}

/**
 * Matches every measured POST with each client's receipts. In the busy room the update that counts a POST is the
 * first one at or after the POST's last position (updates carry the position their value was computed at); in the
 * POST's office room, the first one at or after its seizure's position.
 */
export function clientLatencies(posts: readonly MeasuredPost[], deliveries: readonly Delivery[], logs: readonly ClientLogs[]): ClientLatencies {
  const watched = new Samples();
  const atOnce = new Samples();
  const coalesced = new Samples();
  let watchedMissing = 0;
  for (const { positions, times } of logs.flatMap((log) => log.watched)) {
    posts.forEach((post, index) => {
      const receipt = lowerBound(positions, post.lastPosition);
      if (receipt === positions.length) {
        watchedMissing += 1;
        return;
      }
      const latency = times[receipt]! - post.okAt;
      watched.add(latency);
      if (deliveries[index] === 'at once') atOnce.add(latency);
      else if (deliveries[index] === 'coalesced') coalesced.add(latency);
    });
  }
  const office = new Samples();
  let officeMissing = 0;
  for (const probe of logs.flatMap((log) => log.offices)) {
    const rooms = byOffice(probe);
    for (const post of posts) {
      const room = rooms.get(post.office);
      const receipt = room === undefined ? -1 : lowerBound(room.positions, post.seizurePosition);
      if (room === undefined || receipt === room.positions.length) officeMissing += 1;
      else office.add(room.times[receipt]! - post.okAt);
    }
  }
  return {
    watched: watched.distribution(),
    watchedAtOnce: atOnce.distribution(),
    watchedCoalesced: coalesced.distribution(),
    watchedMissing,
    office: office.distribution(),
    officeMissing,
  };
}

/** A probe's receipts per office room, each in arrival order (positions non-decreasing within a room). */
function byOffice(receipts: OfficeReceipts): Map<number, { positions: number[]; times: number[] }> {
  const rooms = new Map<number, { positions: number[]; times: number[] }>();
  receipts.offices.forEach((office, index) => {
    let room = rooms.get(office);
    if (room === undefined) rooms.set(office, (room = { positions: [], times: [] }));
    room.positions.push(receipts.positions[index]!);
    room.times.push(receipts.times[index]!);
  });
  return rooms;
}
