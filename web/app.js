// The chat page: pick a demo identity, get a Direct Line token for it, talk to the bot through Web Chat.
(function () {
  'use strict';

  var locale = navigator.language || 'de-DE';
  var lang = /^de\b/i.test(locale) ? 'de' : 'en';

  var texts = {
    de: {
      title: 'Mit wem möchten Sie chatten?',
      intro: 'Wählen Sie eine Demo-Identität. Der Auftragsbot kennt dann Ihr Kundenkonto bzw. Ihre Rolle.',
      customers: 'Kundinnen und Kunden',
      staff: 'Team',
      hint: 'Demo-Modus: Die Anmeldung erfolgt ohne Passwort.',
      switch: 'Identität wechseln',
      signingIn: 'Anmeldung …',
      failed: 'Die Anmeldung hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
      customer: 'Kunde',
      private: 'Privatkundin',
      sales: 'Vertrieb',
      accounting: 'Buchhaltung',
      admin: 'Administration',
      technician: 'Technik und Beratung',
      online: 'Verbunden',
      connecting: 'Verbindung wird hergestellt …',
      reconnecting: 'Verbindung unterbrochen …',
      offline: 'Keine Verbindung. Bitte laden Sie die Seite neu.',
      guest: 'Gast',
      unavailable: 'Der Chat ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
    },
    en: {
      title: 'Who would you like to chat as?',
      intro: 'Pick a demo identity. Auftragsbot will then know your customer account or your role.',
      customers: 'Customers',
      staff: 'Team',
      hint: 'Demo mode: signing in needs no password.',
      switch: 'Switch identity',
      signingIn: 'Signing in …',
      failed: 'Signing in did not work. Please try again.',
      customer: 'Customer',
      private: 'Private customer',
      sales: 'Sales',
      accounting: 'Accounting',
      admin: 'Administration',
      technician: 'Technician / consultant',
      online: 'Connected',
      connecting: 'Connecting …',
      reconnecting: 'Connection lost …',
      offline: 'Not connected. Please reload the page.',
      guest: 'Guest',
      unavailable: 'The chat cannot be reached right now. Please try again in a moment.',
    },
  }[lang];

  // The demo identities come from the server (GET /api/demo/people), as the database links them.
  var people = [];

  function toPickerEntry(p) {
    var role = p.role === 'customer' ? (p.customer && p.customer.kind === 'b2c' ? 'private' : 'customer') : p.role === 'accountant' ? 'accounting' : p.role;
    return {
      id: p.id,
      name: p.name,
      detail: p.customer && p.customer.kind === 'b2b' ? p.customer.name : null,
      role: role,
      group: p.role === 'customer' ? 'customers' : 'staff',
    };
  }

  var storageKey = 'auftragsbot.session';
  // botframework-directlinejs ConnectionStatus values, in order.
  var ConnectionStatus = { uninitialized: 0, connecting: 1, online: 2, expired: 3, failed: 4, ended: 5 };
  var connectionStates = ['uninitialized', 'connecting', 'online', 'expired', 'failed', 'ended'];
  var palette = { accent: '#1f6f5c', accentDark: '#17574a', accentSoft: '#e3efeb', user: '#c9812b' };
  // Long enough for a server restart: a message waits and goes out once, instead of failing and being sent again.
  var sendTimeoutMs = 120000;
  var retryDelayMs = 1500;

  var $ = function (id) { return document.getElementById(id); };
  var nonceMeta = document.querySelector('meta[name="csp-nonce"]');
  var nonce = nonceMeta ? nonceMeta.getAttribute('content') : undefined;
  var current = null; // { directLine, subscription } of the running chat

  function initials(name) {
    return name.split(/\s+/).map(function (part) { return part.charAt(0); }).join('').slice(0, 2).toUpperCase();
  }

  function describe(person) {
    return person.detail || texts[person.role];
  }

  function applyTexts() {
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll('[data-text]'), function (el) {
      el.textContent = texts[el.getAttribute('data-text')];
    });
  }

  function renderPicker() {
    people.forEach(function (person) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'person';
      button.setAttribute('data-user', person.id);
      var avatar = document.createElement('span');
      avatar.className = 'avatar ' + person.group;
      avatar.setAttribute('aria-hidden', 'true');
      avatar.textContent = initials(person.name);
      var label = document.createElement('span');
      label.className = 'label';
      var name = document.createElement('strong');
      name.textContent = person.name;
      var detail = document.createElement('small');
      detail.textContent = describe(person);
      label.append(name, detail);
      button.append(avatar, label);
      button.addEventListener('click', function () { signIn(person); });
      var item = document.createElement('li');
      item.append(button);
      $(person.group).append(item);
    });
  }

  function showError(message) {
    var error = $('error');
    error.textContent = message || '';
    error.hidden = !message;
  }

  function setBusy(busy) {
    Array.prototype.forEach.call(document.querySelectorAll('.person'), function (button) {
      button.disabled = busy;
    });
    document.body.classList.toggle('busy', busy);
  }

  function showPicker() {
    $('session').hidden = true;
    $('chat').hidden = true;
    $('picker').hidden = false;
    setBusy(false);
  }

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (!response.ok) throw new Error(url + ' failed: ' + response.status);
      return response.json();
    });
  }

  function requestToken(person) {
    return postJson('/api/demo/token', { user: person.id, locale: locale });
  }

  function saveSession(saved) {
    sessionStorage.setItem(storageKey, JSON.stringify(saved));
  }

  function signIn(person) {
    showError(null);
    setBusy(true);
    requestToken(person)
      .then(function (session) {
        var saved = { user: person.id, token: session.token, userId: session.userId };
        saveSession(saved);
        startChat(person, saved);
      })
      .catch(function (err) {
        console.error(err);
        fail();
      });
  }

  function fail() {
    showPicker();
    showError(texts.failed);
  }

  function stopChat() {
    if (!current) return;
    current.subscription.unsubscribe();
    current.directLine.end();
    current = null;
    // Web Chat renders with React into the element; a fresh element drops the old transcript.
    var old = $('chat');
    var fresh = old.cloneNode(false);
    old.replaceWith(fresh);
  }

  /** The honest connection state, in the header and on <body data-connection> (for styling and the browser test). */
  function showConnection(state) {
    document.body.setAttribute('data-connection', state);
    var label = $('connection');
    label.hidden = false;
    label.className = 'connection ' + state;
    label.textContent = state === 'online' ? texts.online
      : state === 'reconnecting' ? texts.reconnecting
      : state === 'connecting' || state === 'uninitialized' ? texts.connecting
      : texts.offline;
  }

  /**
   * Direct Line JS stops polling for good on the first network error while still reporting "online", and fails a
   * message sent while the server is away. This makes it ride out a restart: a poll, a resume or a send that could
   * not reach the server is tried again with the same body, so with the same clientActivityID, which the channel
   * answers without a second effect. Web Chat gets a view of the connection whose status says "connecting" while
   * that goes on (shown as an interruption); Direct Line's own status stays untouched, as its polling relies on it.
   */
  function rideOutRestarts(directLine) {
    // These are Direct Line JS internals (0.15): without them, fall back to its own behaviour rather than break.
    if (!directLine.services || typeof directLine.services.ajax !== 'function' || !directLine.connectionStatus$.getValue) return directLine;
    var ajax = directLine.services.ajax;
    var real = directLine.connectionStatus$;
    var shown = new real.constructor(real.getValue());
    var away = false;
    real.subscribe(function (status) { if (!away) shown.next(status); });
    var setAway = function (value) {
      if (away === value) return;
      away = value;
      shown.next(value ? ConnectionStatus.connecting : real.getValue());
    };

    // Reads are safe to repeat on any server error; a send only where it cannot have reached the bot twice:
    // the channel drops a repeated clientActivityID, but a 502 (the bot refused it) is final.
    var retryable = function (error, isSend) {
      if (!error) return false;
      if (error.status === 0 || error.status === 500 || error.status === 503 || error.status === 504) return true;
      return !isSend && error.status > 500;
    };
    var retried = function (request, isSend) {
      var started = Date.now();
      return ajax(request)
        .retryWhen(function (errors) {
          return errors
            .map(function (error) {
              // A send gives up with Web Chat's send timeout, so that its "retry" starts from a settled state.
              if (!retryable(error, isSend) || (isSend && Date.now() - started > sendTimeoutMs)) throw error;
              setAway(true);
              return error;
            })
            .delay(retryDelayMs);
        })
        .do(function () { setAway(false); });
    };
    var wrapped = function (request) {
      var url = typeof request === 'string' ? request : request.url;
      var method = (typeof request === 'string' ? 'GET' : request.method || 'GET').toUpperCase();
      var activities = /\/conversations\/[^/?]+\/activities(?:\?|$)/.test(url);
      var resume = method === 'GET' && /\/conversations\/[^/?]+(?:\?|$)/.test(url);
      if (activities || resume) return retried(request, method === 'POST');
      return ajax(request);
    };
    Object.keys(ajax).forEach(function (key) { wrapped[key] = ajax[key]; });
    directLine.services.ajax = wrapped;

    // The view Web Chat talks to: the same Direct Line, methods bound to it, with the honest status.
    var view = Object.create(directLine);
    Object.getOwnPropertyNames(Object.getPrototypeOf(directLine)).forEach(function (name) {
      if (name !== 'constructor' && typeof directLine[name] === 'function') view[name] = directLine[name].bind(directLine);
    });
    view.connectionStatus$ = shown;
    return view;
  }

  function startChat(person, saved) {
    stopChat();
    var directLine = rideOutRestarts(window.WebChat.createDirectLine({
      token: saved.token,
      // Set after a reload or restart: reopens the same conversation. Without a watermark the channel replays it
      // into the fresh transcript, so what the bot said meanwhile (a notification) shows, and shows once.
      conversationId: saved.conversationId,
      // Demo mode: the local channel on this server; with app credentials Azure's Direct Line (the default).
      domain: saved.hosted ? undefined : location.origin + '/v3/directline',
      webSocket: false,
      pollingInterval: 500,
    }));
    var wasOnline = false;
    var subscription = directLine.connectionStatus$.subscribe(function (status) {
      var state = connectionStates[status] || 'unknown';
      if (state === 'connecting' && wasOnline) state = 'reconnecting';
      showConnection(state);
      if (state === 'online') {
        wasOnline = true;
        saved.conversationId = directLine.conversationId;
        saved.token = directLine.token;
        saveSession(saved);
      } else if (state === 'expired' || state === 'failed' || state === 'ended') {
        sessionStorage.removeItem(storageKey);
        stopChat();
        // A stored session may have outlived its token or conversation: start afresh as the same person.
        if (person.id && saved.conversationId) signIn(person);
        else if (person.id) fail();
        else startHosted();
      }
    });
    // Direct Line refreshes its token every 15 minutes; keep the newest for a reload.
    var keepToken = setInterval(function () {
      if (!current || current.directLine !== directLine || !directLine.token || directLine.token === saved.token) return;
      saved.token = directLine.token;
      saveSession(saved);
    }, 60000);
    current = {
      directLine: directLine,
      subscription: { unsubscribe: function () { subscription.unsubscribe(); clearInterval(keepToken); } },
    };

    $('picker').hidden = true;
    $('chat').hidden = false;
    $('session').hidden = false;
    $('switch').hidden = !person.id;
    $('session-name').textContent = person.id ? person.name + ' · ' + describe(person) : person.name;
    $('session-avatar').textContent = initials(person.name);
    $('session-avatar').className = 'avatar small ' + (person.group || 'customers');

    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: saved.userId,
        username: person.name,
        locale: locale,
        nonce: nonce,
        styleOptions: styleOptions(person),
      },
      $('chat'),
    );
    var box = document.querySelector('#chat [data-id="webchat-sendbox-input"], #chat input[type="text"], #chat textarea');
    if (box) box.focus();
  }

  function styleOptions(person) {
    return {
      accent: palette.accent,
      backgroundColor: '#f7f8f6',
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", sans-serif',
      avatarSize: 36,
      botAvatarInitials: 'AB',
      botAvatarBackgroundColor: palette.accent,
      userAvatarInitials: initials(person.name),
      userAvatarBackgroundColor: palette.user,
      bubbleBackground: '#ffffff',
      bubbleBorderColor: '#e3e6e2',
      bubbleBorderRadius: 14,
      bubbleFromUserBackground: palette.accent,
      bubbleFromUserBorderColor: palette.accent,
      bubbleFromUserBorderRadius: 14,
      bubbleFromUserTextColor: '#ffffff',
      bubbleMinHeight: 36,
      cardPushButtonBackgroundColor: palette.accent,
      cardPushButtonTextColor: '#ffffff',
      // Cards use the full bubble width, so fact titles ("Lieferadresse") have room on a phone.
      bubbleMaxWidth: 600,
      bubbleMinWidth: 120,
      // Accounting sends bank statements (camt.053) as files; nobody else has a file to send.
      hideUploadButton: !(person.role === 'accounting' || person.role === 'admin'),
      sendBoxBackground: '#ffffff',
      sendBoxBorderTop: 'solid 1px #e3e6e2',
      sendBoxHeight: 52,
      sendTimeout: sendTimeoutMs,
      suggestedActionBorderRadius: 18,
      suggestedActionBorderWidth: 1,
      suggestedActionBorderColor: palette.accent,
      suggestedActionTextColor: palette.accent,
      suggestedActionBackgroundColorOnHover: palette.accentSoft,
      suggestedActionLayout: 'flow',
      transcriptTerminatorBackgroundColor: '#8a948f',
      typingAnimationDuration: 5000,
    };
  }

  function readSession() {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey) || 'null');
    } catch (err) {
      return null;
    }
  }

  function resume() {
    var saved = readSession();
    var person = saved && people.filter(function (p) { return p.id === saved.user; })[0];
    if (person && saved.token && saved.userId) startChat(person, saved);
    else showPicker();
  }

  /**
   * With app credentials there is no demo picker: the server exchanges its Direct Line secret for a token of an
   * anonymous web user, and the page talks to Azure's Direct Line service.
   */
  function startHosted() {
    var guest = { id: null, name: texts.guest, group: 'customers' };
    var saved = readSession();
    if (saved && saved.hosted && saved.token && saved.conversationId) {
      startChat(guest, saved);
      return;
    }
    postJson('/api/directline/token', {})
      .then(function (session) {
        // The token is bound to its new conversation: Direct Line starts it with POST /conversations; the id is kept
        // once online, for a reload to resume it.
        var fresh = { hosted: true, token: session.token, userId: session.userId };
        saveSession(fresh);
        startChat(guest, fresh);
      })
      .catch(function (err) {
        console.error(err);
        $('picker').hidden = false;
        Array.prototype.forEach.call(document.querySelectorAll('#picker > :not(#error)'), function (el) { el.hidden = true; });
        showError(texts.unavailable);
      });
  }

  $('switch').addEventListener('click', function () {
    sessionStorage.removeItem(storageKey);
    stopChat();
    showPicker();
  });

  applyTexts();
  fetch('/api/demo/people')
    .then(function (res) {
      // No demo mode (the bot runs with app credentials): no picker, a token from the server.
      if (res.status === 404) return null;
      if (!res.ok) throw new Error('demo people: ' + res.status);
      return res.json();
    })
    .then(function (list) {
      if (!list) {
        startHosted();
        return;
      }
      people = list.map(toPickerEntry);
      renderPicker();
      resume();
    })
    .catch(function () {
      showPicker();
      showError(texts.failed);
    });
})();
