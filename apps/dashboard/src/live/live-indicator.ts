import { h } from '../dom.js';
import type { LiveStatus } from './live-client.js';

const LABELS = { connecting: 'Connecting…', live: 'Live', offline: 'Offline: reconnecting…', refused: 'Refused' } as const;

/** The header's view of the live connection and of the store position the tiles stand for. */
export class LiveIndicator {
  readonly element = h('p', { class: 'live-status', 'data-state': 'connecting', role: 'status' }, LABELS.connecting);
  private status: LiveStatus = { state: 'connecting' };
  private position: number | null = null;

  show(status: LiveStatus): void {
    this.status = status;
    this.render();
  }

  /** The tiles now stand for `position` or later. */
  reached(position: number): void {
    if (this.position !== null && position <= this.position) return;
    this.position = position;
    this.render();
  }

  private render(): void {
    const { state } = this.status;
    this.element.dataset.state = state;
    const position = state === 'live' && this.position !== null ? ` · position ${this.position.toLocaleString('en-GB')}` : '';
    this.element.textContent = state === 'refused' ? `${LABELS.refused}: ${this.status.reason}` : `${LABELS[state]}${position}`;
  }
}
