import type { TrsReport } from '../api/api-types.js';
import { h } from '../dom.js';
import { formatCount, formatKpiValue } from '../tiles/kpi-format.js';

type Day = TrsReport['trend'][number];

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 720;
const HEIGHT = 180;
const MARGIN = { left: 46, right: 10, top: 10, bottom: 22 };
const LINES = ['mean', 'median'] as const;

function svg(tag: string, attributes: Readonly<Record<string, string | number>>, ...children: (Node | string)[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/**
 * The daily trend: the mean and the median release time of each UTC day of the period, as lines over the days with
 * a point per day that had releases (a day without any breaks the line). Drawn as SVG rather than on a canvas, so
 * that it prints sharp and each point can be read (its title) and found (`data-day`).
 */
export function dailyTrend(trend: readonly Day[]): HTMLElement {
  const top = Math.max(1, ...trend.flatMap((day) => LINES.map((line) => day[line] ?? 0)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (index: number): number => MARGIN.left + (trend.length <= 1 ? plotWidth / 2 : (index / (trend.length - 1)) * plotWidth);
  const y = (hours: number): number => MARGIN.top + plotHeight - (Math.max(0, hours) / top) * plotHeight;
  const round = (value: number): string => value.toFixed(1);

  const lines = LINES.map((line) => {
    let path = '';
    let drawing = false;
    trend.forEach((day, index) => {
      const value = day[line];
      if (value === null) drawing = false;
      else {
        path += `${drawing ? 'L' : 'M'}${round(x(index))} ${round(y(value))}`;
        drawing = true;
      }
    });
    const points = trend.flatMap((day, index) => {
      const value = day[line];
      if (value === null) return [];
      const title = `${day.day.slice(0, 10)}: ${line} ${formatKpiValue(value, 'hours')}, n = ${formatCount(day.n)}`;
      return [svg('circle', { class: 'trend-point', 'data-day': day.day.slice(0, 10), 'data-n': day.n, cx: round(x(index)), cy: round(y(value)), r: 2.5 }, svg('title', {}, title))];
    });
    return svg('g', { class: `trend-line trend-${line}` }, svg('path', { d: path, fill: 'none' }), ...points);
  });
  const axis = svg(
    'g',
    { class: 'trend-axis' },
    svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }),
    svg('text', { x: MARGIN.left - 6, y: y(0), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, '0 h'),
    svg('text', { x: MARGIN.left - 6, y: y(top), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, formatKpiValue(top, 'hours')),
    ...(trend.length === 0
      ? []
      : [
          svg('text', { x: x(0), y: HEIGHT - 4, 'text-anchor': trend.length === 1 ? 'middle' : 'start' }, trend[0]!.day.slice(0, 10)),
          ...(trend.length > 1 ? [svg('text', { x: x(trend.length - 1), y: HEIGHT - 4, 'text-anchor': 'end' }, trend.at(-1)!.day.slice(0, 10))] : []),
        ]),
  );
  return h(
    'figure',
    { class: 'trend-chart' },
    h('p', { class: 'chart-legend' }, h('span', { class: 'legend-mean' }, 'mean'), h('span', { class: 'legend-median' }, 'median')),
    svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `release time per UTC day, ${trend.length} days` }, axis, ...lines),
  );
}
