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
  network.once("afterDrawing", function () {
    window.qdkg.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
  network.fit({ animation: false });

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
    var id = find(query);
    if (id === null) {
      status.textContent = "未找到：" + query;
      return;
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    status.textContent = "已定位：" + nodes.get(id).facts.name;
  });
})();
