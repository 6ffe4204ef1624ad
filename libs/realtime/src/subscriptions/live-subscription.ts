import { KPI_CATALOGUE, REGIMES, TRANSPORT_MODES, isKpiId, kpiById, type KpiId, type SliceDimension } from '@customs-pulse/domain';
import { type KpiFilters } from '@customs-pulse/kpi';

/** The filters a live subscription takes (api.md, "Live push"). */
export const LIVE_FILTERS = ['office', 'transportMode', 'regime'] as const satisfies readonly SliceDimension[];
/** One of {@link LIVE_FILTERS}. */
export type LiveFilter = (typeof LIVE_FILTERS)[number];

/** What a `subscribe` or `unsubscribe` asks for, once checked: KPIs, all under one slice. */
export interface LiveSubscription {
  /** Without duplicates; for `"*"`, every KPI of the catalogue that can be sliced by `filters`. */
  readonly kpis: readonly KpiId[];
  /** Only the filters given, so that it reads as `kpi.updated` and `GET /api/kpis/:id/current` write them. */
  readonly filters: KpiFilters;
}

/** One thing wrong with a subscription, named by its field: `kpis`, `kpis[2]`, `office`. */
export interface SubscriptionProblem {
  readonly path: string;
  readonly message: string;
}

/** A checked subscription, or every problem found with it. */
export type ParsedSubscription =
  | { readonly ok: true; readonly subscription: LiveSubscription }
  | { readonly ok: false; readonly problems: readonly SubscriptionProblem[] };

/** Values each filter may take; `null`: any text, as office ids are not a closed list. */
const FILTER_VALUES: Readonly<Record<LiveFilter, readonly string[] | null>> = {
  office: null,
  transportMode: TRANSPORT_MODES,
  regime: REGIMES,
};

/** Longest office id accepted: the subject limit of events.md, as for the HTTP filters. */
const MAX_OFFICE_LENGTH = 128;
/** Most entries `kpis` may list: room for every KPI and some repeats, not for a payload built to cost the server. */
const MAX_KPI_ENTRIES = 100;
const FIELDS = ['kpis', ...LIVE_FILTERS];

/**
 * Checks the payload of `subscribe` and `unsubscribe`: `{kpis: string[] or "*", office?, transportMode?, regime?}`.
 * Never throws: a client's mistake is answered, not raised. A filter given as `null` counts as not given.
 */
export function parseLiveSubscription(payload: unknown): ParsedSubscription {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return refused([{ path: 'payload', message: 'must be an object {kpis, office?, transportMode?, regime?}' }]);
  }
  const fields = payload as Readonly<Record<string, unknown>>;
  const problems: SubscriptionProblem[] = [];
  for (const name of Object.keys(fields)) {
    if (!FIELDS.includes(name)) problems.push({ path: name, message: `is not a field of a subscription; it takes ${FIELDS.join(', ')}` });
  }
  const filters = filtersOf(fields, problems);
  const kpis = kpisOf(fields.kpis, filters, problems);
  return problems.length === 0 ? { ok: true, subscription: { kpis, filters } } : refused(problems);
}

function filtersOf(fields: Readonly<Record<string, unknown>>, problems: SubscriptionProblem[]): KpiFilters {
  const filters: Partial<Record<LiveFilter, string>> = {};
  for (const name of LIVE_FILTERS) {
    const value = fields[name];
    if (value === undefined || value === null) continue;
    const allowed = FILTER_VALUES[name];
    if (typeof value !== 'string' || value === '') problems.push({ path: name, message: 'must be a non-empty string' });
    else if (allowed !== null && !allowed.includes(value)) problems.push({ path: name, message: `must be one of ${allowed.join(', ')}` });
    else if (value.length > MAX_OFFICE_LENGTH) problems.push({ path: name, message: `must be at most ${MAX_OFFICE_LENGTH} characters` });
    else filters[name] = value;
  }
  return filters;
}

function kpisOf(kpis: unknown, filters: KpiFilters, problems: SubscriptionProblem[]): KpiId[] {
  const asked = LIVE_FILTERS.filter((name) => filters[name] !== undefined);
  if (kpis === '*') return KPI_CATALOGUE.filter(({ slices }) => asked.every((name) => slices.includes(name))).map(({ id }) => id);
  if (!Array.isArray(kpis) || kpis.length === 0) {
    problems.push({ path: 'kpis', message: 'must be "*" or a non-empty array of KPI ids' });
    return [];
  }
  if (kpis.length > MAX_KPI_ENTRIES) {
    problems.push({ path: 'kpis', message: `must list at most ${MAX_KPI_ENTRIES} KPI ids` });
    return [];
  }
  const ids = new Set<KpiId>();
  kpis.forEach((id: unknown, index) => {
    if (isKpiId(id)) ids.add(id);
    else problems.push({ path: `kpis[${index}]`, message: `is not a KPI of the catalogue: ${shown(id)}` });
  });
  for (const id of ids) {
    const { slices } = kpiById(id);
    for (const name of asked.filter((filter) => !slices.includes(filter))) {
      const by = slices.length === 0 ? 'nothing' : slices.join(', ');
      problems.push({ path: name, message: `${id} cannot be filtered by ${name}; it slices by ${by}` });
    }
  }
  return [...ids];
}

/** A client's value in a message, cut short: an error answer must not echo a huge payload back. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}

function refused(problems: readonly SubscriptionProblem[]): ParsedSubscription {
  return { ok: false, problems };
}
