export { MIN_INDEXABLE_VALUE, QUANTILE_RELATIVE_ACCURACY } from './log-buckets.js';
export { QuantileSketch } from './quantile-sketch.js';
export { SketchDelta } from './sketch-delta.js';
export { AbsentObservationError, MalformedSketchJsonError } from './sketch-errors.js';
export type { SketchJson } from './sketch-json.js';
