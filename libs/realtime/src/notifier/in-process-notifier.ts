import { type KpiUpdate, type Notifier } from '@customs-pulse/kpi';

import { type LiveHub } from '../hub/live-hub.js';

/**
 * The {@link Notifier} of the standalone app: the projector and the gateway share a process, so the changes the
 * projector committed go straight to the hub's rooms, with no broker in between.
 */
export class InProcessNotifier implements Notifier {
  constructor(private readonly hub: Pick<LiveHub, 'pushKpiUpdates'>) {}

  async publishKpiUpdates(updates: readonly KpiUpdate[]): Promise<void> {
    this.hub.pushKpiUpdates(updates);
  }
}
