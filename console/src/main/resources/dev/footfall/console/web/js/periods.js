// The date ranges of the picker (the Stats API's shorthands) and the previous period of each.

export const PERIODS = [
  ['day', 'Today'],
  ['7d', 'Last 7 days'],
  ['28d', 'Last 28 days'],
  ['30d', 'Last 30 days'],
  ['91d', 'Last 91 days'],
  ['month', 'This month'],
  ['6mo', 'Last 6 months'],
  ['12mo', 'Last 12 months'],
  ['year', 'This year'],
  ['all', 'All time'],
  ['custom', 'Custom range'],
];

/** The {@code date_range} of a query for the state's period. */
export function dateRange(state) {
  if (state.period === 'custom') {
    return [state.from, state.to];
  }
  return state.period; // an unknown one goes as it is: the API's 400 says what it takes
}

/** Whether the period has a previous one to compare with ("all time" has none). */
export function comparable(state) {
  return state.period !== 'all';
}

/**
 * The period just before the one a query ran over, as local days: the previous month or year for
 * "this month" and "this year", the same number of months before for 6mo and 12mo, else the same
 * number of days immediately before.
 *
 * @param ran the response's query.date_range: first and last second in the site's time zone
 */
export function previousRange(state, ran) {
  const first = ran[0].slice(0, 10);
  const last = ran[1].slice(0, 10);
  const months = {month: 1, '6mo': 6, '12mo': 12, year: 12}[state.period];
  if (months) {
    const start = addMonths(first, -months);
    return [start, addDays(first, -1)];
  }
  const days = daysBetween(first, last) + 1;
  return [addDays(first, -days), addDays(first, -1)];
}

function toDate(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function toDay(date) {
  return date.toISOString().slice(0, 10);
}

export function addDays(day, n) {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + n);
  return toDay(date);
}

function addMonths(day, n) {
  const date = toDate(day);
  date.setUTCMonth(date.getUTCMonth() + n);
  return toDay(date);
}

function daysBetween(a, b) {
  return Math.round((toDate(b) - toDate(a)) / 86400000);
}

/** "Mar 2", "18:00" or "Mar 2026": a time bucket's label as the graph's axis shows it. */
export function bucketLabel(label, short) {
  if (label.length > 10) {
    return label.slice(11, 16);
  }
  const date = toDate(label);
  const options = short === 'month' ? {month: 'short', year: 'numeric', timeZone: 'UTC'}
      : {month: 'short', day: 'numeric', timeZone: 'UTC'};
  return new Intl.DateTimeFormat('en', options).format(date);
}

/** "2 Mar 2026" for a local day. */
export function dayLabel(day) {
  return new Intl.DateTimeFormat('en', {day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC'})
      .format(toDate(day));
}
