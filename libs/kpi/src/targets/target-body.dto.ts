import { KPI_IDS, REGIMES, SEIZURE_CATEGORIES, TRANSPORT_MODES } from '@customs-pulse/domain';
import { IsArray, IsDefined, IsIn, IsNumber, IsObject, IsString, Length, ValidateBy, ValidateIf } from 'class-validator';

import { plainDateMs, utcMidnightMs } from '../engine/utc-days.js';

/**
 * The body of `PUT /api/targets/:id` as class-validator checks its fields one by one; the relations between them
 * (deadline after the baseline, milestones in order) and the KPI's rules are checked after (target-body.ts).
 */

const Required = () => IsDefined({ message: 'is required' });
/** Only absence is optional: an explicit `null` is refused like any other wrong value. */
const Optional = () => ValidateIf((_body: object, value: unknown) => value !== undefined);
const FiniteNumber = (message: string) => IsNumber({ allowNaN: false, allowInfinity: false }, { message });
const PlainDate = () =>
  ValidateBy({ name: 'plainDate', validator: { validate: (value: unknown) => plainDateMs(value) !== undefined } }, { message: 'must be a date written YYYY-MM-DD' });
const UtcMidnight = () =>
  ValidateBy(
    { name: 'utcMidnight', validator: { validate: (value: unknown) => utcMidnightMs(value) !== undefined } },
    { message: 'must be a UTC midnight, e.g. 2026-01-01 or 2026-01-01T00:00:00.000Z' },
  );

/** `{from, to}` of the baseline period. */
export class TargetBaselineDto {
  @Required() @UtcMidnight() from!: unknown;
  @Required() @UtcMidnight() to!: unknown;
}

/** One `{date, value}` of `milestones`. */
export class TargetMilestoneDto {
  @Required() @PlainDate() date!: unknown;
  @Required() @FiniteNumber("must be a finite number in the KPI's unit") value!: unknown;
}

/** The slice filters a target may name; whether its KPI slices by them is checked after. */
export class TargetFiltersDto {
  @Optional() @IsString({ message: 'must be an office id of 1 to 128 characters' }) @Length(1, 128, { message: 'must be an office id of 1 to 128 characters' })
  office?: unknown;

  @Optional() @IsIn(TRANSPORT_MODES, { message: `must be one of ${TRANSPORT_MODES.join(', ')}` }) transportMode?: unknown;
  @Optional() @IsIn(REGIMES, { message: `must be one of ${REGIMES.join(', ')}` }) regime?: unknown;
  @Optional() @IsIn(SEIZURE_CATEGORIES, { message: `must be one of ${SEIZURE_CATEGORIES.join(', ')}` }) category?: unknown;
}

/** The whole body: every field of a target but `id`, which is in the path. */
export class TargetBodyDto {
  @Required() @IsString({ message: 'must be a string of 1 to 200 characters' }) @Length(1, 200, { message: 'must be a string of 1 to 200 characters' })
  objective!: unknown;

  @Required() @IsIn(KPI_IDS, { message: 'must be the id of a KPI of the catalogue (GET /api/kpis)' }) kpiId!: unknown;
  @Optional() @IsObject({ message: 'must be an object of slice filters (office, transportMode, regime, category)' }) filters?: unknown;
  @Required() @IsObject({ message: 'must be an object {from, to}' }) baseline!: unknown;
  @Required() @FiniteNumber("must be a finite number in the KPI's unit") target!: unknown;
  @Required() @PlainDate() deadline!: unknown;
  @Optional() @IsArray({ message: 'must be an array of {date, value}' }) milestones?: unknown;
}
