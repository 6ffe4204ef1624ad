import { Agent, request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { LivePost } from './live-posts.js';
import { monotonicMs } from './live-messages.js';

/** When one POST was due and when its 200 arrived (NaN: not by the deadline), on the shared monotonic clock. */
export interface PostTiming {
  readonly dueAt: number;
  readonly okAt: number;
}

/** How long after the last POST was due its answers are waited for: past it, an app that fell behind is left behind. */
const DEADLINE_AFTER_SCHEDULE_MS = 15_000;

/**
 * POSTs every batch on an open-loop schedule from `startAt` (monotonic ms), `postsPerSecond` evenly spaced, over
 * `connections` keep-alive connections: a POST is sent when due whatever the earlier ones' answers (it queues for a
 * connection if all are busy, which shows as its 200 coming late). Answers are awaited until 15 s after the last POST
 * was due; those still missing are abandoned (okAt NaN). Fails if any answer is not a 200 accepting all its events.
 */
export async function postAtRate(
  url: string,
  token: string,
  posts: readonly LivePost[],
  postsPerSecond: number,
  connections: number,
  startAt: number,
): Promise<PostTiming[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL('/api/events', url);
  const intervalMs = 1_000 / postsPerSecond;
  const timings = posts.map((_, index): PostTiming => ({ dueAt: startAt + index * intervalMs, okAt: Number.NaN }));
  let failure: Error | null = null;
  const answers: Promise<void>[] = [];
  try {
    for (const [index, post] of posts.entries()) {
      const wait = timings[index]!.dueAt - monotonicMs();
      if (wait > 0) await delay(wait);
      if (failure !== null) break;
      const answer = postOne(agent, target, token, post).then(
        (okAt) => void (timings[index] = { ...timings[index]!, okAt }),
        (error: Error) => void (failure ??= error),
      );
      answers.push(answer);
    }
    const deadline = timings.at(-1)!.dueAt + DEADLINE_AFTER_SCHEDULE_MS - monotonicMs();
    const giveUp = new AbortController();
    const late = delay(Math.max(0, deadline), undefined, { signal: giveUp.signal }).catch(() => undefined);
    await Promise.race([Promise.all(answers), late]);
    giveUp.abort();
  } finally {
    // Abandons what is still unanswered; their errors are no longer listened to.
    agent.destroy();
  }
  if (failure !== null) throw failure;
  return [...timings];
}

/** @returns when the response's status line arrived: the moment of "the HTTP 200". */
function postOne(agent: Agent, target: URL, token: string, post: LivePost): Promise<number> {
  return new Promise((resolve, reject) => {
    const sending = request(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': post.body.length, authorization: `Bearer ${token}` },
      },
      (response) => {
        const okAt = monotonicMs();
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const accepted = response.statusCode === 200 ? (JSON.parse(text) as { accepted: number }).accepted : -1;
          if (accepted === post.events) resolve(okAt);
          else reject(new Error(`POST /api/events answered ${response.statusCode}, accepting ${accepted} of ${post.events}: ${text.slice(0, 300)}`));
        });
      },
    );
    sending.on('error', reject);
    sending.end(post.body);
  });
}
