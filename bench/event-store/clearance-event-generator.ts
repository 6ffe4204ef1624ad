import type { EventToAppend, StreamWrite } from '@customs-pulse/event-store';
import type { Workload } from './workload.js';
import { SeededRandom } from '@customs-pulse/testing';

const ASYCUDA = 'urn:customs:uz:asycuda';
const PORT_COMMUNITY = 'urn:customs:uz:port-community';
const TREASURY = 'urn:customs:uz:treasury';

const OFFICES = ['UZ-TAS-0101', 'UZ-TAS-0140', 'UZ-SAM-0203', 'UZ-AND-0310', 'UZ-NAV-0502', 'UZ-TER-0712', 'UZ-BUK-0405'];
const TRANSPORT_MODES = ['ROAD', 'ROAD', 'ROAD', 'RAIL', 'AIR', 'POSTAL'] as const;
const REGIMES = ['IMPORT', 'IMPORT', 'IMPORT', 'EXPORT', 'TRANSIT'] as const;
const ORIGINS = ['CN', 'KZ', 'RU', 'TR', 'KR', 'DE', 'IN', 'TM'];
const HS_CODES = ['84713000', '85171300', '870323', '39269097', '61091000', '0806', '72142000', '30049000', '940360'];
const PAYMENT_METHODS = ['ELECTRONIC', 'ELECTRONIC', 'BANK', 'GUARANTEE'] as const;
const SECOND_MS = 1000;

/**
 * Realistic clearance events, deterministic for a given seed: declarations move through their life (arrival,
 * lodgement, lane, checks, duties, release, exit) and many are in flight at once, so consecutive events belong to
 * different declarations, as they arrive at ingest. Each event is 300 to 500 bytes of JSON.
 */
export class ClearanceEventGenerator {
  private readonly random: () => number;
  private readonly inFlight: EventToAppend[][] = [];
  private declarations = 0;
  private clockMs = Date.parse('2026-03-02T06:00:00.000Z');

  constructor(options: { seed?: number; declarationsInFlight?: number } = {}) {
    const random = new SeededRandom(options.seed ?? 20260302);
    this.random = () => random.next();
    for (let n = 0; n < (options.declarationsInFlight ?? 32); n += 1) this.inFlight.push(this.declarationLife());
  }

  /** The next `count` events, in arrival order. */
  take(count: number): EventToAppend[] {
    return Array.from({ length: count }, () => this.next());
  }

  next(): EventToAppend {
    const slot = Math.floor(this.random() * this.inFlight.length);
    const life = this.inFlight[slot]!;
    const event = life.shift()!;
    if (life.length === 0) this.inFlight[slot] = this.declarationLife();
    return event;
  }

  private declarationLife(): EventToAppend[] {
    this.declarations += 1;
    this.clockMs += this.between(1, 20) * SECOND_MS;
    const subject = `DEC-2026-${String(this.declarations).padStart(6, '0')}`;
    const officeId = this.pick(OFFICES);
    const transportMode = this.pick(TRANSPORT_MODES);
    const preArrival = this.random() < 0.3;
    const lane = this.pick(['GREEN', 'GREEN', 'GREEN', 'YELLOW', 'RED', 'BLUE'] as const);
    let at = this.clockMs;
    const events: EventToAppend[] = [];
    const add = (source: string, type: string, data: Record<string, unknown>, minutes: number): void => {
      at += this.between(1, minutes) * 60 * SECOND_MS + this.between(0, 999);
      events.push(this.event(source, type, subject, at, data));
    };

    if (!preArrival) add(PORT_COMMUNITY, 'GoodsArrived', { officeId, transportMode, conveyanceRef: this.conveyance(transportMode) }, 30);
    add(ASYCUDA, 'DeclarationLodged', this.lodgement(officeId, transportMode, preArrival), 90);
    add(ASYCUDA, 'LaneAssigned', {
      lane,
      basis: this.pick(['CRITERIA', 'CRITERIA', 'RANDOM', 'OFFICER'] as const),
      riskScore: Math.round(this.random() * 1000) / 1000,
      profileIds: lane === 'GREEN' ? [] : [`RP-${this.between(100, 999)}`, `RP-${this.between(100, 999)}`],
    }, 10);
    if (lane === 'YELLOW') add(ASYCUDA, 'DocumentaryCheckCompleted', { result: this.random() < 0.9 ? 'COMPLIANT' : 'DISCREPANCY' }, 120);
    if (lane === 'RED') {
      add(ASYCUDA, 'ExaminationStarted', { method: this.pick(['NII', 'PARTIAL', 'FULL'] as const), examinerId: `OFF-${this.between(1000, 9999)}` }, 240);
      add(ASYCUDA, 'ExaminationCompleted', this.random() < 0.8 ? { result: 'NO_FINDING' } : { result: 'DISCREPANCY', discrepancyTypes: ['VALUATION'] }, 180);
    }
    // Amounts are in the deployment's reporting currency (events.md), USD by default.
    const amount = Math.round(this.random() * 5_000_000) / 100;
    add(ASYCUDA, 'DutiesAssessed', { amount, currency: 'USD' }, 30);
    add(TREASURY, 'DutiesPaid', { amount, method: this.pick(PAYMENT_METHODS), currency: 'USD' }, 240);
    add(ASYCUDA, 'GoodsReleased', { releaseType: 'NORMAL' }, 60);
    if (this.random() < 0.6) add(PORT_COMMUNITY, 'GoodsExited', { gate: `${officeId}-G${this.between(1, 6)}` }, 120);
    return events;
  }

  private lodgement(officeId: string, transportMode: string, preArrival: boolean): Record<string, unknown> {
    return {
      officeId,
      regime: this.pick(REGIMES),
      transportMode,
      declarantId: `UZ${this.between(100000000, 999999999)}`,
      aeo: this.random() < 0.15,
      electronic: this.random() < 0.95,
      preArrival,
      customsValue: Math.round(this.random() * 250_000_00) / 100,
      currency: 'USD',
      hsCodes: Array.from({ length: this.between(1, 4) }, () => this.pick(HS_CODES)),
      originCountry: this.pick(ORIGINS),
      ecommerce: transportMode === 'POSTAL',
    };
  }

  private event(source: string, type: string, subject: string, atMs: number, data: Record<string, unknown>): EventToAppend {
    return {
      id: this.uuid(),
      source,
      type,
      subject,
      time: new Date(atMs).toISOString(),
      data,
      extensions: { traceparent: `00-${this.hex(32)}-${this.hex(16)}-01` },
    };
  }

  private conveyance(transportMode: string): string {
    return transportMode === 'AIR' ? `HY${this.between(100, 999)}` : `${transportMode.slice(0, 2)}-${this.between(10000, 99999)}`;
  }

  private uuid(): string {
    const hex = this.hex(32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  private hex(length: number): string {
    let text = '';
    while (text.length < length) text += Math.floor(this.random() * 2 ** 32).toString(16).padStart(8, '0');
    return text.slice(0, length);
  }

  private between(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)]!;
  }
}

/** The events every adapter gets, the same on each run (fixed seed): enough to fill the log. */
export function benchEvents(workload: Workload): EventToAppend[] {
  return new ClearanceEventGenerator().take(workload.logEvents);
}

/** A batch as ingest hands it to `appendMany`: one write per declaration, its events in arrival order. */
export function toStreamWrites(batch: readonly EventToAppend[]): StreamWrite[] {
  const bySubject = new Map<string, EventToAppend[]>();
  for (const event of batch) {
    const events = bySubject.get(event.subject);
    if (events) events.push(event);
    else bySubject.set(event.subject, [event]);
  }
  return [...bySubject].map(([stream, events]) => ({ stream, events }));
}

