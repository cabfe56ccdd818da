// What the dashboard shows lives in its URL, so a view can be bookmarked, shared and restored
// with the back button: ?site=shop&period=7d&compare=previous&f=is,event:page,/pricing
// A filter is f=<operator>,<dimension>,<value>; the value is everything after the second comma.

export const DEFAULT_PERIOD = 'day';

/** The dashboard's state read from a query string. */
export function parse(search) {
  const params = new URLSearchParams(search);
  const filters = params.getAll('f').map(parseFilter).filter(Boolean);
  return {
    site: params.get('site'),
    period: params.get('period') || DEFAULT_PERIOD,
    from: params.get('from'),
    to: params.get('to'),
    compare: params.get('compare') === 'previous',
    filters,
  };
}

function parseFilter(text) {
  const first = text.indexOf(',');
  const second = first < 0 ? -1 : text.indexOf(',', first + 1);
  if (second < 0) {
    return null;
  }
  return {operator: text.slice(0, first), dimension: text.slice(first + 1, second), value: text.slice(second + 1)};
}

/** The query string of a state: readable (slashes, colons and commas stay as they are). */
export function toSearch(state) {
  const parts = [];
  const add = (key, value) => parts.push(`${key}=${encode(value)}`);
  if (state.site) {
    add('site', state.site);
  }
  add('period', state.period);
  if (state.period === 'custom') {
    add('from', state.from || '');
    add('to', state.to || '');
  }
  if (state.compare) {
    add('compare', 'previous');
  }
  for (const f of state.filters) {
    add('f', `${f.operator},${f.dimension},${f.value}`);
  }
  return '?' + parts.join('&');
}

function encode(value) {
  return encodeURIComponent(value).replace(/%2F/g, '/').replace(/%3A/g, ':').replace(/%2C/g, ',');
}

/** The state with "dimension is value" as its filter on that dimension (replacing any other). */
export function withFilter(state, dimension, value) {
  const filters = state.filters.filter(f => f.dimension !== dimension);
  filters.push({operator: 'is', dimension, value});
  return {...state, filters};
}

export function withoutFilter(state, index) {
  return {...state, filters: state.filters.filter((_, i) => i !== index)};
}

/** The filters as the Stats API takes them. */
export function apiFilters(state) {
  return state.filters.map(f => [f.operator, f.dimension, [f.value]]);
}

/** The value of an "is" filter on a dimension, if the page is filtered by exactly one. */
export function filterValue(state, dimension) {
  const f = state.filters.find(x => x.dimension === dimension && x.operator === 'is');
  return f ? f.value : null;
}
