import { AlertFeed } from './alerts/alert-feed.js';
import type { ApiClient } from './api/api-client.js';
import type { KpiDefinition, SliceFilters } from './api/api-types.js';
import { auditView } from './audit/audit-view.js';
import { declarationLookup } from './declarations/declaration-lookup.js';
import { h } from './dom.js';
import { FilterBar } from './filters/filter-bar.js';
import { LiveClient } from './live/live-client.js';
import { LiveIndicator } from './live/live-indicator.js';
import { OfficesView } from './offices/offices-view.js';
import { ReportsView } from './reports/reports-view.js';
import { ReleaseTimeChart } from './series/release-time-chart.js';
import { grants, rolesOf } from './session/session-token.js';
import { StrategicPlanPanel } from './targets/strategic-plan-panel.js';
import { KpiBoard } from './tiles/kpi-board.js';

/**
 * The operations-centre page once signed in: header with filters and live status, the KPI tiles, the Offices view,
 * the strategic plan, the release-time chart, and the views the token's roles open (alerts for `risk`, the audit
 * trail for `auditor`). Every view follows the same filters, which a row of the Offices view can set; a change
 * re-subscribes the live push and reloads the series. The strategic plan is not filtered: each target has its slice.
 * The Reports view takes the place of the operations views while chosen in the header, and follows the filters too.
 */
export function dashboardPage(token: string, api: ApiClient, catalogue: readonly KpiDefinition[], signOut: () => void): HTMLElement {
  const roles = rolesOf(token);
  const board = new KpiBoard(catalogue);
  const catalogueById = new Map(catalogue.map((kpi) => [kpi.id, kpi]));
  const plan = new StrategicPlanPanel(api, catalogueById);
  const offices = new OfficesView(api, catalogue, (office) => filterBar.chooseOffice(office));
  const chart = new ReleaseTimeChart(api);
  const reports = new ReportsView(api);
  const alerts = grants(roles, 'risk') ? new AlertFeed(api, catalogueById) : null;
  const indicator = new LiveIndicator();
  const live = new LiveClient(token, {
    snapshot: (position, values) => {
      board.snapshot(position, values);
      indicator.reached(position);
    },
    update: (update) => {
      board.update(update);
      chart.changed(update.kpiId);
      offices.changed(update.kpiId);
      indicator.reached(update.position);
    },
    alert: (_change, alert) => alerts?.changed(alert),
    target: (update) => plan.changed(update),
    status: (status) => {
      indicator.show(status);
      // Pushes missed while disconnected are lost: the plan is read whole on each connection.
      if (status.state === 'live') void plan.load();
    },
  });
  const follow = (filters: SliceFilters): void => {
    board.follow(filters);
    chart.follow(filters);
    live.follow(filters);
    offices.follow(filters);
    reports.follow(filters);
  };
  const filterBar = new FilterBar(follow);
  follow({});
  void offices.load();
  void alerts?.load();

  const leave = h('button', { type: 'button', class: 'sign-out' }, 'Sign out');
  leave.addEventListener('click', () => {
    live.close();
    offices.close();
    signOut();
  });
  const operations = h(
    'main',
    { class: 'layout' },
    h('div', { class: 'layout-board' }, board.element, offices.element),
    h('aside', { class: 'layout-side' }, plan.element, chart.element, alerts?.element, declarationLookup(api), grants(roles, 'auditor') ? auditView(api) : null),
  );
  const reportsPage = h('main', { class: 'reports-page', hidden: true }, reports.element);
  const viewButtons = [
    h('button', { type: 'button', 'aria-pressed': 'true', 'data-view': 'operations' }, 'Operations'),
    h('button', { type: 'button', 'aria-pressed': 'false', 'data-view': 'reports' }, 'Reports'),
  ];
  const show = (view: string): void => {
    for (const button of viewButtons) button.setAttribute('aria-pressed', String(button.dataset.view === view));
    operations.hidden = view !== 'operations';
    reportsPage.hidden = view !== 'reports';
    // Read again each time it is opened: the report is always current, and releases keep coming.
    if (view === 'reports') void reports.load();
  };
  for (const button of viewButtons) button.addEventListener('click', () => show(button.dataset.view ?? 'operations'));

  return h(
    'div',
    { class: 'page' },
    h(
      'header',
      { class: 'page-header' },
      h('h1', {}, 'Customs Pulse'),
      h('nav', { class: 'toggle views', 'aria-label': 'Views' }, ...viewButtons),
      filterBar.element,
      indicator.element,
      h('p', { class: 'roles', title: 'roles of the signed-in token' }, roles.join(' · ') || 'no role'),
      leave,
    ),
    operations,
    reportsPage,
  );
}
