import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { chromiumAvailable, chromiumPath, PacedClock, releasedDeclarations, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { StandaloneModule } from '../../standalone/src/standalone.module.js';
import type { TrsReport } from '../src/api/api-types.js';
import { formatCount, formatKpiValue } from '../src/tiles/kpi-format.js';
import { buildDashboard } from './dashboard-build.js';
import { launchChromium, screenshot } from './headless-chromium.js';
import { operationsHistory } from './operations-history.js';
import { ingestProjected } from './projected-ingest.js';

/** The page's own, in the functions evaluated there: this file is type-checked without the DOM library. */
declare const getComputedStyle: (element: unknown) => { readonly display: string };

/** Pinned, in the app and in the page: the view opens on the 30 UTC days ending with today, 2026-02-09 to 2026-03-10. */
const clock = new PacedClock('2026-03-10T07:00:00.000Z');

let workDir: string;
let standalone: AppUnderTest;
let browser: Browser;
let page: Page;

async function apiReport(query: string): Promise<TrsReport> {
  return (await (await fetch(`${standalone.baseUrl}/api/reports/trs?${query}`, { headers: { authorization: `Bearer ${standalone.tokens.operator}` } })).json()) as TrsReport;
}

/** What the view shows of each section, read from the page in the API's terms. */
async function reportOnPage(): Promise<{ segments: string[][]; bins: string[][]; breakdowns: Record<string, string[][]>; trend: string[][] }> {
  const view = page.locator('.reports-view');
  return {
    segments: await view.locator('.segment').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-from') ?? '', row.getAttribute('data-to') ?? '', row.querySelector('.segment-mean-value')?.textContent ?? '', row.querySelector('.segment-median-value')?.textContent ?? '']),
    ),
    bins: await view.locator('.histogram-bin').evaluateAll((bins) => bins.map((bin) => [bin.getAttribute('data-from-hours') ?? '', bin.getAttribute('data-count') ?? '', parseFloat((bin.querySelector('.histogram-column')?.getAttribute('style') ?? '').replace('height:', '')).toFixed(2)])),
    breakdowns: Object.fromEntries(
      await view.locator('table.breakdown').evaluateAll((tables) =>
        tables.map((table) => [table.getAttribute('data-breakdown') ?? '', [...table.querySelectorAll('tbody tr')].map((row) => [row.getAttribute('data-key') ?? '', ...[...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')])]),
      ),
    ),
    trend: await view.locator('.trend-mean .trend-point').evaluateAll((points) => points.map((point) => [point.getAttribute('data-day') ?? '', point.getAttribute('data-n') ?? ''])),
  };
}

/** The same, as the API's report says it should be. */
function expectedOnPage(report: TrsReport): Awaited<ReturnType<typeof reportOnPage>> {
  const hours = (value: number | null): string => formatKpiValue(value, 'hours');
  const largest = Math.max(1, ...report.distribution.map((bin) => bin.count));
  return {
    segments: report.segments.map((segment) => [segment.from, segment.to, hours(segment.mean), hours(segment.median)]),
    bins: report.distribution.map((bin) => [String(bin.fromHours), String(bin.count), ((bin.count / largest) * 100).toFixed(2)]),
    breakdowns: Object.fromEntries(Object.entries(report.breakdowns).map(([name, rows]) => [name, rows.map((row) => [String(row.key), formatCount(row.n), hours(row.mean), hours(row.p50), hours(row.p90)])])),
    trend: report.trend.filter((day) => day.mean !== null).map((day) => [day.day.slice(0, 10), String(day.n)]),
  };
}

const shownPeriod = async (): Promise<string> => `${await page.locator('.reports-view').getAttribute('data-from')}/${await page.locator('.reports-view').getAttribute('data-to')}`;

const chromiumFound = await chromiumAvailable();

describeWithInfrastructure(`Chromium (${chromiumPath})`, chromiumFound, 'the Reports view in headless Chromium', () => {
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'customs-pulse-reports-view-e2e-'));
    const dashboardDir = join(workDir, 'dashboard');
    await buildDashboard(dashboardDir);
    standalone = await startStandaloneForTest(StandaloneModule, { name: 'reports-view-e2e', dashboardDir, clock });
    // A month of operations (every segment, lane and mode), and a few releases by hand in bins it leaves sparse.
    await ingestProjected(standalone.baseUrl, standalone.tokens.ingest, [
      ...operationsHistory(21, 160, clock.millis()),
      ...releasedDeclarations('UZ-TAS', 0.5, 3, '2026-03-02T09:00:00.000Z', 'RPT-FAST'),
      ...releasedDeclarations('UZ-SAM', 200, 2, '2026-03-03T12:00:00.000Z', 'RPT-SLOW'),
    ]);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true })).newPage();
    // Date.now only: timers run as they do, so the page's reloads are not frozen.
    await page.clock.setFixedTime(clock.millis());
    await page.goto(`${standalone.baseUrl}/`);
    await page.locator('#token').fill(standalone.tokens.operator);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.live-status[data-state="live"]').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await standalone?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('opens on the last 30 UTC days and shows the segments, histogram bins, breakdown rows and trend points GET /api/reports/trs answers', async () => {
    await page.getByRole('button', { name: 'Reports' }).click();
    await waitUntil('the report is shown', async () => (await shownPeriod()) === '2026-02-09/2026-03-11');
    const report = await apiReport('from=2026-02-09&to=2026-03-11');
    expect(report.overall.n).toBeGreaterThan(50);
    expect(report.segments.length).toBeGreaterThanOrEqual(5);
    expect(report.distribution.filter((bin) => bin.count > 0).length).toBeGreaterThanOrEqual(6);

    expect(await reportOnPage()).toEqual(expectedOnPage(report));
    expect(await page.locator('.report-overall').textContent()).toContain(`releases${formatCount(report.overall.n)}`);
    expect(await page.locator('.layout').isVisible()).toBe(false);
    await screenshot(page, 'reports-view', { fullPage: true });
  });

  it('reloads when the period changes, and when the page follows an office', async () => {
    await page.locator('#report-first').fill('2026-03-01');
    await page.locator('#report-last').fill('2026-03-05');

    await waitUntil('the new period is shown', async () => (await shownPeriod()) === '2026-03-01/2026-03-06');
    const march = await apiReport('from=2026-03-01&to=2026-03-06');
    const shown = await reportOnPage();
    expect(shown).toEqual(expectedOnPage(march));
    expect(shown.trend.map(([day]) => day)).toEqual(march.trend.filter((day) => day.n > 0).map((day) => day.day.slice(0, 10)));
    expect(march.trend.map((day) => day.day.slice(0, 10))).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);

    await page.locator('#filter-office').fill('UZ-SAM');
    await page.locator('#filter-office').press('Enter');

    const samarkand = await apiReport('from=2026-03-01&to=2026-03-06&office=UZ-SAM');
    expect(samarkand.overall.n).toBeLessThan(march.overall.n);
    await waitUntil('the office is followed', async () => ((await page.locator('#reports-title').textContent()) ?? '').includes('office UZ-SAM'));
    expect(await reportOnPage()).toEqual(expectedOnPage(samarkand));

    await page.locator('#filter-office').fill('');
    await page.locator('#filter-office').press('Enter');
    await waitUntil('every office is followed again', async () => ((await page.locator('#reports-title').textContent()) ?? '').includes('all offices'));
  });

  it('says what the API finds wrong with days out of order, and shows no report meanwhile', async () => {
    await page.locator('#report-first').fill('2026-03-07');

    await waitUntil('the problem is shown', async () => ((await page.locator('.report-note').textContent()) ?? '').startsWith('The report could not be loaded'));
    expect(await page.locator('.report-note').textContent()).toMatch(/query\.(from|to)/);
    expect(await page.locator('.reports-view .segment').count()).toBe(0);
    expect(await page.locator('.reports-view').getAttribute('data-from')).toBeNull();

    await page.locator('#report-first').fill('2026-03-01');
    await waitUntil('the period is shown again', async () => (await shownPeriod()) === '2026-03-01/2026-03-06');
  });

  it('downloads the CSV the API gives for the period shown', async () => {
    const csv = await (await fetch(`${standalone.baseUrl}/api/reports/trs?from=2026-03-01&to=2026-03-06&format=csv`, { headers: { authorization: `Bearer ${standalone.tokens.operator}` } })).text();
    expect(csv.split('\r\n').slice(0, 2)).toEqual(['section,from,to,office,transportMode,regime,asOf,position', expect.stringMatching(/^report,2026-03-01T00:00:00\.000Z,2026-03-06T00:00:00\.000Z,/)]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);

    expect(download.suggestedFilename()).toBe('trs-report-2026-03-01-2026-03-06.csv');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(csv);
  });

  it('prints the report without the controls: Print opens the print dialog, the print style sheet hides header and controls', async () => {
    await page.evaluate('window.print = () => { window.printAsked = true; }');
    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate('window.printAsked')).toBe(true);

    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.report-controls').isVisible()).toBe(false);
      expect(await page.locator('.page-header').isVisible()).toBe(false);
      for (const part of ['.report-overall', '.report-segments', '.histogram', '.trend-chart', 'table.breakdown[data-breakdown="office"]']) {
        expect(await page.locator(`.reports-view ${part}`).isVisible()).toBe(true);
      }
      await screenshot(page, 'reports-view-print', { fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    expect(await page.locator('.report-controls').evaluate((controls) => getComputedStyle(controls).display)).toBe('flex');
  });
});
