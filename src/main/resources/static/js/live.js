// Shows the state of the page's live-update socket in #live-status, if the page has one. htmx's ws extension
// reconnects by itself; this only says so.
(() => {
  const labels = { live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline' };
  const show = (state) => {
    const status = document.getElementById('live-status');
    if (status) {
      status.dataset.state = state;
      status.textContent = labels[state];
    }
  };
  document.addEventListener('htmx:wsOpen', () => show('live'));
  document.addEventListener('htmx:wsClose', () => show(navigator.onLine ? 'reconnecting' : 'offline'));
  document.addEventListener('htmx:wsError', () => show('reconnecting'));
  window.addEventListener('offline', () => show('offline'));
})();
