/** The idempotency key of an event, unambiguous whatever characters source and id hold. */
export function dedupeKey(source: string, id: string): string {
  return JSON.stringify([source, id]);
}
