import type { TrsSegment } from '../api/api-types.js';
import { h } from '../dom.js';
import { formatKpiValue } from '../tiles/kpi-format.js';
import { milestoneName } from './milestone-names.js';

const named = milestoneName;

/**
 * A declaration's Time Release Study timeline: its consecutive segments (milestone to next milestone) as a bar whose
 * parts are as long as they took, then the totals (arrival to release, lodgement to release). A negative segment,
 * such as a lodgement before arrival, is drawn apart: it is information, not an error.
 */
export function trsTimeline(segments: readonly TrsSegment[]): HTMLElement {
  const chain = consecutive(segments);
  const totals = segments.slice(chain.length);
  if (chain.length === 0) return h('p', { class: 'hint' }, 'No TRS segment yet: fewer than two milestones are known.');
  const span = chain.reduce((sum, segment) => sum + Math.abs(segment.hours), 0) || 1;
  const bar = h(
    'div',
    { class: 'trs-bar', role: 'img', 'aria-label': chain.map((segment) => `${named(segment.from)} to ${named(segment.to)} ${formatKpiValue(segment.hours, 'hours')}`).join('; ') },
    ...chain.map((segment, index) =>
      h('span', {
        class: `trs-part trs-part-${index % 4}${segment.hours < 0 ? ' trs-negative' : ''}`,
        style: `flex-grow: ${Math.max(Math.abs(segment.hours) / span, 0.02)}`,
        title: `${named(segment.from)} → ${named(segment.to)}: ${formatKpiValue(segment.hours, 'hours')}`,
      }),
    ),
  );
  const rows = [...chain, ...totals].map((segment, index) =>
    h(
      'li',
      { class: index < chain.length ? `trs-step trs-step-${index % 4}` : 'trs-total', 'data-from': segment.from, 'data-to': segment.to },
      h('span', {}, `${named(segment.from)} → ${named(segment.to)}`),
      h('strong', {}, formatKpiValue(segment.hours, 'hours')),
      segment.hours < 0 ? h('em', {}, ` (${named(segment.to)} before ${named(segment.from)})`) : null,
    ),
  );
  return h('div', { class: 'trs-timeline' }, bar, h('ol', { class: 'trs-segments' }, ...rows));
}

/** The leading segments that follow one another: each starts at the milestone where the previous one ended. */
function consecutive(segments: readonly TrsSegment[]): TrsSegment[] {
  const chain: TrsSegment[] = [];
  for (const segment of segments) {
    const previous = chain.at(-1);
    if (previous !== undefined && previous.to !== segment.from) break;
    chain.push(segment);
  }
  return chain;
}
