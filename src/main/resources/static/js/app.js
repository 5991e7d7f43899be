// Every htmx request carries the CSRF token the page was rendered with.
document.addEventListener('htmx:configRequest', (event) => {
  const header = document.querySelector('meta[name="_csrf_header"]');
  const token = document.querySelector('meta[name="_csrf"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});

// A form marked data-swap-errors answers invalid input with 400 and itself, saying what is wrong: show that answer.
document.addEventListener('htmx:beforeSwap', (event) => {
  if (event.detail.xhr.status === 400 && event.detail.elt.closest('[data-swap-errors]')) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
