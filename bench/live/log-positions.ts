import Database from 'better-sqlite3';
import type { LivePost } from './live-posts.js';
import type { PostTiming } from './post-at-rate.js';
import type { MeasuredPost } from './post-path.js';

/**
 * The POSTs answered from `from` on (whenever they were due), with where their events landed, read from the closed app's SQLite log (`event_log`, the adapter's table) once the
 * run is over: `POST /api/events` answers counts, not positions, and reading during the run would load the app.
 */
export function measuredPosts(file: string, posts: readonly LivePost[], timings: readonly PostTiming[], from: number): MeasuredPost[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let positions: Map<string, number>;
  try {
    positions = new Map(db.prepare<[], [string, number]>('SELECT id, position FROM event_log').raw().all());
  } finally {
    db.close();
  }
  const positionOf = (id: string): number => {
    const position = positions.get(id);
    if (position === undefined) throw new Error(`event ${id} was accepted but is not in the log`);
    return position;
  };
  return posts.flatMap((post, index) => {
    const { okAt } = timings[index]!;
    if (!(okAt >= from)) return [];
    const lastPosition = post.eventIds.reduce((last, id) => Math.max(last, positionOf(id)), 0);
    return [{ okAt, lastPosition, seizurePosition: positionOf(post.seizureId), office: post.office }];
  });
}
