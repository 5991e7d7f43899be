// Every swap settles at once (no 20 ms delay for CSS transitions, which the pages do not use), so that a swap, the
// autofocus of what it brought and the focus kept by a live refresh (live.js) happen together: two swaps of one region
// in quick succession, an acknowledged alert's row and the refreshed list, can then never interleave.
htmx.config.defaultSettleDelay = 0;

// The pages' Content-Security-Policy allows no eval, so htmx is told not to try: a trigger filter ([...]), hx-on or
// js: values would fail as htmx:evalDisallowedError instead of as a CSP violation. Conditions on triggers are events
// that the app's own scripts fire (see live.js).
htmx.config.allowEval = false;

// Every htmx request carries the CSRF token the page was rendered with.
document.addEventListener('htmx:configRequest', (event) => {
  const header = document.querySelector('meta[name="_csrf_header"]');
  const token = document.querySelector('meta[name="_csrf"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});

// A form marked data-swap-errors answers invalid input with 400 and itself, saying what is wrong: show that answer.
// The form is the request's element; the event's own elt is the swap's target, which may lie outside the form.
document.addEventListener('htmx:beforeSwap', (event) => {
  if (event.detail.xhr.status === 400 && event.detail.requestConfig.elt.closest('[data-swap-errors]')) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
