import { verifyChain } from '@customs-pulse/audit';
import type { EventStore } from '@customs-pulse/event-store';
import { eventsPerSecond, repeated, type Rate } from '../harness/measure.js';
import type { AuditWorkload } from './audit-workload.js';

/** What one adapter measured. */
export interface VerifyFigures {
  readonly fill: number;
  /** `verifyChain` over the whole log. */
  readonly verify: Rate;
  /** `readAll` over the whole log in the same pages, hashing nothing: what reading alone costs. */
  readonly scan: Rate;
  /** Highest heap in use while verifying, MiB, sampled every 50 ms: the walk must not hold the log. */
  readonly peakHeapMiB: number;
}

const MIB = 2 ** 20;

/** Times a plain scan, then the verifier, over the filled log; both warmed up by one untimed scan. */
export async function verifyFigures(store: EventStore, workload: AuditWorkload, fill: number, progress: (line: string) => void): Promise<VerifyFigures> {
  const scanAll = async (): Promise<void> => {
    let after = 0;
    let read = 0;
    for (;;) {
      const page = await store.readAll(after, workload.pageSize);
      read += page.length;
      if (page.length < workload.pageSize) break;
      after = page.at(-1)!.position;
    }
    if (read !== workload.logEvents) throw new Error(`the scan read ${read} events, expected ${workload.logEvents}`);
  };
  await scanAll();
  const scan = await repeated(workload.repeats, () => eventsPerSecond(workload.logEvents, scanAll));
  progress(`readAll alone: ${scan.runs.map(Math.round).join(', ')} events/s`);

  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 50);
  try {
    const verify = await repeated(workload.repeats, () =>
      eventsPerSecond(workload.logEvents, async () => {
        const verification = await verifyChain(store, { pageSize: workload.pageSize });
        if (!verification.ok || verification.checked !== workload.logEvents) throw new Error(`verify: ${JSON.stringify(verification)}`);
      }),
    );
    progress(`verify: ${verify.runs.map(Math.round).join(', ')} events/s`);
    return { fill, verify, scan, peakHeapMiB: peak / MIB };
  } finally {
    clearInterval(sampler);
  }
}
