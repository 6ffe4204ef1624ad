/**
 * Polls `condition` until it holds, for tests that wait on another process or connection. Fails with `what`
 * after `timeoutMs` rather than hanging.
 */
export async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
