import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { validateEvent } from '@customs-pulse/domain';
import { KpiEngine } from '@customs-pulse/kpi';
import { SeededRandom, anEvent } from '@customs-pulse/testing';

/** The engine's heap for a number of open declarations. */
export interface OpenDeclarationsHeap {
  readonly declarations: number;
  /**
   * Heap used with the engine, minus heap used before it was built, both after full collections; array buffers
   * included, as their stores lie outside V8's heap.
   */
  readonly bytes: number;
}

const OFFICES = ['UZ-TAS', 'UZ-SAM', 'UZ-AND', 'UZ-NAV', 'UZ-BUK', 'UZ-TER', 'UZ-KHO'];
const MODES = ['ROAD', 'RAIL', 'AIR', 'SEA'] as const;
const REGIMES = ['IMPORT', 'EXPORT', 'TRANSIT'] as const;
const FAR_FUTURE = { now: () => new Date('2100-01-01T00:00:00.000Z') };
const DAY_START = Date.parse('2026-03-02T00:00:00.000Z');

/**
 * Heap used by an engine holding `count` open declarations, each with what an open one typically has: arrived,
 * lodged, lane assigned, duties assessed; none released or cancelled. They are lodged over one day. Each event is
 * applied as a store hands it over, freshly parsed from JSON, and nothing but the engine keeps it, so every string
 * the engine retains is counted.
 *
 * Measured after full collections. V8's `gc()` is enabled at run time (`v8.setFlagsFromString('--expose-gc')`), so
 * the bench command needs no `--expose-gc`; `global.gc` is used instead when the process has it.
 */
export function openDeclarationsHeap(count: number): OpenDeclarationsHeap {
  const collect = fullCollection();
  collect();
  const before = heapAndBuffers();
  const engine = new KpiEngine();
  const random = new SeededRandom(5);
  for (let number = 1; number <= count; number += 1) {
    for (const event of openDeclarationEvents(`DEC-2026-${String(number).padStart(7, '0')}`, random)) {
      engine.apply(JSON.parse(event));
    }
  }
  // A read flushes what the engine defers, as any query would.
  engine.current('backlog', new Date(DAY_START + 86_400_000).toISOString());
  collect();
  const bytes = heapAndBuffers() - before;
  // Keeps the engine alive up to the measurement.
  if (engine.declarationFacts('DEC-2026-0000001') === undefined) throw new Error('the engine lost a declaration');
  return { declarations: count, bytes };
}

/** A declaration's events as stored JSON: arrival, lodgement, lane, assessment, each with its own id and time. */
function openDeclarationEvents(subject: string, random: SeededRandom): string[] {
  const officeId = random.pick(OFFICES);
  const transportMode = random.pick(MODES);
  let at = DAY_START + random.between(0, 86_399_999);
  const next = (): { id: string; time: string } => {
    at += random.between(1, 90) * 60_000;
    return { id: `${subject}-${random.between(0, 2 ** 31)}`, time: new Date(at).toISOString() };
  };
  const raws = [
    anEvent.goodsArrived(subject, { officeId, transportMode }, next()),
    anEvent.declarationLodged(subject, { officeId, transportMode, regime: random.pick(REGIMES) }, next()),
    anEvent.laneAssigned(subject, { lane: 'YELLOW', basis: 'CRITERIA' }, next()),
    anEvent.dutiesAssessed(subject, { amount: random.between(0, 1_000_000) / 100 }, next()),
  ];
  return raws.map((raw) => {
    const validation = validateEvent(raw, { clock: FAR_FUTURE, reportingCurrency: 'USD' });
    if (!validation.ok) throw new Error(`generated event refused: ${JSON.stringify(validation.errors)}`);
    return JSON.stringify({ ...validation.event, recordedAt: validation.event.time });
  });
}

function heapAndBuffers(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Two full collections, so that what the first finalizes is gone too. */
function fullCollection(): () => void {
  const gc = typeof globalThis.gc === 'function' ? globalThis.gc : exposedGc();
  return () => {
    gc();
    gc();
  };
}

function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
