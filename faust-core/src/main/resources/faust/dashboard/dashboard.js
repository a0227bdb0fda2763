/* Faust dashboard: polls this worker's /dashboard/api/cluster/{seconds} every second (the worker asks the others)
   and draws the cluster. No build step: plain JavaScript and uPlot, both served by the worker. */
(function () {
  "use strict";
  var WINDOW = 120;               // seconds drawn
  var COLORS = ["#3b7dd8", "#e8833a", "#2e9d57", "#9b59b6", "#d64545", "#17a2b8", "#b5892f", "#e05ea6",
    "#5d6d7e", "#7cb342"];
  var state = {workers: {}, order: [], colors: {}, first: true, charts: {}, lastOk: 0, polls: 0};
  var dash = window.faustDashboard = {state: state, charts: state.charts, polls: 0, errors: []};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function fmt(n, digits) {
    if (n === null || n === undefined || isNaN(n)) { return "–"; }
    var d = digits === undefined ? 0 : digits;
    if (Math.abs(n) >= 1e6) { return (n / 1e6).toFixed(1) + "M"; }
    if (Math.abs(n) >= 1e4) { return (n / 1e3).toFixed(1) + "k"; }
    return Number(n).toFixed(d);
  }
  function colorOf(url) {
    if (!state.colors[url]) {
      state.colors[url] = COLORS[Object.keys(state.colors).length % COLORS.length];
    }
    return state.colors[url];
  }
  function shortUrl(url) { return String(url || "").replace(/^https?:\/\//, ""); }
  function splitTp(s) {
    var i = s.lastIndexOf("-");
    return {topic: s.substring(0, i), partition: parseInt(s.substring(i + 1), 10)};
  }

  // ---- data ----
  function absorb(w) {
    var url = w.url;
    var known = state.workers[url] || {url: url, hist: {}};
    known.data = w;
    known.error = w.error || null;
    if (w.sensors && w.sensors.history) {
      var h = w.sensors.history;
      for (var i = 0; i < h.t.length; i++) {
        var sec = Math.round(h.t[i] / 1000);
        var p = {events_s: h.events_s[i], messages_s: h.messages_s[i], sent_s: h.sent_s[i], commit_ms: h.commit_ms[i],
          agents: {}, topics: {}};
        Object.keys(h.agents_events_s).forEach(function (a) { p.agents[a] = h.agents_events_s[a][i]; });
        Object.keys(h.topics_lag).forEach(function (t) { p.topics[t] = h.topics_lag[t][i]; });
        known.hist[sec] = p;
      }
      var oldest = Math.round(Date.now() / 1000) - 300;
      Object.keys(known.hist).forEach(function (s) { if (+s < oldest) { delete known.hist[s]; } });
    }
    state.workers[url] = known;
    colorOf(url);
  }

  function poll() {
    if (state.inFlight) { return; }
    state.inFlight = true;
    var seconds = state.first ? WINDOW : 5;
    fetch("/dashboard/api/cluster/" + seconds, {cache: "no-store"}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (c) {
      state.first = false;
      state.self = c.self;
      var seen = {};
      var fresh = false;
      c.workers.forEach(function (w) {
        if (!state.workers[w.url] && seconds < WINDOW) { fresh = true; }
        absorb(w);
        seen[w.url] = true;
      });
      if (fresh) { state.first = true; } // a worker seen for the first time: fetch its whole history next time
      Object.keys(state.workers).forEach(function (u) { if (!seen[u]) { delete state.workers[u]; } });
      state.order = Object.keys(state.workers).sort();
      state.lastOk = Date.now();
      dash.polls++;
      state.inFlight = false;
      render();
    }).catch(function (e) {
      state.inFlight = false;
      dash.errors.push(String(e));
      var u = document.getElementById("updated");
      u.textContent = "no answer from this worker (" + e.message + ")";
      u.className = "updated stale";
    });
  }

  // ---- rendering ----
  function live() { return state.order.map(function (u) { return state.workers[u]; }); }

  function render() {
    var ws = live();
    var first = ws.length && ws[0].data.status ? ws[0].data.status : null;
    document.getElementById("app").textContent = first ? first.app : "";
    document.title = first ? "Faust: " + first.app : "Faust dashboard";
    renderSummary(ws);
    renderWorkers(ws);
    renderPartitions(ws);
    renderCharts(ws);
    renderTables(ws);
    renderErrors(ws);
    var u = document.getElementById("updated");
    u.textContent = "updated " + new Date(state.lastOk).toLocaleTimeString() + " via " + shortUrl(state.self);
    u.className = "updated";
  }

  function sensors(w) { return w.data && w.data.sensors ? w.data.sensors : null; }
  function sum(ws, f) { return ws.reduce(function (a, w) { var v = f(w); return a + (v || 0); }, 0); }
  function lastPoint(w) {
    var keys = Object.keys(w.hist).map(Number).sort(function (a, b) { return a - b; });
    return keys.length ? w.hist[keys[keys.length - 1]] : null;
  }
  function lagOf(w) {
    var s = sensors(w);
    return s ? s.partitions.reduce(function (a, p) { return a + (p.lag || 0); }, 0) : null;
  }

  function renderSummary(ws) {
    var box = document.getElementById("summary");
    box.textContent = "";
    var up = ws.filter(function (w) { return !w.error; });
    var parts = sum(up, function (w) { return w.data.status.assignment.length; });
    var items = [[up.length + "/" + ws.length, "workers"], [parts, "partitions"],
      [fmt(sum(up, function (w) { var p = lastPoint(w); return p ? p.events_s : 0; }), 0), "events/s"],
      [fmt(sum(up, function (w) { var p = lastPoint(w); return p ? p.messages_s : 0; }), 0), "messages/s"],
      [fmt(sum(up, lagOf), 0), "lag"],
      [fmt(sum(up, function (w) { var s = sensors(w); return s ? s.errors_total : 0; }), 0), "errors"]];
    items.forEach(function (it) {
      var kv = el("div", "kv");
      kv.appendChild(el("b", null, it[0]));
      kv.appendChild(el("span", null, it[1]));
      box.appendChild(kv);
    });
  }

  function row(table, k, v) {
    var tr = el("tr");
    tr.appendChild(el("td", null, k));
    tr.appendChild(el("td", null, v));
    table.appendChild(tr);
  }

  function renderWorkers(ws) {
    var box = document.getElementById("workers");
    box.textContent = "";
    ws.forEach(function (w) {
      var card = el("div", "worker" + (w.error ? " down" : ""));
      card.style.borderLeftColor = w.error ? "" : colorOf(w.url);
      card.appendChild(el("div", "url", shortUrl(w.url) + (w.url === state.self ? "  (this page)" : "")));
      if (w.error) {
        card.appendChild(el("div", "err", w.error));
        box.appendChild(card);
        return;
      }
      var st = w.data.status;
      var badges = el("div", "badges");
      badges.appendChild(el("span", "badge " + (st.ready ? "ok" : "bad"), st.state + (st.ready ? ", ready" : ", not ready")));
      if (st.leader === true) { badges.appendChild(el("span", "badge leader", "leader")); }
      if (!w.data.metrics_enabled) { badges.appendChild(el("span", "badge", "metrics off")); }
      card.appendChild(badges);
      var t = el("table");
      var s = sensors(w);
      var p = lastPoint(w);
      row(t, "partitions active / standby", st.assignment.length + " / " + (w.data.standby_partitions || []).length);
      if (s) {
        row(t, "events/s", fmt(p ? p.events_s : 0, 1));
        row(t, "messages in/s · sent/s", fmt(p ? p.messages_s : 0, 1) + " · " + fmt(p ? p.sent_s : 0, 1));
        row(t, "lag", fmt(lagOf(w)));
        row(t, "commit p99 (ms)", fmt(s.commit_ms.p99, 1));
        row(t, "send p99 (ms, sampled)", fmt(s.send_ms.p99, 1));
        row(t, "rebalances", fmt(s.rebalances));
        row(t, "errors · dead letters", fmt(s.errors_total) + " · " + fmt(s.dead_letters));
        s.agents.forEach(function (a) {
          row(t, "@" + a.name, fmt(a.events_s, 1) + "/s, buffer " + a.buffer + "/" + a.buffer_max
            + (a.runtime_ms ? ", p99 " + fmt(a.runtime_ms.p99, 2) + " ms" : ""));
        });
      }
      card.appendChild(t);
      box.appendChild(card);
    });
  }

  function renderPartitions(ws) {
    var box = document.getElementById("partitions");
    box.textContent = "";
    var owners = {};   // topic -> partition -> {url, lag, read, committed, end}
    var maxP = {};
    ws.forEach(function (w) {
      if (w.error) { return; }
      var s = sensors(w);
      var list = s ? s.partitions : w.data.status.assignment.map(function (x) { return splitTp(x); });
      list.forEach(function (p) {
        owners[p.topic] = owners[p.topic] || {};
        owners[p.topic][p.partition] = {url: w.url, lag: p.lag, read: p.read, committed: p.committed, end: p.end};
        maxP[p.topic] = Math.max(maxP[p.topic] === undefined ? -1 : maxP[p.topic], p.partition);
      });
    });
    var legend = el("div", "legend");
    ws.forEach(function (w) {
      var item = el("span");
      var sw = el("i");
      sw.style.background = w.error ? "#c9ced6" : colorOf(w.url);
      item.appendChild(sw);
      item.appendChild(document.createTextNode(shortUrl(w.url)));
      legend.appendChild(item);
    });
    box.appendChild(legend);
    var topics = Object.keys(owners).sort();
    if (!topics.length) { box.appendChild(el("div", "muted", "no partitions assigned yet")); }
    topics.forEach(function (topic) {
      var byP = owners[topic];
      var maxLag = 0;
      Object.keys(byP).forEach(function (p) { maxLag = Math.max(maxLag, byP[p].lag || 0); });
      var card = el("div", "topic");
      var name = el("div", "name", topic);
      name.appendChild(el("span", null, Object.keys(byP).length + " partitions assigned, lag "
        + fmt(Object.keys(byP).reduce(function (a, p) { return a + (byP[p].lag || 0); }, 0))));
      card.appendChild(name);
      var cells = el("div", "cells");
      for (var p = 0; p <= maxP[topic]; p++) {
        var o = byP[p];
        var c = el("div", "cell" + (o ? "" : " none"), p);
        c.setAttribute("data-topic", topic);
        c.setAttribute("data-partition", p);
        if (o) {
          c.style.background = colorOf(o.url);
          c.setAttribute("data-owner", o.url);
          c.title = topic + "-" + p + " on " + shortUrl(o.url) + "\nlag " + fmt(o.lag) + ", read " + fmt(o.read)
            + ", committed " + fmt(o.committed) + ", end " + fmt(o.end);
          if (o.lag > 0) {
            var bar = el("div", "lagbar");
            bar.style.width = Math.max(8, Math.round(100 * o.lag / maxLag)) + "%";
            c.appendChild(bar);
            c.appendChild(el("div", "lagnum", fmt(o.lag)));
          }
        } else {
          c.title = topic + "-" + p + ": not assigned";
        }
        cells.appendChild(c);
      }
      card.appendChild(cells);
      ws.forEach(function (w) {
        var sb = w.error ? [] : (w.data.standby_partitions || []);
        if (!sb.length) { return; }
        var line = el("div", "standby");
        line.appendChild(el("span", "who", "standby on " + shortUrl(w.url)));
        sb.forEach(function (n) {
          var chip = el("div", "chip", n);
          chip.style.borderColor = colorOf(w.url);
          line.appendChild(chip);
        });
        card.appendChild(line);
      });
      box.appendChild(card);
    });
  }

  // ---- charts ----
  function timeline() {
    var now = Math.round(Date.now() / 1000);
    var xs = [];
    for (var s = now - WINDOW; s <= now; s++) { xs.push(s); }
    return xs;
  }

  function chart(id, series, data, opts) {
    var host = document.getElementById(id);
    var key = series.map(function (s) { return s.label + "|" + s.stroke; }).join(",") + "|" + (opts && opts.bars ? "b" : "");
    var c = state.charts[id];
    var width = Math.max(300, host.clientWidth || host.parentNode.clientWidth - 20);
    if (!series.length) {
      if (c) { c.plot.destroy(); delete state.charts[id]; }
      host.textContent = "";
      host.appendChild(el("div", "empty", "no data yet"));
      return;
    }
    if (!c || c.key !== key) {
      if (c) { c.plot.destroy(); }
      host.textContent = "";
      var o = {
        width: width, height: 210,
        scales: {x: {time: !(opts && opts.bars)}, y: {range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; }}},
        series: [{}].concat(series.map(function (s) {
          var x = {label: s.label, stroke: s.stroke, width: 1.6, spanGaps: true,
            points: {show: !!(opts && opts.points), size: 4, fill: s.stroke}};
          if (opts && opts.bars) {
            x.fill = s.stroke;
            x.paths = uPlot.paths.bars({size: [0.8, 24]});
          }
          return x;
        })),
        axes: [{}, {size: 56}],
        legend: {show: true}
      };
      if (opts && opts.bars) {
        o.axes[0] = {values: function (u, vals) { return vals.map(function (v) { return opts.labels(v); }); }};
      }
      c = state.charts[id] = {plot: new uPlot(o, data, host), key: key};
    } else {
      if (Math.abs(c.plot.width - width) > 20) { c.plot.setSize({width: width, height: 210}); }
      c.plot.setData(data);
    }
    c.data = data;
  }

  function seriesOverTime(ws, pick, labelOf) {
    var xs = timeline();
    var names = {};
    ws.forEach(function (w) {
      Object.keys(w.hist).forEach(function (sec) { pick(w, w.hist[sec], function (name) { names[name] = true; }); });
    });
    var keys = Object.keys(names).sort();
    var data = [xs];
    keys.forEach(function (name) {
      data.push(xs.map(function (x) {
        var total = null;
        ws.forEach(function (w) {
          // Workers sample at their own moments: a second without a point of its own takes the one before.
          var p = w.hist[x] || w.hist[x - 1];
          if (!p) { return; }
          var v = pick(w, p, null, name);
          if (v !== null && v !== undefined) { total = (total || 0) + v; }
        });
        return total;
      }));
    });
    return {data: data, series: keys.map(function (k, i) { return {label: labelOf ? labelOf(k) : k, stroke: colorFor(k, i)}; })};
  }

  function colorFor(name, i) { return state.colors[name] || COLORS[i % COLORS.length]; }

  function renderCharts(ws) {
    ws = ws.filter(function (w) { return !w.error; });
    var agents = seriesOverTime(ws, function (w, p, add, name) {
      if (add) { Object.keys(p.agents).forEach(add); return null; }
      return p.agents[name];
    }, function (a) { return "@" + a; });
    chart("chart-agents", agents.series, agents.data);
    var perWorker = function (field) {
      return seriesOverTime(ws, function (w, p, add, name) {
        if (add) { if (p[field] !== null && p[field] !== undefined) { add(w.url); } return null; }
        return w.url === name ? p[field] : null;
      }, shortUrl);
    };
    var byWorker = perWorker("events_s");
    chart("chart-workers", byWorker.series, byWorker.data);
    var lag = seriesOverTime(ws, function (w, p, add, name) {
      if (add) { Object.keys(p.topics).forEach(add); return null; }
      return p.topics[name];
    });
    chart("chart-lag", lag.series, lag.data);
    var commit = perWorker("commit_ms");
    chart("chart-commit", commit.series, commit.data, {points: true});
    var sent = perWorker("sent_s");
    chart("chart-sent", sent.series, sent.data);
    // lag now, one bar per partition, coloured by the worker that holds it
    var parts = [];
    ws.forEach(function (w) {
      var s = sensors(w);
      if (s) { s.partitions.forEach(function (p) { parts.push({url: w.url, topic: p.topic, partition: p.partition, lag: p.lag}); }); }
    });
    parts.sort(function (a, b) { return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition; });
    var multiTopic = parts.length && parts[0].topic !== parts[parts.length - 1].topic;
    var xs = parts.map(function (p, i) { return i; });
    var urls = ws.map(function (w) { return w.url; }).filter(function (u) {
      return parts.some(function (p) { return p.url === u; });
    });
    var data = [xs].concat(urls.map(function (u) {
      return parts.map(function (p) { return p.url === u ? (p.lag === null ? null : p.lag) : null; });
    }));
    chart("chart-lag-partitions", urls.map(function (u) { return {label: shortUrl(u), stroke: colorOf(u)}; }), data, {
      bars: true,
      labels: function (v) {
        var p = parts[Math.round(v)];
        return p && Math.round(v) === v ? (multiTopic ? p.topic.slice(-6) + ":" : "") + p.partition : "";
      }
    });
  }

  // ---- tables and errors ----
  function renderTables(ws) {
    var box = document.getElementById("tables");
    box.textContent = "";
    var tables = {};
    var recovering = [];
    ws.forEach(function (w) {
      var s = sensors(w);
      if (!s) { return; }
      s.tables.forEach(function (t) {
        var x = tables[t.name] = tables[t.name] || {keys: 0, active: 0, standby: 0, gets: 0, writes: 0};
        x.keys += t.keys; x.active += t.active.length; x.standby += t.standby.length; x.gets += t.gets; x.writes += t.writes;
      });
      s.recovery.partitions.forEach(function (p) {
        recovering.push({url: w.url, p: p, rate: s.recovery.records_s});
      });
    });
    var names = Object.keys(tables).sort();
    if (!names.length) { box.appendChild(el("div", "muted", "this app has no tables")); return; }
    var t = el("table", "list");
    var head = el("tr");
    ["table", "keys", "partitions active", "standby copies", "store reads", "store writes"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    t.appendChild(head);
    names.forEach(function (n) {
      var x = tables[n];
      var tr = el("tr");
      tr.appendChild(el("td", null, n));
      [x.keys, x.active, x.standby, x.gets, x.writes].forEach(function (v) { tr.appendChild(el("td", "num", fmt(v))); });
      t.appendChild(tr);
    });
    box.appendChild(t);
    if (recovering.length) {
      var r = el("table", "list");
      r.style.marginTop = "8px";
      var h2 = el("tr");
      ["recovering", "worker", "progress", "records left", "rate/s"].forEach(function (h) { h2.appendChild(el("th", null, h)); });
      r.appendChild(h2);
      recovering.forEach(function (x) {
        var p = x.p;
        var total = Math.max(1, p.target - p.from);
        var done = Math.max(0, Math.min(total, p.position - p.from));
        var tr = el("tr");
        tr.appendChild(el("td", null, p.table + " partition " + p.partition));
        tr.appendChild(el("td", null, shortUrl(x.url)));
        var td = el("td");
        var bar = el("div", "progress");
        var fill = el("div");
        fill.style.width = Math.round(100 * done / total) + "%";
        bar.appendChild(fill);
        bar.appendChild(el("span", null, Math.round(100 * done / total) + " %"));
        td.appendChild(bar);
        tr.appendChild(td);
        tr.appendChild(el("td", "num", fmt(p.target - p.position)));
        tr.appendChild(el("td", "num", fmt(x.rate)));
        r.appendChild(tr);
      });
      box.appendChild(r);
    } else {
      box.appendChild(el("div", "muted", "no table partition is recovering"));
    }
  }

  function renderErrors(ws) {
    var box = document.getElementById("errors");
    box.textContent = "";
    var all = [];
    ws.forEach(function (w) {
      var s = sensors(w);
      if (s) { s.errors.forEach(function (e) { all.push({url: w.url, e: e}); }); }
    });
    all.sort(function (a, b) { return b.e.time - a.e.time; });
    if (!all.length) { box.appendChild(el("div", "muted", "none")); return; }
    var t = el("table", "list");
    var head = el("tr");
    ["time", "worker", "where", "event", "error", "action"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    t.appendChild(head);
    all.slice(0, 15).forEach(function (x) {
      var tr = el("tr");
      tr.appendChild(el("td", null, new Date(x.e.time).toLocaleTimeString()));
      tr.appendChild(el("td", null, shortUrl(x.url)));
      tr.appendChild(el("td", null, x.e.where));
      tr.appendChild(el("td", null, x.e.at || "–"));
      tr.appendChild(el("td", "err", x.e.error));
      tr.appendChild(el("td", null, x.e.action.replace("_", " ")));
      t.appendChild(tr);
    });
    box.appendChild(t);
  }

  setInterval(function () {
    if (state.lastOk && Date.now() - state.lastOk > 5000) {
      document.getElementById("updated").className = "updated stale";
    }
  }, 1000);
  poll();
  setInterval(poll, 1000);
}());
