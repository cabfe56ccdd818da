// The dashboard's cards, in page order. A new card is a module with a function that returns
// {element, render(ctx)}; add it here. ctx: {api, site, state, range, filters, compare,
// previousRange(), filterLink(dimension, value, text)}.
import {kpiPanel} from './kpis.js';
import {graphPanel} from './graph.js';
import {listPanel} from './list.js';
import {eventsPanel} from './events.js';
import {funnelPanel} from './funnel.js';

const VISITORS = {name: 'visitors', label: 'Visitors'};
const PAGEVIEWS = {name: 'pageviews', label: 'Pageviews'};
const VISITS = {name: 'visits', label: 'Visits'};

export function panels() {
  return [
    kpiPanel(),
    graphPanel(),
    listPanel('pages', 'Pages', [
      {label: 'Top pages', dimension: 'event:page', metrics: [VISITORS, PAGEVIEWS]},
      {label: 'Entry pages', dimension: 'visit:entry_page', metrics: [VISITORS, VISITS]},
      {label: 'Exit pages', dimension: 'visit:exit_page', metrics: [VISITORS, VISITS]},
    ]),
    listPanel('sources', 'Sources', [
      {label: 'Sources', dimension: 'visit:source', metrics: [VISITORS, VISITS]},
      {label: 'Referrers', dimension: 'visit:referrer', metrics: [VISITORS, VISITS]},
      {label: 'UTM medium', dimension: 'visit:utm_medium', metrics: [VISITORS, VISITS]},
      {label: 'UTM source', dimension: 'visit:utm_source', metrics: [VISITORS, VISITS]},
      {label: 'UTM campaign', dimension: 'visit:utm_campaign', metrics: [VISITORS, VISITS]},
    ]),
    listPanel('devices', 'Devices', [
      {label: 'Devices', dimension: 'visit:device', metrics: [VISITORS, {name: 'percentage', label: '%'}]},
      {label: 'Browsers', dimension: 'visit:browser', metrics: [VISITORS, {name: 'percentage', label: '%'}]},
      {label: 'OS', dimension: 'visit:os', metrics: [VISITORS, {name: 'percentage', label: '%'}]},
    ]),
    listPanel('countries', 'Countries', [
      {label: 'Country', dimension: 'visit:country', metrics: [VISITORS, {name: 'percentage', label: '%'}]},
    ]),
    eventsPanel(),
    listPanel('goals', 'Goals', [
      {label: 'Goal', dimension: 'event:goal',
        metrics: [VISITORS, {name: 'events', label: 'Events'}, {name: 'conversion_rate', label: 'CR'}]},
    ]),
    funnelPanel(),
  ];
}
