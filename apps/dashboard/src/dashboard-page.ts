import { AlertFeed } from './alerts/alert-feed.js';
import type { ApiClient } from './api/api-client.js';
import type { KpiDefinition, SliceFilters } from './api/api-types.js';
import { auditView } from './audit/audit-view.js';
import { declarationLookup } from './declarations/declaration-lookup.js';
import { h } from './dom.js';
import { filterBar } from './filters/filter-bar.js';
import { LiveClient } from './live/live-client.js';
import { LiveIndicator } from './live/live-indicator.js';
import { ReleaseTimeChart } from './series/release-time-chart.js';
import { grants, rolesOf } from './session/session-token.js';
import { KpiBoard } from './tiles/kpi-board.js';

/**
 * The operations-centre page once signed in: header with filters and live status, the KPI tiles, the release-time
 * chart, and the views the token's roles open (alerts for `risk`, the audit trail for `auditor`). Every view follows
 * the same filters; a change re-subscribes the live push and reloads the series.
 */
export function dashboardPage(token: string, api: ApiClient, catalogue: readonly KpiDefinition[], signOut: () => void): HTMLElement {
  const roles = rolesOf(token);
  const board = new KpiBoard(catalogue);
  const chart = new ReleaseTimeChart(api);
  const alerts = grants(roles, 'risk') ? new AlertFeed(api, new Map(catalogue.map((kpi) => [kpi.id, kpi]))) : null;
  const indicator = new LiveIndicator();
  const live = new LiveClient(token, {
    snapshot: (position, values) => {
      board.snapshot(position, values);
      indicator.reached(position);
    },
    update: (update) => {
      board.update(update);
      chart.changed(update.kpiId);
      indicator.reached(update.position);
    },
    alert: (_change, alert) => alerts?.changed(alert),
    status: (status) => indicator.show(status),
  });
  const follow = (filters: SliceFilters): void => {
    board.follow(filters);
    chart.follow(filters);
    live.follow(filters);
  };
  follow({});
  void alerts?.load();

  const leave = h('button', { type: 'button', class: 'sign-out' }, 'Sign out');
  leave.addEventListener('click', () => {
    live.close();
    signOut();
  });
  return h(
    'div',
    { class: 'page' },
    h(
      'header',
      { class: 'page-header' },
      h('h1', {}, 'Customs Pulse'),
      filterBar(follow),
      indicator.element,
      h('p', { class: 'roles', title: 'roles of the signed-in token' }, roles.join(' · ') || 'no role'),
      leave,
    ),
    h(
      'main',
      { class: 'layout' },
      h('div', { class: 'layout-board' }, board.element),
      h('aside', { class: 'layout-side' }, chart.element, alerts?.element, declarationLookup(api), grants(roles, 'auditor') ? auditView(api) : null),
    ),
  );
}
