// The dashboard's only way to data: the console's public API (the Stats API, its realtime route,
// Footfall's property-names and funnel extensions), called with the login's session cookie and CSRF token.

/** A refused or failed call: the API's own message (it names the field and the problem). */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class StatsApi {
  constructor(session) {
    this.sites = session.sites;
    this.headers = {'Content-Type': 'application/json', [session.csrf_header]: session.csrf_token};
  }

  /** Logs the page in to the API: its CSRF token and the sites the login may read. */
  static async connect() {
    const response = await fetch('/api/console/session', {credentials: 'same-origin'});
    if (response.status === 401) {
      location.assign('/login');
      throw new ApiError(401, 'Not logged in.');
    }
    return new StatsApi(await answer(response));
  }

  /** {@code POST /api/v2/query}: Plausible's Stats API v2. */
  query(body) {
    return this.post('/api/v2/query', body);
  }

  /** {@code POST /api/footfall/properties}: the custom property names of the matching events. */
  propertyNames(body) {
    return this.post('/api/footfall/properties', body);
  }

  /** {@code POST /api/v2/funnel}: a funnel's visitors per step (Footfall's extension). */
  funnel(body) {
    return this.post('/api/v2/funnel', body);
  }

  /** {@code POST /api/footfall/funnels}: the site's funnels and their step labels. */
  funnels(body) {
    return this.post('/api/footfall/funnels', body);
  }

  /** {@code GET /api/v1/stats/realtime/visitors}: visitors of the last five minutes. */
  async realtimeVisitors(siteId) {
    const response = await fetch('/api/v1/stats/realtime/visitors?site_id=' + encodeURIComponent(siteId),
        {credentials: 'same-origin'});
    return answer(response);
  }

  async post(path, body) {
    const response = await fetch(path, {
      method: 'POST', credentials: 'same-origin', headers: this.headers, body: JSON.stringify(body),
    });
    return answer(response);
  }
}

async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (notJson) {
    // A proxy's error page, say: the status says enough.
  }
  if (response.status === 401) {
    location.assign('/login');
  }
  if (!response.ok) {
    const message = body && body.error ? body.error : `The console answered ${response.status} ${response.statusText}.`;
    throw new ApiError(response.status, message);
  }
  return body;
}
