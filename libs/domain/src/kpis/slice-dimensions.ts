/**
 * The filters a KPI can be asked by besides the total (kpis.md, "Slices"); the names are the query parameters of
 * `GET /api/kpis/:id/series` and `/current` (api.md).
 */
export const SLICE_DIMENSIONS = ['office', 'transportMode', 'regime', 'category'] as const;
/** One of {@link SLICE_DIMENSIONS}. */
export type SliceDimension = (typeof SLICE_DIMENSIONS)[number];

/** Declaration KPIs: by the declaration's office, transport mode and regime. */
export const DECLARATION_SLICES = ['office', 'transportMode', 'regime'] as const satisfies readonly SliceDimension[];

/** Seizure KPIs: by the seizure's office, transport mode and category of goods. */
export const SEIZURE_SLICES = ['office', 'transportMode', 'category'] as const satisfies readonly SliceDimension[];

/** Payment, assessment, post-clearance audit and platform KPIs: by office only. */
export const OFFICE_SLICES = ['office'] as const satisfies readonly SliceDimension[];
