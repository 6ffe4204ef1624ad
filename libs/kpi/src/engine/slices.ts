import { SLICE_DIMENSIONS, type SliceDimension } from '@customs-pulse/domain';

/**
 * Filters a KPI is asked by (api.md): each given dimension must equal. `{}` is the total. Keys whose value is
 * `undefined` are ignored, so a query's optional parameters can be passed as they are.
 */
export type KpiFilters = { readonly [D in SliceDimension]?: string | undefined };

/** The slice key of the total. */
export const TOTAL_SLICE = '';

/** Dimensions in the order they appear in a slice key: alphabetical, so one slice has one key. */
const KEY_ORDER: readonly SliceDimension[] = [...SLICE_DIMENSIONS].sort();

/**
 * The canonical key of a slice: `dimension=value` pairs in alphabetical order of dimension, joined by `&`, values
 * URI-encoded so that no office id can forge a separator; `''` for the total. E.g. `office=UZ-TAS&transportMode=SEA`.
 */
export function sliceKey(filters: KpiFilters): string {
  let key = '';
  for (const dimension of KEY_ORDER) {
    const value = filters[dimension];
    if (value === undefined) continue;
    key += `${key === '' ? '' : '&'}${dimension}=${encodeURIComponent(value)}`;
  }
  return key;
}

/** Whether a slice key constrains exactly one dimension (`office=UZ-TAS`): values are encoded, so `&` only separates. */
export function isOneDimensionSlice(key: string): boolean {
  return key !== TOTAL_SLICE && !key.includes('&');
}

/** The filters a slice key stands for: the inverse of {@link sliceKey}. */
export function filtersOfSlice(key: string): KpiFilters {
  if (key === TOTAL_SLICE) return {};
  const filters: Partial<Record<SliceDimension, string>> = {};
  for (const pair of key.split('&')) {
    const equals = pair.indexOf('=');
    filters[pair.slice(0, equals) as SliceDimension] = decodeURIComponent(pair.slice(equals + 1));
  }
  return filters;
}

/** The dimensions a set of filters constrains, in key order. */
export function dimensionsOf(filters: KpiFilters): SliceDimension[] {
  return KEY_ORDER.filter((dimension) => filters[dimension] !== undefined);
}

const slicesByAttributes = new Map<string, readonly string[]>();

/**
 * Every slice an observation with these attributes counts in: the total and each combination of the attributes it
 * has (2^k keys for k known attributes), so that any combination of filters is answered exactly from one bucket.
 * Memoized by attribute combination, of which there are few: the same array comes back for the same attributes,
 * which lets unchanged contributions be recognised by reference.
 */
export function sliceKeysOf(attributes: KpiFilters): readonly string[] {
  const fullKey = sliceKey(attributes);
  const known = slicesByAttributes.get(fullKey);
  if (known !== undefined) return known;
  const present = dimensionsOf(attributes);
  const keys: string[] = [];
  for (let mask = 0; mask < 1 << present.length; mask += 1) {
    const subset: Partial<Record<SliceDimension, string>> = {};
    present.forEach((dimension, bit) => {
      if ((mask & (1 << bit)) !== 0) subset[dimension] = attributes[dimension];
    });
    keys.push(sliceKey(subset));
  }
  const frozen = Object.freeze(keys);
  slicesByAttributes.set(fullKey, frozen);
  return frozen;
}

/**
 * {@link sliceKeysOf} for three fixed dimensions, looked up by the raw attribute values (`null` when unknown) without
 * building a key: it runs each time an observation is computed. Nested by value, `''` standing for unknown (no
 * office id, mode, regime or category is empty).
 */
class SlicesByValues {
  private readonly byFirst = new Map<string, Map<string, Map<string, readonly string[]>>>();

  constructor(private readonly dimensions: readonly [SliceDimension, SliceDimension, SliceDimension]) {}

  slicesOf(first: string | null, second: string | null, third: string | null): readonly string[] {
    let bySecond = this.byFirst.get(first ?? '');
    if (bySecond === undefined) {
      bySecond = new Map();
      this.byFirst.set(first ?? '', bySecond);
    }
    let byThird = bySecond.get(second ?? '');
    if (byThird === undefined) {
      byThird = new Map();
      bySecond.set(second ?? '', byThird);
    }
    let slices = byThird.get(third ?? '');
    if (slices === undefined) {
      const [a, b, c] = this.dimensions;
      slices = sliceKeysOf({ [a]: first ?? undefined, [b]: second ?? undefined, [c]: third ?? undefined });
      byThird.set(third ?? '', slices);
    }
    return slices;
  }
}

const declarationSlicesByValues = new SlicesByValues(['office', 'transportMode', 'regime']);

/** {@link sliceKeysOf} for a declaration's attributes, `null` when unknown. */
export function declarationSlices(officeId: string | null, transportMode: string | null, regime: string | null): readonly string[] {
  return declarationSlicesByValues.slicesOf(officeId, transportMode, regime);
}

const seizureSlicesByValues = new SlicesByValues(['office', 'transportMode', 'category']);

/** {@link sliceKeysOf} for a seizure's attributes. */
export function seizureSlices(officeId: string, transportMode: string, category: string): readonly string[] {
  return seizureSlicesByValues.slicesOf(officeId, transportMode, category);
}

const officeSlicesByOffice = new Map<string, readonly string[]>();

/** {@link sliceKeysOf} for an office alone (`null`: the total only), looked up without building a key. */
export function officeSlices(officeId: string | null): readonly string[] {
  let slices = officeSlicesByOffice.get(officeId ?? '');
  if (slices === undefined) {
    slices = sliceKeysOf({ office: officeId ?? undefined });
    officeSlicesByOffice.set(officeId ?? '', slices);
  }
  return slices;
}
