import { type ResumedKpiProjection } from './kpi-commit-observer.port.js';
import { type ProjectorLogger } from './kpi-change-listener.js';

/**
 * Tells `onResumed` of the state a projection loaded, and waits for it, or for `signal` to stop the projection:
 * stopping does not wait for a listener. Its failure is logged, and does not stop the projection.
 */
export async function tellResumed(
  onResumed: ((state: ResumedKpiProjection) => Promise<void>) | undefined,
  state: ResumedKpiProjection,
  signal: AbortSignal,
  logger: ProjectorLogger,
): Promise<void> {
  if (onResumed === undefined) return;
  const stopped = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  const told = onResumed(state).catch((error: unknown) => {
    logger.error(`KPI projection resume listener failed at ${state.position}: ${error instanceof Error ? error.message : String(error)}`);
  });
  await Promise.race([told, stopped]);
}
