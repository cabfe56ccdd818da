// A dashboard card: a titled section with a body that shows loading, data, an empty state or the
// API's error, and ignores answers that arrive after a newer render started.

export class Card {
  constructor(id, title, {wide = false} = {}) {
    this.element = el('section', {className: wide ? 'card wide' : 'card', id});
    this.element.setAttribute('aria-labelledby', `${id}-title`);
    this.head = el('div', {className: 'card-head'});
    const heading = el('h2', {id: `${id}-title`, textContent: title});
    this.heading = heading;
    this.head.append(heading);
    this.body = el('div', {className: 'card-body'});
    this.element.append(this.head, this.body);
    this.generation = 0;
    this.state('loading');
  }

  /** Starts a render; the returned function tells whether it is still the latest. */
  begin() {
    const generation = ++this.generation;
    this.state('loading');
    if (!this.body.hasChildNodes()) {
      this.body.append(el('div', {className: 'loading-line'}), el('div', {className: 'loading-line'}));
    }
    return () => generation === this.generation;
  }

  state(name) {
    this.element.dataset.state = name;
    this.element.setAttribute('aria-busy', String(name === 'loading'));
  }

  show(...nodes) {
    this.body.replaceChildren(...nodes);
    this.state('ready');
  }

  empty(text = 'No data for this range') {
    this.body.replaceChildren(el('p', {className: 'notice empty', textContent: text}));
    this.state('empty');
  }

  error(error) {
    this.body.replaceChildren(el('p', {className: 'notice error', role: 'alert', textContent: error.message}));
    this.state('error');
  }
}

/** A new element with the given properties and children. */
export function el(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'role' || key.startsWith('aria-') || key.startsWith('data-')) {
      node.setAttribute(key, value);
    } else {
      node[key] = value;
    }
  }
  node.append(...children);
  return node;
}
