// The dashboard page: reads its state from the URL, lets the pickers and row links change it, and
// renders every card from the Stats API.
import {StatsApi} from './api.js';
import {panels} from './panels/index.js';
import {renderFilters} from './filters.js';
import {startRealtime} from './realtime.js';
import {PERIODS, comparable, dateRange, previousRange} from './periods.js';
import {apiFilters, parse, toSearch, withFilter} from './state.js';

const sitePicker = document.getElementById('site-picker');
const periodPicker = document.getElementById('period-picker');
const customRange = document.getElementById('custom-range');
const rangeFrom = document.getElementById('range-from');
const rangeTo = document.getElementById('range-to');
const compareToggle = document.getElementById('compare-toggle');
const filterBar = document.getElementById('filters');
const pageError = document.getElementById('page-error');

let api;
let state;
const cards = panels();

async function start() {
  try {
    api = await StatsApi.connect();
  } catch (error) {
    showPageError(error.message);
    return;
  }
  if (api.sites.length === 0) {
    showPageError('No sites are configured: add one to the sites file (FOOTFALL_SITES_FILE).');
    return;
  }
  for (const site of api.sites) {
    sitePicker.append(new Option(site.id, site.id));
  }
  for (const [id, label] of PERIODS) {
    periodPicker.append(new Option(label, id));
  }
  document.getElementById('panels').append(...cards.map(c => c.element));
  sitePicker.addEventListener('change', () => go({...state, site: sitePicker.value}));
  periodPicker.addEventListener('change', () => {
    if (periodPicker.value === 'custom') {
      customRange.hidden = false;
      rangeFrom.required = rangeTo.required = true;
      rangeFrom.focus();
      return; // applied with the Apply button once both days are set
    }
    go({...state, period: periodPicker.value});
  });
  document.getElementById('controls').addEventListener('submit', event => {
    event.preventDefault();
    if (periodPicker.value === 'custom' && rangeFrom.reportValidity() && rangeTo.reportValidity()) {
      go({...state, period: 'custom', from: rangeFrom.value, to: rangeTo.value});
    }
  });
  compareToggle.addEventListener('change', () => go({...state, compare: compareToggle.checked}));
  window.addEventListener('popstate', () => show(parse(location.search)));
  show(parse(location.search));
  startRealtime(api, () => site());
}

function site() {
  return api.sites.find(s => s.id === state.site) || api.sites[0];
}

/** Moves to a new state: a new history entry, then every card again. */
function go(next) {
  history.pushState(null, '', toSearch(next));
  show(next);
}

function show(next) {
  state = {...next, site: (api.sites.find(s => s.id === next.site) || api.sites[0]).id};
  if (location.search !== toSearch(state)) {
    history.replaceState(null, '', toSearch(state));
  }
  sitePicker.value = state.site;
  periodPicker.value = state.period;
  customRange.hidden = state.period !== 'custom';
  rangeFrom.required = rangeTo.required = state.period === 'custom';
  rangeFrom.value = state.from || '';
  rangeTo.value = state.to || '';
  compareToggle.checked = state.compare && comparable(state);
  compareToggle.disabled = !comparable(state);
  pageError.hidden = true;
  renderFilters(filterBar, state, link);

  const ctx = context(state);
  for (const card of cards) {
    card.render(ctx);
  }
}

function context(shown) {
  const range = dateRange(shown);
  const filters = apiFilters(shown);
  let previous = null;
  return {
    api,
    state: shown,
    site: site(),
    range,
    filters,
    compare: shown.compare && comparable(shown),
    /** The previous period's date_range, from the range as the API resolved it (in the site's zone). */
    previousRange() {
      previous = previous || api.query({site_id: site().id, metrics: ['visitors'], date_range: range})
          .then(answer => previousRange(shown, answer.query.date_range));
      return previous;
    },
    filterLink(dimension, value, text) {
      const a = link(toSearch(withFilter(shown, dimension, value)), text);
      a.title = `Filter by ${text}`;
      return a;
    },
  };
}

/** A link within the dashboard: followed without a reload, focus moving to the filter bar. */
function link(search, text) {
  const a = document.createElement('a');
  a.href = search;
  a.textContent = text;
  a.addEventListener('click', event => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return; // a new tab or window: the browser opens the URL
    }
    event.preventDefault();
    go(parse(search));
    // The link itself is gone with the old rows: keyboard users continue from the filter bar.
    (filterBar.hidden ? document.getElementById('main') : filterBar).focus();
  });
  return a;
}

function showPageError(message) {
  pageError.textContent = message;
  pageError.hidden = false;
}

start();
