// How numbers read on the dashboard: 1.2k visitors, 45% bounce rate, 1m 05s visits.

const compact = new Intl.NumberFormat('en', {notation: 'compact', maximumFractionDigits: 1});
const whole = new Intl.NumberFormat('en');

/** 999, 1.2k, 45k, 3.4M. */
export function count(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  return value < 1000 ? whole.format(value) : compact.format(value).replace('K', 'k');
}

/** The exact figure, for a title: 1,234. */
export function exact(value) {
  return value === null || value === undefined ? '' : whole.format(value);
}

/** 45%. */
export function percent(value) {
  return value === null || value === undefined ? '—' : `${whole.format(Math.round(value))}%`;
}

/** 66.7%: a conversion rate, to one decimal as Plausible shows it. */
export function rate(value) {
  return value === null || value === undefined ? '—'
      : `${new Intl.NumberFormat('en', {maximumFractionDigits: 1}).format(value)}%`;
}

/** 1.5 (two decimals at most). */
export function decimal(value) {
  return value === null || value === undefined ? '—'
      : new Intl.NumberFormat('en', {maximumFractionDigits: 2}).format(value);
}

/** 0s, 45s, 1m 05s, 2h 03m. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  const s = Math.round(seconds);
  if (s < 60) {
    return `${s}s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  }
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A metric's value as the dashboard shows it. */
export function metric(name, value) {
  switch (name) {
    case 'bounce_rate':
    case 'percentage':
      return percent(value);
    case 'conversion_rate':
      return rate(value);
    case 'visit_duration':
      return duration(value);
    case 'views_per_visit':
      return decimal(value);
    default:
      return count(value);
  }
}

/**
 * The change from the previous period: relative for counts and durations (+50%), in percentage
 * points for the bounce rate (as Plausible compares it), with whether it is good news.
 *
 * @return {text, direction: 'up'|'down'|'same', good: boolean|null}
 */
export function change(name, current, previous) {
  if (current === null || previous === null || current === undefined || previous === undefined) {
    return null;
  }
  let delta;
  let text;
  if (name === 'bounce_rate') {
    delta = Math.round(current) - Math.round(previous);
    text = `${Math.abs(delta)} pp`;
  } else {
    if (previous === 0) {
      return current === 0 ? {text: '0%', direction: 'same', good: null} : {text: 'new', direction: 'up', good: true};
    }
    delta = Math.round((current - previous) / previous * 100);
    text = `${whole.format(Math.abs(delta))}%`;
  }
  if (delta === 0) {
    return {text: name === 'bounce_rate' ? '0 pp' : '0%', direction: 'same', good: null};
  }
  const up = delta > 0;
  // A lower bounce rate is the good direction; for everything else, more is better.
  return {text: `${up ? '↑' : '↓'} ${text}`, direction: up ? 'up' : 'down', good: name === 'bounce_rate' ? !up : up};
}
