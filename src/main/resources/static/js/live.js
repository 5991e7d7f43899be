// Shows the state of the page's live-update socket in #live-status, if the page has one. htmx's ws extension
// reconnects by itself; this only says so. Beside it, how old the figures are ("updated N s ago", from the
// data-updated-at of the live element), and figures that look stale (data-stale) once nothing has arrived for a
// minute or the page is offline.
(() => {
  const labels = { live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline' };
  const staleAfterSeconds = 60;
  const age = () => {
    const figures = document.querySelector('[data-updated-at]');
    const updated = document.getElementById('live-updated');
    if (!figures || !updated) {
      return;
    }
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(figures.dataset.updatedAt)) / 1000));
    updated.textContent = `updated ${seconds} s ago`;
    const offline = document.getElementById('live-status')?.dataset.state === 'offline';
    figures.toggleAttribute('data-stale', seconds > staleAfterSeconds || offline);
  };
  const show = (state) => {
    const status = document.getElementById('live-status');
    if (status) {
      status.dataset.state = state;
      status.textContent = labels[state];
    }
    age();
  };
  document.addEventListener('htmx:wsOpen', () => show('live'));
  document.addEventListener('htmx:wsClose', () => show(navigator.onLine ? 'reconnecting' : 'offline'));
  document.addEventListener('htmx:wsError', () => show('reconnecting'));
  window.addEventListener('offline', () => show('offline'));
  document.addEventListener('htmx:afterSettle', age);
  document.addEventListener('htmx:oobAfterSwap', age);
  setInterval(age, 1000);
})();
