import { type CustomsOffice, customsOffices } from '../administration/customs-offices.js';
import { TraderRegister } from '../administration/traders.js';
import { type IncidentKind, type SimulatedEvent } from '../events/simulated-event.js';
import { defaultIncidentOffice, type IncidentPlan } from '../incidents/incident-plan.js';
import { INCIDENTS } from '../incidents/incidents.js';
import { type DeclarationPlan, planDeclaration } from '../journeys/declaration-journey.js';
import { HOUR, type JourneyContext } from '../journeys/journey-context.js';
import { planPostClearanceAudit } from '../journeys/post-clearance-audit.js';
import { planSeizure } from '../journeys/seizure-case.js';
import { AUDITS_PER_DECLARATION, INDEPENDENT_SEIZURES_PER_DECLARATION } from '../profile/enforcement-profile.js';
import { SeededRandom } from '../random/seeded-random.js';
import { drawWeighted, WeightedTable } from '../random/weighted.js';
import { type AgendaItem } from './agenda.js';
import { DueQueue } from './due-queue.js';
import { EventPlanner } from './event-planner.js';
import { RunNames } from './run-names.js';
import { dailyRhythm, EVENTS_PER_DECLARATION, PEAK_RHYTHM } from './traffic-intensity.js';

const DAY = 86_400_000;

/** What to simulate. */
export interface TrafficOptions {
  /** The same seed (and start) gives the same events, ids included. */
  readonly seed: number;
  /** Epoch milliseconds at which live traffic begins; the history lies in the `days` before it. */
  readonly start: number;
  /** Events per second of live traffic, once declarations are under way (their later events follow over hours). */
  readonly rate: number;
  /** Days of history before `start`. @defaultValue 0 */
  readonly days?: number;
  /** Events per second of history, on average over the day (the history follows the working day). @defaultValue the smaller of `rate` and {@link DEFAULT_HISTORY_RATE}, or that when `rate` is 0 */
  readonly historyRate?: number;
  /** How many offices. @defaultValue 4 */
  readonly offices?: number;
  readonly incidents?: readonly IncidentPlan[];
  /** The deployment's reporting currency: named on some amounts, and avoided by the malformed ones. @defaultValue `USD` */
  readonly reportingCurrency?: string;
}

/**
 * The history rate when none is given: about 2,800 declarations a day, a small administration whose backlog stays
 * under the default `backlog` warning threshold (500) even at the busiest hour.
 */
export const DEFAULT_HISTORY_RATE = 0.2;

/**
 * The simulated traffic of a customs administration as a deterministic stream of events in the order they are due.
 *
 * An agenda (a queue by due time) holds the next declaration to create, the incidents to come and every planned
 * event. Creating a declaration plans its whole journey at once (arrival, lodgement, lane, controls, duties,
 * release, exit, and what follows from it), each event due when it happens, or later if its producer is late.
 * Declarations arrive as a Poisson process: at `historyRate` (thinned by the working day) before `start`, at `rate`
 * after. Nothing here reads a clock: the runner decides when to take what is due.
 */
export class TrafficSimulation {
  readonly start: number;
  readonly historyStart: number;
  readonly offices: readonly CustomsOffice[];
  /** The tag of this run's ids (see {@link RunNames}). */
  readonly runTag: string;

  private readonly random: SeededRandom;
  private readonly agenda = new DueQueue<AgendaItem>();
  private readonly planner: EventPlanner;
  private readonly context: JourneyContext;
  private readonly officeTable: WeightedTable<CustomsOffice>;
  private readonly officeShare: ReadonlyMap<string, number>;
  private readonly liveDeclarationsPerMs: number;
  private readonly historyDeclarationsPerMs: number;
  /** Incidents under way, by office. */
  private readonly striking = new Map<string, IncidentKind[]>();

  constructor(options: TrafficOptions) {
    const { seed, start, rate, days = 0, offices = 4, incidents = [], reportingCurrency = 'USD' } = options;
    const historyRate = options.historyRate ?? (rate > 0 ? Math.min(rate, DEFAULT_HISTORY_RATE) : DEFAULT_HISTORY_RATE);
    if (!Number.isFinite(start)) throw new RangeError(`start must be an instant, got ${start}`);
    if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a number >= 0, got ${rate}`);
    if (!(historyRate > 0) || !Number.isFinite(historyRate)) throw new RangeError(`historyRate must be a number above 0, got ${historyRate}`);
    if (!(days >= 0) || !Number.isFinite(days)) throw new RangeError(`days must be a number >= 0, got ${days}`);
    this.start = start;
    this.historyStart = start - days * DAY;
    this.offices = customsOffices(offices);
    this.random = new SeededRandom(seed);
    const names = new RunNames(seed, start);
    this.runTag = names.tag;
    this.planner = new EventPlanner(this.random, this.agenda, names, reportingCurrency);
    this.context = { random: this.random, planner: this.planner, traders: new TraderRegister(this.random), currency: reportingCurrency };
    this.officeTable = new WeightedTable(this.offices, (office) => office.volume);
    const totalVolume = this.offices.reduce((sum, office) => sum + office.volume, 0);
    this.officeShare = new Map(this.offices.map((office) => [office.id, office.volume / totalVolume]));
    this.liveDeclarationsPerMs = rate / EVENTS_PER_DECLARATION / 1000;
    this.historyDeclarationsPerMs = historyRate / EVENTS_PER_DECLARATION / 1000;

    const officeIds = this.offices.map((office) => office.id);
    for (const incident of incidents) {
      const officeId = incident.officeId ?? defaultIncidentOffice(incident.kind, officeIds);
      if (!officeIds.includes(officeId)) {
        throw new RangeError(`incident ${incident.kind}: office ${officeId} is not simulated; the offices are ${officeIds.join(', ')}`);
      }
      this.agenda.push(Math.round(start + incident.afterSeconds * 1000), { kind: 'incident', plan: { ...incident, officeId } });
    }
    this.scheduleNextDeclaration(this.historyStart);
  }

  /** When the next thing on the agenda is due: `Infinity` when nothing is. */
  nextDueAt(): number {
    return this.agenda.peekDueAt();
  }

  /** The events due at or before `until`, in due order, at most `limit` of them. */
  takeDue(until: number, limit: number): SimulatedEvent[] {
    const due: SimulatedEvent[] = [];
    while (due.length < limit && this.agenda.peekDueAt() <= until) {
      const { dueAt, item } = this.agenda.pop()!;
      this.planner.now = dueAt;
      if (item.kind === 'send') due.push(item.event);
      else if (item.kind === 'next-declaration') this.createDeclaration(dueAt);
      else this.strike(item.plan, dueAt);
    }
    return due;
  }

  private createDeclaration(at: number): void {
    const office = this.officeTable.draw(this.random);
    const incidents = this.striking.get(office.id) ?? [];
    planDeclaration(this.context, incidents.reduce<DeclarationPlan>((plan, kind) => ({ ...plan, ...INCIDENTS[kind].ongoing }), { office, at }));
    if (this.random.chance(INDEPENDENT_SEIZURES_PER_DECLARATION)) {
      const detectedAt = at + this.random.uniform(0, 2) * HOUR;
      planSeizure(this.context, { officeId: office.id, transportMode: drawWeighted(this.random, office.modes), at: detectedAt });
    }
    if (this.random.chance(AUDITS_PER_DECLARATION)) {
      const traderId = this.context.traders.draw(this.random, this.random.chance(0.15)).id;
      planPostClearanceAudit(this.context, { officeId: office.id, traderId, at: at + this.random.uniform(0, 8) * HOUR });
    }
    this.scheduleNextDeclaration(at);
  }

  private strike(plan: IncidentPlan, at: number): void {
    const office = this.offices.find(({ id }) => id === plan.officeId)!;
    const recentDeclarations = this.expectedDeclarations(at - DAY, at) * this.officeShare.get(office.id)!;
    INCIDENTS[plan.kind].strike(this.context, { office, at, recentDeclarations });
    this.striking.set(office.id, [...(this.striking.get(office.id) ?? []), plan.kind]);
  }

  /** Declarations of the whole administration expected in `[from, to)`, on average over the day's rhythm. */
  private expectedDeclarations(from: number, to: number): number {
    const overlap = (low: number, high: number): number => Math.max(0, Math.min(to, high) - Math.max(from, low));
    return overlap(this.historyStart, this.start) * this.historyDeclarationsPerMs + overlap(this.start, Infinity) * this.liveDeclarationsPerMs;
  }

  /**
   * The next declaration of the Poisson process after `from`. Before `start` the history's arrivals are thinned by
   * the day's rhythm; a draw that would cross `start` restarts there at the live rate (the process is memoryless).
   */
  private scheduleNextDeclaration(from: number): void {
    let at = from;
    for (;;) {
      const live = at >= this.start;
      const bound = live ? this.liveDeclarationsPerMs : this.historyDeclarationsPerMs * PEAK_RHYTHM;
      if (bound === 0) {
        if (live) return;
        at = this.start;
        continue;
      }
      const next = Math.ceil(at + this.random.exponential(1 / bound));
      if (!live && next >= this.start) {
        at = this.start;
        continue;
      }
      if (live || this.random.chance(dailyRhythm(next) / PEAK_RHYTHM)) {
        this.agenda.push(next, { kind: 'next-declaration' });
        return;
      }
      at = next;
    }
  }
}
