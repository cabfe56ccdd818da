// Visitors and pageviews over time (uPlot, from its WebJar), with the previous period's visitors
// as a dashed line when comparing. A hidden table carries the same numbers for screen readers.
import uPlot from '/vendor/uplot/dist/uPlot.esm.js';
import {Card, el} from './card.js';
import * as format from '../format.js';
import {bucketLabel} from '../periods.js';

const HEIGHT = 260;

export function graphPanel() {
  const card = new Card('graph', 'Visitors and pageviews', {wide: true});
  let plot = null;
  const resize = new ResizeObserver(() => {
    if (plot) {
      plot.setSize({width: plotWidth(), height: HEIGHT});
    }
  });
  const plotWidth = () => Math.max(card.body.clientWidth, 200);

  async function series(ctx, range) {
    const answer = await ctx.api.query({
      site_id: ctx.site.id, metrics: ['visitors', 'pageviews'], date_range: range, filters: ctx.filters,
      dimensions: ['time'], include: {time_labels: true},
    });
    const byLabel = new Map(answer.results.map(r => [r.dimensions[0], r.metrics]));
    const labels = answer.meta.time_labels;
    return {
      labels,
      granularity: answer.query.dimensions[0],
      visitors: labels.map(l => (byLabel.get(l) || [0, 0])[0]),
      pageviews: labels.map(l => (byLabel.get(l) || [0, 0])[1]),
      rows: answer.results.length,
    };
  }

  async function render(ctx) {
    const current = card.begin();
    try {
      const [now, before] = await Promise.all([
        series(ctx, ctx.range),
        ctx.compare ? ctx.previousRange().then(range => series(ctx, range)) : null,
      ]);
      if (!current()) {
        return;
      }
      if (plot) {
        plot.destroy();
        plot = null;
      }
      if (now.rows === 0 && (!before || before.rows === 0)) {
        card.empty();
        return;
      }
      const holder = el('div', {className: 'graph'});
      card.show(holder, summary(now, before));
      plot = new uPlot(options(now, before, plotWidth()), data(now, before), holder);
      resize.observe(card.body);
    } catch (error) {
      if (current()) {
        card.error(error);
      }
    }
  }

  return {element: card.element, render};
}

function data(now, before) {
  const xs = now.labels.map((_, i) => i);
  const out = [xs, now.visitors, now.pageviews];
  if (before) {
    out.push(xs.map(i => (i < before.visitors.length ? before.visitors[i] : null)));
  }
  return out;
}

function options(now, before, width) {
  const short = now.granularity === 'time:month' ? 'month' : 'day';
  const label = i => (Number.isInteger(i) && now.labels[i] !== undefined ? bucketLabel(now.labels[i], short) : '');
  const series = [
    {label: now.granularity === 'time:hour' ? 'Hour' : 'Date', value: (u, i) => (i === null ? '' : label(i))},
    {label: 'Visitors', stroke: '#4338ca', width: 2, fill: 'rgba(67, 56, 202, 0.08)', value: (u, v) => format.count(v)},
    {label: 'Pageviews', stroke: '#0ea5e9', width: 2, value: (u, v) => format.count(v)},
  ];
  if (before) {
    series.push({label: 'Visitors, previous period', stroke: '#9aa3b2', width: 1.5, dash: [6, 4],
      value: (u, v) => format.count(v)});
  }
  return {
    width,
    height: HEIGHT,
    scales: {x: {time: false}, y: {range: (u, min, max) => [0, max > 0 ? Math.ceil(max * 1.15) : 1]}},
    series,
    axes: [
      {values: (u, splits) => splits.map(label), space: 64, grid: {show: false}, stroke: '#5b6170'},
      {values: (u, splits) => splits.map(v => (Number.isInteger(v) ? format.count(v) : '')), size: 48,
        grid: {stroke: '#eef0f3'}, stroke: '#5b6170'},
    ],
    cursor: {drag: {x: false, y: false}},
  };
}

function summary(now, before) {
  const head = el('tr', {}, el('th', {scope: 'col', textContent: 'Time'}), el('th', {scope: 'col', textContent: 'Visitors'}),
      el('th', {scope: 'col', textContent: 'Pageviews'}));
  if (before) {
    head.append(el('th', {scope: 'col', textContent: 'Visitors, previous period'}));
  }
  const rows = now.labels.map((l, i) => {
    const row = el('tr', {}, el('th', {scope: 'row', textContent: l}), el('td', {textContent: String(now.visitors[i])}),
        el('td', {textContent: String(now.pageviews[i])}));
    if (before) {
      row.append(el('td', {textContent: String(before.visitors[i] ?? '')}));
    }
    return row;
  });
  // Hidden by its wrapper: a table box ignores overflow, so it cannot clip itself.
  return el('div', {className: 'visually-hidden'}, el('table', {className: 'graph-table'},
      el('caption', {textContent: 'Visitors and pageviews over time'}), el('thead', {}, head), el('tbody', {}, ...rows)));
}
