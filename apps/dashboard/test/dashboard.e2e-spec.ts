import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { issueAccessToken, type Role } from '@customs-pulse/auth';
import { anEvent, chromiumAvailable, chromiumPath, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { StandaloneModule } from '../../standalone/src/standalone.module.js';
import { formatKpiValue } from '../src/tiles/kpi-format.js';
import { buildDashboard } from './dashboard-build.js';
import { launchChromium, screenshot } from './headless-chromium.js';
import { operationsHistory } from './operations-history.js';
import { ingestProjected } from './projected-ingest.js';

/** A parsed response body: the tests assert the fields they need, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseBody = any;

const LAPTOP = { width: 1366, height: 768 };
const WALL = { width: 1920, height: 1080 };
const HOUR = 3_600_000;
const hoursAgo = (hours: number): string => new Date(Date.now() - hours * HOUR).toISOString();

/** Tokens by role; `supervisor` holds risk and auditor, so one page shows every view. */
let tokens: Partial<Record<Role | 'supervisor', string>> = {};
/** The page's build and the app, made in `beforeAll` so that a skipped suite leaves nothing behind. */
let workDir: string;
let standalone: AppUnderTest;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
/** The signed-in page most tests go on with, as an operator would: never reloaded. */
let page: Page;

async function request(path: string, role: keyof typeof tokens | null, body?: unknown): Promise<{ status: number; headers: Headers; body: ResponseBody }> {
  const headers: Record<string, string> = role === null ? {} : { authorization: `Bearer ${tokens[role]}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? null : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
}

const ingest = (events: readonly unknown[]): Promise<void> => ingestProjected(baseUrl, tokens.ingest!, events);

const textOf = async (selector: string): Promise<string> => (await page.locator(selector).first().textContent()) ?? '';
const tileValue = (kpiId: string): Promise<string> => textOf(`.tile[data-kpi="${kpiId}"] .tile-value`);
const asNumber = (text: string): number => Number(text.replace(/[^\d.-]/g, ''));

async function signIn(target: Page, token: string | undefined): Promise<void> {
  await target.goto(`${baseUrl}/`);
  await target.locator('#token').fill(token ?? '');
  await target.getByRole('button', { name: 'Sign in' }).click();
}

const chromiumFound = await chromiumAvailable();

describeWithInfrastructure(`Chromium (${chromiumPath})`, chromiumFound, 'the dashboard in headless Chromium', () => {
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'customs-pulse-dashboard-e2e-'));
    const dashboardDir = join(workDir, 'dashboard');
    await buildDashboard(dashboardDir);
    standalone = await startStandaloneForTest(StandaloneModule, { name: 'dashboard-e2e', dashboardDir });
    baseUrl = standalone.baseUrl;
    const supervisor = await issueAccessToken(new TextEncoder().encode(standalone.jwtSecret), ['risk', 'auditor']);
    tokens = { ...standalone.tokens, supervisor };
    await ingest(operationsHistory(7, 400));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: LAPTOP });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await standalone?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('serves the page at / on the API port, with /api, /health and unknown paths answered as before', async () => {
    const index = await request('/', null);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.body)?.[1];

    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(script).toBeDefined();
    const asset = await request(script!, null);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await request('/health/live', null)).body).toEqual({ status: 'ok' });
    expect((await request('/api/kpis', null)).status).toBe(401);
    const unknown = await request('/api/nothing-here', 'operator');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('refuses a token without a role that may read KPIs, and keeps an accepted one for the tab across a reload', async () => {
    const other = await browser.newContext({ viewport: LAPTOP });
    const tab = await other.newPage();

    await signIn(tab, tokens.ingest);
    await tab.locator('.sign-in-error', { hasText: 'needs the role operator' }).waitFor();
    await screenshot(tab, 'sign-in-refused');
    await tab.locator('#token').fill(tokens.operator!);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.locator('.tile').first().waitFor();
    await tab.reload();

    await tab.locator('.live-status[data-state="live"]').waitFor();
    expect(await tab.locator('#token').count()).toBe(0);
    expect(await tab.locator('.alert-feed, .audit-view').count()).toBe(0);
    await other.close();
  });

  it('shows a tile for every KPI, grouped by PMM dimension, with n and a colour against its thresholds', async () => {
    await signIn(page, tokens.supervisor);
    await page.locator('.live-status[data-state="live"]').waitFor();
    await waitUntil('the snapshot has filled the tiles', async () => (await page.locator('.tile[data-status="empty"]').count()) < 5);

    const catalogue = (await request('/api/kpis', 'operator')).body as { id: string; dimension: string }[];
    expect(await page.locator('.tile').count()).toBe(catalogue.length);
    for (const { id, dimension } of catalogue) expect(await page.locator(`.dimension[data-dimension="${dimension}"] .tile[data-kpi="${id}"]`).count()).toBe(1);
    const current = (await request('/api/kpis/release_time_mean/current', 'operator')).body;
    expect(await tileValue('release_time_mean')).toBe(formatKpiValue(current.value, 'hours'));
    expect(await textOf('.tile[data-kpi="release_time_mean"] .tile-n')).toBe(`n = ${current.n}`);
    expect(await page.locator('.tile[data-kpi="release_time_mean"]').getAttribute('data-status')).toBe(current.value >= 48 ? 'critical' : current.value >= 24 ? 'warning' : 'ok');
    expect(await page.locator('.tile[data-kpi="duties_collected"]').getAttribute('data-status')).toBe('unrated');
    await screenshot(page, 'tiles-1366x768');
  });

  it('changes a tile live when events are posted, without reloading the page', async () => {
    await page.evaluate('window.notReloaded = true');
    const before = asNumber(await tileValue('seizures_count'));

    await ingest([anEvent.seizureRecorded('CASE-LIVE-1', { officeId: 'UZ-TAS', category: 'TOBACCO' }, { time: hoursAgo(1) })]);

    await waitUntil('the seizures tile shows one more', async () => asNumber(await tileValue('seizures_count')) === before + 1);
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    await screenshot(page, 'tile-updated-live');
  });

  it('re-subscribes under the filters: an office slice updates live, and KPIs not sliced by a filter say so', async () => {
    await page.locator('#filter-office').fill('UZ-TEST');
    await page.locator('#filter-office').press('Enter');
    await waitUntil('the office slice is shown', async () => (await tileValue('seizures_count')) === '0');

    await ingest([anEvent.seizureRecorded('CASE-LIVE-2', { officeId: 'UZ-TEST', category: 'IPR' }, { time: hoursAgo(1) })]);
    await waitUntil('the office slice shows its seizure', async () => (await tileValue('seizures_count')) === '1');

    await page.locator('#filter-regime').selectOption('IMPORT');
    await page.locator('.tile[data-kpi="seizures_count"][data-status="unavailable"]').waitFor();
    expect(await textOf('.tile[data-kpi="seizures_count"] .tile-n')).toBe('not by regime');
    await screenshot(page, 'filtered-office-regime');

    await page.locator('#filter-regime').selectOption('');
    await page.locator('#filter-office').fill('');
    await page.locator('#filter-office').press('Enter');
    await waitUntil('the totals are back', async () => asNumber(await tileValue('seizures_count')) > 1);
  });

  it('draws the release time as p50 and p90 lines, by hour and by day', async () => {
    const chart = page.locator('.release-chart');
    await chart.locator('canvas').waitFor();
    expect(await chart.locator('.u-legend').textContent()).toMatch(/p50.*p90/);
    await waitUntil('the hourly series is drawn', async () => /releases in this range/.test((await chart.locator('.hint').textContent()) ?? ''));

    await chart.getByRole('button', { name: '30 days' }).click();

    await waitUntil('the daily series is drawn', async () => (await chart.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')) === 'true');
    const daily = (await request('/api/kpis/release_time_p50/series?granularity=day', 'operator')).body;
    const released = daily.points.reduce((sum: number, point: { n: number }) => sum + point.n, 0);
    await waitUntil('the note counts the month’s releases', async () => ((await chart.locator('.hint').textContent()) ?? '').startsWith(released.toLocaleString('en-GB')));
  });

  it('looks a declaration up and shows its TRS timeline, a lodgement before arrival included', async () => {
    await ingest([
      anEvent.goodsArrived('DEC-LOOKUP-1', { officeId: 'UZ-TAS', transportMode: 'ROAD' }, { time: hoursAgo(6) }),
      anEvent.declarationLodged('DEC-LOOKUP-1', { officeId: 'UZ-TAS', transportMode: 'ROAD', preArrival: true }, { time: hoursAgo(7) }),
      anEvent.laneAssigned('DEC-LOOKUP-1', { lane: 'RED' }, { time: hoursAgo(5) }),
      anEvent.examinationStarted('DEC-LOOKUP-1', { method: 'NII' }, { time: hoursAgo(4) }),
      anEvent.examinationCompleted('DEC-LOOKUP-1', { result: 'NO_FINDING' }, { time: hoursAgo(3) }),
      anEvent.goodsReleased('DEC-LOOKUP-1', {}, { time: hoursAgo(2) }),
    ]);

    await page.locator('#declaration-id').fill('DEC-NEVER-SEEN');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.locator('.declaration-result .problem', { hasText: 'No event of declaration DEC-NEVER-SEEN' }).waitFor();
    await page.locator('#declaration-id').fill('DEC-LOOKUP-1');
    await page.getByRole('button', { name: 'Look up' }).click();

    const declaration = page.locator('.declaration[data-declaration="DEC-LOOKUP-1"]');
    await declaration.waitFor();
    expect(await declaration.locator('.trs-step').count()).toBe(5);
    expect(await declaration.locator('.trs-negative').count()).toBe(1);
    expect(await declaration.locator('.trs-total[data-from="arrival"][data-to="release"] strong').textContent()).toBe('4.0 h');
    expect(await declaration.locator('.trs-total[data-from="lodgement"][data-to="release"] strong').textContent()).toBe('5.0 h');
    await screenshot(page, 'declaration-timeline');
  });

  it('shows a raised alert live to the risk role and acknowledges it', async () => {
    const openBefore = new Set(((await request('/api/alerts?status=open', 'risk')).body as { id: string }[]).map(({ id }) => id));

    await ingest([anEvent.seizureRecorded('CASE-ALERT-1', { officeId: 'UZ-TAS', category: 'DRUGS' }, { time: hoursAgo(1) })]);
    let raised: string | undefined;
    await waitUntil('the drugs seizure has raised an alert', async () => {
      raised = ((await request('/api/alerts?status=open', 'risk')).body as { id: string }[]).map(({ id }) => id).find((id) => !openBefore.has(id));
      return raised !== undefined;
    });
    const alert = page.locator(`.alert[data-alert="${raised}"]`);
    await alert.waitFor();
    expect(await alert.getAttribute('data-status')).toBe('open');
    await screenshot(page, 'alert-raised');

    await alert.getByRole('button', { name: 'Acknowledge' }).click();

    await page.locator(`.alert[data-alert="${raised}"][data-status="acknowledged"]`).waitFor();
    expect(((await request('/api/alerts?status=acknowledged', 'risk')).body as { id: string }[]).map(({ id }) => id)).toContain(raised);
    expect(await page.evaluate('window.notReloaded')).toBe(true);
  });

  it('shows an auditor a subject’s stored history and verifies the hash chain', async () => {
    await page.locator('#audit-subject').fill('DEC-LOOKUP-1');
    await page.getByRole('button', { name: 'Show history' }).click();

    await page.locator('.audit-table tbody tr').first().waitFor();
    const rows = await page.locator('.audit-table tbody tr td:nth-child(2)').allTextContents();
    expect(rows).toEqual(['GoodsArrived', 'DeclarationLodged', 'LaneAssigned', 'ExaminationStarted', 'ExaminationCompleted', 'GoodsReleased']);

    await page.getByRole('button', { name: 'Verify hash chain' }).click();
    await page.locator('.chain-verdict[data-ok="true"]', { hasText: 'Hash chain intact' }).waitFor();
    await screenshot(page, 'overview-1366x768', { fullPage: true });
  });

  it.each([
    { screen: 'laptop', viewport: LAPTOP },
    { screen: 'wall display', viewport: WALL },
  ])('fits a $screen ($viewport.width x $viewport.height) without sideways scrolling', async ({ viewport }) => {
    await page.setViewportSize(viewport);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.locator('.release-chart canvas').waitFor();

    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await screenshot(page, `screen-${viewport.width}x${viewport.height}`);
  });
});
