import { ApiError, type ApiClient } from '../api/api-client.js';
import type { AuditedEvent, ChainVerification } from '../api/api-types.js';
import { h, replaceChildren } from '../dom.js';

/**
 * The auditor's view: every stored event of one subject in stream order, with its log position, when it was recorded
 * and its link in the hash chain; and a check of the whole chain.
 */
export function auditView(api: ApiClient): HTMLElement {
  const input = h('input', { id: 'audit-subject', name: 'subject', placeholder: 'subject, e.g. a declaration id', required: true, autocomplete: 'off', spellcheck: 'false' });
  const result = h('div', { class: 'audit-result', 'aria-live': 'polite' });
  const verdict = h('p', { class: 'chain-verdict', 'aria-live': 'polite' });
  const form = h('form', { class: 'lookup' }, h('label', { for: input.id }, 'Subject'), input, h('button', { type: 'submit' }, 'Show history'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const subject = input.value.trim();
    if (subject === '') return;
    replaceChildren(result, h('p', { class: 'hint' }, 'Reading the stream…'));
    api.auditStream(subject).then(
      (events) => replaceChildren(result, events.length === 0 ? h('p', { class: 'hint' }, `No stored event of ${subject}.`) : historyTable(events)),
      (error: unknown) => replaceChildren(result, h('p', { class: 'problem' }, error instanceof ApiError && error.status === 404 ? `No stored event of ${subject}.` : (error as Error).message)),
    );
  });
  const verify = h('button', { type: 'button', class: 'verify-chain' }, 'Verify hash chain');
  verify.addEventListener('click', () => {
    verify.disabled = true;
    verdict.textContent = 'Walking the chain…';
    api.verifyChain().then(
      (answer) => {
        verify.disabled = false;
        verdict.textContent = verdictOf(answer);
        verdict.dataset.ok = String(answer.ok);
      },
      (error: unknown) => {
        verify.disabled = false;
        verdict.textContent = (error as Error).message;
      },
    );
  });
  return h(
    'section',
    { class: 'panel audit-view', 'aria-labelledby': 'audit-title' },
    h('header', { class: 'panel-header' }, h('h2', { id: 'audit-title' }, 'Audit trail'), verify),
    verdict,
    form,
    result,
  );
}

function historyTable(events: readonly AuditedEvent[]): HTMLElement {
  const rows = events.map((event) =>
    h(
      'tr',
      { 'data-position': event.position },
      h('td', {}, event.position),
      h('td', {}, event.type ?? event.event?.type ?? ''),
      h('td', {}, short(event.time ?? event.event?.time)),
      h('td', {}, short(event.recordedAt)),
      h('td', { class: 'hash', title: event.hash }, event.hash.slice(0, 10)),
    ),
  );
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'audit-table' },
      h('thead', {}, h('tr', {}, ...['position', 'type', 'event time (UTC)', 'recorded', 'hash'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, ...rows),
    ),
  );
}

function verdictOf(answer: ChainVerification): string {
  if (answer.ok) return `Hash chain intact: ${answer.checked.toLocaleString('en-GB')} events checked.`;
  const broken = answer.firstBroken;
  return `Hash chain BROKEN${broken ? ` at position ${broken.position}` : ''} (${answer.checked.toLocaleString('en-GB')} events checked).`;
}

/** `11-22 22:13:58`: the year is the same on every row that fits the panel, the seconds tell events apart. */
function short(time: string | undefined): string {
  return time === undefined ? '' : `${time.slice(5, 10)} ${time.slice(11, 19)}`;
}
