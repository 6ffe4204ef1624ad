import { type StrategicTarget, type TargetDefinition } from './strategic-target.js';

/** A stored event as the ledger folds it: `RecordedEvent` satisfies it. */
export interface TargetLedgerEvent {
  readonly type: string;
  readonly subject: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly position: number;
  readonly recordedAt: string;
}

/** What folding one event changed: a target set (new or changed) or retired. */
export type TargetLedgerChange = { readonly kind: 'set'; readonly target: StrategicTarget } | { readonly kind: 'retired'; readonly id: string };

/** The event types the plan is folded from: what its journal reads of the log at a load. */
export const TARGET_EVENT_TYPES: readonly string[] = ['TargetSet', 'TargetRetired'];

/**
 * The strategic plan, folded from the `TargetSet` and `TargetRetired` events of the log and nothing else. It keeps
 * every such event (a plan holds a handful of targets, changed now and then), so that the plan in force at any past
 * instant (`asOf`) is a fold of those recorded by then. Folding an event twice changes nothing.
 */
export class TargetLedger {
  private readonly events: TargetLedgerEvent[] = [];
  private readonly folded = new Set<number>();
  private readonly current = new Map<string, StrategicTarget>();
  private readonly changeCounts = new Map<string, number>();

  /** Folds one stored event; events of other types, or folded already, change nothing and give `null`. */
  fold(event: TargetLedgerEvent): TargetLedgerChange | null {
    if (event.type !== 'TargetSet' && event.type !== 'TargetRetired') return null;
    if (this.folded.has(event.position)) return null;
    this.folded.add(event.position);
    this.changeCounts.set(event.subject, (this.changeCounts.get(event.subject) ?? 0) + 1);
    const late = this.events.length > 0 && this.events.at(-1)!.position > event.position;
    this.events.push(event);
    if (!late) return apply(this.current, event);
    // An earlier event folded after later ones (a batch observed while the log was still being loaded): the plan is
    // the fold in log order, so it is folded again; history is no news.
    this.events.sort((a, b) => a.position - b.position);
    this.current.clear();
    for (const folded of this.events) apply(this.current, folded);
    return null;
  }

  /** The targets in force, by id order; with `asOfMs`, those in force from the events recorded by then. */
  inForce(asOfMs?: number): StrategicTarget[] {
    let targets: ReadonlyMap<string, StrategicTarget> = this.current;
    if (asOfMs !== undefined) {
      const then = new Map<string, StrategicTarget>();
      for (const event of this.events) if (Date.parse(event.recordedAt) <= asOfMs) apply(then, event);
      targets = then;
    }
    return [...targets.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The target in force with this id. */
  target(id: string): StrategicTarget | undefined {
    return this.current.get(id);
  }

  /** How many `TargetSet` and `TargetRetired` a target has had: the next one is number `changes + 1`. */
  changes(id: string): number {
    return this.changeCounts.get(id) ?? 0;
  }
}

function apply(targets: Map<string, StrategicTarget>, event: TargetLedgerEvent): TargetLedgerChange {
  if (event.type === 'TargetRetired') {
    targets.delete(event.subject);
    return { kind: 'retired', id: event.subject };
  }
  const target: StrategicTarget = { id: event.subject, ...(event.data as unknown as TargetDefinition) };
  targets.set(event.subject, target);
  return { kind: 'set', target };
}
