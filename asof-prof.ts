// temporary: where an asOf answer's time goes
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { KpisAsOf } from './libs/kpi/src/as-of/kpis-as-of.js';
import { SqliteKpiReadModel } from './libs/kpi/src/read-model/sqlite/sqlite-kpi-read-model.js';
import { KPI_CATALOGUE } from '@customs-pulse/domain';

const store = SqliteEventStore.open({ file: '/tmp/asof/events.sqlite' });
const readModel = SqliteKpiReadModel.open({ file: '/tmp/asof/rm.sqlite' });
const history = readModel.history!;
const timed = new Map<string, number>();
const wrap = (obj: any, name: string) => { const f = obj[name].bind(obj); obj[name] = async (...a: any[]) => { const t = performance.now(); try { return await f(...a); } finally { timed.set(name, (timed.get(name) ?? 0) + performance.now() - t); } }; };
wrap(history, 'loadAsOf');
const storeTimed = { readAll: async (after: number, limit: number) => { const t = performance.now(); const r = await store.readAll(after, limit); timed.set('readAll', (timed.get('readAll') ?? 0) + performance.now() - t); return r; } };
const asOf = new KpisAsOf({ store: storeTimed, history: () => history });
const first = Date.parse('2025-11-01T00:00:00Z'), last = Date.parse('2026-10-28T00:00:00Z');
for (let i = 0; i < 5; i++) {
  const T = first + ((i * 0.37 + 0.11) % 1) * (last - first);
  timed.clear();
  const t0 = performance.now();
  let tRead = 0;
  const r = await asOf.answer(T, ({ engine, position }) => { const a = performance.now(); const now = new Date(T).toISOString(); for (const { id } of KPI_CATALOGUE) engine.current(id, now); tRead = performance.now() - a; return { position, held: engine.heldSubjects() }; });
  console.log(new Date(T).toISOString(), 'total', Math.round(performance.now() - t0), 'read', Math.round(tRead), Object.fromEntries([...timed].map(([k, v]) => [k, Math.round(v)])), r.held.buckets, r.held.declarations);
}
