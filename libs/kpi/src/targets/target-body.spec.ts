import { describe, expect, it } from '@jest/globals';

import { baselineProblems, parseTargetBody } from './target-body.js';

const valid = {
  objective: 'Cut the average release time at Tashkent airport',
  kpiId: 'release_time_mean',
  filters: { office: 'UZ-TAS-AIR' },
  baseline: { from: '2025-01-01', to: '2026-01-01T00:00:00Z' },
  target: 6,
  deadline: '2026-12-31',
  milestones: [{ date: '2026-06-30', value: 8 }],
};

const problemsOf = (body: Record<string, unknown>) => {
  const parsed = parseTargetBody(body);
  return parsed.ok ? [] : parsed.problems;
};

describe('parseTargetBody', () => {
  it('reads a valid body, baseline bounds as RFC 3339 midnights', () => {
    expect(parseTargetBody(valid)).toEqual({
      ok: true,
      definition: { ...valid, baseline: { from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' } },
    });
  });

  it('refuses what the event store could not hold: a control character or an unpaired surrogate, named by its place', () => {
    expect(problemsOf({ ...valid, objective: 'Cut\u0000 release time', filters: { office: 'UZ\ud800' } })).toEqual([
      { path: 'body.objective', message: 'holds the control character U+0000 (U+0000 to U+001F and U+007F are refused)' },
      { path: 'body.filters.office', message: 'holds an unpaired UTF-16 surrogate (U+D800)' },
    ]);
  });

  it('takes no filters and no milestones as none', () => {
    const { filters: _filters, milestones: _milestones, ...bare } = valid;
    expect(parseTargetBody(bare)).toMatchObject({ ok: true, definition: { filters: {}, milestones: [] } });
  });

  it('names each missing or malformed field', () => {
    expect(
      problemsOf({
        objective: '',
        kpiId: 'release_time',
        filters: { office: 7, regime: 'IMPORTS' },
        baseline: { from: '2025-01-01T03:00:00Z' },
        target: 'six',
        deadline: '2026-02-30',
        milestones: [{ date: '2026-06-30' }, 3],
        colour: 'red',
      }),
    ).toEqual(
      expect.arrayContaining([
        { path: 'body.objective', message: 'must be a string of 1 to 200 characters' },
        { path: 'body.kpiId', message: 'must be the id of a KPI of the catalogue (GET /api/kpis)' },
        { path: 'body.target', message: "must be a finite number in the KPI's unit" },
        { path: 'body.deadline', message: 'must be a date written YYYY-MM-DD' },
        { path: 'body.colour', message: 'is not a field here' },
        { path: 'body.baseline.from', message: 'must be a UTC midnight, e.g. 2026-01-01 or 2026-01-01T00:00:00.000Z' },
        { path: 'body.baseline.to', message: 'is required' },
        { path: 'body.filters.office', message: 'must be an office id of 1 to 128 characters' },
        { path: 'body.filters.regime', message: 'must be one of IMPORT, EXPORT, TRANSIT' },
        { path: 'body.milestones.0.value', message: 'is required' },
        { path: 'body.milestones.1', message: 'must be an object {date, value}' },
      ]),
    );
    expect(problemsOf({})).toEqual(
      ['objective', 'kpiId', 'baseline', 'target', 'deadline'].map((field) => ({ path: `body.${field}`, message: 'is required' })),
    );
  });

  it('refuses a count or a sum KPI, and a filter the KPI does not slice by', () => {
    expect(problemsOf({ ...valid, kpiId: 'seizures_count', filters: {}, target: 10 })).toEqual([
      { path: 'body.kpiId', message: expect.stringContaining('seizures_count is a count') },
    ]);
    expect(problemsOf({ ...valid, kpiId: 'duties_collected', filters: {} })[0]?.message).toContain('duties_collected is a money');
    expect(problemsOf({ ...valid, filters: { category: 'DRUGS' } })).toEqual([
      { path: 'body.filters.category', message: 'release_time_mean is not sliced by category; it slices by office, transportMode, regime' },
    ]);
  });

  it('refuses a baseline period that is empty, reversed or over 366 days', () => {
    expect(problemsOf({ ...valid, baseline: { from: '2026-01-01', to: '2026-01-01' } })).toEqual([{ path: 'body.baseline.to', message: 'must be later than baseline.from' }]);
    expect(problemsOf({ ...valid, baseline: { from: '2024-12-30', to: '2026-01-01' } })).toEqual([
      { path: 'body.baseline.to', message: 'must be at most 366 days after baseline.from' },
    ]);
    // 2024 is a leap year: 366 days
    expect(problemsOf({ ...valid, baseline: { from: '2024-01-01', to: '2025-01-01' } })).toEqual([]);
  });

  it('refuses a deadline not later than baseline.to', () => {
    expect(problemsOf({ ...valid, deadline: '2026-01-01', milestones: [] })).toEqual([{ path: 'body.deadline', message: 'must be later than baseline.to (2026-01-01)' }]);
  });

  it('refuses milestones out of range or out of order, naming each', () => {
    const milestones = [
      { date: '2026-03-01', value: 9 },
      { date: '2026-02-01', value: 8.5 },
      { date: '2026-12-31', value: 7 },
      { date: '2025-12-31', value: 7 },
    ];
    expect(problemsOf({ ...valid, milestones })).toEqual([
      { path: 'body.milestones.1.date', message: 'must be later than milestones.0.date: milestones go in date order' },
      { path: 'body.milestones.2.date', message: 'must be strictly between baseline.to and the deadline' },
      { path: 'body.milestones.3.date', message: 'must be strictly between baseline.to and the deadline' },
    ]);
  });
});

describe('baselineProblems', () => {
  const definition = { ...valid, kpiId: 'release_time_mean', baseline: { from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' } } as const;

  it('refuses a null baseline value', () => {
    expect(baselineProblems(definition, null)).toEqual([{ path: 'body.baseline', message: expect.stringContaining('has no value over [2025-01-01T00:00:00.000Z, 2026-01-01T00:00:00.000Z)') }]);
  });

  it('refuses a target that is not better than the baseline value in the KPI’s direction', () => {
    expect(baselineProblems(definition, 6)).toEqual([{ path: 'body.target', message: 'must be below the baseline value 6 (lower is better for release_time_mean)' }]);
    expect(baselineProblems(definition, 9)).toEqual([]);
    const green = { ...definition, kpiId: 'green_lane_rate', filters: {}, target: 0.7 } as const;
    expect(baselineProblems(green, 0.75)).toEqual([{ path: 'body.target', message: 'must be above the baseline value 0.75 (higher is better for green_lane_rate)' }]);
    expect(baselineProblems(green, 0.6)).toEqual([]);
  });
});
