import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromiumAvailable, chromiumPath, PacedClock, releasedDeclarations, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { StandaloneModule } from '../../standalone/src/standalone.module.js';
import type { KpiDefinition } from '../src/api/api-types.js';
import { formatKpiValue } from '../src/tiles/kpi-format.js';
import { thresholdStatus } from '../src/tiles/threshold-status.js';
import { buildDashboard } from './dashboard-build.js';
import { launchChromium, screenshot } from './headless-chromium.js';
import { operationsHistory } from './operations-history.js';
import { ingestProjected } from './projected-ingest.js';

/** The page's own, in the functions evaluated there: this file is type-checked without the DOM library. */
declare const getComputedStyle: (element: unknown) => { readonly color: string; readonly backgroundColor: string };

/** A parsed response body: the tests assert the fields they need, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseBody = any;

/**
 * Pinned: a target's recent window and expected value depend on the date. The targets' baseline is January 2026,
 * the operations history the 29 days before the start.
 */
const clock = new PacedClock('2026-03-10T07:00:00.000Z');
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1600, height: 1000 },
  { width: 1920, height: 1080 },
];
const TARGET_OFFICE = 'UZ-TGT';
/** 10 h over January to 6 h by the end of March at UZ-TGT: at risk on 8 h (expected about 7.4 h on 10 March). */
const releasePlan = {
  objective: 'Cut the average release time at UZ-TGT',
  kpiId: 'release_time_mean',
  filters: { office: TARGET_OFFICE },
  baseline: { from: '2026-01-01', to: '2026-02-01' },
  target: 6,
  deadline: '2026-03-31',
};
/** Green lanes over ten days of the history, to 95 % by the end of the year. */
const greenPlan = {
  objective: 'Send 95 % of declarations through the green lane',
  kpiId: 'green_lane_rate',
  filters: {},
  baseline: { from: '2026-02-12', to: '2026-02-22' },
  target: 0.95,
  deadline: '2026-12-31',
};

let workDir: string;
let standalone: AppUnderTest;
let browser: Browser;
let page: Page;

async function call(method: string, path: string, role: keyof AppUnderTest['tokens'], body?: unknown): Promise<{ status: number; body: ResponseBody }> {
  const response = await fetch(`${standalone.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${standalone.tokens[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

const ingest = (events: readonly unknown[]): Promise<void> => ingestProjected(standalone.baseUrl, standalone.tokens.ingest, events);

/** `count` declarations at UZ-TGT released at `releasedAt`, each `hours` after arrival. */
let targetDeclarations = 0;
function releasedAfter(hours: number, count: number, releasedAt: string): unknown[] {
  const events = releasedDeclarations(TARGET_OFFICE, hours, count, releasedAt, 'TGT', targetDeclarations + 1);
  targetDeclarations += count;
  return events;
}

async function targetOnPage(id: string): Promise<{ status: string | null; meter: string | null; goal: string; recent: string; expectedMarks: number }> {
  const item = page.locator(`.target[data-target="${id}"]`);
  return {
    status: await item.getAttribute('data-status'),
    meter: await item.locator('.target-bar').getAttribute('aria-valuenow'),
    goal: (await item.locator('.target-goal').textContent()) ?? '',
    recent: (await item.locator('.target-recent').textContent()) ?? '',
    expectedMarks: await item.locator('.target-expected').count(),
  };
}

const meterOf = (progress: number | null): string => String(Math.round(Math.min(1, Math.max(0, progress ?? 0)) * 100));

const officeOrder = (): Promise<string[]> => page.locator('.offices-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-office') ?? ''));

const chromiumFound = await chromiumAvailable();

describeWithInfrastructure(`Chromium (${chromiumPath})`, chromiumFound, 'the strategic plan, the offices and the tiles in headless Chromium', () => {
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'customs-pulse-dashboard-views-e2e-'));
    const dashboardDir = join(workDir, 'dashboard');
    await buildDashboard(dashboardDir);
    standalone = await startStandaloneForTest(StandaloneModule, { name: 'dashboard-views-e2e', dashboardDir, clock });
    await ingest([
      ...operationsHistory(11, 400, clock.millis()),
      ...releasedAfter(10, 20, '2026-01-15T10:00:00.000Z'),
      ...releasedAfter(8, 20, '2026-03-05T10:00:00.000Z'),
    ]);
    expect((await call('PUT', '/api/targets/green-lanes', 'admin', greenPlan)).status).toBe(200);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: VIEWPORTS[0] })).newPage();
    await page.goto(`${standalone.baseUrl}/`);
    await page.locator('#token').fill(standalone.tokens.operator);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.live-status[data-state="live"]').waitFor();
    await page.evaluate('window.notReloaded = true');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await standalone?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  describe('the Strategic plan panel', () => {
    it('shows each target as GET /api/targets answers it: status, progress, the expected value marked, the deadline', async () => {
      await page.locator('.target[data-target="green-lanes"]').waitFor();
      const [green] = (await call('GET', '/api/targets', 'operator')).body as ResponseBody[];

      const shown = await targetOnPage('green-lanes');
      expect(shown.status).toBe(green.status);
      expect(shown.meter).toBe(meterOf(green.progress));
      expect(shown.expectedMarks).toBe(1);
      expect(shown.goal).toBe('target 95.0 % by 31 Dec 2026');
      expect(shown.recent).toBe(`now ${formatKpiValue(green.recentValue, 'ratio')} (n = ${green.recentN})`);
    });

    it('shows a target set while the page is open, and changes it live when its KPI moves it, colour included', async () => {
      const { body: set } = await call('PUT', '/api/targets/tas-release', 'admin', releasePlan);
      expect(set).toMatchObject({ status: 'at_risk', recentValue: 8, progress: 0.5 });

      await waitUntil('the new target is shown at risk', async () => (await page.locator('.target[data-target="tas-release"][data-status="at_risk"]').count()) === 1);
      const atRisk = await targetOnPage('tas-release');
      expect(atRisk).toMatchObject({ meter: '50', goal: 'target 6.0 h by 31 Mar 2026', recent: 'now 8.0 h (n = 20)', expectedMarks: 1 });
      const colourAtRisk = await page.locator('.target[data-target="tas-release"] .target-fill').evaluate((fill) => getComputedStyle(fill).backgroundColor);
      await screenshot(page.locator('.strategic-plan'), 'strategic-plan');

      // 20 releases at 4 h bring the recent mean to 6 h: the target is reached.
      await ingest(releasedAfter(4, 20, '2026-03-09T10:00:00.000Z'));

      await waitUntil('the target is shown achieved', async () => (await page.locator('.target[data-target="tas-release"][data-status="achieved"]').count()) === 1);
      expect(await targetOnPage('tas-release')).toMatchObject({ meter: '100', recent: 'now 6.0 h (n = 40)' });
      expect(await page.locator('.target[data-target="tas-release"] .target-fill').evaluate((fill) => getComputedStyle(fill).backgroundColor)).not.toBe(colourAtRisk);
      expect(await page.evaluate('window.notReloaded')).toBe(true);
    });

    it('changes a target live when it is set again, and removes it when it is retired', async () => {
      expect((await call('PUT', '/api/targets/green-lanes', 'admin', { ...greenPlan, target: 0.9 })).status).toBe(200);
      await waitUntil('the new target value is shown', async () => (await targetOnPage('green-lanes')).goal === 'target 90.0 % by 31 Dec 2026');
      const [green] = ((await call('GET', '/api/targets', 'operator')).body as ResponseBody[]).filter(({ id }: { id: string }) => id === 'green-lanes');
      expect((await targetOnPage('green-lanes')).meter).toBe(meterOf(green.progress));

      expect((await call('DELETE', '/api/targets/green-lanes', 'admin')).status).toBe(204);

      await page.locator('.target[data-target="green-lanes"]').waitFor({ state: 'detached' });
      expect(await page.locator('.target').count()).toBe(1);
      expect(await page.evaluate('window.notReloaded')).toBe(true);
    });
  });

  describe('the Offices view', () => {
    let catalogue: Map<string, KpiDefinition>;
    let offices: { office: string; values: { kpiId: string; value: number | null }[] }[];
    const valueOf = (office: string, kpiId: string): number | null => offices.find((row) => row.office === office)!.values.find((value) => value.kpiId === kpiId)!.value;
    /** The offices by a KPI, largest first, those without a value last, ties by id. */
    const byKpi = (kpiId: string, descending: boolean): string[] =>
      offices
        .map(({ office }) => office)
        .sort((a, b) => {
          const [x, y] = [valueOf(a, kpiId), valueOf(b, kpiId)];
          if (x === null || y === null) return x === y ? a.localeCompare(b) : x === null ? 1 : -1;
          return (descending ? y - x : x - y) || a.localeCompare(b);
        });

    beforeAll(async () => {
      catalogue = new Map(((await call('GET', '/api/kpis', 'operator')).body as KpiDefinition[]).map((kpi) => [kpi.id, kpi]));
      const answer = (await call('GET', '/api/kpis/current/offices', 'operator')).body;
      offices = answer.offices;
      // The view reloads a few seconds after a push: the last events posted may not be in it yet.
      await waitUntil('the Offices view shows the latest position', async () => (await page.locator('.offices-view').getAttribute('data-position')) === String(answer.position));
    });

    it('shows a row per office, slowest mean release first, each value coloured against the thresholds in force', async () => {
      expect(offices.map(({ office }) => office)).toEqual(['UZ-AND', 'UZ-NAV', 'UZ-SAM', 'UZ-TAS', TARGET_OFFICE]);
      expect(await officeOrder()).toEqual(byKpi('release_time_mean', true));
      for (const { office } of offices) {
        for (const kpiId of ['release_time_mean', 'release_time_p90', 'released_within_target_rate', 'backlog', 'green_lane_rate', 'physical_inspection_rate']) {
          const kpi = catalogue.get(kpiId)!;
          const cell = page.locator(`.offices-table tr[data-office="${office}"] td[data-kpi="${kpiId}"]`);
          expect(await cell.textContent()).toBe(formatKpiValue(valueOf(office, kpiId), kpi.unit, kpiId));
          expect(await cell.getAttribute('data-status')).toBe(thresholdStatus(valueOf(office, kpiId), kpi.direction, kpi.thresholds));
        }
      }
      // The history puts some values within thresholds and some beyond: each status shows in a colour of its own.
      const colours = new Map<string, Set<string>>();
      for (const [status, colour] of await page.locator('.offices-table td').evaluateAll((cells) => cells.map((cell) => [cell.getAttribute('data-status') ?? '', getComputedStyle(cell).color] as const))) {
        colours.set(status, (colours.get(status) ?? new Set()).add(colour));
      }
      expect([...colours.keys()]).toEqual(expect.arrayContaining(['ok', 'warning']));
      expect([...colours.values()].every((shades) => shades.size === 1)).toBe(true);
      expect(new Set([...colours.values()].map((shades) => [...shades][0])).size).toBe(colours.size);
    });

    it('sorts by the column whose heading is clicked, largest first, then the other way', async () => {
      const heading = page.locator('.offices-table th[data-column="release_time_p90"]');
      await heading.getByRole('button').click();
      expect(await officeOrder()).toEqual(byKpi('release_time_p90', true));
      expect(await heading.getAttribute('aria-sort')).toBe('descending');

      await heading.getByRole('button').click();
      expect(await officeOrder()).toEqual(byKpi('release_time_p90', false));
      expect(await heading.getAttribute('aria-sort')).toBe('ascending');

      await page.locator('.offices-table th[data-column="backlog"]').getByRole('button').click();
      expect(await officeOrder()).toEqual(byKpi('backlog', true));
      await page.locator('.offices-table th[data-column="office"]').getByRole('button').click();
      expect(await officeOrder()).toEqual(offices.map(({ office }) => office));
    });

    it('filters the whole page to an office on a click on its row, and back to all on a second click', async () => {
      const samarkand = (await call('GET', '/api/kpis/release_time_mean/current?office=UZ-SAM', 'operator')).body;
      const total = (await call('GET', '/api/kpis/release_time_mean/current', 'operator')).body;
      expect(samarkand.value).not.toBe(total.value);

      await page.locator('.offices-table tr[data-office="UZ-SAM"]').click();

      expect(await page.locator('#filter-office').inputValue()).toBe('UZ-SAM');
      await waitUntil('the tiles show UZ-SAM', async () => (await page.locator('.tile[data-kpi="release_time_mean"] .tile-value').textContent()) === formatKpiValue(samarkand.value, 'hours'));
      expect(await page.locator('.offices-table tr[aria-selected="true"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-office')))).toEqual(['UZ-SAM']);
      await screenshot(page, 'offices-filtered-uz-sam', { fullPage: true });

      await page.locator('.offices-table tr[data-office="UZ-SAM"]').click();

      expect(await page.locator('#filter-office').inputValue()).toBe('');
      await waitUntil('the tiles show every office', async () => (await page.locator('.tile[data-kpi="release_time_mean"] .tile-value').textContent()) === formatKpiValue(total.value, 'hours'));
      expect(await page.locator('.offices-table tr[aria-selected="true"]').count()).toBe(0);
    });
  });

  describe('the tiles', () => {
    it.each(VIEWPORTS)('read whole at $width×$height: no footer clipped, by its tile or by an ellipsis', async (viewport) => {
      await page.setViewportSize(viewport);
      await waitUntil('the snapshot has filled the tiles', async () => (await page.locator('.tile-n').evaluateAll((counts) => counts.every((count) => count.textContent !== ''))));

      const clipped = await page.locator('.tile').evaluateAll((tiles) =>
        tiles.flatMap((tile) => {
          const footer = tile.querySelector('.tile-footer')!;
          const [outer, inner] = [tile.getBoundingClientRect(), footer.getBoundingClientRect()];
          const problems: string[] = [];
          if (inner.bottom > outer.bottom || inner.right > outer.right || inner.left < outer.left) problems.push('footer outside its tile');
          if (tile.scrollHeight > tile.clientHeight || tile.scrollWidth > tile.clientWidth) problems.push('tile overflows');
          for (const part of footer.children) if (part.scrollWidth > part.clientWidth) problems.push(`"${part.textContent}" cut`);
          return problems.map((problem) => `${tile.getAttribute('data-kpi')}: ${problem}`);
        }),
      );

      expect(clipped).toEqual([]);
      await screenshot(page, `tiles-${viewport.width}x${viewport.height}`);
    });
  });
});
