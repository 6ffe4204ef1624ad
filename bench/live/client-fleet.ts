import type { ChildProcess } from 'node:child_process';
import { exited, forkBenchChild, nextMessage } from './bench-child.js';
import type { ClientLogs, FromClients, ToClients } from './live-messages.js';

/** What the fleet opens: `clients` subscribed to `"*"` (of which `probes` also watch the bench offices' rooms). */
export interface FleetPlan {
  readonly url: string;
  readonly token: string;
  readonly clients: number;
  readonly probes: number;
  readonly offices: readonly string[];
  readonly processes: number;
}

/**
 * The live clients, spread evenly over client processes (client-worker.ts): one Node process holding thousands of
 * sockets would delay their receipts on its own event loop, which the report shows through each process's loop
 * delay.
 */
export class ClientFleet {
  private constructor(private readonly workers: readonly ChildProcess[]) {}

  /** Starts the processes and waits until every client is connected and subscribed. */
  static async open(plan: FleetPlan): Promise<ClientFleet> {
    const workers = Array.from({ length: plan.processes }, (_, index) => {
      const share = (total: number): number => Math.floor(total / plan.processes) + (index < total % plan.processes ? 1 : 0);
      const part = { url: plan.url, token: plan.token, clients: share(plan.clients), probes: share(plan.probes), offices: plan.offices };
      return forkBenchChild('./client-worker.ts', [JSON.stringify(part)]);
    });
    const fleet = new ClientFleet(workers);
    try {
      await Promise.all(workers.map((worker) => nextMessage<FromClients, 'subscribed'>(worker, 'subscribed', 300_000)));
      return fleet;
    } catch (error) {
      await fleet.close();
      throw error;
    }
  }

  /** Starts counting messages, CPU and loop delay: the measured window opens. */
  startMeasuring(): void {
    this.broadcast({ type: 'measure-start' });
  }

  /** Every process's logs. */
  async collect(): Promise<ClientLogs[]> {
    const replies = this.workers.map((worker) => nextMessage<FromClients, 'logs'>(worker, 'logs', 120_000));
    this.broadcast({ type: 'collect' });
    return (await Promise.all(replies)).map(({ logs }) => logs);
  }

  async close(): Promise<void> {
    for (const worker of this.workers) if (worker.connected) worker.send({ type: 'stop' } satisfies ToClients);
    await Promise.all(this.workers.map((worker) => exited(worker, 10_000)));
  }

  private broadcast(message: ToClients): void {
    for (const worker of this.workers) worker.send(message);
  }
}
