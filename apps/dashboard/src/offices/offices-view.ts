import type { ApiClient } from '../api/api-client.js';
import type { KpiDefinition, SliceFilters } from '../api/api-types.js';
import { h, replaceChildren } from '../dom.js';
import { DelayedReload } from '../live/delayed-reload.js';
import { formatKpiValue } from '../tiles/kpi-format.js';
import { thresholdStatus } from '../tiles/threshold-status.js';
import { OFFICE_COLUMNS } from './office-columns.js';
import { type OfficeOrder, type OfficeRow, sortOfficeRows } from './office-order.js';

/** Live changes come at up to 4 a second per KPI; the view reloads at most this often. */
const RELOAD_DELAY_MS = 3_000;
/** Reloads this often anyway: while the page follows one office, no push tells of the others. */
const REFRESH_MS = 30_000;

/**
 * The "Offices" view (issue 16): "which office is slow right now?". One row per office of
 * `GET /api/kpis/current/offices`, each KPI cell coloured against the thresholds in force (`GET /api/kpis`, read
 * again with each load, since an admin may change them), sortable by each column (slowest first to begin with). A
 * click on a row asks the page to follow that office; a click on the followed office's row, to follow all again.
 */
export class OfficesView {
  readonly element: HTMLElement;
  private readonly body = h('tbody');
  private readonly note = h('p', { class: 'hint', 'aria-live': 'polite' }, 'Loading the offices…');
  private readonly headings: HTMLTableCellElement[];
  private rows: OfficeRow[] = [];
  private catalogue: ReadonlyMap<string, KpiDefinition>;
  private order: OfficeOrder = { column: 'release_time_mean', descending: true };
  private followed: string | undefined;
  private request = 0;
  private readonly reload = new DelayedReload(() => void this.load(), RELOAD_DELAY_MS);
  private readonly refresh = setInterval(() => void this.load(), REFRESH_MS);

  constructor(
    private readonly api: ApiClient,
    catalogue: readonly KpiDefinition[],
    private readonly onChoose: (office: string | undefined) => void,
  ) {
    this.catalogue = new Map(catalogue.map((kpi) => [kpi.id, kpi]));
    const columns = [{ column: 'office', heading: 'Office', title: 'Customs office id' }, ...OFFICE_COLUMNS.map(({ kpiId, heading, title }) => ({ column: kpiId, heading, title }))];
    this.headings = columns.map(({ column, heading, title }) =>
      h('th', { scope: 'col', 'data-column': column, title }, h('button', { type: 'button', class: 'sort', onclick: () => this.sortBy(column) }, heading)),
    );
    this.element = h(
      'section',
      { class: 'panel offices-view', 'aria-labelledby': 'offices-title' },
      h('header', { class: 'panel-header' }, h('h2', { id: 'offices-title' }, 'Offices, last 24 hours'), h('p', { class: 'hint' }, 'click a row to follow that office')),
      h('div', { class: 'table-scroll' }, h('table', { class: 'offices-table' }, h('thead', {}, h('tr', {}, ...this.headings)), this.body)),
      this.note,
    );
  }

  /** Reads every office's current values and the thresholds in force. */
  async load(): Promise<void> {
    const request = (this.request += 1);
    try {
      const [answer, catalogue] = await Promise.all([this.api.currentByOffice(), this.api.kpis()]);
      if (request !== this.request) return;
      this.catalogue = new Map(catalogue.map((kpi) => [kpi.id, kpi]));
      this.rows = answer.offices.map(({ office, values }) => ({ office, values: Object.fromEntries(values.map(({ kpiId, value }) => [kpiId, value])) }));
      this.element.dataset.position = String(answer.position);
      this.note.textContent = this.rows.length === 0 ? 'No office has sent an event yet.' : `${this.rows.length} offices, position ${answer.position.toLocaleString('en-GB')}.`;
      this.render();
    } catch (error) {
      if (request === this.request) this.note.textContent = `The offices could not be loaded: ${(error as Error).message}`;
    }
  }

  /** Stops reloading: the page is left. */
  close(): void {
    clearInterval(this.refresh);
    this.reload.cancel();
  }

  /** The page follows `filters`: the row of their office is marked. */
  follow(filters: SliceFilters): void {
    this.followed = filters.office;
    for (const row of this.body.rows) row.setAttribute('aria-selected', String(row.dataset.office === this.followed));
  }

  /** A KPI changed live: reloads soon if it is one of the columns'. */
  changed(kpiId: string): void {
    if (OFFICE_COLUMNS.some((column) => column.kpiId === kpiId)) this.reload.ask();
  }

  private sortBy(column: string): void {
    // A KPI column starts with the largest, where a slow office shows; the office column in id order.
    this.order = this.order.column === column ? { column, descending: !this.order.descending } : { column, descending: column !== 'office' };
    this.render();
  }

  private render(): void {
    for (const heading of this.headings) {
      const sorted = heading.dataset.column === this.order.column;
      heading.setAttribute('aria-sort', sorted ? (this.order.descending ? 'descending' : 'ascending') : 'none');
    }
    replaceChildren(this.body, ...sortOfficeRows(this.rows, this.order).map((row) => this.rowOf(row)));
  }

  private rowOf({ office, values }: OfficeRow): HTMLTableRowElement {
    const choose = (): void => this.onChoose(office === this.followed ? undefined : office);
    const cells = OFFICE_COLUMNS.map(({ kpiId }) => {
      const kpi = this.catalogue.get(kpiId);
      const value = values[kpiId] ?? null;
      const status = kpi === undefined ? 'unrated' : thresholdStatus(value, kpi.direction, kpi.thresholds);
      return h('td', { 'data-kpi': kpiId, 'data-status': status }, kpi === undefined ? '—' : formatKpiValue(value, kpi.unit, kpi.id));
    });
    return h(
      'tr',
      {
        'data-office': office,
        'aria-selected': String(office === this.followed),
        tabindex: 0,
        title: office === this.followed ? 'click to follow all offices again' : `click to follow ${office}`,
        onclick: choose,
        onkeydown: (event: Event) => {
          if ((event as KeyboardEvent).key === 'Enter') choose();
        },
      },
      h('th', { scope: 'row' }, office),
      ...cells,
    );
  }
}
