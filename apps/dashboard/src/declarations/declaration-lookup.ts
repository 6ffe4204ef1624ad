import { ApiError, type ApiClient } from '../api/api-client.js';
import type { DeclarationReport } from '../api/api-types.js';
import { h, replaceChildren } from '../dom.js';
import { trsTimeline } from './trs-timeline.js';

/** The facts worth a line in the look-up, in reading order, and how each is labelled. */
const FACTS: readonly (readonly [string, string])[] = [
  ['officeId', 'Office'],
  ['regime', 'Regime'],
  ['transportMode', 'Mode'],
  ['arrivedAt', 'Arrived'],
  ['lodgedAt', 'Lodged'],
  ['releasedAt', 'Released'],
  ['cancelledAt', 'Cancelled'],
  ['initialLane', 'Lane'],
  ['finalLane', 'Final lane'],
  ['basis', 'Basis'],
  ['customsValue', 'Customs value'],
];

const FLAGS: readonly (readonly [string, string])[] = [
  ['preArrival', 'pre-arrival'],
  ['electronic', 'electronic'],
  ['aeo', 'AEO'],
  ['downgraded', 'downgraded'],
  ['hit', 'examination hit'],
  ['rejected', 'rejected once'],
];

/** Looks a declaration up by id: its facts and its TRS timeline. */
export function declarationLookup(api: ApiClient): HTMLElement {
  const input = h('input', { id: 'declaration-id', name: 'declaration', placeholder: 'declaration id', required: true, autocomplete: 'off', spellcheck: 'false' });
  const result = h('div', { class: 'declaration-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'lookup' }, h('label', { for: input.id }, 'Declaration'), input, h('button', { type: 'submit' }, 'Look up'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (id === '') return;
    replaceChildren(result, h('p', { class: 'hint' }, 'Looking up…'));
    api.declaration(id).then(
      (report) => replaceChildren(result, reportView(report)),
      (error: unknown) => replaceChildren(result, h('p', { class: 'problem' }, error instanceof ApiError && error.status === 404 ? `No event of declaration ${id} has been projected.` : (error as Error).message)),
    );
  });
  return h('section', { class: 'panel declaration-lookup', 'aria-labelledby': 'declaration-title' }, h('header', { class: 'panel-header' }, h('h2', { id: 'declaration-title' }, 'Declaration timeline (TRS)')), form, result);
}

function reportView(report: DeclarationReport): HTMLElement {
  const facts = FACTS.filter(([name]) => report.facts[name] !== null && report.facts[name] !== undefined).flatMap(([name, label]) => [h('dt', {}, label), h('dd', {}, shown(report.facts[name]))]);
  const flags = FLAGS.filter(([name]) => report.facts[name] === true).map(([, label]) => h('span', { class: 'flag' }, label));
  return h('article', { class: 'declaration', 'data-declaration': report.id }, h('h3', {}, report.id, ...flags), trsTimeline(report.segments), h('dl', { class: 'facts' }, ...facts));
}

function shown(value: string | number | boolean | null | undefined): string {
  if (typeof value === 'number') return value.toLocaleString('en-GB');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
  return String(value);
}
