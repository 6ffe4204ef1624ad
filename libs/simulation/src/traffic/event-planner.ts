import { type EventDataByType, type ProducerEventType } from '@customs-pulse/domain';
import { corruptedCopy } from '../events/corruptions.js';
import { sourceOf } from '../events/event-sources.js';
import { rfc3339At } from '../events/event-time.js';
import { type CloudEventJson, type IncidentKind, type SimulatedEvent } from '../events/simulated-event.js';
import { DATA_QUALITY } from '../profile/data-quality-profile.js';
import { type SeededRandom } from '../random/seeded-random.js';
import { type AgendaItem } from './agenda.js';
import { type DueQueue } from './due-queue.js';
import { type RunNames } from './run-names.js';

const MINUTE = 60_000;

/**
 * Turns what a journey decides (this event, at this time) into CloudEvents on the agenda, with the producers'
 * imperfections drawn around it: late sending, duplicates, malformed copies, conflicting re-sends.
 */
export class EventPlanner {
  /**
   * The simulation's present: an event that happened before it (a journey anchored in the past) is sent now, late.
   */
  now = 0;

  constructor(
    private readonly random: SeededRandom,
    private readonly agenda: DueQueue<AgendaItem>,
    readonly names: RunNames,
    private readonly reportingCurrency: string,
  ) {}

  /** Plans one valid event of `type` on `subject` that happens at `time` (epoch milliseconds). */
  plan<T extends ProducerEventType>(
    type: T,
    subject: string,
    time: number,
    data: EventDataByType[T],
    incident?: IncidentKind,
  ): void {
    const at = Math.round(time);
    const { source, utcOffsetMinutes } = sourceOf(type);
    const event: CloudEventJson = {
      specversion: '1.0',
      id: this.names.eventId(),
      source,
      type,
      subject,
      time: rfc3339At(at, utcOffsetMinutes),
      datacontenttype: 'application/json',
      data,
    };
    let dueAt = Math.max(at, this.now);
    // An incident's events come when it strikes, so that its alerts follow at once; late ones would blur it.
    if (this.random.chance(DATA_QUALITY.lateShare) && incident === undefined) dueAt += this.minutes(DATA_QUALITY.lateDelayMinutes);
    this.send({ event, dueAt, kind: 'original', ...(incident ? { incident } : {}) });
    if (this.random.chance(DATA_QUALITY.duplicateShare)) {
      this.send({ event, dueAt: dueAt + this.minutes(DATA_QUALITY.duplicateDelayMinutes), kind: 'duplicate' });
    }
    if (this.random.chance(DATA_QUALITY.conflictShare)) {
      const conflicting = { ...event, time: rfc3339At(at + MINUTE, utcOffsetMinutes) };
      this.send({ event: conflicting, dueAt: dueAt + this.minutes(DATA_QUALITY.duplicateDelayMinutes) + MINUTE, kind: 'conflict' });
    }
    if (this.random.chance(DATA_QUALITY.invalidShare)) {
      const invalid = corruptedCopy(this.random, event, this.names.eventId(), this.reportingCurrency);
      this.send({ event: invalid, dueAt, kind: 'invalid' });
    }
  }

  private send(event: SimulatedEvent): void {
    this.agenda.push(event.dueAt, { kind: 'send', event });
  }

  private minutes(delay: { readonly median: number; readonly sigma: number }): number {
    return Math.round(this.random.logNormal(delay.median, delay.sigma) * MINUTE);
  }
}
