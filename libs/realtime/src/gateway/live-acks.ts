import { type LiveSnapshot } from '../snapshots/live-snapshots.port.js';
import { type SubscriptionProblem } from '../subscriptions/live-subscription.js';

/**
 * A request the gateway did not carry out, shaped like the API's problem details (api.md): the HTTP status it
 * stands for, a title, a readable detail and, for a bad payload, each problem named by its field.
 */
export interface LiveError {
  readonly status: 400 | 503;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly SubscriptionProblem[];
}

/** The acknowledgement of `subscribe`: the snapshot, or why there is none. */
export type SubscribeAck = LiveSnapshot | { readonly error: LiveError };

/** The acknowledgement of `unsubscribe`. */
export type UnsubscribeAck = { readonly ok: true } | { readonly error: LiveError };

/** A payload that is not a subscription. */
export function badSubscription(problems: readonly SubscriptionProblem[]): { error: LiveError } {
  const detail = problems.map(({ path, message }) => `${path} ${message}`).join('; ');
  return { error: { status: 400, title: 'Bad subscription', detail, errors: problems } };
}

/** A subscription that would take a client over its number of (KPI, slice) rooms. */
export function tooManyRooms(limit: number): { error: LiveError } {
  return { error: { status: 400, title: 'Too many subscriptions', detail: `a client may follow at most ${limit} (KPI, slice) pairs; unsubscribe some first` } };
}

/** The node cannot answer now: it is going down, or its projection cannot be read. */
export function unavailable(detail: string): { error: LiveError } {
  return { error: { status: 503, title: 'Service Unavailable', detail } };
}
