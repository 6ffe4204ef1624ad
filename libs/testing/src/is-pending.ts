/**
 * True when `promise` has not settled once every callback already queued has run: how a test asserts that
 * something is still waiting. Works under Jest's fake timers as long as `setImmediate` is left real.
 */
export async function isPending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}
