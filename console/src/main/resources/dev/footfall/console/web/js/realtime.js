// "N current visitors": the realtime route, asked again every REFRESH_MS while the page is open.
const REFRESH_MS = 10000;

export function startRealtime(api, siteOf) {
  const box = document.getElementById('realtime');
  const number = document.getElementById('realtime-visitors');
  const label = document.getElementById('realtime-label');
  let timer = null;

  async function refresh() {
    clearTimeout(timer);
    const site = siteOf();
    try {
      const visitors = await api.realtimeVisitors(site.id);
      if (site === siteOf()) {
        const text = String(visitors);
        if (number.textContent !== text) {
          number.textContent = text;
          label.textContent = visitors === 1 ? 'current visitor' : 'current visitors';
        }
        box.dataset.state = 'ready';
        box.title = 'Visitors in the last five minutes';
      }
    } catch (error) {
      box.dataset.state = 'error';
      box.title = error.message;
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  refresh();
  return {refresh};
}
