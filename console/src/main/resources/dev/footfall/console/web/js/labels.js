// Words for the Stats API's dimensions and values, as the filter bar and the lists show them.

const DIMENSIONS = {
  'event:page': 'Page',
  'event:hostname': 'Hostname',
  'event:name': 'Event',
  'event:goal': 'Goal',
  'visit:entry_page': 'Entry page',
  'visit:exit_page': 'Exit page',
  'visit:source': 'Source',
  'visit:referrer': 'Referrer',
  'visit:utm_source': 'UTM source',
  'visit:utm_medium': 'UTM medium',
  'visit:utm_campaign': 'UTM campaign',
  'visit:utm_content': 'UTM content',
  'visit:utm_term': 'UTM term',
  'visit:device': 'Device',
  'visit:browser': 'Browser',
  'visit:os': 'OS',
  'visit:country': 'Country',
};

const OPERATORS = {
  is: 'is', is_not: 'is not', contains: 'contains', contains_not: 'does not contain',
  matches: 'matches', matches_not: 'does not match',
};

export function dimensionLabel(dimension) {
  if (dimension.startsWith('event:props:')) {
    return `Property ${dimension.slice('event:props:'.length)}`;
  }
  return DIMENSIONS[dimension] || dimension;
}

export function operatorLabel(operator) {
  return OPERATORS[operator] || operator;
}

/** Values that stand for "no value": the API cannot filter by them, so their rows are not links. */
export const PLACEHOLDERS = new Set(['(not set)', 'Direct / None', '(none)']);

const regions = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], {type: 'region'}) : null;

/** How a dimension's value reads: country codes as names, the rest as they are. */
export function valueLabel(dimension, value) {
  if (dimension === 'visit:country' && /^[A-Z]{2}$/.test(value) && regions) {
    try {
      return regions.of(value);
    } catch (unknown) {
      return value;
    }
  }
  return value;
}
