import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@customs-pulse/auth';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { PacedClock, anEvent, waitUntil, withinOnePercentOf as near } from '@customs-pulse/testing';
import { type AppUnderTest, ingestAccepted, startStandaloneForTest } from '@customs-pulse/testing/app';
import { StandaloneModule } from './standalone.module.js';

/** A parsed response body: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = any;

/** Pinned, so that `asOf` instants and the history's days stand in a known order. */
const clock = new PacedClock('2026-03-10T07:00:00.000Z');
let standalone: AppUnderTest;

const TRS = '/api/reports/trs?from=2026-03-01&to=2026-03-08';
const PMM = '/api/reports/pmm?from=2026-03-01&to=2026-03-08';

async function get(path: string, role: Role | null): Promise<{ status: number; type: string; disposition: string | null; text: string; body: Payload }> {
  const response = await fetch(`${standalone.baseUrl}${path}`, {
    headers: role === null ? {} : { authorization: `Bearer ${standalone.tokens[role]}` },
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, disposition: response.headers.get('content-disposition'), text, body: /json/.test(type) ? JSON.parse(text) : undefined };
}

function ingest(events: readonly unknown[]): Promise<void> {
  return ingestAccepted(standalone, events);
}

async function everythingProjected(): Promise<void> {
  const { position } = await standalone.app.get<EventStore>(EVENT_STORE).head();
  await waitUntil(`the KPI projection has applied position ${position}`, async () => {
    const ready = (await (await fetch(`${standalone.baseUrl}/health/ready`)).json()) as Payload;
    return ready.kpiProjection?.position >= position;
  });
}

/** A declaration at `office` arriving at `arrived`, released `hours` later, lodged as an AEO IMPORT by ROAD. */
function declaration(id: string, office: string, arrived: string, hours: number): unknown[] {
  const released = new Date(Date.parse(arrived) + hours * 3_600_000).toISOString();
  return [
    anEvent.goodsArrived(id, { officeId: office }, { time: arrived }),
    anEvent.declarationLodged(id, { officeId: office, aeo: true }, { time: arrived }),
    anEvent.goodsReleased(id, {}, { time: released }),
  ];
}

let beforeLate: string;

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'reports-e2e', clock });
  await ingest([
    ...declaration('REP-1', 'UZ-REP', '2026-03-02T08:00:00.000Z', 2),
    ...declaration('REP-2', 'UZ-REP', '2026-03-03T08:00:00.000Z', 4),
    ...declaration('REP-3', 'UZ-OTH', '2026-03-04T08:00:00.000Z', 30),
  ]);
  await everythingProjected();
  const noted = clock.now().getTime();
  await waitUntil('the clock has moved on', () => clock.now().getTime() > noted + 1);
  beforeLate = new Date(noted + 1).toISOString();
  // recorded after beforeLate: only a report without asOf, or asOf after it, sees it
  await ingest(declaration('REP-4', 'UZ-REP', '2026-03-05T08:00:00.000Z', 6));
  await everythingProjected();
});

afterAll(() => standalone?.close());

describe('GET /api/reports/trs', () => {
  it('answers the report in JSON to an operator, from what is stored now', async () => {
    const { status, body } = await get(TRS, 'operator');
    expect(status).toBe(200);
    expect(body.period).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' });
    expect(body).not.toHaveProperty('asOf');
    expect(typeof body.position).toBe('number');
    // 2, 4, 30 and 6 h
    expect(body.overall).toEqual({ n: 4, mean: 10.5, p50: near(4), p90: near(30), withinTarget: 0.75 });
    expect(body.segments).toEqual([
      { from: 'arrival', to: 'lodgement', n: 4, mean: 0, median: 0 },
      { from: 'lodgement', to: 'release', n: 4, mean: 10.5, median: near(4) },
    ]);
    expect(body.breakdowns.office).toEqual([
      { key: 'UZ-OTH', n: 1, mean: 30, p50: near(30), p90: near(30) },
      { key: 'UZ-REP', n: 3, mean: 4, p50: near(4), p90: near(6) },
    ]);
    expect(body.breakdowns.aeo).toEqual([{ key: true, n: 4, mean: 10.5, p50: near(4), p90: near(30) }]);
    expect(body.breakdowns.finalLane).toEqual([]);
    expect(body.distribution.map(({ count }: Payload) => count)).toEqual([0, 0, 1, 2, 0, 0, 1, 0, 0, 0]);
    expect(body.trend).toHaveLength(7);
    expect(body.trend[1]).toEqual({ day: '2026-03-02T00:00:00.000Z', n: 1, mean: 2, median: near(2) });
    expect(body.outliers.map(({ subject }: Payload) => subject)).toEqual(['REP-3', 'REP-4', 'REP-2', 'REP-1']);
  });

  it('takes the filters', async () => {
    const { body } = await get(`${TRS}&office=UZ-REP&transportMode=ROAD&regime=IMPORT`, 'operator');
    expect(body.filters).toEqual({ office: 'UZ-REP', transportMode: 'ROAD', regime: 'IMPORT' });
    expect(body.overall).toMatchObject({ n: 3, mean: 4 });
  });

  it('answers as things stood at asOf, for an auditor', async () => {
    const { status, body } = await get(`${TRS}&asOf=${beforeLate}`, 'auditor');
    expect(status).toBe(200);
    expect(body.asOf).toBe(beforeLate);
    expect(body.overall).toMatchObject({ n: 3, mean: 12 });
  });

  it('gives the same content as CSV, one table per section', async () => {
    const { status, type, disposition, text } = await get(`${TRS}&format=csv`, 'operator');
    expect(status).toBe(200);
    expect(type).toBe('text/csv; charset=utf-8');
    expect(disposition).toBe('attachment; filename="trs-report-2026-03-01-2026-03-08.csv"');
    const tables = text.split('\r\n\r\n').filter((table) => table !== '');
    expect(tables.map((table) => table.split('\r\n')[0])).toEqual([
      'section,from,to,office,transportMode,regime,asOf,position',
      'section,n,mean,p50,p90,withinTarget',
      'section,from,to,n,mean,median',
      'section,breakdown,key,n,mean,p50,p90',
      'section,fromHours,toHours,count',
      'section,day,n,mean,median',
      'section,subject,hours,office,finalLane,transportMode',
    ]);
    // the percentiles as the JSON gives them (within 1% of 4 and 30 h), every digit
    const { overall } = (await get(TRS, 'operator')).body;
    expect(tables[1]!.split('\r\n')[1]).toBe(`overall,4,10.5,${overall.p50},${overall.p90},0.75`);
    expect(tables[3]).toContain(`\r\nbreakdowns,aeo,true,4,10.5,${overall.p50},${overall.p90}`);
    expect(tables[4]!.split('\r\n').at(-1)).toBe('distribution,168,,0');
    expect(tables[6]!.split('\r\n')[1]).toBe('outliers,REP-3,30,UZ-OTH,,ROAD');
  });

  it('gives a printable HTML page without a script', async () => {
    const { status, type, text } = await get(`${TRS}&format=html`, 'risk');
    expect(status).toBe(200);
    expect(type).toBe('text/html; charset=utf-8');
    expect(text).toMatch(/^<!doctype html>/);
    expect(text).not.toMatch(/<script/i);
    for (const heading of ['Release time (hours)', 'Segments (hours)', 'Breakdowns (hours)', 'Distribution of release times', 'Trend by UTC day (hours)', 'Longest release times']) {
      expect(text).toContain(`<h2>${heading}</h2>`);
    }
    expect(text).toContain('<td>REP-3</td><td class="number">30</td><td>UZ-OTH</td>');
  });

  it.each([['risk'], ['auditor']] as const)('is open to %s, which includes operator', async (role) => {
    expect((await get(TRS, role)).status).toBe(200);
  });

  it.each([['ingest'], ['admin']] as const)('is refused to %s with 403', async (role) => {
    expect((await get(TRS, role)).status).toBe(403);
    expect((await get(`${TRS}&format=csv`, role)).status).toBe(403);
  });

  it('is refused without a token (401), and asOf to an operator (403)', async () => {
    expect((await get(TRS, null)).status).toBe(401);
    expect((await get(`${TRS}&asOf=${beforeLate}`, 'operator')).status).toBe(403);
  });

  it('answers 400 naming each bad parameter', async () => {
    const missing = await get('/api/reports/trs?format=pdf&category=DRUGS&transportMode=BOAT', 'operator');
    expect(missing.status).toBe(400);
    expect(missing.type).toMatch(/^application\/problem\+json/);
    expect(missing.body.errors.map(({ path }: Payload) => path).sort()).toEqual(['query.category', 'query.format', 'query.from', 'query.to', 'query.transportMode']);

    const bounds = await get('/api/reports/trs?from=2026-03-01T05:00:00.000Z&to=2026-02-30', 'operator');
    expect(bounds.body.errors).toEqual([
      { path: 'query.from', message: 'must be a UTC midnight (00:00Z)' },
      { path: 'query.to', message: 'must be a date (2026-01-01) or an RFC 3339 time with offset' },
    ]);
    const order = await get('/api/reports/trs?from=2026-03-02&to=2026-03-02', 'operator');
    expect(order.body.errors).toEqual([{ path: 'query.to', message: 'must be after from' }]);
    const long = await get('/api/reports/trs?from=2025-01-01&to=2026-01-03', 'operator');
    expect(long.body.errors).toEqual([{ path: 'query.to', message: 'is over 366 days after from; ask for a shorter period' }]);
    const asOf = await get(`${TRS}&asOf=yesterday`, 'auditor');
    expect(asOf.body.errors).toEqual([{ path: 'query.asOf', message: expect.stringContaining('RFC 3339') }]);
  });
});

describe('GET /api/reports/pmm', () => {
  it('answers every KPI under its PMM dimension, in total and per office, in JSON', async () => {
    const { status, body } = await get(PMM, 'operator');
    expect(status).toBe(200);
    expect(body.dimensions.map(({ dimension }: Payload) => dimension)).toEqual(['trade_facilitation', 'revenue_collection', 'enforcement', 'organizational_development']);
    const mean = body.dimensions[0].kpis.find(({ kpiId }: Payload) => kpiId === 'release_time_mean');
    expect(mean).toEqual({
      kpiId: 'release_time_mean',
      name: 'Average release time (TRS)',
      unit: 'hours',
      direction: 'down',
      definition: 'mean of releasedAt - arrivedAt over released, not cancelled declarations with both facts',
      total: { value: 10.5, n: 4 },
      offices: [
        { office: 'UZ-OTH', value: 30, n: 1 },
        { office: 'UZ-REP', value: 4, n: 3 },
      ],
    });
  });

  it('takes a calendar year instead of from and to, and asOf for an auditor', async () => {
    const year = await get('/api/reports/pmm?year=2026', 'operator');
    expect(year.body.period).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    const then = await get(`${PMM}&asOf=${beforeLate}`, 'auditor');
    expect(then.body.asOf).toBe(beforeLate);
    expect(then.body.dimensions[0].kpis[0].total).toEqual({ value: 12, n: 3 });
  });

  it('gives the same content as CSV, the total with an empty office', async () => {
    const { type, disposition, text } = await get(`${PMM}&format=csv`, 'operator');
    expect(type).toBe('text/csv; charset=utf-8');
    expect(disposition).toBe('attachment; filename="pmm-report-2026-03-01-2026-03-08.csv"');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('section,from,to,asOf,position');
    expect(lines[3]).toBe('section,dimension,kpiId,name,unit,direction,definition,office,value,n');
    expect(lines[4]).toBe('kpis,trade_facilitation,release_time_mean,Average release time (TRS),hours,down,"mean of releasedAt - arrivedAt over released, not cancelled declarations with both facts",,10.5,4');
    expect(lines[6]).toBe('kpis,trade_facilitation,release_time_mean,Average release time (TRS),hours,down,"mean of releasedAt - arrivedAt over released, not cancelled declarations with both facts",UZ-REP,4,3');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });

  it('gives a printable HTML page without a script', async () => {
    const { type, text } = await get(`/api/reports/pmm?year=2026&format=html`, 'auditor');
    expect(type).toBe('text/html; charset=utf-8');
    expect(text).not.toMatch(/<script/i);
    expect(text).toContain('<title>PMM self-assessment, 2026-01-01 to 2027-01-01 (exclusive)</title>');
    expect(text).toContain('<td>Average release time (TRS)</td>');
  });

  it.each([['risk'], ['auditor']] as const)('is open to %s, which includes operator', async (role) => {
    expect((await get(PMM, role)).status).toBe(200);
  });

  it.each([['ingest'], ['admin']] as const)('is refused to %s with 403', async (role) => {
    expect((await get(PMM, role)).status).toBe(403);
    expect((await get(`${PMM}&format=csv`, role)).status).toBe(403);
  });

  it('is refused without a token (401), and asOf to risk (403)', async () => {
    expect((await get(PMM, null)).status).toBe(401);
    expect((await get(`${PMM}&asOf=${beforeLate}`, 'risk')).status).toBe(403);
  });

  it('answers 400 naming each bad parameter', async () => {
    const both = await get('/api/reports/pmm?year=2026&from=2026-01-01&format=xml&office=UZ-REP', 'operator');
    expect(both.status).toBe(400);
    expect(both.body.errors.map(({ path }: Payload) => path).sort()).toEqual(['query.format', 'query.office', 'query.year']);
    const badYear = await get('/api/reports/pmm?year=26', 'operator');
    expect(badYear.body.errors).toEqual([{ path: 'query.year', message: 'must be a year of 4 digits, e.g. 2025' }]);
    const missing = await get('/api/reports/pmm', 'operator');
    expect(missing.body.errors).toEqual([
      { path: 'query.from', message: 'is required: a UTC midnight, e.g. 2026-01-01, or year' },
      { path: 'query.to', message: 'is required: a UTC midnight, e.g. 2026-01-01, or year' },
    ]);
  });
});
