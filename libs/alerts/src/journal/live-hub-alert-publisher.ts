import { type AlertChange, type AlertNotice, type LiveHub } from '@customs-pulse/realtime';

import { type AlertPublisher } from './alert-publisher.port.js';

/** The {@link AlertPublisher} of the standalone app: straight to the live hub's risk room. */
export class LiveHubAlertPublisher implements AlertPublisher {
  constructor(private readonly hub: Pick<LiveHub, 'publishAlert'>) {}

  publish(change: AlertChange, alert: AlertNotice): void {
    this.hub.publishAlert(change, alert);
  }
}
