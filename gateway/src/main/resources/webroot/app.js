// Live dashboard for one ceremony. Speaks the gateway's WebSocket protocol (PROTOCOL.md): snapshot, then
// updates in seq order; on reconnect it resumes with epoch + lastSeq. All text goes in via textContent, never
// innerHTML, so names from the data cannot inject markup.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let ceremony = new URLSearchParams(location.search).get('ceremony');
  let view = emptyView();
  let epoch = null;   // null until a snapshot arrived: then reconnects resume instead of starting over
  let lastSeq = 0;
  let socket = null;
  let attempt = 0;
  let badgeTimer = null;

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
    next.alerts = state.alerts.slice();
    return next;
  }

  function tallyKey(t) { return t.subject + '|' + t.name; }

  // A tie adds a winner; the same nominee again replaces itself; otherwise the category's winner is replaced.
  function declare(target, w) {
    const list = target.winners.get(w.category) || [];
    const same = list.findIndex((x) => x.nominee === w.nominee);
    if (same >= 0) list[same] = w;
    else if (w.tie) list.push(w);
    else list.splice(0, list.length, w);
    target.winners.set(w.category, list);
  }

  function apply(change) {
    switch (change.type) {
      case 'CeremonyDefined': view.definition = change.definition; renderHeader(); renderCategories(); break;
      case 'WinnerDeclared': declare(view, change); renderCategories(); renderHeader(); break;
      case 'TallyUpdated': view.tallies.set(tallyKey(change), change); renderLeaderboard(); break;
      case 'RecordAlert': view.alerts.push(change); addAlert(change); break;
      default: break; // a newer gateway may send kinds this page does not know yet
    }
  }

  // --- rendering ------------------------------------------------------------------------------------------

  function renderAll() {
    renderHeader();
    renderCategories();
    renderLeaderboard();
    const list = $('alerts');
    list.replaceChildren();
    view.alerts.forEach(addAlert);
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
    const list = $('leaderboard');
    list.replaceChildren();
    works.forEach((t) => {
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
  }

  function addAlert(alert) {
    const item = el('li');
    item.append(el('div', 'headline', alert.headline));
    const detail = [alert.category, alert.source].filter(Boolean).join(' - ');
    if (detail) item.append(el('div', 'muted', detail));
    $('alerts').prepend(item); // newest first
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
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    socket = ws;
    ws.onopen = () => {
      const request = { op: 'subscribe', ceremony };
      if (epoch !== null) { request.epoch = epoch; request.lastSeq = lastSeq; }
      ws.send(JSON.stringify(request));
    };
    ws.onmessage = (event) => onFrame(JSON.parse(event.data));
    ws.onclose = () => { if (socket === ws) reconnectLater(); };
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
      case 'error': console.warn('Gateway says:', frame.message); break;
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
    } else if (update.seq !== lastSeq + 1) {
      return resync(); // should not happen; resuming fills the gap
    }
    lastSeq = update.seq;
    apply(update.change);
  }

  function resync() {
    if (socket) socket.close();
  }

  function start() {
    if (ceremony) { connect(); return; }
    fetch('/api/ceremonies')
      .then((response) => response.json())
      .then((list) => {
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
