import { describe, expect, it } from '@jest/globals';
import { KPI_CATALOGUE } from '@customs-pulse/domain';

import { parseLiveSubscription } from './live-subscription.js';

describe('parseLiveSubscription (api.md, "Live push")', () => {
  it('reads KPI ids and filters, keeping only the filters given', () => {
    expect(parseLiveSubscription({ kpis: ['release_time_mean', 'backlog'], office: 'UZ-TAS', regime: null })).toEqual({
      ok: true,
      subscription: { kpis: ['release_time_mean', 'backlog'], filters: { office: 'UZ-TAS' } },
    });
  });

  it('drops repeated ids', () => {
    expect(parseLiveSubscription({ kpis: ['backlog', 'backlog'] })).toMatchObject({ subscription: { kpis: ['backlog'] } });
  });

  it('reads "*" without filters as every KPI of the catalogue', () => {
    expect(parseLiveSubscription({ kpis: '*' })).toEqual({
      ok: true,
      subscription: { kpis: KPI_CATALOGUE.map(({ id }) => id), filters: {} },
    });
  });

  it('reads "*" with filters as every KPI that can be sliced by all of them', () => {
    const parsed = parseLiveSubscription({ kpis: '*', office: 'UZ-TAS', regime: 'IMPORT' });

    const expected = KPI_CATALOGUE.filter(({ slices }) => slices.includes('office') && slices.includes('regime')).map(({ id }) => id);
    expect(parsed).toEqual({ ok: true, subscription: { kpis: expected, filters: { office: 'UZ-TAS', regime: 'IMPORT' } } });
    expect(expected).toContain('release_time_mean');
    expect(expected).not.toContain('seizures_count');
    expect(expected).not.toContain('duties_collected');
  });

  it.each([
    ['not an object', 'subscribe me', [{ path: 'payload', message: expect.stringContaining('must be an object') }]],
    ['an array', [], [{ path: 'payload', message: expect.stringContaining('must be an object') }]],
    ['without kpis', { office: 'UZ-TAS' }, [{ path: 'kpis', message: 'must be "*" or a non-empty array of KPI ids' }]],
    ['with an empty kpis', { kpis: [] }, [{ path: 'kpis', message: 'must be "*" or a non-empty array of KPI ids' }]],
    ['with kpis a string other than "*"', { kpis: 'backlog' }, [{ path: 'kpis', message: expect.stringContaining('must be "*"') }]],
    ['with too many kpis', { kpis: new Array(101).fill('backlog') }, [{ path: 'kpis', message: 'must list at most 100 KPI ids' }]],
    [
      'with an unknown KPI id',
      { kpis: ['backlog', 'happiness', 7] },
      [
        { path: 'kpis[1]', message: 'is not a KPI of the catalogue: "happiness"' },
        { path: 'kpis[2]', message: 'is not a KPI of the catalogue: 7' },
      ],
    ],
    ['with a transport mode not in events.md', { kpis: '*', transportMode: 'TELEPORT' }, [{ path: 'transportMode', message: expect.stringContaining('must be one of SEA, AIR') }]],
    ['with a regime not in events.md', { kpis: '*', regime: 'import' }, [{ path: 'regime', message: 'must be one of IMPORT, EXPORT, TRANSIT' }]],
    ['with an empty office', { kpis: '*', office: '' }, [{ path: 'office', message: 'must be a non-empty string' }]],
    ['with an office that is not a string', { kpis: '*', office: 42 }, [{ path: 'office', message: 'must be a non-empty string' }]],
    ['with an office id over 128 characters', { kpis: '*', office: 'X'.repeat(129) }, [{ path: 'office', message: 'must be at most 128 characters' }]],
    ['with a field it does not take', { kpis: '*', category: 'DRUGS' }, [{ path: 'category', message: expect.stringContaining('is not a field of a subscription') }]],
    [
      'with a filter a KPI does not slice by',
      { kpis: ['seizures_count', 'release_time_mean'], regime: 'IMPORT' },
      [{ path: 'regime', message: 'seizures_count cannot be filtered by regime; it slices by office, transportMode, category' }],
    ],
  ])('refuses a payload %s, naming the field', (_case, payload, problems) => {
    expect(parseLiveSubscription(payload)).toEqual({ ok: false, problems });
  });

  it('cuts a long value short in its answer', () => {
    const parsed = parseLiveSubscription({ kpis: ['x'.repeat(1_000)] });

    expect(parsed).toMatchObject({ ok: false, problems: [{ path: 'kpis[0]' }] });
    expect(parsed.ok ? '' : parsed.problems[0]!.message.length).toBeLessThan(120);
  });
});
