/**
 * Polls `condition` until it holds, for tests that wait on another process or connection. Fails with `what`
 * after `timeoutMs` rather than hanging. A `what` given as a function is asked at the timeout, so that the message can
 * say what the condition saw last: the difference between "nothing moved" and "it moved past what was awaited".
 */
export async function waitUntil(what: string | (() => string), condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
