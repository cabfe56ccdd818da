/*
 * Footfall tracker, see docs/tracker.md. This file is both the readable build of the script
 * and the minifier's input (Closure Compiler, SIMPLE optimizations: local names are shortened,
 * property names are kept, so the wire format and the public API read as written).
 */
// Nothing in here may ever throw into the host page.
try {
((win, doc, nav, location, history) => {
  const api = win.footfall = win.footfall || {};
  // A second copy of the script on one page would double every page view.
  if (api.version) return;
  api.version = '@project.version@';

  const ID = 'footfall_id';
  const USER = 'footfall_user';
  const CONSENT = 'footfall_consent';
  const QUEUE = 'footfall_queue';

  // Captured now, so a host page that later replaces window.fetch cannot break delivery.
  const send = win.fetch.bind(win);
  // Load it as a classic script (async and defer are fine): a module has no currentScript.
  const script = doc.currentScript;
  // data-write-key="k" reads as config.writeKey. Switches are on when present (data-cookieless).
  const config = script.dataset;
  const flag = (name) => name in config;
  // data-api: the endpoint itself. data-host: the gateway's address, a path prefix included
  // (https://shop.example/stats). Else beside the script: served as /stats/p.js by a first-party
  // proxy, it sends to /stats/v1/batch. A URL object: fetch takes one as it takes a string.
  const endpoint = new URL(config.api || 'v1/batch', config.host ? config.host.replace(/\/?$/, '/') : script.src);
  const cookieless = flag('cookieless');
  // data-file-downloads="pdf,zip,dmg": clicks on links to files with these extensions.
  const downloadPattern = flag('fileDownloads') && RegExp('\\.(' + config.fileDownloads.replace(/\W+/g, '|') + ')$', 'i');
  const batchSize = +config.batchSize || 10;
  const flushInterval = +config.flushInterval || 1000;
  const refusesTracking = config.respectDnt != 'false' && (nav.doNotTrack == 1 || nav.globalPrivacyControl);
  let storage;
  try { storage = win.localStorage; } catch (blocked) {}

  const safe = (fn) => (...args) => {
    try { return fn(...args); } catch (ignored) {}
  };

  // Small values (ids, the visitor's choice) go to localStorage, else to a first-party cookie.
  const read = (key) => {
    try { return storage.getItem(key); } catch (noStorage) {
      return decodeURIComponent((doc.cookie.match(key + '=([^;]+)') || [])[1] || '');
    }
  };
  const write = (key, value) => {
    try { value == null ? storage.removeItem(key) : storage.setItem(key, value); } catch (noStorage) {
      doc.cookie = key + '=' + encodeURIComponent(value || '') + ';path=/;max-age=' + (value ? 3e7 : 0);
    }
    return value;
  };

  // The queue lives in localStorage, so it survives reloads and offline periods (in memory in
  // cookieless mode). It is read and written whole on every change, so tabs of one site do not
  // overwrite each other's events. At most 100 events are kept: the newest.
  let memoryQueue = [];
  const load = () => {
    try { if (!cookieless) memoryQueue = JSON.parse(storage.getItem(QUEUE)) || []; } catch (noStorage) {}
    return memoryQueue;
  };
  const update = (change) => {
    const events = memoryQueue = change(load()).slice(-100);
    try {
      if (!cookieless) events[0] ? storage.setItem(QUEUE, JSON.stringify(events)) : storage.removeItem(QUEUE);
    } catch (full) { storage = 0; }
  };
  const without = (ids) => (events) => events.filter((event) => !ids.includes(event.messageId));

  // A random (version 4) UUID. Not crypto.randomUUID: pages served over plain http lack it.
  const uuid = () => '10000000-1000-4000-8000-100000000000'.replace(/[018]/g,
      (c) => (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16));
  const now = () => new Date().toJSON();

  // An explicit optIn() or optOut() wins over Do-Not-Track and Global Privacy Control.
  const consented = () => {
    const choice = read(CONSENT);
    return choice ? choice == 1 : !refusesTracking;
  };

  // In cookieless mode the user id lives in memory only.
  let userId = cookieless ? '' : read(USER);
  let lastPath;

  // With data-hash-routing the hash is part of the path: #/settings and #/profile are pages.
  const path = () => location.pathname + (flag('hashRouting') ? location.hash : '');
  const pageInfo = () => ({
    url: location.href,
    path: path(),
    search: location.search,
    title: doc.title,
    referrer: doc.referrer
  });

  // Every utm_* parameter, utm_campaign as "name" (as Segment's analytics.js does).
  const campaign = () => {
    let found;
    for (const [key, value] of new URLSearchParams(location.search)) {
      if (!key.indexOf('utm_')) (found = found || {})[key == 'utm_campaign' ? 'name' : key.slice(4)] = value;
    }
    return found;
  };

  // Delivery: one request of at most batchSize events at a time, whose messageIds are in `sending`.
  let sending = [];
  let failures = 0;
  let timer;

  const retry = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
  };
  // A full batch goes now (unless backing off), anything else after the flush interval.
  const schedule = () => {
    if (!failures && load().length >= batchSize) retry(0);
    else if (!timer) retry(flushInterval);
  };

  const flush = safe(() => {
    timer = 0;
    const batch = load().slice(0, batchSize);
    if (!batch[0] || sending[0]) return;
    const ids = sending = batch.map((event) => event.messageId);
    const sentAt = now();
    batch.forEach((event) => event.sentAt = sentAt);
    const body = JSON.stringify({ batch, sentAt, writeKey: config.writeKey });
    // Called with the response, or with the error of a request that never got one.
    const done = (response) => {
      const status = response.status;
      sending = [];
      // Network errors, 429 and 5xx are retried with the same messageIds; any other answer
      // (2xx, including per-event rejections, and other 4xx) settles the batch for good.
      if (!status || status == 429 || status > 499) {
        failures++;
        // Put back a batch that a hidden page handed over; the rest never left the queue.
        if (consented()) update((events) => batch.concat(without(ids)(events)));
        // Exponential back-off, or the server's Retry-After, stretched by up to half as much again
        // so that visitors cut off by the same outage do not all come back at the same moment.
        retry((response.headers?.get('Retry-After') * 1e3 || Math.min(6e4, 500 * 2 ** failures)) * (1 + Math.random() / 2));
      } else {
        failures = 0;
        update(without(ids));
        schedule();
      }
    };
    send(endpoint, { method: 'POST', body, keepalive: body.length < 6e4 }).then(done, done);
  });

  const enqueue = (type, event) => {
    if (!consented()) return;
    // A deep copy: what the host page mutates later, or cannot serialise, stays out of the queue.
    // Half a surrogate pair (text cut inside an emoji) becomes U+FFFD: the gateway refuses it.
    event = JSON.parse(JSON.stringify({
      ...event,
      type,
      messageId: uuid(),
      timestamp: now(),
      anonymousId: cookieless ? undefined : read(ID) || write(ID, uuid()),
      userId: userId || undefined,
      context: {
        library: { name: 'footfall.js', version: api.version },
        page: pageInfo(),
        campaign: campaign(),
        locale: nav.language,
        screen: { width: screen.width, height: screen.height },
        site: config.site
      }
    }, (key, value) => value?.toWellFormed?.() ?? value));
    update((events) => events.concat(event));
    schedule();
  };

  const track = (name, properties) => enqueue('track', { event: name, properties });
  const forget = () => {
    write(ID);
    write(USER);
    userId = '';
  };

  api.track = safe(track);
  api.page = safe((properties) => enqueue('page', { properties: Object.assign(pageInfo(), properties) }));
  api.identify = safe((id, traits) => {
    // Without consent nothing is sent, so nothing is remembered either.
    if (id != null && consented()) {
      userId = '' + id;
      if (!cookieless) write(USER, userId);
    }
    enqueue('identify', { traits });
  });
  api.reset = safe(forget);
  // The visitor's choice is kept even in cookieless mode: it is what they asked for.
  api.optOut = safe(() => {
    write(CONSENT, '0');
    forget();
    update(() => []);
  });
  api.optIn = safe(() => write(CONSENT, '1'));
  win.trackEvent = win.trackEvent || api.track;

  const onNavigation = safe(() => {
    if (path() != lastPath) {
      lastPath = path();
      api.page();
    }
  });

  // Hidden or leaving (visibilitychange; pagehide for older Safari): send now, in a keepalive
  // request that outlives the page. While the collector is healthy that batch leaves storage
  // at once, so the next page does not send it again (it comes back if the request fails
  // while the page still lives); otherwise everything stays queued.
  const onHide = safe(() => {
    if (doc.hidden) {
      flush();
      if (!failures && nav.onLine) update(without(sending));
    }
  });

  // Clicks: data-footfall-event (with data-footfall-prop-* properties) on any element,
  // and, when enabled, file downloads and links to other hosts.
  const onClick = safe((e) => {
    const link = e.target.closest('a[href]');
    const declared = e.target.closest('[data-footfall-event]');
    const linkEvent = link?.host && (downloadPattern && downloadPattern.test(link.pathname) ? 'File Download'
        : flag('outboundLinks') && link.host != location.host && 'Outbound Link: Click');
    if (linkEvent) track(linkEvent, { url: link.href });
    if (declared) {
      const properties = {};
      for (const a of declared.attributes) {
        if (!a.name.indexOf('data-footfall-prop-')) properties[a.name.slice(19)] = a.value;
      }
      track(declared.getAttribute('data-footfall-event'), properties);
    }
  });

  // Calls made through the queue stub before this script loaded, in their order.
  (api.q || []).forEach((call) => api[call[0]] && api[call[0]](...call[1]));
  delete api.q;

  if (config.autoPage != 'false') {
    ['pushState', 'replaceState'].forEach((method) => {
      const original = history[method];
      history[method] = (...args) => (args = original.apply(history, args), onNavigation(), args);
    });
    // Also fires for hash changes, which count as navigations only with data-hash-routing.
    win.addEventListener('popstate', onNavigation);
    onNavigation();
  }
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('visibilitychange', onHide);
  win.addEventListener('pagehide', onHide);
  win.addEventListener('online', flush);
  // Events left by an earlier page (reload, offline, collector outage) go out now.
  schedule();
})(window, document, navigator, location, history);
} catch (ignored) {}
