// Every htmx request carries the CSRF token the page was rendered with.
document.addEventListener('htmx:configRequest', (event) => {
  const header = document.querySelector('meta[name="_csrf_header"]');
  const token = document.querySelector('meta[name="_csrf"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});
