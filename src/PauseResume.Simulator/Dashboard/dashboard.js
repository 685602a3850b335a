// The simulator's live dashboard. Plain script, no build step: it reads /simulator/events (Server-Sent Events) and
// calls the control API beside it. Every text from the server goes in with textContent, never as markup.
'use strict';

(() => {
  const TIMELINE_MINUTES = 10;
  const LOG_ROWS_KEPT = 500;
  const $ = (id) => document.getElementById(id);

  // ---- helpers ----

  function cell(row, text, header) {
    const td = document.createElement(header ? 'th' : 'td');
    if (header) td.scope = 'row';
    td.textContent = text ?? '';
    row.appendChild(td);
    return td;
  }

  function time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(11, 19);
  }

  // A request that changes something carries the dashboard's header, so the token's cookie may stand for the token.
  async function call(method, path, body) {
    const init = { method, headers: { 'X-Simulator-Dashboard': '1' }, credentials: 'same-origin' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    try {
      const response = await fetch(path, init);
      const text = await response.text();
      return { status: response.status, ok: response.ok, text };
    } catch (e) {
      return { status: 0, ok: false, text: `no answer: ${e.message}` };
    }
  }

  function show(outputId, method, path, answer) {
    const out = $(outputId);
    out.dataset.status = String(answer.status);
    out.dataset.ok = String(answer.ok);
    out.textContent = `${method} ${path} → ${answer.status}${answer.text ? ': ' + answer.text.trim() : ''}`;
  }

  function numberOrUndefined(input) {
    return input.value === '' ? undefined : Number(input.value);
  }

  // ---- calls, timeline, sessions ----

  function renderCalls(state) {
    const body = $('calls').tBodies[0];
    body.replaceChildren();
    for (const c of state.couples) {
      const row = document.createElement('tr');
      row.id = `couple-${c.coupleId}`;
      row.dataset.coupleId = String(c.coupleId);
      cell(row, String(c.coupleId), true);
      cell(row, String(c.callId));
      cell(row, c.callingNumber + (c.callingIp ? ` (${c.callingIp})` : ''));
      cell(row, c.calledNumber + (c.calledIp ? ` (${c.calledIp})` : ''));
      cell(row, c.direction);
      cell(row, c.coupleType);
      const callRec = cell(row, c.callRecording);
      callRec.className = `rec-state ${c.callRecording}`;
      callRec.dataset.field = 'call-recording';
      const screenRec = cell(row, c.screenRecording);
      screenRec.className = `rec-state ${c.screenRecording}`;
      screenRec.dataset.field = 'screen-recording';
      const open = c.pauses.length > 0 && !c.pauses[c.pauses.length - 1].resumedAt ? c.pauses[c.pauses.length - 1] : null;
      cell(row, open ? `${time(open.pausedAt)} by ${open.pausedBy}` : '');
      body.appendChild(row);
    }
    $('calls-empty').hidden = state.couples.length > 0;
    // The simulator sends at most a few hundred couples: the paused ones first, then the latest.
    const more = state.couplesInProgress - state.couples.length;
    $('calls-more').hidden = more <= 0;
    $('calls-more').textContent = more > 0 ? `Showing ${state.couples.length} of ${state.couplesInProgress} calls in progress: the paused ones, then the latest.` : '';
  }

  function renderTimeline(state) {
    const list = $('timeline');
    list.replaceChildren();
    const end = new Date(state.now).getTime();
    const start = end - TIMELINE_MINUTES * 60 * 1000;
    for (const c of state.couples) {
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.className = 'track-label';
      label.textContent = `Couple ${c.coupleId}`;
      const track = document.createElement('span');
      track.className = 'track';
      track.setAttribute('role', 'img');
      const described = [];
      for (const p of c.pauses) {
        const from = new Date(p.pausedAt).getTime();
        const to = p.resumedAt ? new Date(p.resumedAt).getTime() : end;
        described.push(`paused ${time(p.pausedAt)} by ${p.pausedBy}, ` + (p.resumedAt ? `resumed ${time(p.resumedAt)} by ${p.resumedBy}` : 'still paused'));
        if (to < start) continue;
        const bar = document.createElement('span');
        bar.className = p.resumedAt ? 'pause' : 'pause open';
        const left = Math.max(0, (Math.max(from, start) - start) / (end - start));
        const width = Math.max(0.005, (to - Math.max(from, start)) / (end - start));
        // A pause that began a moment ago still shows: the bar's minimum width stays inside the track.
        bar.style.left = `min(${(left * 100).toFixed(2)}%, calc(100% - 4px))`;
        bar.style.width = `${(Math.min(width, 1 - left) * 100).toFixed(2)}%`;
        track.appendChild(bar);
      }
      track.setAttribute('aria-label', `Couple ${c.coupleId}: ` + (described.length ? described.join('; ') : 'never paused'));
      item.append(label, track);
      list.appendChild(item);
    }
  }

  function renderSessions(state) {
    const body = $('sessions').tBodies[0];
    body.replaceChildren();
    for (const s of state.sessions) {
      const row = document.createElement('tr');
      cell(row, s.session, true);
      cell(row, s.login);
      cell(row, time(s.lastSeen));
      body.appendChild(row);
    }
    $('sessions-empty').hidden = state.sessions.length > 0;
    const more = state.sessionsLoggedIn - state.sessions.length;
    $('sessions-more').hidden = more <= 0;
    $('sessions-more').textContent = more > 0 ? `Showing the ${state.sessions.length} latest used of ${state.sessionsLoggedIn} logged-in sessions.` : '';
  }

  function renderState(state) {
    $('now').textContent = state.now.replace('T', ' ').slice(0, 19) + ' UTC';
    $('now').dateTime = state.now;
    renderCalls(state);
    renderTimeline(state);
    renderSessions(state);
  }

  // ---- request log ----

  function filters() {
    return {
      user: $('filter-user').value.trim().toLowerCase(),
      rule: $('filter-rule').value.trim().toUpperCase(),
      status: $('filter-status').value.trim(),
    };
  }

  function matches(row, f) {
    return (!f.user || (row.dataset.user || '').toLowerCase().includes(f.user))
      && (!f.rule || (row.dataset.rule || '').toUpperCase() === f.rule)
      && (!f.status || (row.dataset.status || '').startsWith(f.status));
  }

  function appendLog(entries) {
    const body = $('log').tBodies[0];
    const f = filters();
    for (const e of entries) {
      const row = document.createElement('tr');
      row.dataset.sequence = String(e.sequence);
      row.dataset.user = e.user ?? '';
      row.dataset.rule = e.rule ?? '';
      row.dataset.status = String(e.status);
      cell(row, time(e.time));
      cell(row, `${e.method} ${e.path}`);
      cell(row, String(e.status)).className = e.status >= 400 ? 'status refused' : 'status';
      cell(row, e.rule ?? 'control API').dataset.field = 'rule';
      cell(row, e.user ?? '');
      cell(row, e.why);
      row.hidden = !matches(row, f);
      body.appendChild(row);
    }
    while (body.rows.length > LOG_ROWS_KEPT) body.deleteRow(0);
  }

  function applyFilters() {
    const f = filters();
    for (const row of $('log').tBodies[0].rows) row.hidden = !matches(row, f);
  }

  // ---- controls (clock, traffic, faults: the control API's answer is shown as it came, a 404 included) ----

  async function refreshClock() {
    const answer = await call('GET', 'clock');
    $('clock-state').textContent = answer.ok ? answer.text.trim() : `GET clock → ${answer.status}`;
  }

  async function refreshTraffic() {
    const answer = await call('GET', 'traffic');
    $('traffic-state').textContent = answer.ok ? answer.text.trim() : `GET traffic → ${answer.status}`;
  }

  async function refreshFaults() {
    const answer = await call('GET', 'faults');
    const body = $('faults').tBodies[0];
    body.replaceChildren();
    if (!answer.ok) return;
    let faults = [];
    try { faults = JSON.parse(answer.text); } catch { return; }
    for (const fault of faults) {
      const row = document.createElement('tr');
      cell(row, fault.name, true);
      cell(row, fault.kind);
      cell(row, String(fault.injected ?? 0));
      const td = document.createElement('td');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Switch ${fault.name} off`;
      button.addEventListener('click', async () => {
        const path = `faults/${encodeURIComponent(fault.name)}`;
        show('fault-answer', 'DELETE', path, await call('DELETE', path));
        refreshFaults();
      });
      td.appendChild(button);
      row.appendChild(td);
      body.appendChild(row);
    }
  }

  function wireControls() {
    $('clock-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const mode = $('clock-mode').value;
      const body = mode === 'scaled' ? { mode, scale: Number($('clock-scale').value) } : { mode };
      show('clock-answer', 'PUT', 'clock', await call('PUT', 'clock', body));
      refreshClock();
    });
    $('clock-advance').addEventListener('click', async () => {
      show('clock-answer', 'POST', 'clock/advance', await call('POST', 'clock/advance', { seconds: Number($('clock-seconds').value) }));
      refreshClock();
    });
    $('traffic-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        running: true,
        ratePerHour: numberOrUndefined($('traffic-rate')),
        meanDurationSeconds: numberOrUndefined($('traffic-duration')),
        seed: numberOrUndefined($('traffic-seed')),
      };
      show('traffic-answer', 'PUT', 'traffic', await call('PUT', 'traffic', body));
      refreshTraffic();
    });
    $('traffic-stop').addEventListener('click', async () => {
      show('traffic-answer', 'DELETE', 'traffic', await call('DELETE', 'traffic'));
      refreshTraffic();
    });
    $('fault-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const fault = { name: $('fault-name').value.trim(), kind: $('fault-kind').value };
      for (const [key, id] of [['path', 'fault-path'], ['rule', 'fault-rule'], ['user', 'fault-user']]) {
        if ($(id).value.trim()) fault[key] = $(id).value.trim();
      }
      // Only the parameters of the chosen kind: the faults API refuses one that does not belong to it.
      const parameters = [['probability', 'fault-probability', true], ['status', 'fault-status', fault.kind === 'status'],
        ['latencyMs', 'fault-latency', fault.kind === 'latency'], ['durationSeconds', 'fault-duration', fault.kind === 'maintenance']];
      for (const [key, id, belongs] of parameters) {
        const value = numberOrUndefined($(id));
        if (belongs && value !== undefined) fault[key] = value;
      }
      show('fault-answer', 'POST', 'faults', await call('POST', 'faults', fault));
      refreshFaults();
    });
    $('faults-clear').addEventListener('click', async () => {
      show('fault-answer', 'DELETE', 'faults', await call('DELETE', 'faults'));
      refreshFaults();
    });
    $('log-filter').addEventListener('input', applyFilters);
    $('log-filter').addEventListener('reset', () => setTimeout(applyFilters, 0));
    $('log-filter').addEventListener('submit', (event) => event.preventDefault());
  }

  // ---- the event stream ----

  function connect() {
    const status = $('connection');
    const events = new EventSource('events');
    events.addEventListener('open', () => { status.dataset.state = 'live'; status.textContent = 'Live'; });
    events.addEventListener('busy', (event) => {
      // Every stream is in use: this one ends at once and the browser opens it again after the wait the server gave.
      status.dataset.state = 'busy';
      status.textContent = event.data;
    });
    events.addEventListener('error', () => {
      if (status.dataset.state === 'busy') {
        status.dataset.state = 'waiting'; // the busy stream's end: its words stay until the next attempt
        return;
      }
      // EventSource reconnects by itself; the snapshot it then gets replaces everything shown.
      status.dataset.state = 'reconnecting';
      status.textContent = 'Connection lost, reconnecting…';
    });
    events.addEventListener('snapshot', (event) => {
      const snapshot = JSON.parse(event.data);
      $('log').tBodies[0].replaceChildren();
      renderState(snapshot.state);
      appendLog(snapshot.log);
      document.body.dataset.version = String(snapshot.state.version);
    });
    events.addEventListener('state', (event) => {
      const state = JSON.parse(event.data);
      renderState(state);
      document.body.dataset.version = String(state.version);
    });
    events.addEventListener('log', (event) => appendLog(JSON.parse(event.data)));
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('timeline-window').textContent = `${TIMELINE_MINUTES} minutes`;
    wireControls();
    connect();
    refreshClock();
    refreshTraffic();
    refreshFaults();
  });
})();
