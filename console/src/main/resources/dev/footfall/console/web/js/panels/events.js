// Custom events; once the page is filtered by one (click its row), the breakdown of that event
// by each of its properties, the names coming from Footfall's property-names extension.
import {Card, el} from './card.js';
import {ROWS, table} from './list.js';
import {filterValue} from '../state.js';

const METRICS = [{name: 'visitors', label: 'Visitors'}, {name: 'events', label: 'Events'}];
const MAX_PROPERTIES = 10;

export function eventsPanel() {
  const card = new Card('events', 'Custom events', {wide: true});

  async function render(ctx) {
    const current = card.begin();
    const event = filterValue(ctx.state, 'event:name');
    const breakdown = event !== null && event !== 'pageview';
    card.heading.textContent = breakdown ? `Properties of ${event}` : 'Custom events';
    card.element.dataset.event = breakdown ? event : '';
    try {
      const nodes = breakdown ? await properties(ctx, event) : await events(ctx);
      if (!current()) {
        return;
      }
      if (nodes.length === 0) {
        card.empty(breakdown ? `No properties of ${event} in this range` : 'No custom events in this range');
      } else {
        card.show(...nodes);
      }
    } catch (error) {
      if (current()) {
        card.error(error);
      }
    }
  }

  return {element: card.element, render};
}

async function events(ctx) {
  const tab = {label: 'Event', dimension: 'event:name', metrics: METRICS};
  const answer = await ctx.api.query({
    site_id: ctx.site.id, metrics: ['visitors', 'events'], date_range: ctx.range, dimensions: ['event:name'],
    filters: [...ctx.filters, ['is_not', 'event:name', ['pageview']]],
    include: {total_rows: true}, pagination: {limit: ROWS},
  });
  return answer.results.length === 0 ? [] : table(ctx, tab, answer);
}

async function properties(ctx, event) {
  const names = await ctx.api.propertyNames({site_id: ctx.site.id, date_range: ctx.range, filters: ctx.filters});
  const shown = names.results.slice(0, MAX_PROPERTIES);
  const tables = await Promise.all(shown.map(async ({name}) => {
    const dimension = `event:props:${name}`;
    const answer = await ctx.api.query({
      site_id: ctx.site.id, metrics: ['visitors', 'events'], date_range: ctx.range, dimensions: [dimension],
      filters: ctx.filters, include: {total_rows: true}, pagination: {limit: ROWS},
    });
    const section = el('div', {className: 'property', 'data-property': name},
        el('h3', {className: 'subhead', textContent: name}),
        ...table(ctx, {label: 'Value', dimension, metrics: METRICS}, answer));
    return section;
  }));
  if (names.results.length > shown.length) {
    tables.push(el('p', {className: 'list-foot',
      textContent: `The ${shown.length} most used of ${names.results.length} properties of ${event}`}));
  }
  return tables;
}
