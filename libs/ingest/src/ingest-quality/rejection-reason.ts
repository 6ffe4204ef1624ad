import { formatProblem, type ValidationProblem } from '@customs-pulse/domain';

/**
 * Messages that carry a value of one event (a size, the server's time, a producer's currency, a store position),
 * each with that value cut off: group 1 is the rule, the same for every event that breaks it. Values from a
 * closed set are kept, since they say which rule was broken and cannot multiply: the system event type named in
 * `AlertRaised is written by the system...`, the type meant in `must be written exactly as GoodsArrived`.
 */
const VALUE_BEARING_MESSAGES: readonly RegExp[] = [
  // libs/domain event-size: `must be at most 65536 bytes of JSON (got 70174)`
  /^(must be at most \d+ bytes of JSON) \(got \d+\)$/,
  // libs/domain validate-event-json: `must be valid JSON (Unexpected end of JSON input)`, the parser's words
  /^(must be valid JSON) \(.*\)$/s,
  // libs/domain envelope-rules: `must be at most 5 minutes ahead of the server clock (server time 2026-...Z)`
  /^(must be at most \d+ minutes ahead of the server clock) \(server time [^)]*\)$/,
  // libs/domain currency-rule: `must be USD, the reporting currency (got EUR)`
  /^(must be [A-Z]{3}, the reporting currency) \(got .*\)$/s,
  // stored-conflict: `(source, id) is already stored with different content, at position 42`
  /^(\(source, id\) is already stored with different content), at position \d+$/,
];

/** An unknown field of `data`: its path names whatever key the producer sent. */
const UNKNOWN_DATA_FIELD = /^is not a field of /;

/** An attribute outside the contract, or a bad extension attribute: its path names whatever key the producer sent. */
const UNKNOWN_ATTRIBUTE = /^is not an attribute of this contract|\(extension attribute\)$/;

/** A list item's index in a path (`data.hsCodes.3`). */
const ITEM_INDEX = /(^|\.)\d+(?=\.|$)/g;

/** The longest reason kept; a longer one is cut here, since no normalized rule is near this long. */
const MAX_REASON_LENGTH = 300;

/**
 * The reason a problem is counted under (`GET /api/quality`): `path: message` as in dead-letter headers, with
 * whatever varies from event to event left out, so that one broken rule is one reason and the reasons stay few.
 * Names the producer chose become `*` in the path (`data.*`, `*`, `data.hsCodes.*`); values in messages are cut.
 */
export function rejectionReason(problem: ValidationProblem): string {
  const reason = formatProblem({ path: reasonPath(problem), message: reasonMessage(problem.message) });
  return reason.length <= MAX_REASON_LENGTH ? reason : `${reason.slice(0, MAX_REASON_LENGTH - 1)}…`;
}

function reasonPath({ path, message }: ValidationProblem): string {
  if (UNKNOWN_DATA_FIELD.test(message)) return 'data.*';
  if (UNKNOWN_ATTRIBUTE.test(message)) return '*';
  return path.replace(ITEM_INDEX, '$1*');
}

function reasonMessage(message: string): string {
  for (const pattern of VALUE_BEARING_MESSAGES) {
    const rule = pattern.exec(message)?.[1];
    if (rule !== undefined) return rule;
  }
  return message;
}
