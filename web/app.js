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
  var connectionStates = ['uninitialized', 'connecting', 'online', 'expired', 'failed', 'ended'];
  var palette = { accent: '#1f6f5c', accentSoft: '#e3efeb', user: '#c9812b' };

  var $ = function (id) { return document.getElementById(id); };
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

  function requestToken(person) {
    return fetch('/api/demo/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: person.id, locale: locale }),
    }).then(function (response) {
      if (!response.ok) throw new Error('token request failed: ' + response.status);
      return response.json();
    });
  }

  function signIn(person) {
    showError(null);
    setBusy(true);
    requestToken(person)
      .then(function (session) {
        var saved = { user: person.id, token: session.token, userId: session.userId };
        sessionStorage.setItem(storageKey, JSON.stringify(saved));
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

  function startChat(person, saved) {
    stopChat();
    var directLine = window.WebChat.createDirectLine({
      token: saved.token,
      // Set after a reload: reopens the same conversation, whose history the channel replays.
      conversationId: saved.conversationId,
      domain: location.origin + '/v3/directline',
      webSocket: false,
      pollingInterval: 500,
    });
    var subscription = directLine.connectionStatus$.subscribe(function (status) {
      var state = connectionStates[status] || 'unknown';
      // Exposed for styling and for the browser test, which types only once the chat is online.
      document.body.setAttribute('data-connection', state);
      if (state === 'online') {
        saved.conversationId = directLine.conversationId;
        saved.token = directLine.token;
        sessionStorage.setItem(storageKey, JSON.stringify(saved));
      } else if (state === 'expired' || state === 'failed') {
        sessionStorage.removeItem(storageKey);
        stopChat();
        // A stored session may have outlived its token or conversation: start afresh as the same person.
        if (saved.conversationId) signIn(person);
        else fail();
      }
    });
    current = { directLine: directLine, subscription: subscription };

    $('picker').hidden = true;
    $('chat').hidden = false;
    $('session').hidden = false;
    $('session-name').textContent = person.name + ' · ' + describe(person);
    $('session-avatar').textContent = initials(person.name);
    $('session-avatar').className = 'avatar small ' + person.group;

    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: saved.userId,
        username: person.name,
        locale: locale,
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
      hideUploadButton: true,
      sendBoxBackground: '#ffffff',
      sendBoxBorderTop: 'solid 1px #e3e6e2',
      sendBoxHeight: 52,
      suggestedActionBorderRadius: 18,
      suggestedActionBorderWidth: 1,
      suggestedActionBorderColor: palette.accent,
      suggestedActionTextColor: palette.accent,
      suggestedActionBackgroundColorOnHover: palette.accentSoft,
      suggestedActionLayout: 'flow',
      transcriptTerminatorBackgroundColor: '#8a948f',
    };
  }

  function resume() {
    var saved;
    try {
      saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
    } catch (err) {
      saved = null;
    }
    var person = saved && people.filter(function (p) { return p.id === saved.user; })[0];
    if (person && saved.token && saved.userId) startChat(person, saved);
    else showPicker();
  }

  $('switch').addEventListener('click', function () {
    sessionStorage.removeItem(storageKey);
    stopChat();
    showPicker();
  });

  applyTexts();
  fetch('/api/demo/people')
    .then(function (res) {
      if (!res.ok) throw new Error('demo people: ' + res.status);
      return res.json();
    })
    .then(function (list) {
      people = list.map(toPickerEntry);
      renderPicker();
      resume();
    })
    .catch(function () {
      showPicker();
      showError(texts.failed);
    });
})();
