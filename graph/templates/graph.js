/* qdkg graph page: builds the vis-network from the JSON data block.
 * Every string from documents is data: tooltips are DOM nodes filled with textContent,
 * labels are drawn on the canvas, and nothing here parses HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("qdkg-data").textContent);
  var status = document.getElementById("search-status");

  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function fact(box, name, value) {
    if (!value) { return; }
    var p = document.createElement("div");
    add(p, "b", name + "：");
    add(p, "span", value);
    box.appendChild(p);
  }

  function nodeTip(f) {
    var box = document.createElement("div");
    box.className = "qdkg-tip";
    add(box, "div", f.name, "tip-name");
    fact(box, "类型", f.type);
    fact(box, "地点", f.place);
    fact(box, "产业", f.industry);
    fact(box, "阶段", f.stage);
    if (f.trajectory && f.trajectory.length) {  /* a project's reports, one entry per year: 2014 开工 · 2015 建成 */
      var line = document.createElement("div");
      line.className = "tip-trajectory";
      add(line, "b", "轨迹：");
      f.trajectory.forEach(function (year, i) {
        if (i) { line.appendChild(document.createTextNode(" · ")); }
        add(line, "span", year, "tip-year").style.whiteSpace = "nowrap";
      });
      box.appendChild(line);
    }
    fact(box, "别名", (f.aliases || []).join("、"));
    if (f.sentences && f.sentences.length) {
      add(box, "div", "原文：", "tip-head");
      f.sentences.forEach(function (s) { add(box, "div", s, "tip-sentence"); });
    }
    return box;
  }

  function edgeTip(f) {
    var box = document.createElement("div");
    box.className = "qdkg-tip";
    add(box, "div", f.relation, "tip-name");
    fact(box, "来源", f.docs);
    if (f.evidence) { add(box, "div", f.evidence, "tip-sentence"); }
    return box;
  }

  var nodeList = data.nodes.map(function (n) {
    var facts = n.qdkg;
    delete n.qdkg;
    n.title = nodeTip(facts);
    n.facts = facts;
    return n;
  });
  var edgeList = data.edges.map(function (e) {
    var facts = e.qdkg;
    delete e.qdkg;
    e.title = edgeTip(facts);
    return e;
  });
  var nodes = new vis.DataSet(nodeList);
  var edges = new vis.DataSet(edgeList);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.qdkg = { network: network, nodes: nodes, edges: edges, ready: false };

  /* Names of minor nodes appear once one zooms in to twice the first view's scale (or hovers: the
   * tooltip names every node). Bounding boxes hold the labels only after a first drawing, so the
   * drawing is fitted again then, and the page is ready after that. */
  function fitShown() {
    var shown = nodes.getIds({ filter: function (n) { return !n.hidden; } }).filter(function (id) {
      return network.body.nodes[id] !== undefined;
    });
    network.fit({ nodes: shown.length ? shown : undefined, animation: false });
  }
  function fitAndSettle() {
    fitShown();
    var threshold = 1 + data.font * network.getScale() * 2;
    var minor = nodeList.filter(function (n) { return n.role !== "named"; });
    if (minor.length) {
      nodes.update(minor.map(function (n) {
        return { id: n.id, scaling: { label: { drawThreshold: threshold } } };
      }));
    }
  }
  network.once("afterDrawing", function () {
    fitAndSettle();
    network.once("afterDrawing", function () {
      window.qdkg.ready = true;
      document.body.setAttribute("data-ready", "1");
    });
    network.redraw();
  });

  /* Which nodes are shown: legend types switched off and unconnected nodes stay hidden. */
  var hiddenKinds = {};
  var showUnconnected = false;
  function applyVisibility(refit) {
    var groupBy = document.getElementById("group-by").value;
    ungroup();
    nodes.update(nodeList.map(function (n) {
      return { id: n.id, hidden: Boolean(hiddenKinds[n.kind]) || (n.role === "unconnected" && !showUnconnected) };
    }));
    if (groupBy) { group(groupBy); }
    if (refit) { fitShown(); }
  }
  Array.prototype.forEach.call(document.querySelectorAll(".legend-item"), function (button) {
    button.addEventListener("click", function () {
      var kind = button.getAttribute("data-kind");
      hiddenKinds[kind] = !hiddenKinds[kind];
      button.setAttribute("aria-pressed", hiddenKinds[kind] ? "false" : "true");
      applyVisibility(false);
    });
  });

  /* Unconnected nodes: counted and listed beside the drawing; the switch draws them. */
  var unconnected = nodeList.filter(function (n) { return n.role === "unconnected"; });
  var aside = document.getElementById("unconnected");
  var toggle = document.getElementById("show-unconnected");
  if (unconnected.length) {
    aside.hidden = false;
    document.getElementById("unconnected-count").textContent = String(unconnected.length);
    var list = document.getElementById("unconnected-list");
    unconnected.forEach(function (n) {
      var li = document.createElement("li");
      var b = add(li, "button", n.facts.name);
      b.type = "button";
      b.title = n.facts.type;
      b.addEventListener("click", function () { locate(n.id); });
      list.appendChild(li);
    });
  }
  toggle.addEventListener("change", function () {
    showUnconnected = toggle.checked;
    applyVisibility(true);
  });

  /* Grouping by district or industry: one cluster per group of two or more shown nodes; a click opens it. */
  var clusters = [];
  /* Opened clusters give their nodes back their computed places (vis-network would stack them on the cluster). */
  var home = new Map(nodeList.map(function (n) { return [n.id, { x: n.x, y: n.y }]; }));
  function backHome(_clusterPosition, contained) {
    var out = {};
    Object.keys(contained).forEach(function (id) { out[id] = home.get(id) || contained[id]; });
    return out;
  }
  function openGroup(id) {
    if (network.isCluster(id)) { network.openCluster(id, { releaseFunction: backHome }); }
  }
  function ungroup() {
    clusters.forEach(openGroup);
    clusters = [];
  }
  function group(kind) {
    var members = new Map();
    nodes.get({ filter: function (n) { return !n.hidden && n.groups && n.groups[kind]; } }).forEach(function (n) {
      var name = n.groups[kind];
      if (!members.has(name)) { members.set(name, new Set()); }
      members.get(name).add(n.id);
    });
    var style = data.groupStyles[kind === "district" ? "District" : "Industry"];
    var font = Math.max.apply(null, nodeList.map(function (n) { return (n.font && n.font.size) || data.font; }));
    members.forEach(function (ids, name) {
      if (ids.size < 2) { return; }
      var id = "group:" + kind + ":" + name;
      var tip = document.createElement("div");
      tip.className = "qdkg-tip";
      add(tip, "div", name, "tip-name");
      add(tip, "div", ids.size + " 个节点，点击展开");
      var own = nodeList.find(function (n) { return ids.has(n.id) && n.kind === (kind === "district" ? "District" : "Industry") && n.facts.name === name; });
      network.cluster({
        joinCondition: function (o) { return ids.has(o.id); },
        clusterNodeProperties: {
          id: id, label: name + "（" + ids.size + "）", shape: style.shape, color: style.colour, title: tip,
          size: font * (0.9 + 0.12 * Math.sqrt(ids.size)), font: { size: font }, borderWidth: 2
        }
      });
      if (own) { network.moveNode(id, own.x, own.y); }  /* where the district or industry itself was drawn */
      clusters.push(id);
    });
  }
  document.getElementById("group-by").addEventListener("change", function () { applyVisibility(true); });
  network.on("click", function (p) {
    if (p.nodes.length === 1 && network.isCluster(p.nodes[0])) {
      openGroup(p.nodes[0]);
      clusters = clusters.filter(function (id) { return id !== p.nodes[0]; });
    }
  });

  /* The searched node's neighbourhood keeps its colours; everything else fades until the next search. */
  var faded = false;
  function fontOf(n, colour) { return { color: colour, size: (n.font && n.font.size) || data.font }; }
  function highlight(id) {
    var near = new Set([id].concat(network.getConnectedNodes(id)));
    nodes.update(nodeList.map(function (n) {
      return near.has(n.id) ? { id: n.id, color: n.color, font: fontOf(n, "#222222") }
        : { id: n.id, color: { background: "#e6e6e6", border: "#d4d4d4" }, font: fontOf(n, "#bdbdbd") };
    }));
    edges.update(edgeList.map(function (e) {
      return { id: e.id, color: (e.from === id || e.to === id) ? e.color : "#eeeeee" };
    }));
    faded = true;
  }
  function clearHighlight() {
    if (!faded) { return; }
    nodes.update(nodeList.map(function (n) { return { id: n.id, color: n.color, font: fontOf(n, "#222222") }; }));
    edges.update(edgeList.map(function (e) { return { id: e.id, color: e.color }; }));
    faded = false;
  }

  /* Show a node wherever it hides (a switched-off type, the unconnected list, a cluster), then focus it. */
  function locate(id) {
    var n = nodes.get(id);
    if (n.role === "unconnected" && !showUnconnected) { toggle.checked = true; showUnconnected = true; }
    if (hiddenKinds[n.kind]) {
      hiddenKinds[n.kind] = false;
      var b = document.querySelector('.legend-item[data-kind="' + n.kind + '"]');
      if (b) { b.setAttribute("aria-pressed", "true"); }
    }
    applyVisibility(false);
    var path = network.clustering.findNode(id);
    for (var i = 0; i < path.length - 1; i++) { openGroup(path[i]); }
    highlight(id);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    status.textContent = "已定位：" + n.facts.name;
  }

  /* Search: normalise as qdkg's name_key does, exact name or alias first, then containment. */
  function norm(s) {
    return String(s || "").normalize("NFKC").replace(/[\u201c\u201d"'\u2018\u2019\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009\s\u3000]/g, "").toLowerCase();
  }
  var exact = new Map();
  var entries = [];
  nodeList.forEach(function (n) {
    [n.facts.name].concat(n.facts.aliases || []).forEach(function (form) {
      var k = norm(form);
      if (k && !exact.has(k)) { exact.set(k, n.id); }
      entries.push([k, n.id, n.facts.name.length]);
    });
  });
  var datalist = document.getElementById("names");
  nodeList.slice(0, 5000).forEach(function (n) {
    var opt = document.createElement("option");
    opt.value = n.facts.name;
    datalist.appendChild(opt);
  });

  function find(query) {
    var k = norm(query);
    if (!k) { return null; }
    if (exact.has(k)) { return exact.get(k); }
    var best = null;
    entries.forEach(function (e) {
      if (e[0].indexOf(k) >= 0 && (best === null || e[2] < best[2])) { best = e; }
    });
    return best ? best[1] : null;
  }

  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var query = document.getElementById("search-input").value;
    if (!norm(query)) {
      clearHighlight();
      network.unselectAll();
      status.textContent = "";
      return;
    }
    var id = find(query);
    if (id === null) {
      status.textContent = "未找到：" + query;
      return;
    }
    locate(id);
  });
})();
