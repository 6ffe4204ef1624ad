import { type KpiId, checkEventCharacters, kpiById } from '@customs-pulse/domain';
import { type ValidationError, type ValidatorOptions, ValidationTypes, validateSync } from 'class-validator';

import { type KpiFilters } from '../engine/slices.js';
import { type TargetDefinition, type TargetMilestone } from './strategic-target.js';
import { TargetBaselineDto, TargetBodyDto, TargetFiltersDto, TargetMilestoneDto } from './target-body.dto.js';
import { DAY_MS } from '../engine/bucket-time.js';
import { midnightIso, plainDateMs, utcMidnightMs } from '../engine/utc-days.js';

/** One thing wrong with a target, named by its place in the request (`body.baseline.to`, `body.milestones.1.date`). */
export interface TargetProblem {
  readonly path: string;
  readonly message: string;
}

/** What {@link parseTargetBody} finds. */
export type ParsedTargetBody = { readonly ok: true; readonly definition: TargetDefinition } | { readonly ok: false; readonly problems: readonly TargetProblem[] };

/** The units a target can be set in (targets-and-reports.md): a count or a sum depends on the length of its period. */
const TARGETABLE_UNITS: ReadonlySet<string> = new Set(['hours', 'seconds', 'ratio']);

/** Longest baseline period: a leap year. */
const MAX_BASELINE_DAYS = 366;

const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

/** `__proto__` and `constructor` cannot be copied onto a DTO; neither is a field of a target. */
const UNSAFE_KEYS: readonly string[] = ['__proto__', 'constructor'];

/** Checks `value` against one DTO class: every problem, each at `path` plus the field. */
function check(Dto: new () => object, value: Readonly<Record<string, unknown>>, path: string): TargetProblem[] {
  const dto = new Dto();
  const problems: TargetProblem[] = [];
  for (const key of Object.keys(value)) {
    if (UNSAFE_KEYS.includes(key)) problems.push({ path: `${path}.${key}`, message: 'is not a field here' });
    else (dto as Record<string, unknown>)[key] = value[key];
  }
  return [...problems, ...validateSync(dto, VALIDATOR_OPTIONS).flatMap((error) => problemsOf(error, path))];
}

function problemsOf(error: ValidationError, path: string): TargetProblem[] {
  const at = `${path}.${error.property}`;
  const constraints = error.constraints ?? {};
  if (constraints[ValidationTypes.WHITELIST] !== undefined) return [{ path: at, message: 'is not a field here' }];
  return Object.values(constraints).map((message) => ({ path: at, message }));
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the body of `PUT /api/targets/:id` (class-validator for each field, then the relations between them and the
 * KPI's rules), reporting every problem it finds rather than the first. What needs the KPI's values (a `null`
 * baseline value, a target not better than it) is checked by {@link baselineProblems}.
 */
export function parseTargetBody(body: Readonly<Record<string, unknown>>): ParsedTargetBody {
  const problems = check(TargetBodyDto, body, 'body');
  checkEventCharacters(body, problems, 'body');
  if (isObject(body['baseline'])) problems.push(...check(TargetBaselineDto, body['baseline'], 'body.baseline'));
  if (isObject(body['filters'])) problems.push(...check(TargetFiltersDto, body['filters'], 'body.filters'));
  const milestones = Array.isArray(body['milestones']) ? (body['milestones'] as unknown[]) : [];
  milestones.forEach((milestone, index) => {
    const path = `body.milestones.${index}`;
    if (isObject(milestone)) problems.push(...check(TargetMilestoneDto, milestone, path));
    else problems.push({ path, message: 'must be an object {date, value}' });
  });
  if (problems.length > 0) return { ok: false, problems };

  const baseline = body['baseline'] as Readonly<Record<string, unknown>>;
  const definition: TargetDefinition = {
    objective: body['objective'] as string,
    kpiId: body['kpiId'] as KpiId,
    filters: { ...(body['filters'] as KpiFilters | undefined) },
    baseline: { from: midnightIso(utcMidnightMs(baseline['from'])!), to: midnightIso(utcMidnightMs(baseline['to'])!) },
    target: body['target'] as number,
    deadline: body['deadline'] as string,
    milestones: (milestones as TargetMilestone[]).map(({ date, value }) => ({ date, value })),
  };
  const related = relationProblems(definition);
  return related.length > 0 ? { ok: false, problems: related } : { ok: true, definition };
}

/** The KPI's unit and slices, the baseline period, the deadline after it, the milestones between, in order. */
function relationProblems(definition: TargetDefinition): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const kpi = kpiById(definition.kpiId);
  if (!TARGETABLE_UNITS.has(kpi.unit)) {
    problems.push({
      path: 'body.kpiId',
      message: `${kpi.id} is a ${kpi.unit}, which depends on the length of the period it is taken over; only a KPI in hours, seconds or a ratio can have a target`,
    });
  }
  const slices: readonly string[] = kpi.slices;
  for (const dimension of Object.keys(definition.filters)) {
    if (!slices.includes(dimension)) problems.push({ path: `body.filters.${dimension}`, message: `${kpi.id} is not sliced by ${dimension}; it slices by ${slices.join(', ') || 'nothing'}` });
  }
  const fromMs = Date.parse(definition.baseline.from);
  const toMs = Date.parse(definition.baseline.to);
  if (toMs <= fromMs) problems.push({ path: 'body.baseline.to', message: 'must be later than baseline.from' });
  else if (toMs - fromMs > MAX_BASELINE_DAYS * DAY_MS) problems.push({ path: 'body.baseline.to', message: `must be at most ${MAX_BASELINE_DAYS} days after baseline.from` });
  const deadlineMs = plainDateMs(definition.deadline)!;
  if (deadlineMs <= toMs) problems.push({ path: 'body.deadline', message: `must be later than baseline.to (${definition.baseline.to.slice(0, 10)})` });
  let previousMs = toMs;
  definition.milestones.forEach(({ date }, index) => {
    const path = `body.milestones.${index}.date`;
    const dateMs = plainDateMs(date)!;
    if (dateMs <= toMs || dateMs >= deadlineMs) problems.push({ path, message: 'must be strictly between baseline.to and the deadline' });
    else if (dateMs <= previousMs) problems.push({ path, message: `must be later than milestones.${index - 1}.date: milestones go in date order` });
    previousMs = Math.max(previousMs, dateMs);
  });
  return problems;
}

/**
 * What the KPI's value over the baseline period says of a target: it must have one, and the target must be better
 * than it in the KPI's direction.
 */
export function baselineProblems(definition: TargetDefinition, baselineValue: number | null): TargetProblem[] {
  const { id, direction } = kpiById(definition.kpiId);
  const { from, to } = definition.baseline;
  if (baselineValue === null) {
    return [{ path: 'body.baseline', message: `${id} has no value over [${from}, ${to}) for this slice, so there is no baseline to measure progress from` }];
  }
  const better = direction === 'up' ? definition.target > baselineValue : definition.target < baselineValue;
  if (better) return [];
  const side = direction === 'up' ? 'above' : 'below';
  const meaning = direction === 'up' ? 'higher' : 'lower';
  return [{ path: 'body.target', message: `must be ${side} the baseline value ${baselineValue} (${meaning} is better for ${id})` }];
}
