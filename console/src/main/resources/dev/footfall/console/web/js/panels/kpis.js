// The key figures of the range, each with its change from the previous period when comparing.
import {Card, el} from './card.js';
import {ApiError} from '../api.js';
import * as format from '../format.js';

export const KPIS = [
  ['visitors', 'Unique visitors'],
  ['visits', 'Total visits'],
  ['pageviews', 'Total pageviews'],
  ['views_per_visit', 'Views per visit'],
  ['bounce_rate', 'Bounce rate'],
  ['visit_duration', 'Visit duration'],
];

const RATIOS = new Set(['views_per_visit', 'bounce_rate', 'visit_duration']);

/**
 * The metrics over a range: one query, or, when the API refuses the combination (a visit metric
 * with an event filter, say), one query per metric so the others still show.
 *
 * @return Map of metric name to its value or the ApiError that refused it
 */
export async function metrics(ctx, range, names) {
  const body = m => ({site_id: ctx.site.id, metrics: m, date_range: range, filters: ctx.filters});
  const values = new Map();
  try {
    const answer = await ctx.api.query(body(names));
    names.forEach((name, i) => values.set(name, answer.results[0].metrics[i]));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400 || names.length === 1) {
      throw error;
    }
    await Promise.all(names.map(async name => {
      try {
        values.set(name, (await ctx.api.query(body([name]))).results[0].metrics[0]);
      } catch (refused) {
        if (!(refused instanceof ApiError) || refused.status !== 400) {
          throw refused;
        }
        values.set(name, refused);
      }
    }));
    if ([...values.values()].every(v => v instanceof Error)) {
      throw error; // not about one metric: the query itself is refused
    }
  }
  return values;
}

export function kpiPanel() {
  const card = new Card('kpis', 'Key figures', {wide: true});
  card.element.classList.add('kpis-card');
  card.heading.classList.add('visually-hidden');

  async function render(ctx) {
    const current = card.begin();
    const names = KPIS.map(([name]) => name);
    try {
      const [now, before] = await Promise.all([
        metrics(ctx, ctx.range, names),
        ctx.compare ? ctx.previousRange().then(range => metrics(ctx, range, names)) : null,
      ]);
      if (!current()) {
        return;
      }
      const refused = [];
      const tiles = KPIS.map(([name, label]) => {
        const value = now.get(name);
        const isRefused = value instanceof Error;
        if (isRefused) {
          refused.push({label, message: value.message});
        }
        const tile = el('div', {className: 'kpi', 'data-metric': name},
            el('p', {className: 'kpi-label', textContent: label}),
            el('p', {className: 'kpi-value', textContent: isRefused ? '—' : format.metric(name, value),
              title: isRefused ? value.message : format.exact(value)}));
        const line = el('p', {className: 'kpi-change'});
        const previous = before ? before.get(name) : null;
        // A rate or mean of no visits at all is no figure to compare with.
        const nothingBefore = before && before.get('visits') === 0 && RATIOS.has(name);
        if (!isRefused && before && !(previous instanceof Error) && !nothingBefore) {
          const delta = format.change(name, value, previous);
          line.textContent = delta.text;
          line.title = `${format.metric(name, previous)} in the previous period`;
          line.dataset.previous = format.metric(name, previous);
          if (delta.good !== null) {
            line.classList.add(delta.good ? 'good' : 'bad');
          }
          line.append(el('span', {className: 'visually-hidden', textContent: ` from ${format.metric(name, previous)}`}));
        }
        tile.append(line);
        return tile;
      });
      const grid = el('div', {className: 'kpis'}, ...tiles);
      const nodes = [grid];
      if (refused.length > 0) {
        // One note for all: the API's reason for the first, each figure's own on hover.
        nodes.push(el('p', {className: 'notice kpi-note',
          textContent: `— ${refused.map(r => r.label).join(', ')}: not with these filters. ${refused[0].message}`}));
      }
      card.show(...nodes);
    } catch (error) {
      if (current()) {
        card.error(error);
      }
    }
  }

  return {element: card.element, render};
}
