// A breakdown card: the top values of one dimension (with a tab per dimension), each row a link
// that filters the whole page by its value.
import {Card, el} from './card.js';
import * as format from '../format.js';
import {PLACEHOLDERS, valueLabel} from '../labels.js';

export const ROWS = 10;

/**
 * @param tabs [{label, dimension, metrics: [{name, label}], filter: extra API filters}]
 */
export function listPanel(id, title, tabs) {
  const card = new Card(id, title);
  let selected = 0;
  let last = null;
  if (tabs.length > 1) {
    const list = el('div', {className: 'tabs', role: 'tablist', 'aria-label': title});
    const buttons = tabs.map((tab, i) => {
      const button = el('button', {type: 'button', className: 'tab', role: 'tab', textContent: tab.label,
        id: `${id}-tab-${i}`});
      button.addEventListener('click', () => choose(i, false));
      button.addEventListener('keydown', event => {
        const step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
        if (step) {
          event.preventDefault();
          choose((selected + step + tabs.length) % tabs.length, true);
        }
      });
      return button;
    });
    list.append(...buttons);
    card.head.append(list);
    card.body.setAttribute('role', 'tabpanel');
    const mark = () => buttons.forEach((b, i) => {
      b.setAttribute('aria-selected', String(i === selected));
      b.tabIndex = i === selected ? 0 : -1;
      if (i === selected) {
        card.body.setAttribute('aria-labelledby', b.id);
      }
    });
    const choose = (i, focus) => {
      selected = i;
      mark();
      if (focus) {
        buttons[i].focus();
      }
      if (last) {
        render(last);
      }
    };
    mark();
  }

  async function render(ctx) {
    last = ctx;
    const tab = tabs[selected];
    card.element.dataset.dimension = tab.dimension;
    const current = card.begin();
    try {
      const body = {
        site_id: ctx.site.id,
        metrics: tab.metrics.map(m => m.name),
        date_range: ctx.range,
        dimensions: [tab.dimension],
        filters: [...ctx.filters, ...(tab.filter || [])],
        include: {total_rows: true},
        pagination: {limit: ROWS},
      };
      const answer = await ctx.api.query(body);
      if (!current()) {
        return;
      }
      if (answer.results.length === 0) {
        card.empty();
        return;
      }
      card.show(...table(ctx, tab, answer));
    } catch (error) {
      if (current()) {
        card.error(error);
      }
    }
  }

  return {element: card.element, render};
}

/** The rows as a table, the first metric drawn as a bar behind each label. */
export function table(ctx, tab, answer) {
  const max = Math.max(...answer.results.map(r => r.metrics[0]), 1);
  const head = el('tr', {}, el('th', {scope: 'col', textContent: tab.label}),
      ...tab.metrics.map(m => el('th', {scope: 'col', textContent: m.label})));
  const rows = answer.results.map(row => {
    const value = row.dimensions[0];
    const text = valueLabel(tab.dimension, value);
    const label = el('th', {scope: 'row', className: 'row-label'});
    const bar = el('span', {className: 'bar'});
    bar.style.width = `${(row.metrics[0] / max * 100).toFixed(1)}%`;
    const filterBy = tab.filterDimension || tab.dimension;
    const content = PLACEHOLDERS.has(value)
        ? el('span', {className: 'row-text', textContent: text, title: 'No value: cannot be filtered by'})
        : ctx.filterLink(filterBy, value, text);
    label.append(bar, content);
    return el('tr', {}, label, ...tab.metrics.map((m, i) => el('td', {
      textContent: format.metric(m.name, row.metrics[i]),
      title: format.exact(row.metrics[i]),
    })));
  });
  const nodes = [el('table', {className: 'list'}, el('thead', {}, head), el('tbody', {}, ...rows))];
  const total = answer.meta && answer.meta.total_rows;
  if (total > answer.results.length) {
    nodes.push(el('p', {className: 'list-foot', textContent: `Top ${answer.results.length} of ${format.exact(total)}`}));
  }
  return nodes;
}
