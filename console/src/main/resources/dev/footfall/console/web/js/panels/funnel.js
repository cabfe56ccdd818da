// A funnel's steps as horizontal bars, with the drop-off between each step and the next, and a
// picker when the site has several funnels. Drawn in HTML rather than on a canvas: every number
// is text that screen readers, keyboard users and narrow screens get as it is.
import {Card, el} from './card.js';
import * as format from '../format.js';

export function funnelPanel() {
  const card = new Card('funnel', 'Funnel', {wide: true});
  const picker = el('select', {id: 'funnel-picker'});
  const pickerControl = el('label', {className: 'control funnel-control'},
      el('span', {className: 'control-label', textContent: 'Funnel'}), picker);
  pickerControl.hidden = true;
  card.head.append(pickerControl);
  let listedFor = null;
  let last = null;
  picker.addEventListener('change', () => last && render(last));

  async function render(ctx) {
    last = ctx;
    const current = card.begin();
    try {
      if (listedFor !== ctx.site.id) {
        const answer = await ctx.api.funnels({site_id: ctx.site.id});
        if (!current()) {
          return;
        }
        picker.replaceChildren(...answer.results.map(f => new Option(f.name, f.name)));
        listedFor = ctx.site.id;
      }
      pickerControl.hidden = picker.options.length < 2;
      if (picker.options.length === 0) {
        card.heading.textContent = 'Funnel';
        card.empty('No funnels are defined for this site (./footfall definitions apply).');
        return;
      }
      card.heading.textContent = picker.options.length < 2 ? `Funnel: ${picker.value}` : 'Funnel';
      card.element.dataset.funnel = picker.value;
      const answer = await ctx.api.funnel({
        site_id: ctx.site.id, funnel: picker.value, date_range: ctx.range, filters: ctx.filters,
      });
      if (!current()) {
        return;
      }
      card.show(steps(answer));
    } catch (error) {
      if (current()) {
        card.error(error);
      }
    }
  }

  return {element: card.element, render};
}

/** The steps as an ordered list: each a bar as wide as its share of step 1, then what dropped off. */
function steps(answer) {
  const entered = Math.max(answer.steps[0].visitors, 1);
  const items = answer.steps.map((step, i) => {
    const bar = el('span', {className: 'bar'});
    bar.style.width = `${(step.visitors / entered * 100).toFixed(1)}%`;
    const item = el('li', {className: 'funnel-step', 'data-step': String(i + 1)},
        el('div', {className: 'funnel-bar'}, bar,
            el('span', {className: 'funnel-name', textContent: `${i + 1}. ${step.name}`})),
        el('p', {className: 'funnel-figures'},
            el('span', {className: 'funnel-visitors', textContent: format.count(step.visitors), title: format.exact(step.visitors)}),
            ' visitors · ',
            el('span', {className: 'funnel-rate', textContent: format.rate(step.conversion_rate)}),
            ' of step 1'));
    if (i > 0) {
      const previous = answer.steps[i - 1].visitors;
      const share = previous === 0 ? 0 : step.dropoff / previous * 100;
      item.prepend(el('p', {className: 'funnel-dropoff'},
          el('span', {className: 'funnel-dropoff-count', textContent: format.count(step.dropoff)}),
          ` dropped off (${format.rate(share)})`));
    }
    return item;
  });
  return el('ol', {className: 'funnel', 'aria-label': `Steps of ${answer.funnel}`}, ...items);
}
