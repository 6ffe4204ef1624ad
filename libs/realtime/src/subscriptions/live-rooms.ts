import { type KpiId } from '@customs-pulse/domain';
import { type KpiFilters, sliceKey } from '@customs-pulse/kpi';

import { type LiveSubscription } from './live-subscription.js';

const KPI_ROOM_PREFIX = 'kpi:';

/**
 * The room of one KPI under one slice: its members get that KPI's `kpi.updated` for exactly that slice. The slice key
 * is canonical and URI-encodes its values, so one slice has one room and no office id can name another's.
 */
export function kpiRoom(kpiId: KpiId, filters: KpiFilters): string {
  return `${KPI_ROOM_PREFIX}${kpiId}:${sliceKey(filters)}`;
}

/** Whether `room` is a {@link kpiRoom}, not the risk room or a client's own. */
export function isKpiRoom(room: string): boolean {
  return room.startsWith(KPI_ROOM_PREFIX);
}

/** The rooms a subscription stands for: one per KPI, all under its slice. */
export function roomsOf({ kpis, filters }: LiveSubscription): string[] {
  return kpis.map((kpiId) => kpiRoom(kpiId, filters));
}

/** The room of clients with the role `risk`: alert pushes go there (api.md). */
export const RISK_ROOM = 'alerts';

/** The room of every client: each holds the role operator (the handshake requires it), which target pushes go to. */
export const OPERATOR_ROOM = 'operators';
