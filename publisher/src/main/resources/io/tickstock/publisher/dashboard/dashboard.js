// TickStock dashboard: polls the server's JSON endpoints once a second and draws on <canvas>
// with plain JavaScript. Everything comes from this server; nothing is loaded from other hosts.
// Each chart records how many samples it drew in data-samples, the clients panel its count in
// data-count and the alerts panel its lists' sizes in data-active and data-recent.
'use strict';

(function () {
  const POLL_MS = 1000;
  const MAX_SAMPLES = 300;
  const COLORS = ['#4fc3f7', '#ffb74d', '#81c784', '#e57373', '#ba68c8', '#fff176', '#4db6ac', '#f06292'];
  const STAGE_LABELS = {
    'source_to_channel': 'source→channel',
    'channel:tick': 'tick chain',
    'channel:ohlcv': 'ohlcv chain',
    'channel:fmv': 'fmv chain',
    'publish_to_write': 'publish→write',
    'end_to_end': 'end to end'
  };

  const token = new URLSearchParams(window.location.search).get('token');
  const headers = token ? { 'Authorization': 'Bearer ' + token } : {};
  const samples = [];
  let lastSeq = 0;
  let serverStartedMs = null;

  function $(id) {
    return document.getElementById(id);
  }

  async function getJson(path, acceptAnyStatus) {
    const response = await fetch(path, { headers: headers, cache: 'no-store' });
    if (!response.ok && !acceptAnyStatus) {
      const error = new Error(path + ': HTTP ' + response.status);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  function formatNumber(value) {
    if (value === null || value === undefined || Number.isNaN(value)) {
      return '–';
    }
    const abs = Math.abs(value);
    if (abs >= 1e6) {
      return (value / 1e6).toFixed(abs >= 1e7 ? 0 : 1) + 'M';
    }
    if (abs >= 1e4) {
      return (value / 1e3).toFixed(abs >= 1e5 ? 0 : 1) + 'k';
    }
    if (abs >= 100 || Number.isInteger(value)) {
      return Math.round(value).toLocaleString('en-US');
    }
    return String(parseFloat(value.toPrecision(3)));
  }

  function formatMs(micros) {
    if (!micros) {
      return '–';
    }
    return formatNumber(micros / 1000) + ' ms';
  }

  const { drawChart, clock } = window.TickStockChart;

  function column(name) {
    return samples.map(function (s) {
      return s[name];
    });
  }

  function drawAll() {
    const times = column('timeMs');
    drawChart($('chart-throughput'), times, [
      { label: 'records in', color: COLORS[0], values: column('recordsIn') },
      { label: 'events out', color: COLORS[1], values: column('eventsOut') }
    ], { format: formatNumber });

    const stages = [];
    for (const s of samples) {
      for (const key of Object.keys(s.latency || {})) {
        if (stages.indexOf(key) < 0) {
          stages.push(key);
        }
      }
    }
    const latencySeries = [];
    stages.forEach(function (stage, i) {
      const color = COLORS[i % COLORS.length];
      const pick = function (field) {
        return samples.map(function (s) {
          const l = s.latency && s.latency[stage];
          return l && l.count > 0 ? l[field] / 1000 : null;
        });
      };
      latencySeries.push({ label: STAGE_LABELS[stage] || stage, color: color, values: pick('p99') });
      latencySeries.push({ label: stage + ' p50', color: color, dash: true, legend: false, values: pick('p50') });
    });
    drawChart($('chart-latency'), times, latencySeries, {
      format: function (v) {
        return formatNumber(v);
      }
    });

    const rings = [];
    for (const s of samples) {
      for (const key of Object.keys(s.rings || {})) {
        if (rings.indexOf(key) < 0) {
          rings.push(key);
        }
      }
    }
    drawChart($('chart-rings'), times, rings.map(function (ring, i) {
      return {
        label: ring,
        color: COLORS[i % COLORS.length],
        values: samples.map(function (s) {
          return s.rings && s.rings[ring] ? s.rings[ring].fillRatio * 100 : null;
        })
      };
    }), {
      minMax: 1,
      format: function (v) {
        return formatNumber(v) + '%';
      }
    });

    drawChart($('chart-clients'), times, [
      { label: 'sent', color: COLORS[2], values: column('sent') },
      { label: 'conflated', color: COLORS[1], values: column('conflated') },
      { label: 'dropped', color: COLORS[3], values: column('dropped') }
    ], { format: formatNumber });

    const latest = samples[samples.length - 1];
    if (latest) {
      $('kpi-in').textContent = formatNumber(latest.recordsIn);
      $('kpi-out').textContent = formatNumber(latest.eventsOut);
      $('kpi-sent').textContent = formatNumber(latest.sent);
      $('kpi-dropped').textContent = formatNumber(latest.dropped);
      $('kpi-clients').textContent = formatNumber(latest.clients);
      const e2e = latest.latency && latest.latency.end_to_end;
      $('kpi-e2e').textContent = e2e && e2e.count > 0 ? formatMs(e2e.p99) : '–';
      $('updated').textContent = 'updated ' + clock(latest.timeMs) + ' UTC';
    }
  }

  async function pollStats() {
    let stats = await getJson('/debug/stats?since=' + lastSeq);
    if (serverStartedMs !== stats.startedMs) {
      // first poll, or the server restarted and its sample numbers began again
      serverStartedMs = stats.startedMs;
      samples.length = 0;
      if (lastSeq !== 0) {
        lastSeq = 0;
        stats = await getJson('/debug/stats?since=0');
      }
    }
    for (const sample of stats.samples) {
      if (sample.seq > lastSeq) {
        samples.push(sample);
        lastSeq = sample.seq;
      }
    }
    while (samples.length > MAX_SAMPLES) {
      samples.shift();
    }
    drawAll();
  }

  async function pollHealth() {
    const status = $('status');
    try {
      const health = await getJson('/health', true);
      status.dataset.status = health.status;
      status.textContent = health.status + (health.sources ? ' · sources ' + health.sources : '');
    } catch (e) {
      status.dataset.status = 'unreachable';
      status.textContent = 'unreachable';
    }
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  async function pollChannels() {
    const debug = await getJson('/debug/channels');
    const body = $('rings').querySelector('tbody');
    body.replaceChildren();
    for (const name of Object.keys(debug.rings)) {
      const ring = debug.rings[name];
      const row = document.createElement('tr');
      cell(row, name);
      cell(row, ring.status, 'status-' + ring.status);
      cell(row, formatNumber(ring.fill) + ' / ' + formatNumber(ring.capacity), 'num');
      cell(row, ring.handlers.map(function (h) {
        return h.name + ' ' + formatNumber(h.lag);
      }).join(', '));
      cell(row, formatNumber(ring.errors.total), 'num');
      const last = ring.errors.recent[0];
      const td = cell(row, last ? clock(last.timeMs) + ' ' + last.stage + ': ' + last.message : '');
      if (last) {
        td.title = last.message;
      }
      body.appendChild(row);
    }
  }

  /** Every source, and for a live feed its connection (docs/feeds.md): never the key, which /debug/sources does not have. */
  async function pollSources() {
    const debug = await getJson('/debug/sources');
    const body = $('sources-table').querySelector('tbody');
    body.replaceChildren();
    for (const source of debug.sources) {
      const feed = source.feed;
      const row = document.createElement('tr');
      cell(row, source.name);
      cell(row, source.kind);
      cell(row, source.state, 'status-' + source.state);
      cell(row, formatNumber(source.recordsRead), 'num');
      cell(row, feed ? formatNumber(feed.connects) : '', 'num');
      cell(row, feed ? Object.keys(feed.disconnects).filter(function (cause) {
        return feed.disconnects[cause] > 0;
      }).map(function (cause) {
        return cause + ' ' + formatNumber(feed.disconnects[cause]);
      }).join(', ') : '');
      cell(row, feed && feed.secondsSinceLastFrame !== null ? feed.secondsSinceLastFrame.toFixed(1) + ' s ago' : '', 'num');
      const last = source.lastError || (feed && feed.lastStatus) || '';
      cell(row, last).title = last;
      body.appendChild(row);
    }
    $('sources').dataset.count = String(debug.sources.length);
  }

  /**
   * A node of a scale-out (docs/scale-out.md): an edge's upstream (/debug/upstream) or an ingest
   * node's stream (/debug/cluster); a standalone server has neither and the panel stays hidden.
   */
  async function pollCluster() {
    let view = null;
    for (const path of ['/debug/upstream', '/debug/cluster']) {
      const response = await fetch(path, { headers: headers, cache: 'no-store' });
      if (response.ok) {
        view = await response.json();
        break;
      }
    }
    const panel = $('cluster');
    panel.hidden = view === null;
    panel.dataset.role = view === null ? 'standalone' : view.role;
    if (view === null) {
      return;
    }
    const edge = view.role === 'edge';
    const row = document.createElement('tr');
    cell(row, view.role);
    cell(row, edge ? view.upstream : view.endpoint);
    const state = edge ? view.state : 'publishing';
    cell(row, state, 'status-' + state);
    cell(row, view.epoch);
    cell(row, formatNumber(view.lastId), 'num');
    cell(row, formatNumber(view.positionBytes) + ' B', 'num');
    cell(row, edge ? formatNumber(view.lagBytes) + ' B' : formatNumber(view.positionBytes - view.recordedPositionBytes) + ' B unrecorded', 'num');
    cell(row, formatNumber(view.driver.naksSent) + ' / ' + formatNumber(view.driver.naksReceived), 'num');
    cell(row, formatNumber(view.driver.retransmitsSent), 'num');
    cell(row, formatNumber(view.driver.lossGapFills), 'num');
    const note = edge ? (view.endReason || 'joined ' + view.joins + ' time(s), about ' + formatNumber(view.lagEventsEstimate) + ' events behind') :
      formatNumber(view.connectedEdges) + ' edge(s) connected, back-pressured ' + formatNumber(view.backPressured);
    cell(row, note).title = note;
    $('cluster-table').querySelector('tbody').replaceChildren(row);
  }

  async function pollClients() {
    const debug = await getJson('/debug/clients');
    const panel = $('clients');
    panel.dataset.count = String(debug.count);
    const body = $('clients-table').querySelector('tbody');
    body.replaceChildren();
    for (const c of debug.clients) {
      const row = document.createElement('tr');
      cell(row, c.id);
      cell(row, c.remote);
      const sub = c.subscription;
      const parts = [];
      if (sub.all) {
        parts.push('*');
      }
      if (sub.symbols > 0 || !sub.all) {
        parts.push(sub.symbols + ' symbol' + (sub.symbols === 1 ? '' : 's'));
      }
      cell(row, parts.join(' + ') + ' · ' + (sub.events.length ? sub.events.join(' ') : 'no events'));
      for (const field of ['queued', 'matched', 'sent', 'conflated', 'dropped']) {
        cell(row, formatNumber(c[field]), 'num');
      }
      body.appendChild(row);
    }
    if (!debug.clients.length) {
      const row = document.createElement('tr');
      cell(row, 'no clients connected', 'muted').colSpan = 8;
      body.appendChild(row);
    }
  }

  function renderAlerts(list, alerts, emptyText) {
    list.replaceChildren();
    if (!alerts.length) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = emptyText;
      list.appendChild(li);
      return;
    }
    for (const alert of alerts) {
      const li = document.createElement('li');
      const severity = document.createElement('span');
      const level = String(alert.severity || 'info');
      severity.className = 'sev sev-' + level;
      severity.textContent = level;
      li.appendChild(severity);
      const when = alert.resolvedAt ? 'resolved ' + clock(alert.resolvedAt) : alert.firedAt ? 'since ' + clock(alert.firedAt) : '';
      const text = alert.message || alert.rule || JSON.stringify(alert);
      li.appendChild(document.createTextNode(' ' + text + (when ? ' (' + when + ')' : '')));
      list.appendChild(li);
    }
  }

  async function pollAlerts() {
    const panel = $('alerts');
    let alerts = { active: [], recent: [] };
    try {
      alerts = await getJson('/debug/alerts');
      panel.dataset.available = 'true';
    } catch (e) {
      // no alert engine on this server (404) or not reachable: show empty lists
      panel.dataset.available = 'false';
    }
    const active = Array.isArray(alerts.active) ? alerts.active : [];
    const recent = Array.isArray(alerts.recent) ? alerts.recent : [];
    panel.dataset.active = String(active.length);
    panel.dataset.recent = String(recent.length);
    renderAlerts($('alerts-active'), active, 'no active alerts');
    renderAlerts($('alerts-recent'), recent, 'none');
  }

  async function poll() {
    await Promise.allSettled([pollStats(), pollHealth(), pollChannels(), pollSources(), pollCluster(), pollClients(), pollAlerts()]);
    window.setTimeout(poll, POLL_MS);
  }

  window.addEventListener('resize', drawAll);
  poll();
})();
