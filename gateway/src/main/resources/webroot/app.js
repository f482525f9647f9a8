// Live dashboard for one ceremony at a time. Speaks the gateway's WebSocket protocol (PROTOCOL.md): snapshot,
// then updates in seq order, each one editor event applied whole (all its changes, then one render); on reconnect it resumes with epoch + lastSeq; switching ceremony is an unsubscribe
// and a subscribe on the same socket. All text goes in via textContent, never innerHTML, so names from the data
// cannot inject markup.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const LEADERBOARD_MIN = 10;
  const LIST_REFRESH_MS = 5000;  // how often the picker asks for ceremonies that appeared since
  const STATUS_REFRESH_MS = 250; // the lag line is redrawn at most four times a second, not once per update
  const BEHIND_MS = 10000;       // from here on an update's delay reads "12 s behind", not "... after entry"
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
  let lastUpdate = null;  // { seq, delayMs } of the last update applied: how far behind the screen is
  let lastFrameAt = null; // Date.now() of the last frame of any kind: how long a reconnect has been going on
  let catchUp = null;     // after resumed: { fromSeq, at, recovered }; after reset: { reset: true, at }
  let ceremonies = [];     // the last answer of GET /api/ceremonies
  let pickerEntries = ''; // what the picker's options were built from
  let reconnectTimer = null;
  const alertItems = new Map(); // alertId -> its <li>, so a withdrawal changes the banner in place

  function emptyLeaderboard() {
    return { decided: 0, total: 0, remaining: [], works: [] };
  }

  function emptyView() {
    return { definition: null, winners: new Map(), tallies: new Map(), alerts: [], leaderboard: emptyLeaderboard() };
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
    next.leaderboard = state.leaderboard || emptyLeaderboard();
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

  // The Streams app ranks; this page only merges its deltas: put each entry, drop the removed works, and order by
  // rank, then nominations (most first), then name, as the contract says.
  function applyLeaderboard(target, delta) {
    const byWork = new Map(target.leaderboard.works.map((e) => [e.work, e]));
    delta.removed.forEach((work) => byWork.delete(work));
    delta.entries.forEach((e) => byWork.set(e.work, e));
    const works = [...byWork.values()].sort((a, b) => a.rank - b.rank || b.nominations - a.nominations
      || (a.work < b.work ? -1 : a.work > b.work ? 1 : 0));
    target.leaderboard = { decided: delta.decided, total: delta.total, remaining: delta.remaining, works };
  }

  // Applies one update's changes to the view, in order, and returns what must be redrawn: the page renders once
  // per update, never in between, so it never shows half an event (a winner without its tallies).
  function applyUpdate(changes) {
    const dirty = { header: false, categories: false, leaderboard: false, alerts: [] };
    changes.forEach((change) => {
      switch (change.type) {
        case 'CeremonyDefined': view.definition = change.definition; dirty.header = dirty.categories = true; break;
        case 'WinnerDeclared': declare(view, change); dirty.header = dirty.categories = true; break;
        case 'WinnerWithdrawn': withdraw(view, change); dirty.header = dirty.categories = true; break;
        case 'TallyUpdated': view.tallies.set(tallyKey(change), change); break;
        case 'LeaderboardChanged': applyLeaderboard(view, change); dirty.header = dirty.leaderboard = true; break;
        case 'RecordAlert': dirty.alerts.push(raiseAlert(change)); break;
        case 'AlertWithdrawn': { const shown = withdrawAlert(change); if (shown) dirty.alerts.push(shown); break; }
        default: break; // RecordUpdated is for the Streams app; a newer gateway may send kinds unknown here
      }
    });
    if (dirty.header) renderHeader();
    if (dirty.categories) renderCategories();
    if (dirty.leaderboard) renderLeaderboard();
    dirty.alerts.forEach(({ alert, inPlace, fresh }) => addAlert(alert, inPlace, fresh));
  }

  // Alert ids are stable: one raised again after a withdrawal is news again, and goes back on top.
  function raiseAlert(alert) {
    view.alerts = view.alerts.filter((a) => a.alertId !== alert.alertId);
    view.alerts.push(alert);
    return { alert, inPlace: false, fresh: true };
  }

  // The banner stays, struck through with the reason: a newsroom must see it was taken down.
  function withdrawAlert(change) {
    const alert = view.alerts.find((a) => a.alertId === change.alertId);
    if (!alert) return null; // filtered out, or raised before this page's snapshot could know it
    alert.withdrawn = true;
    alert.withdrawnReason = change.reason;
    return { alert, inPlace: true, fresh: false };
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
    // The Streams app's count once it has published a standing; before that, the categories this page knows.
    const board = view.leaderboard;
    const total = board.total || (def ? def.categories.length : 0);
    const decided = board.total ? board.decided : view.winners.size;
    $('progress').textContent = total ? decided + ' of ' + total + ' categories decided' : '';
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
    const works = view.leaderboard.works; // already in the Streams app's order
    const most = Math.max(1, ...works.map((e) => e.nominations));
    // Every work that has won, and at least the top ten: sixty rows of "0 wins" would bury the race.
    const shown = works.filter((e, i) => e.wins > 0 || i < LEADERBOARD_MIN);
    const list = $('leaderboard');
    list.replaceChildren();
    shown.forEach((e) => {
      const item = el('li');
      item.dataset.rank = e.rank;
      const row = el('div', 'row');
      row.append(el('span', null, e.work),
        el('span', 'muted', e.wins + (e.wins === 1 ? ' win / ' : ' wins / ') + e.nominations + ' nom.'));
      const bars = el('div', 'bars');
      bars.setAttribute('aria-hidden', 'true');
      const noms = el('span', 'noms');
      noms.style.width = (100 * e.nominations / most) + '%';
      const wins = el('span', 'wins');
      wins.style.width = (100 * e.wins / most) + '%';
      bars.append(noms, wins);
      item.append(row, bars);
      item.setAttribute('aria-label', 'rank ' + e.rank + ', ' + e.work + ': ' + e.wins + ' wins of '
        + e.nominations + ' nominations');
      list.append(item);
    });
    const hidden = works.length - shown.length;
    if (hidden > 0) {
      list.append(el('li', 'muted', '+ ' + hidden + ' more nominated ' + (hidden === 1 ? 'work' : 'works') + ' without a win'));
    }
  }

  // Newest first; inPlace keeps an alert's position (a withdrawal is not a new alert). Only an alert that arrives
  // live is marked fresh (a brief highlight, see app.css): a snapshot's old alerts are not news.
  function addAlert(alert, inPlace, fresh) {
    const item = el('li', alert.withdrawn ? 'withdrawn' : null);
    if (fresh) item.classList.add('fresh');
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
    const history = recordHistory(alert.record);
    if (history) item.append(history);
    const old = alertItems.get(alert.alertId);
    if (old && inPlace) old.replaceWith(item);
    else {
      if (old) old.remove();
      $('alerts').prepend(item);
    }
    alertItems.set(alert.alertId, item);
    $('no-alerts').hidden = true;
  }

  // The record an alert rests on ("award|record"), with its holders over time from the gateway's
  // /api/history: fetched when first opened (most alerts are never opened), after the Source so the keyboard still
  // meets the Source first. The link is the same answer as JSON, for whoever writes the copy.
  function historyUrl(record) {
    const bar = record ? record.indexOf('|') : -1;
    if (bar <= 0) return null;
    return '/api/history/' + encodeURIComponent(record.slice(0, bar)) + '/records?record='
      + encodeURIComponent(record.slice(bar + 1)) + (token ? '&token=' + encodeURIComponent(token) : '');
  }

  function recordHistory(record) {
    const url = historyUrl(record);
    if (!url) return null;
    const panel = el('details', 'muted record-history');
    const body = el('div');
    const link = el('a', 'record-link', 'Record history (JSON)');
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener';
    panel.append(el('summary', null, 'Record history'), body, link);
    let loaded = false;
    panel.addEventListener('toggle', () => {
      if (!panel.open || loaded) return;
      loaded = true;
      body.textContent = 'Loading…';
      fetch(url, authHeaders())
        .then((response) => response.json().then((json) => ({ ok: response.ok, json })))
        .then(({ ok, json }) => {
          if (!ok) { body.textContent = json.error || 'No history of this record.'; return; }
          const list = el('ol', 'timeline');
          ((json[0] && json[0].timeline) || []).forEach((step) => {
            const names = (step.holders || []).map((h) => h.name + (h.year ? ' (' + h.year + ')' : '')).join(', ');
            list.append(el('li', null, step.value + ': ' + names));
          });
          body.replaceChildren(list);
        })
        .catch(() => { loaded = false; body.textContent = 'Could not load the record\'s history; open again to retry.'; });
    });
    return panel;
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
    renderStatus();
  }

  // --- how far behind -------------------------------------------------------------------------------------

  // "85 ms", "2.3 s", "12 s", "4 min": short enough for a phone's header.
  function duration(ms) {
    if (ms < 1000) return Math.round(ms) + ' ms';
    if (ms < 10000) return (ms / 1000).toFixed(1) + ' s';
    if (ms < 120000) return Math.round(ms / 1000) + ' s';
    return Math.round(ms / 60000) + ' min';
  }

  function lagText(now) {
    const state = $('connection').dataset.state;
    const seq = lastUpdate ? lastUpdate.seq : lastSeq;
    const parts = [];
    if (epoch !== null) parts.push('seq ' + seq);
    if (state === 'reconnecting' || state === 'connecting') {
      if (lastFrameAt !== null) parts.push('no word from the gateway for ' + duration(now - lastFrameAt));
    } else if (lastUpdate) {
      // The delay as it was on arrival: ingest's clock against this screen's, so only roughly right across hosts.
      const delay = Math.max(0, lastUpdate.delayMs);
      parts.push(delay >= BEHIND_MS ? duration(delay) + ' behind' : 'last update ' + duration(delay) + ' after entry');
    }
    return parts.join(' \u00b7 ');
  }

  function catchUpText() {
    if (!catchUp) return '';
    if (catchUp.reset) {
      return catchUp.snapshotSeq === undefined ? 'reset: waiting for a fresh snapshot'
        : 'reset: started over from a fresh snapshot at seq ' + catchUp.snapshotSeq;
    }
    const n = catchUp.recovered;
    return 'resumed at seq ' + catchUp.fromSeq + ', ' + n + (n === 1 ? ' missed update' : ' missed updates')
      + ' recovered';
  }

  // Called on a timer and on state changes; writes the DOM only when the text changed.
  function renderStatus() {
    setText($('lag'), lagText(Date.now()));
    const note = catchUpText();
    setText($('catch-up'), note);
    $('catch-up').hidden = note === '';
  }

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  // --- ceremony picker ------------------------------------------------------------------------------------

  function authHeaders() {
    return token ? { headers: { Authorization: 'Bearer ' + token } } : {};
  }

  // Asks for the known ceremonies; resolves to the list, or null when there is none to show yet.
  function loadCeremonies() {
    return fetch('/api/ceremonies', authHeaders()).then((response) => {
      if (response.status === 401) return response.json().then((body) => { refused(body.error); return null; });
      if (!response.ok) return null; // 503: a gateway still catching up with Kafka; the next refresh asks again
      return response.json();
    }).then((list) => {
      if (list === null) return null;
      ceremonies = list;
      fillPicker();
      return list;
    }).catch(() => null);
  }

  // Options sorted by title, not in the list's most-recently-updated order, and rebuilt only when a ceremony came
  // or was renamed: during a show the order changes with every update, and an open picker must not jump.
  function fillPicker() {
    const picker = $('ceremony-picker');
    const entries = ceremonies.map((c) => [c.id, c.title || c.id]);
    if (ceremony && !entries.some(([id]) => id === ceremony)) entries.push([ceremony, ceremony]); // not seen yet
    entries.sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
    const wanted = JSON.stringify(entries);
    if (pickerEntries !== wanted) {
      pickerEntries = wanted;
      picker.replaceChildren(...entries.map(([id, title]) => {
        const option = el('option', null, title);
        option.value = id;
        return option;
      }));
    }
    if (ceremony) picker.value = ceremony;
    picker.disabled = entries.length === 0;
  }

  // Periodic, plus whenever the picker gets focus: a ceremony that just started is there when someone looks.
  function refreshCeremonies() {
    return loadCeremonies().then((list) => {
      if (list && list.length && !ceremony) {
        ceremony = list[0].id; // the most recently updated one
        fillPicker();
        connect();
      } else if (list && !list.length && !ceremony) {
        $('progress').textContent = 'Waiting for a ceremony to start...';
      }
    });
  }

  // Another ceremony on the same socket: drop the old one's view and subscription, start clean on the new one.
  function switchTo(id) {
    if (!id || id === ceremony) return;
    const previous = ceremony;
    ceremony = id;
    const url = new URL(location.href);
    url.searchParams.set('ceremony', id);
    history.replaceState(null, '', url); // a reload stays on the chosen ceremony
    view = emptyView();
    epoch = null;
    lastSeq = 0;
    lastUpdate = null;
    catchUp = null;
    renderAll();
    fillPicker();
    if (socket && socket.readyState === WebSocket.OPEN) {
      if (previous) socket.send(JSON.stringify({ op: 'unsubscribe', ceremony: previous }));
      socket.send(JSON.stringify({ op: 'subscribe', ceremony }));
    } else if (!socket && !reconnectTimer && $('connection').dataset.state !== 'refused') {
      connect(); // no ceremony was known before this choice
    } // else connecting or about to reconnect: onopen subscribes to the new ceremony
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
    ws.onmessage = (event) => {
      lastFrameAt = Date.now();
      onFrame(JSON.parse(event.data));
    };
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
    reconnectTimer = setTimeout(() => { reconnectTimer = null; connect(); }, delay);
  }

  // Frames about another ceremony are leftovers of the one just switched away from (or its unsubscribed answer).
  function onFrame(frame) {
    const about = frame.type === 'update' ? frame.update.ceremony : frame.ceremony;
    if (about !== undefined && about !== ceremony && frame.type !== 'error') return;
    switch (frame.type) {
      case 'snapshot':
        view = fromSnapshot(frame.state);
        epoch = frame.epoch;
        lastSeq = frame.seq;
        attempt = 0;
        lastUpdate = null;
        if (catchUp && catchUp.reset && catchUp.snapshotSeq === undefined) catchUp.snapshotSeq = frame.seq;
        renderAll();
        if ($('connection').dataset.state !== 'reset') setConnection('live');
        break;
      case 'update': onUpdate(frame.update); break;
      case 'resumed':
        attempt = 0;
        catchUp = { fromSeq: frame.fromSeq, at: Date.now(), recovered: 0 };
        setConnection('resumed');
        break;
      case 'reset':
        catchUp = { reset: true, at: Date.now() };
        setConnection('reset');
        break;
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
    // A jump in seq is not a gap: on one connection the gateway leaves out only an update whose tallies and
    // leaderboard change a later one carries while this page was behind (PROTOCOL.md, "Slow clients"). Resuming
    // from the last seq applied stays exact.
    lastSeq = update.seq;
    lastUpdate = { seq: update.seq, delayMs: Date.now() - update.ingestedAt };
    // Entered before this page got back in: it was missed while away, and has now been recovered.
    if (catchUp && !catchUp.reset && update.ingestedAt <= catchUp.at) catchUp.recovered += 1;
    applyUpdate(update.changes);
  }

  function resync() {
    if (socket) socket.close();
  }

  function start() {
    const picker = $('ceremony-picker');
    picker.addEventListener('change', () => switchTo(picker.value));
    picker.addEventListener('focus', () => refreshCeremonies());
    fillPicker();
    if (ceremony) connect();
    refreshCeremonies();
    setInterval(() => { if ($('connection').dataset.state !== 'refused') refreshCeremonies(); }, LIST_REFRESH_MS);
    setInterval(renderStatus, STATUS_REFRESH_MS);
  }

  start();
})();
