import { type Clock } from '@customs-pulse/domain';

import { type AsOfNeeds, type KpisAsOf } from '../as-of/kpis-as-of.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { type ColdState } from '../read-model/read-model.port.js';
import { type KpiProjection } from './kpi-projection.js';

/**
 * Reads an answer off an engine: `position` is what it has applied, `now` the instant "current" means, and `cold`
 * where the subjects and buckets it does not hold are read (null when it holds them all: a replay from position 0).
 */
export type KpiRead<T> = (
  engine: KpiEngine,
  context: { readonly position: number; readonly now: string; readonly cold: ColdState | null },
) => T;

/**
 * Where KPI queries get their engine: the live projection, or with `asOf` one replayed from the events recorded by
 * then, read at that instant, so that `current` is what a dashboard showed at the time (api.md).
 */
export class KpiAnswers {
  constructor(
    private readonly projection: Pick<KpiProjection, 'view'>,
    private readonly history: Pick<KpisAsOf, 'answer'>,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `read` on the engine for `asOf` (live when undefined) and returns its result. A `read` that awaits holds
   * nothing: the live engine may move on meanwhile (`answerAcrossTurns` keeps it still). `needs` says what `read`
   * reads besides the KPIs' own measures; the live engine keeps everything.
   */
  answer<T>(asOf: Date | undefined, read: KpiRead<T | Promise<T>>, needs?: AsOfNeeds): Promise<T> {
    if (asOf === undefined) {
      const { engine, position, cold } = this.projection.view();
      return Promise.resolve(read(engine, { position, now: this.clock.now().toISOString(), cold }));
    }
    const now = asOf.toISOString();
    return this.history.answer(asOf.getTime(), ({ engine, position, cold }) => read(engine, { position, now, cold }), needs);
  }

  /**
   * Runs `read`, which gives the event loop turns (a report's scan), on the engine for `asOf` and returns its result.
   * The engine stays as it was at the start throughout: the live projector applies nothing until `read` settles, and
   * the `asOf` engine is advanced for no other request meanwhile.
   */
  answerAcrossTurns<T>(asOf: Date | undefined, read: KpiRead<Promise<T>>, needs?: AsOfNeeds): Promise<T> {
    if (asOf === undefined) {
      const { engine, position, hold, cold } = this.projection.view();
      return hold.during(() => read(engine, { position, now: this.clock.now().toISOString(), cold }));
    }
    return this.answer(asOf, read, needs);
  }
}
