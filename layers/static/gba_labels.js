/* GBA Innovation Layout Map: one collision-free placement of every label on the map —
   places, corridors, areas, destinations of arcs that leave the view, and the names of the
   basemap — re-run after every pan, zoom or regrouping. Labels are placed greedily in
   priority order (data before basemap), each at the first of its candidate positions that
   lies inside the map frame and touches no placed label, no marker or badge and no map
   control (zoom buttons, legend, title, scale, attribution). Needs gba_core.js. */
(function () {
  var GBA = window.GBA;
  if (GBA.labels) { return; }
  var FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
  var MAX_LABELS = 600, FRAME = 2, CONTROL_MARGIN = 4;
  /* Label classes: font (for measuring), horizontal padding, box height. */
  var CLASSES = {
    "gba-label": { font: "12px " + FONT, pad: 6, h: 16 },
    "gba-arc-label": { font: "600 12px " + FONT, pad: 8, h: 18 },
    "gba-edge-label": { font: "600 12px " + FONT, pad: 8, h: 18 },
    "gba-name gba-name-city": { font: "700 15px " + FONT, pad: 4, h: 19 },
    "gba-name gba-name-water": { font: "italic 13px " + FONT, pad: 4, h: 17 },
    "gba-name gba-name-county": { font: "12px " + FONT, pad: 4, h: 15 },
    "gba-name gba-name-town": { font: "11px " + FONT, pad: 4, h: 14 }
  };
  var NAME_LEVELS = ["city", "water", "county", "town"];
  /* Directions tried around a point, in order: right, left, above, below, then diagonals. */
  var AROUND = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1]];
  var measurer = document.createElement("canvas").getContext("2d");
  var widths = {};

  function measure(text, cls) {
    var key = cls + "\u0000" + text;
    if (!(key in widths)) { measurer.font = CLASSES[cls].font; widths[key] = measurer.measureText(text).width; }
    return Math.ceil(widths[key]) + CLASSES[cls].pad;
  }

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  function hitsCircle(box, c) {
    var nx = Math.max(box.x, Math.min(c[0], box.x + box.w)), ny = Math.max(box.y, Math.min(c[1], box.y + box.h));
    var dx = c[0] - nx, dy = c[1] - ny;
    return dx * dx + dy * dy < c[2] * c[2];
  }

  /* Boxes of a label of size w × h around (x, y): next to a point of radius r, or centred. */
  function candidates(label, w, h) {
    var out = [], x = label.x, y = label.y;
    if (label.centred) { out.push({ x: x - w / 2, y: y - h / 2 }); }
    (label.rings || [label.r || 0]).forEach(function (r) {
      AROUND.forEach(function (d) {
        var bx = d[0] > 0 ? x + r + 3 : (d[0] < 0 ? x - r - 3 - w : x - w / 2);
        var by = d[1] > 0 ? y + r + 1 : (d[1] < 0 ? y - r - 1 - h : y - h / 2);
        if (d[0] && d[1]) { by = d[1] > 0 ? y + r * 0.5 : y - r * 0.5 - h; }
        out.push({ x: bx, y: by });
      });
    });
    if (label.centred) {
      out.push({ x: x - w / 2, y: y - h * 1.5 }, { x: x - w / 2, y: y + h * 0.5 });
    }
    /* city names also try 16 directions on wider rings, around the badges on their seats */
    (label.far || []).forEach(function (r) {
      for (var k = 0; k < 16; k++) {
        var a = k * Math.PI / 8;
        out.push({ x: x + Math.cos(a) * (r + w / 2) - w / 2, y: y + Math.sin(a) * (r + h / 2) - h / 2 });
      }
    });
    return out;
  }

  /* Where an arc's drawn points (container pixels) leave the frame towards their end:
     [x, y, angle], or null when the end is in view or the arc never enters it. */
  function exitPoint(pts, size) {
    function inside(p) { return p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y; }
    var last = pts[pts.length - 1];
    if (inside(last)) { return null; }
    for (var i = pts.length - 2; i >= 0; i--) {
      if (!inside(pts[i])) { continue; }
      var a = pts[i], b = pts[i + 1], t = 1;
      [[b.x - a.x, 0 - a.x, size.x - a.x], [b.y - a.y, 0 - a.y, size.y - a.y]].forEach(function (s) {
        if (s[0] > 0) { t = Math.min(t, s[2] / s[0]); } else if (s[0] < 0) { t = Math.min(t, s[1] / s[0]); }
      });
      return [a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, Math.atan2(b.y - a.y, b.x - a.x)];
    }
    return null;
  }

  /* Anchors for an edge label: its exit point, then points sliding away from it along the
     edge it lies on, both ways, 24 px apart, as far as the edge goes. */
  function alongEdge(label, size) {
    var out = [[label.x, label.y]], side = label.x <= 12 || label.x >= size.x - 12;
    for (var k = 1; k * 24 <= Math.max(size.x, size.y); k++) {
      [k, -k].forEach(function (s) {
        var x = side ? label.x : label.x + s * 24, y = side ? label.y + s * 24 : label.y;
        if (x >= 12 && y >= 12 && x <= size.x - 12 && y <= size.y - 12) { out.push([x, y]); }
      });
    }
    return out;
  }

  function arrow(pane, map, x, y, angle, color) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "18"); svg.setAttribute("height", "18");
    svg.setAttribute("class", "gba-edge-arrow");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M2,3 L16,9 L2,15 L6,9 Z");
    path.setAttribute("fill", color); path.setAttribute("stroke", "#ffffff"); path.setAttribute("stroke-width", "1");
    svg.appendChild(path);
    svg.style.transform = "rotate(" + (angle * 180 / Math.PI).toFixed(1) + "deg)";
    var holder = L.DomUtil.create("div", "gba-edge-arrow-box", pane);
    holder.appendChild(svg);
    L.DomUtil.setPosition(holder, map.containerPointToLayerPoint([x - 9, y - 9]));
  }

  /* Start the label placement of `map` (once per map); later calls redraw. */
  GBA.labels = function (map) {
    if (!map) { return; }
    if (map._gbaLabels) { setTimeout(GBA.redrawLabels, 0); return; }
    map._gbaLabels = true;
    var pane = map.getPane("gbaLabels") || map.createPane("gbaLabels");
    pane.style.zIndex = 640; pane.style.pointerEvents = "none";
    var pending = false;

    function obstacles() {
      var boxes = [], frame = map.getContainer().getBoundingClientRect();
      /* controls, and anything else marked to be kept clear (the picked object's name) */
      map.getContainer().querySelectorAll(".leaflet-control, .gba-obstacle").forEach(function (el) {
        var r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) {
          boxes.push({ x: r.left - frame.left - CONTROL_MARGIN, y: r.top - frame.top - CONTROL_MARGIN,
            w: r.width + 2 * CONTROL_MARGIN, h: r.height + 2 * CONTROL_MARGIN });
        }
      });
      return boxes;
    }

    function collect(size, zoom) {
      var circles = [], labels = [];
      (GBA.placeLayers || []).forEach(function (l) {
        if (!map.hasLayer(l)) { return; }
        if (l.drawnCircles) { circles = circles.concat(l.drawnCircles()); return; }
        l.eachLayer(function (m) {
          var p = m.feature && m.feature.properties;
          if (m instanceof L.CircleMarker) {
            if (m._grouped || !m._point) { return; }
            var c = map.layerPointToContainerPoint(m._point);
            circles.push([c.x, c.y, m._radius + 1.5]);
            if (p && p.n && l.labelled !== false && (p.h || zoom >= (p.z || 0))) {
              labels.push({ text: p.n, cls: "gba-label", x: c.x, y: c.y, r: m._radius + 1, pri: (p.h ? 3000 : 1000) + m._radius });
            }
          } else if (p && p.n && m.getBounds) {
            var a = map.latLngToContainerPoint(m.getBounds().getCenter());
            labels.push({ text: p.n, cls: "gba-label", x: a.x, y: a.y, centred: true, pri: 400 });
          }
        });
        if (l._badges) {
          l._badges.eachLayer(function (b) {
            if (!b._point) { return; }
            var c = map.layerPointToContainerPoint(b._point);
            circles.push([c.x, c.y, b._radius + 1.5]);
          });
        }
      });
      var edges = {};
      GBA._arcs = (GBA._arcs || []).filter(function (arc) { return arc.line._map; });
      GBA._arcs.forEach(function (arc) {
        if (arc.line._map !== map) { return; }
        var pts = arc.pts.map(function (q) { return map.latLngToContainerPoint(q); });
        if (arc.permanent && arc.label) {
          /* at the arc's middle, or at its point in view nearest the middle */
          var mid = null, half = (pts.length - 1) / 2;
          pts.forEach(function (q, i) {
            var inView = q.x > 0 && q.y > 0 && q.x < size.x && q.y < size.y;
            if (inView && (!mid || Math.abs(i - half) < Math.abs(mid[1] - half))) { mid = [q, i]; }
          });
          if (!mid) { return; }
          mid = mid[0];
          labels.push({ text: arc.label, cls: "gba-arc-label", x: mid.x, y: mid.y, centred: true, r: 4, pri: arc.chosen ? 2500 : 600 });
        }
        /* an end out of view: arrow (along the arc) and that end's name at the map edge */
        [[arc.to, exitPoint(pts, size), 0], [arc.from, exitPoint(pts.slice().reverse(), size), Math.PI]]
          .forEach(function (end) {
            var exit = end[1];
            if (!exit || !end[0]) { return; }
            var x = Math.min(Math.max(exit[0], 12), size.x - 12), y = Math.min(Math.max(exit[1], 12), size.y - 12);
            if (edges[end[0]]) { return; }  /* one arrow and name per far end */
            edges[end[0]] = true;
            labels.push({ text: end[0], cls: "gba-edge-label", x: x, y: y, r: 11, pri: 2000,
              arrow: [x, y, exit[2] + end[2], arc.color] });
          });
      });
      GBA._rings = (GBA._rings || []).filter(function (ring) { return ring.marker._map; });
      GBA._rings.forEach(function (ring) {
        if (ring.marker._map !== map || !ring.permanent) { return; }
        var c = map.latLngToContainerPoint(ring.marker.getLatLng());
        labels.push({ text: ring.label, cls: "gba-arc-label", x: c.x, y: c.y, r: ring.r + 2, pri: 2500 });
      });
      labels.sort(function (a, b) { return b.pri - a.pri; });
      /* city names first near their seats, then, for those that found no room, farther out
         (before any other basemap name) */
      var far = [];
      (map._gbaNames || []).forEach(function (n) {
        if (zoom < n.z) { return; }
        var c = map.latLngToContainerPoint(n.ll);
        if (c.x < 0 || c.y < 0 || c.x > size.x || c.y > size.y) { return; }
        var level = NAME_LEVELS[n.level];
        if (level !== "city" && far.length) { labels = labels.concat(far); far = []; }
        var label = { text: n.text, cls: "gba-name gba-name-" + level, x: c.x, y: c.y,
          centred: true, rings: level === "water" ? [4] : [3, 12, 20] };
        labels.push(label);
        if (level === "city") { far.push({ text: n.text, cls: label.cls, x: c.x, y: c.y, rings: [], far: [30, 40, 52, 64], unless: label }); }
      });
      labels = labels.concat(far);
      return { circles: circles, labels: labels };
    }

    function draw() {
      pending = false;
      pane.innerHTML = "";
      pane.style.display = "";
      var size = map.getSize(), zoom = map.getZoom(), placed = obstacles(), found = collect(size, zoom);
      var count = 0, shown = {};
      found.labels.forEach(function (label) {
        if (count >= MAX_LABELS || (label.unless && label.unless.placed)) { return; }
        /* a basemap name that a data label already shows (a town that is a place: 港口镇,
           “Gangkou Town” for GeoNames' “Gangkou”) is left out */
        if (label.cls.indexOf("gba-name") === 0 && (shown[label.text]
            || (label.cls.indexOf("town") > 0 && (shown[label.text + " Town"] || shown[label.text + " Subdistrict"])))) {
          return;
        }
        var h = CLASSES[label.cls].h, w = measure(label.text, label.cls);
        function free(box) {
          return box.x >= FRAME && box.y >= FRAME && box.x + box.w <= size.x - FRAME && box.y + box.h <= size.y - FRAME
            && !placed.some(function (q) { return overlaps(box, q); })
            && !found.circles.some(function (c) { return hitsCircle(box, c); });
        }
        /* an edge label slides along the edge, with its arrow, until both are free */
        var anchors = label.arrow ? alongEdge(label, size) : [[label.x, label.y]];
        for (var k = 0; k < anchors.length; k++) {
          var at = { x: anchors[k][0], y: anchors[k][1] }, tip = null;
          if (label.arrow) {
            tip = { x: at.x - 9, y: at.y - 9, w: 18, h: 18 };
            if (!free(tip)) { continue; }
          }
          var boxes = candidates(L.extend({}, label, at), w, h);
          for (var i = 0; i < boxes.length; i++) {
            var box = { x: boxes[i].x, y: boxes[i].y, w: w, h: h };
            if (!free(box)) { continue; }
            if (tip) {
              placed.push(tip);
              arrow(pane, map, at.x, at.y, label.arrow[2], label.arrow[3]);
            }
            placed.push(box);
            label.placed = true;
            shown[label.text] = true;
            count++;
            var div = L.DomUtil.create("div", label.cls, pane);
            div.textContent = label.text;
            div.style.width = w + "px"; div.style.height = h + "px";
            L.DomUtil.setPosition(div, map.containerPointToLayerPoint([box.x, box.y]));
            return;
          }
        }
      });
    }

    function soon() { if (!pending) { pending = true; setTimeout(draw, 0); } }
    map.on("zoomstart", function () { pane.style.display = "none"; });
    map.on("zoomend moveend resize", soon);
    GBA.redrawLabels = soon;
    soon();
  };

  /* Basemap names (geo/placenames.py) in the interface language: rows
     [lon × 1e5, lat × 1e5, text, level index (city, water, county, town), min zoom]. */
  GBA.addBasemapNames = function (map, rows) {
    map._gbaNames = rows.map(function (r) {
      return { ll: L.latLng(r[1] / 1e5, r[0] / 1e5), text: r[2], level: r[3], z: r[4] };
    });
    GBA.labels(map);
  };
})();
