// The state of the page's live-update socket, in #live-status if the page has one. Live while the socket is open: the
// server pushes fresh figures on every change and on every (re)connect, so nothing polls. Reconnecting right after it
// drops, while htmx's ws extension retries. Polling once it has stayed down for a few seconds: only then does the
// dashboard's own `every Ns` poll go out (see dashboard/cards.html), and body[data-polling] says so. Offline when the browser is, or
// when that poll fails. Beside it, how old the figures are ("updated N s ago", from the data-updated-at of the live
// element), and figures that look stale (data-stale) once nothing has arrived for a minute or the page is offline.
(() => {
  const pollAfterMillis = 5000;
  const staleAfterSeconds = 60;
  let open = false;
  let downSince = null;
  let pollFailed = false;
  const pollSeconds = () => Number(document.querySelector('[data-poll-seconds]')?.dataset.pollSeconds ?? 30);
  const labels = {
    connecting: () => 'Connecting',
    live: () => 'Live',
    reconnecting: () => 'Reconnecting',
    polling: () => `Polling every ${pollSeconds()} s`,
    offline: () => 'Offline',
  };
  const polling = () => !open && downSince !== null && Date.now() - downSince >= pollAfterMillis;
  const state = () => {
    if (!navigator.onLine) {
      return 'offline';
    }
    if (open) {
      return 'live';
    }
    if (downSince === null) {
      return 'connecting';
    }
    if (!polling()) {
      return 'reconnecting';
    }
    return pollFailed ? 'offline' : 'polling';
  };
  const age = (current) => {
    const figures = document.querySelector('[data-updated-at]');
    const updated = document.getElementById('live-updated');
    if (!figures || !updated) {
      return;
    }
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(figures.dataset.updatedAt)) / 1000));
    updated.textContent = `updated ${seconds} s ago`;
    figures.toggleAttribute('data-stale', seconds > staleAfterSeconds || current === 'offline');
  };
  // Writes the label only when the state changes, so that the status region speaks once per change.
  const show = () => {
    const current = state();
    const status = document.getElementById('live-status');
    if (status && status.dataset.state !== current) {
      status.dataset.state = current;
      status.textContent = labels[current]();
    }
    document.body.toggleAttribute('data-polling', polling());
    age(current);
  };
  // Full jitter as the ws extension's default, but never longer than the poll interval, so that a polling page is
  // back to Live within one interval of the socket working again.
  htmx.config.wsReconnectDelay = (retries) => Math.random() * Math.min(1000 * 2 ** retries, pollSeconds() * 1000);
  document.addEventListener('htmx:wsOpen', () => {
    open = true;
    downSince = null;
    pollFailed = false;
    show();
  });
  document.addEventListener('htmx:wsClose', () => {
    open = false;
    downSince ??= Date.now();
    show();
  });
  // The poll of an element with data-poll-seconds is held back while the socket keeps the page live. (A trigger filter
  // would need eval, which the pages' CSP forbids.)
  document.addEventListener('htmx:beforeRequest', (event) => {
    if (event.detail.elt.hasAttribute('data-poll-seconds') && !polling()) {
      event.preventDefault();
    }
  });
  document.addEventListener('htmx:afterRequest', (event) => {
    if (event.detail.requestConfig?.elt.hasAttribute('data-poll-seconds')) {
      pollFailed = !event.detail.successful;
      show();
    }
  });
  window.addEventListener('offline', show);
  window.addEventListener('online', show);
  document.addEventListener('htmx:afterSettle', show);
  document.addEventListener('htmx:oobAfterSwap', show);
  setInterval(show, 1000);
})();

// Every socket of a store gets every widget's fragments, but a page shows only some widgets (the alerts page has no
// figures): a socket frame's elements that are not on this page are dropped here, instead of htmx reporting each one
// as an out-of-band swap without a target. Responses to requests (with an xhr) pass untouched.
htmx.defineExtension('live-widgets', {
  transformResponse: (text, xhr) => {
    if (xhr) {
      return text;
    }
    const frame = document.createElement('template');
    frame.innerHTML = text;
    [...frame.content.children].filter((widget) => !document.getElementById(widget.id)).forEach((widget) => widget.remove());
    return frame.innerHTML;
  },
});

// A pushed bell whose alerts changed since the page's (its data-changed, the time of the store's latest alert change,
// differs) is announced as an event of its own, alerts:changed on the body, which a region that lists alerts names in
// its hx-trigger (a filter on htmx:oobAfterSwap would need eval). The bell a new socket gets at once is most often the
// page's own: the list is then left as it is, and so is an alert a digest's link made the page's :target.
(() => {
  let changedBefore = null;
  document.addEventListener('htmx:oobBeforeSwap', (event) => {
    if (event.target.id === 'alerts-bell') {
      changedBefore = event.target.dataset.changed;
    }
  });
  document.addEventListener('htmx:oobAfterSwap', (event) => {
    if (event.target.id === 'alerts-bell' && document.getElementById('alerts-bell')?.dataset.changed !== changedBefore) {
      htmx.trigger(document.body, 'alerts:changed');
    }
  });
})();

// A live refresh swaps a region the reader may be working in (the alerts list, after any alert of the store changed):
// the element that had the keyboard focus gets it back in the fresh copy, found by its id, so that a keyboard user
// keeps their place.
(() => {
  let focusedId = null;
  document.addEventListener('htmx:beforeSwap', (event) => {
    const focused = document.activeElement;
    focusedId = (focused?.id && event.detail.target?.contains(focused)) ? focused.id : null;
  });
  document.addEventListener('htmx:afterSettle', () => {
    if (focusedId && !document.getElementById(focusedId)?.contains(document.activeElement)) {
      document.getElementById(focusedId)?.focus({ preventScroll: true });
    }
    focusedId = null;
  });
})();
