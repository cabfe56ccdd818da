// The filter bar: one chip per filter, each with a link that removes it.
import {el} from './panels/card.js';
import {dimensionLabel, operatorLabel, valueLabel} from './labels.js';
import {toSearch, withoutFilter} from './state.js';

export function renderFilters(nav, state, link) {
  if (state.filters.length === 0) {
    nav.hidden = true;
    nav.replaceChildren();
    return;
  }
  const chips = state.filters.map((f, i) => {
    const text = `${dimensionLabel(f.dimension)} ${operatorLabel(f.operator)} `;
    const remove = link(toSearch(withoutFilter(state, i)), '×');
    remove.setAttribute('aria-label', `Remove filter: ${text}${f.value}`);
    return el('span', {className: 'chip', 'data-dimension': f.dimension},
        el('span', {}, text, el('strong', {textContent: valueLabel(f.dimension, f.value)})), remove);
  });
  const clear = link(toSearch({...state, filters: []}), 'Clear filters');
  clear.className = 'clear-filters';
  nav.replaceChildren(el('span', {className: 'visually-hidden', textContent: 'Filtered by'}), ...chips, clear);
  nav.hidden = false;
}
