// Live dashboard for one ceremony. Speaks the gateway's WebSocket protocol (PROTOCOL.md): snapshot, then
// updates in seq order; on reconnect it resumes with epoch + lastSeq. All text goes in via textContent, never
// innerHTML, so names from the data cannot inject markup.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const LEADERBOARD_MIN = 10;
  const params = new URLSearchParams(location.search);
  let ceremony = params.get('ceremony');
  // Only when the gateway requires tokens (GATEWAY_JWT_SECRET): ?token=<JWT> on this page's URL.
  const token = params.get('token');
  let view = emptyView();
  let epoch = null;   // null until a snapshot arrived: then reconnects resume instead of starting over
  let lastSeq = 0;
  let socket = null;
  let attempt = 0;
  let badgeTimer = null;
  const alertItems = new Map(); // alertId -> its <li>, so a withdrawal changes the banner in place

  function emptyView() {
    return { definition: null, winners: new Map(), tallies: new Map(), alerts: [] };
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // --- state, mirroring the gateway's CeremonyView --------------------------------------------------------

  function fromSnapshot(state) {
    const next = emptyView();
    next.definition = state.definition;
    state.winners.forEach((w) => declare(next, w));
    state.tallies.forEach((t) => next.tallies.set(tallyKey(t), t));
    next.alerts = state.alerts.slice(); // withdrawn ones included, flagged: they show struck through
    return next;
  }

  function tallyKey(t) { return t.subject + '|' + t.name; }

  // The same nominee again replaces itself; anyone else is added (a tie). A correction comes as WinnerWithdrawn
  // first, so a declaration never pushes out another winner.
  function declare(target, w) {
    const list = target.winners.get(w.category) || [];
    const same = list.findIndex((x) => x.nominee === w.nominee);
    if (same >= 0) list[same] = w;
    else list.push(w);
    target.winners.set(w.category, list);
  }

  // The winner disappears; a category left without one is undecided again.
  function withdraw(target, w) {
    const list = (target.winners.get(w.category) || []).filter((x) => x.nominee !== w.nominee);
    if (list.length) target.winners.set(w.category, list);
    else target.winners.delete(w.category);
  }

  function apply(change) {
    switch (change.type) {
      case 'CeremonyDefined': view.definition = change.definition; renderHeader(); renderCategories(); break;
      case 'WinnerDeclared': declare(view, change); renderCategories(); renderHeader(); break;
      case 'WinnerWithdrawn': withdraw(view, change); renderCategories(); renderHeader(); break;
      case 'TallyUpdated': view.tallies.set(tallyKey(change), change); renderLeaderboard(); break;
      case 'RecordAlert': raiseAlert(change); break;
      case 'AlertWithdrawn': withdrawAlert(change); break;
      default: break; // a newer gateway may send kinds this page does not know yet
    }
  }

  // Alert ids are stable: one raised again after a withdrawal is news again, and goes back on top.
  function raiseAlert(alert) {
    view.alerts = view.alerts.filter((a) => a.alertId !== alert.alertId);
    view.alerts.push(alert);
    addAlert(alert);
  }

  // The banner stays, struck through with the reason: a newsroom must see it was taken down.
  function withdrawAlert(change) {
    const alert = view.alerts.find((a) => a.alertId === change.alertId);
    if (!alert) return; // filtered out, or raised before this page's snapshot could know it
    alert.withdrawn = true;
    alert.withdrawnReason = change.reason;
    addAlert(alert, true);
  }

  // --- rendering ------------------------------------------------------------------------------------------

  function renderAll() {
    renderHeader();
    renderCategories();
    renderLeaderboard();
    $('alerts').replaceChildren();
    alertItems.clear();
    view.alerts.forEach((alert) => addAlert(alert));
    $('no-alerts').hidden = view.alerts.length > 0;
  }

  function renderHeader() {
    const def = view.definition;
    const title = def ? def.title : (ceremony || 'Awards ticker');
    $('title').textContent = title;
    document.title = title + ' - live';
    const total = def ? def.categories.length : 0;
    $('progress').textContent = total ? view.winners.size + ' of ' + total + ' categories decided' : '';
  }

  function renderCategories() {
    const container = $('categories');
    container.replaceChildren();
    const categories = view.definition ? view.definition.categories.slice() : [];
    // Winners of categories missing from the definition still show (the definition may come late).
    view.winners.forEach((_, name) => {
      if (!categories.some((c) => c.name === name)) categories.push({ name, nominees: [] });
    });
    categories.forEach((category) => {
      const box = el('article', 'category');
      box.append(el('h3', null, category.name));
      const list = el('ol');
      const winners = (view.winners.get(category.name) || []).map((w) => w.nominee);
      const names = category.nominees.map((n) => n.name);
      winners.filter((w) => !names.includes(w)).forEach((w) => names.push(w));
      names.forEach((name) => {
        const nominee = category.nominees.find((n) => n.name === name);
        const label = nominee && nominee.work && nominee.work !== name ? name + ' (' + nominee.work + ')' : name;
        const item = el('li', winners.includes(name) ? 'winner' : null, label);
        if (winners.includes(name)) item.setAttribute('aria-label', label + ', winner');
        list.append(item);
      });
      box.append(list);
      container.append(box);
    });
  }

  function renderLeaderboard() {
    const works = [...view.tallies.values()].filter((t) => t.subject === 'WORK')
      .sort((a, b) => b.wins - a.wins || b.nominations - a.nominations || a.name.localeCompare(b.name));
    const most = Math.max(1, ...works.map((t) => t.nominations));
    // Every work that has won, and at least the top ten: sixty rows of "0 wins" would bury the race.
    const shown = works.filter((t, i) => t.wins > 0 || i < LEADERBOARD_MIN);
    const list = $('leaderboard');
    list.replaceChildren();
    shown.forEach((t) => {
      const item = el('li');
      const row = el('div', 'row');
      row.append(el('span', null, t.name),
        el('span', 'muted', t.wins + (t.wins === 1 ? ' win / ' : ' wins / ') + t.nominations + ' nom.'));
      const bars = el('div', 'bars');
      bars.setAttribute('aria-hidden', 'true');
      const noms = el('span', 'noms');
      noms.style.width = (100 * t.nominations / most) + '%';
      const wins = el('span', 'wins');
      wins.style.width = (100 * t.wins / most) + '%';
      bars.append(noms, wins);
      item.append(row, bars);
      item.setAttribute('aria-label', t.name + ': ' + t.wins + ' wins of ' + t.nominations + ' nominations');
      list.append(item);
    });
    const hidden = works.length - shown.length;
    if (hidden > 0) {
      list.append(el('li', 'muted', '+ ' + hidden + ' more nominated ' + (hidden === 1 ? 'work' : 'works') + ' without a win'));
    }
  }

  // Newest first; inPlace keeps an alert's position (a withdrawal is not a new alert).
  function addAlert(alert, inPlace) {
    const item = el('li', alert.withdrawn ? 'withdrawn' : null);
    const headline = el('div', 'headline');
    // <s>: "no longer accurate", which is exactly what a withdrawn alert is.
    headline.append(alert.withdrawn ? el('s', null, alert.headline) : document.createTextNode(alert.headline));
    item.append(headline);
    if (alert.withdrawn) item.append(el('div', 'withdrawn-note', 'WITHDRAWN: ' + (alert.withdrawnReason || '')));
    if (alert.category) item.append(el('div', 'muted', alert.category));
    if (alert.source) {
      // The citation backs the headline, but it is long: one click away, not in the way.
      const source = el('details', 'muted');
      source.append(el('summary', null, 'Source'), el('div', null, alert.source));
      item.append(source);
    }
    const old = alertItems.get(alert.alertId);
    if (old && inPlace) old.replaceWith(item);
    else {
      if (old) old.remove();
      $('alerts').prepend(item);
    }
    alertItems.set(alert.alertId, item);
    $('no-alerts').hidden = true;
  }

  // Shows a state; "resumed" and "reset" are news for a few seconds, then the badge says "live" again.
  function setConnection(state) {
    const badge = $('connection');
    badge.dataset.state = state;
    badge.textContent = state;
    clearTimeout(badgeTimer);
    if (state === 'resumed' || state === 'reset') {
      badgeTimer = setTimeout(() => setConnection('live'), 4000);
    }
  }

  // --- connection -----------------------------------------------------------------------------------------

  function connect() {
    const query = token ? '?token=' + encodeURIComponent(token) : '';
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws' + query);
    socket = ws;
    ws.onopen = () => {
      const request = { op: 'subscribe', ceremony };
      if (epoch !== null) { request.epoch = epoch; request.lastSeq = lastSeq; }
      ws.send(JSON.stringify(request));
    };
    ws.onmessage = (event) => onFrame(JSON.parse(event.data));
    ws.onclose = (event) => {
      if (socket !== ws) return;
      if (event.code === 4401) return refused(event.reason); // the same token would be refused again
      reconnectLater();
    };
  }

  function refused(reason) {
    socket = null;
    setConnection('refused');
    $('progress').textContent = 'Access refused: ' + (reason || 'no valid token') + '. Open this page with a valid '
      + '?token=<JWT> to follow the ceremony.';
  }

  function reconnectLater() {
    socket = null;
    setConnection('reconnecting');
    // Exponential backoff with jitter, so a restarted gateway is not hit by every screen at once.
    const delay = Math.min(30000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt += 1;
    setTimeout(connect, delay);
  }

  function onFrame(frame) {
    switch (frame.type) {
      case 'snapshot':
        view = fromSnapshot(frame.state);
        epoch = frame.epoch;
        lastSeq = frame.seq;
        attempt = 0;
        renderAll();
        if ($('connection').dataset.state !== 'reset') setConnection('live');
        break;
      case 'update': onUpdate(frame.update); break;
      case 'resumed': attempt = 0; setConnection('resumed'); break;
      case 'reset': setConnection('reset'); break;
      case 'error':
        console.warn('Gateway says:', frame.message);
        if (frame.ceremony === ceremony) $('progress').textContent = frame.message; // e.g. not in the token's claim
        break;
      default: break;
    }
  }

  function onUpdate(update) {
    if (lastSeq === 0 || update.epoch !== epoch) {
      if (update.seq !== 1) return resync();
      if (lastSeq !== 0) view = emptyView();
      epoch = update.epoch;
    } else if (update.seq <= lastSeq) {
      return; // already applied
    }
    // A jump in seq is not a gap: on one connection the gateway leaves out only tallies that a newer one replaced
    // while this page was behind (PROTOCOL.md, "Slow clients"). Resuming from the last seq applied stays exact.
    lastSeq = update.seq;
    apply(update.change);
  }

  function resync() {
    if (socket) socket.close();
  }

  function start() {
    if (ceremony) { connect(); return; }
    fetch('/api/ceremonies', token ? { headers: { Authorization: 'Bearer ' + token } } : {})
      .then((response) => {
        if (response.status === 401) return response.json().then((body) => { refused(body.error); return null; });
        // A gateway still catching up with Kafka answers 503: ask again shortly.
        if (response.status === 503) { setTimeout(start, 1000); return null; }
        return response.json();
      })
      .then((list) => {
        if (list === null) return;
        if (list.length === 0) {
          $('progress').textContent = 'Waiting for a ceremony to start...';
          setTimeout(start, 5000);
          return;
        }
        ceremony = list[0].id;
        connect();
      })
      .catch(() => setTimeout(start, 5000));
  }

  start();
})();
