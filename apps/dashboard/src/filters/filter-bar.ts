import type { SliceFilters } from '../api/api-types.js';
import { h } from '../dom.js';

/** events.md's transport modes and regimes: the values the API accepts for these filters. */
const TRANSPORT_MODES = ['SEA', 'AIR', 'ROAD', 'RAIL', 'INLAND_WATERWAY', 'POSTAL', 'FIXED_INSTALLATION', 'UNKNOWN'];
const REGIMES = ['IMPORT', 'EXPORT', 'TRANSIT'];

/**
 * Office, transport mode and regime. Office ids are not a closed list (api.md), so the office is typed and applied
 * on Enter or when the field is left; the others apply as soon as they are chosen. Another view can choose the
 * office too ({@link FilterBar.chooseOffice}: a row of the Offices view).
 */
export class FilterBar {
  readonly element: HTMLFormElement;
  private readonly office = h('input', { id: 'filter-office', name: 'office', placeholder: 'all offices', size: 10, maxlength: 128, autocomplete: 'off', spellcheck: 'false' });
  private readonly transportMode = choice('filter-transport-mode', 'all modes', TRANSPORT_MODES);
  private readonly regime = choice('filter-regime', 'all regimes', REGIMES);
  private applied = '';

  constructor(private readonly onChange: (filters: SliceFilters) => void) {
    const apply = (): void => this.apply();
    this.office.addEventListener('change', apply);
    this.transportMode.addEventListener('change', apply);
    this.regime.addEventListener('change', apply);
    this.element = h(
      'form',
      { class: 'filters', 'aria-label': 'Filters', onsubmit: (event: Event) => { event.preventDefault(); apply(); } },
      h('label', { for: this.office.id }, 'Office'),
      this.office,
      h('label', { for: this.transportMode.id }, 'Mode'),
      this.transportMode,
      h('label', { for: this.regime.id }, 'Regime'),
      this.regime,
    );
  }

  /** Follows `office` (all offices when undefined), the other filters as they are. */
  chooseOffice(office: string | undefined): void {
    this.office.value = office ?? '';
    this.apply();
  }

  private apply(): void {
    const office = this.office.value.trim();
    const filters: SliceFilters = {
      ...(office ? { office } : {}),
      ...(this.transportMode.value ? { transportMode: this.transportMode.value } : {}),
      ...(this.regime.value ? { regime: this.regime.value } : {}),
    };
    const key = JSON.stringify(filters);
    if (key === this.applied) return;
    this.applied = key;
    this.onChange(filters);
  }
}

function choice(id: string, any: string, values: readonly string[]): HTMLSelectElement {
  return h('select', { id, name: id }, h('option', { value: '' }, any), ...values.map((value) => h('option', { value }, value.replace(/_/g, ' ').toLowerCase())));
}
