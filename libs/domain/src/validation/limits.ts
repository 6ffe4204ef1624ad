/** Size and time limits of the ingest contract (events.md). */

/** Largest accepted event: 64 KiB of UTF-8 JSON. */
export const MAX_EVENT_BYTES = 64 * 1024;

/** Most events in one HTTP batch. */
export const MAX_BATCH_EVENTS = 1000;

/** Largest accepted HTTP batch body: 5 MiB. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;

/**
 * How far an event's `time` may lie ahead of the server clock: 5 minutes, which absorbs clock drift between the
 * producing systems and the server while refusing events stamped in the future by mistake.
 */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/** Longest identifier or code in `data` (`officeId`, `unit`, each of `profileIds`, ...), in characters. */
export const MAX_IDENTIFIER_CHARACTERS = 128;

/** Longest free text in `data` (`reason`), in characters. */
export const MAX_FREE_TEXT_CHARACTERS = 1000;

/** Largest amount, value or quantity: one trillion units of the reporting currency (events.md v1.1). */
export const MAX_AMOUNT = 1e12;
