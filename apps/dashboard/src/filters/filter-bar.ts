import type { SliceFilters } from '../api/api-types.js';
import { h } from '../dom.js';

/** events.md's transport modes and regimes: the values the API accepts for these filters. */
const TRANSPORT_MODES = ['SEA', 'AIR', 'ROAD', 'RAIL', 'INLAND_WATERWAY', 'POSTAL', 'FIXED_INSTALLATION', 'UNKNOWN'];
const REGIMES = ['IMPORT', 'EXPORT', 'TRANSIT'];

/**
 * Office, transport mode and regime. Office ids are not a closed list (api.md), so the office is typed and applied
 * on Enter or when the field is left; the others apply as soon as they are chosen.
 */
export function filterBar(onChange: (filters: SliceFilters) => void): HTMLElement {
  const office = h('input', { id: 'filter-office', name: 'office', placeholder: 'all offices', size: 10, maxlength: 128, autocomplete: 'off', spellcheck: 'false' });
  const transportMode = choice('filter-transport-mode', 'all modes', TRANSPORT_MODES);
  const regime = choice('filter-regime', 'all regimes', REGIMES);
  let applied = '';
  const apply = (): void => {
    const filters: SliceFilters = {
      ...(office.value.trim() ? { office: office.value.trim() } : {}),
      ...(transportMode.value ? { transportMode: transportMode.value } : {}),
      ...(regime.value ? { regime: regime.value } : {}),
    };
    const key = JSON.stringify(filters);
    if (key === applied) return;
    applied = key;
    onChange(filters);
  };
  office.addEventListener('change', apply);
  transportMode.addEventListener('change', apply);
  regime.addEventListener('change', apply);
  return h(
    'form',
    { class: 'filters', 'aria-label': 'Filters', onsubmit: (event: Event) => { event.preventDefault(); apply(); } },
    h('label', { for: office.id }, 'Office'),
    office,
    h('label', { for: transportMode.id }, 'Mode'),
    transportMode,
    h('label', { for: regime.id }, 'Regime'),
    regime,
  );
}

function choice(id: string, any: string, values: readonly string[]): HTMLSelectElement {
  return h('select', { id, name: id }, h('option', { value: '' }, any), ...values.map((value) => h('option', { value }, value.replace(/_/g, ' ').toLowerCase())));
}
