// Inside the Shopify admin the page lives in an iframe whose cookies are blocked, so its requests authenticate with
// Shopify session tokens from App Bridge (window.shopify) instead: every htmx request in Authorization: Bearer, the
// live socket in ?access_token= (a browser cannot set a socket's headers) and renewed over the socket with each new
// token. Outside the admin there is no App Bridge and this does nothing.
(() => {
  if (!window.shopify) {
    return;
  }
  // A token lives a minute. The ws extension opens its socket synchronously, so it takes the latest one: first the
  // token the admin opened the page with, then one fetched for each request and at least every 10 s.
  let token = new URLSearchParams(location.search).get('id_token');
  // The server closes a socket when the token it was opened with expires, unless the page renews it: a token newer
  // than the one a socket last had goes to it as {"type":"renew","token":…}, as soon as it is open.
  const sockets = new Map();
  const renew = (socket) => {
    if (socket.readyState === WebSocket.OPEN && sockets.get(socket) !== token) {
      sockets.set(socket, token);
      socket.send(JSON.stringify({ type: 'renew', token }));
    }
  };
  // When App Bridge cannot give one, the last token stays: the server answers 401 once it has expired.
  const refresh = () => shopify.idToken().then((fresh) => {
    token = fresh;
    sockets.forEach((_, socket) => renew(socket));
  }, () => {});
  setInterval(refresh, 10000);

  // htmx:confirm comes before every request and may hold it back: fetch a fresh token, then let it go.
  document.addEventListener('htmx:confirm', (event) => {
    event.preventDefault();
    refresh().then(() => event.detail.issueRequest());
  });
  document.addEventListener('htmx:configRequest', (event) => {
    event.detail.headers.Authorization = `Bearer ${token}`;
  });

  // Every (re)connect builds its URL anew, so a socket that drops reopens with a token that is still valid.
  htmx.createWebSocket = (url) => {
    const withToken = new URL(url);
    withToken.searchParams.set('access_token', token);
    const socket = new WebSocket(withToken);
    socket.binaryType = htmx.config.wsBinaryType;
    sockets.set(socket, token);
    socket.addEventListener('open', () => renew(socket));
    socket.addEventListener('close', () => sockets.delete(socket));
    // A socket whose token expired before a renewal reached it (a background tab's timers run late) is closed with
    // 4401. The ws extension reconnects only after 1006, 1012 and 1013, so its close handler is told 1012 instead:
    // it then reconnects, with the latest token.
    Object.defineProperty(socket, 'onclose', {
      set(handler) {
        socket.addEventListener('close', (event) => handler(event.code === 4401
          ? new CloseEvent('close', { code: 1012, reason: event.reason, wasClean: event.wasClean }) : event));
      },
    });
    return socket;
  };

  // The app's pages are fetched with a token (the layout's hx-boost), but a URL they push would be loaded without one
  // when the admin reloads the app, so the iframe stays at the address the admin opened it with.
  htmx.config.historyEnabled = false;

  // A token the server no longer accepts (401): swap nothing and say why, since only the admin can give a new one.
  document.addEventListener('htmx:beforeSwap', (event) => {
    if (event.detail.xhr.status === 401) {
      event.preventDefault();
      document.getElementById('session-expired')?.removeAttribute('hidden');
    }
  });
})();
