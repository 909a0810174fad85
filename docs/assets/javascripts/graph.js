/* The graph page: entities as nodes coloured by type, relations as labelled edges.
   Data: graph.json, written by the build (scripts/kb/export.py). Library: Cytoscape.js,
   vendored under assets/vendor/ and loaded only when a page has a #kb-graph element.
   Runs on every page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/javascripts\/graph\.js(\?.*)?$/, "") : "/";

  var LABELS = {
    person: "Person", organization: "Organisation", treaty: "Treaty",
    event: "Event", place: "Place", topic: "Topic", source: "Source"
  };
  // The type colours are defined once, in kb.css (--kb-colour-<type>); the root's are those
  // for a white background, which the graph keeps in both schemes. Read when the graph is
  // drawn, not at load: reading a computed style forces a style pass on every page.
  var COLOURS = {};
  function readColours() {
    var rootStyle = getComputedStyle(document.documentElement);
    Object.keys(LABELS).forEach(function (type) {
      COLOURS[type] = rootStyle.getPropertyValue("--kb-colour-" + type).trim() || "#888";
    });
  }

  function load(src) {
    if (window.cytoscape) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(tag);
    });
  }

  function legend(container) {
    var list = document.createElement("ul");
    list.className = "kb-graph-legend";
    Object.keys(LABELS).forEach(function (type) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "kb-graph-swatch";
      swatch.style.background = COLOURS[type];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(LABELS[type]));
      list.appendChild(item);
    });
    container.parentNode.insertBefore(list, container);
  }

  function draw(container, data) {
    var started = performance.now();
    var elements = data.nodes.map(function (n) {
      return { data: { id: n.id, label: n.label, type: n.type, url: n.url, colour: COLOURS[n.type] || "#888" } };
    }).concat(data.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: e.source, target: e.target, label: e.label } };
    }));
    var large = data.nodes.length > 300;
    var cy = window.cytoscape({
      container: container,
      elements: elements,
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "label": "data(label)", "font-size": 9,
          "color": "#222", "text-outline-color": "#fff", "text-outline-width": 2,
          "width": 14, "height": 14, "min-zoomed-font-size": large ? 8 : 0 } },
        { selector: "edge", style: {
          "width": 1, "line-color": "#9e9e9e", "target-arrow-color": "#9e9e9e",
          "target-arrow-shape": "triangle", "curve-style": large ? "haystack" : "bezier",
          "label": "data(label)", "font-size": 7, "color": "#555", "text-rotation": "autorotate",
          "min-zoomed-font-size": 10 } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#000" } }
      ],
      layout: large
        ? { name: "concentric", animate: false, minNodeSpacing: 6,
            concentric: function (node) { return node.degree(); }, levelWidth: function () { return 2; } }
        : { name: "cose", animate: false, randomize: true, fit: true, padding: 30, numIter: 1500,
            nodeRepulsion: function () { return 400000; }, nodeOverlap: 20, idealEdgeLength: function () { return 110; },
            gravity: 60 }
    });
    cy.on("tap", "node", function (event) {
      window.location.href = root + event.target.data("url");
    });
    container.setAttribute("data-nodes", String(cy.nodes().length));
    container.setAttribute("data-edges", String(cy.edges().length));
    container.setAttribute("data-draw-ms", String(Math.round(performance.now() - started)));
    window.kbGraph = cy;
  }

  function start(container) {
    if (container.getAttribute("data-ready")) return;
    container.setAttribute("data-ready", "loading");
    var source = container.getAttribute("data-graph") || root + "graph.json";
    load(root + "assets/vendor/cytoscape/cytoscape.min.js")
      .then(function () { return fetch(source); })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        readColours();
        legend(container);
        draw(container, data);
        container.setAttribute("data-ready", "yes");
        var button = document.getElementById("kb-graph-draw");
        if (button) button.hidden = true;
      })
      .catch(function (error) {
        container.textContent = "The graph could not be drawn: " + error.message;
        container.setAttribute("data-ready", "error");
      });
  }

  /* The library is large (430 KB): it loads when the reader asks for the graph, so the page
     itself stays light on a phone. The button is the page's own (docs/graph.md). */
  function init() {
    var container = document.getElementById("kb-graph");
    var button = document.getElementById("kb-graph-draw");
    if (!container || !button || button.getAttribute("data-bound")) return;
    button.setAttribute("data-bound", "yes");
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = "Drawing the graph…";
      start(container);
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
