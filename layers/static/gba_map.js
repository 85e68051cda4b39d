/* GBA Innovation Layout Map: canvas place markers with shapes, stacked-point spreading,
   arcs with arrowheads and rings for local links. Needs gba_core.js (shapes, textNode, ref),
   gba_groups.js (count badges) and gba_labels.js (labels). */
(function () {
  var GBA = window.GBA;
  if (GBA.addPlaces) { return; }
  var textNode = GBA.textNode;

  var SCALE = 1e5;            /* coordinates arrive as integers: degrees × 1e5 */
  GBA.CLOUD_MIN = 3000;       /* from this many points on, one canvas layer draws them all */

  /* Column data (x, y, id, s → style table S [colour, shape, radius, coarse], t tooltip,
     n labels, z the zoom from which each label shows, h highlighted positions, o fill
     opacity, kind: what the ids are, for the click payload) as GeoJSON features with the
     short properties the markers read. */
  function toFeatures(d) {
    var features = [], high = {};
    d.h.forEach(function (i) { high[i] = true; });
    for (var i = 0; i < d.id.length; i++) {
      var st = d.S[d.s[i]];
      var p = { c: st[0], s: st[1], r: st[2], k: st[3], t: d.t[i], n: d.n.length ? d.n[i] : "",
        z: d.z && d.z.length ? d.z[i] : 0, h: !!high[i], ref: GBA.ref(d.kind, d.id[i]) };
      if (d.o) { p.o = d.o; }
      features.push({ type: "Feature", properties: p,
        geometry: { type: "Point", coordinates: [d.x[i] / SCALE, d.y[i] / SCALE] } });
    }
    return { type: "FeatureCollection", features: features };
  }

  /* Add place columns to `group`: one shaped marker each, places sharing an anchor fanned
     out and overlapping ones drawn as count badges (gba_groups.js), labels placed by
     gba_labels.js; above GBA.CLOUD_MIN points one PointCloud (badges, no labels). */
  GBA.addPlaces = function (group, data, labels) {
    var counts = {}, widest = {}, seen = {}, layer, badges = null;
    var cloud = data.id.length >= GBA.CLOUD_MIN;
    if (cloud) {
      layer = new GBA.PointCloud(data);
    } else {
      var fc = toFeatures(data), fans = {};
      fc.features.forEach(function (f) {
        var key = f.geometry.coordinates.join(",");
        counts[key] = (counts[key] || 0) + 1;
        widest[key] = Math.max(widest[key] || 0, f.properties.r);
      });
      layer = L.geoJSON(fc, {
        pointToLayer: function (f, latlng) {
          var p = f.properties, key = f.geometry.coordinates.join(",");
          var i = seen[key] = (seen[key] === undefined ? 0 : seen[key] + 1);
          if (!fans[key]) { fans[key] = GBA.fanOffsets(counts[key], widest[key]); }
          return new L.ShapeMarker(latlng, {
            shape: p.s, radius: p.r, offset: fans[key][i],
            fill: true, fillColor: p.c, fillOpacity: p.o || 0.92,
            color: p.h ? "#111111" : (p.k ? "#4d4d4d" : "#ffffff"),
            weight: p.h ? 3 : 1.2, opacity: 0.9, dashArray: p.k && !p.h ? "2 2" : null
          }).bindTooltip(textNode(p.t), { direction: "top", offset: [0, -p.r] });
        }
      });
      badges = layer._badges = L.featureGroup();
      var regroup = function () { GBA.groupMarkers(layer, badges); };
      layer.on("add", function () { layer._map.on("zoomend", regroup); regroup(); });
      layer.on("remove", function () { if (layer._map) { layer._map.off("zoomend", regroup); } });
    }
    layer.isProjects = data.kind === "project";
    layer.labelled = labels && !cloud;
    layer.addTo(group);
    if (badges) { badges.addTo(group); }  /* a cloud's own _badges are drawn by it */
    GBA.placeLayers = (GBA.placeLayers || []).filter(function (l) { return l._map; }).concat([layer]);
    var start = function () { GBA.labels(group._map); };
    if (group._map) { start(); } else { group.once("add", start); }
    return layer;
  };

  /* The place columns of the whole gazetteer (layers/places.py place_columns: x, y, id, s,
     S, zh, en, z), kept by their content key in this frame (and their text in the page,
     GBA.fetchJson): a rerun only sends the view. */
  var points = GBA._points = GBA._points || {}, loading = {};
  GBA.putPoints = function (key, data) { points[key] = data; };

  function fetchPoints(source) {
    if (!loading[source.k]) {
      loading[source.k] = GBA.fetchJson(source.u)
        .then(function (d) { points[source.k] = d; return d; })
        .catch(function (e) { delete loading[source.k]; throw e; });
    }
    return loading[source.k];
  }

  /* Rows shown (layers/points_file.py shown_code): runs of hidden and shown rows, or bits. */
  function shownRows(code, n) {
    var shown = new Uint8Array(n), i = 0;
    if (code.r) {
      code.r.forEach(function (len, j) { if (j % 2) { shown.fill(1, i, i + len); } i += len; });
      return shown;
    }
    var bytes = atob(code.b);
    for (i = 0; i < n; i++) { shown[i] = (bytes.charCodeAt(i >> 3) >> (i & 7)) & 1; }
    return shown;
  }

  /* A label in mode `m` (off, zh, en, both), as geo/texts Text(zh, en)(m). */
  function labelText(zh, en, m) {
    if (m === "off") { return ""; }
    if (m === "en") { return en; }
    if (m === "both") { return zh === en ? zh : zh + " " + en; }
    return zh;
  }

  /* The columns GBA.addPlaces draws for one view {v shown rows, l language, m label mode,
     h highlighted rows} of the place columns `d`. */
  function viewColumns(d, view) {
    var shown = shownRows(view.v, d.id.length), high = new Uint8Array(d.id.length);
    var names = view.l === "en" ? d.en : d.zh, labelled = view.m !== "off";
    var out = { kind: "place", x: [], y: [], id: [], s: [], S: d.S, t: [], n: [], z: [], h: [] };
    view.h.forEach(function (i) { high[i] = 1; });
    for (var i = 0; i < d.id.length; i++) {
      if (!shown[i]) { continue; }
      if (high[i]) { out.h.push(out.id.length); }
      out.x.push(d.x[i]); out.y.push(d.y[i]); out.id.push(d.id[i]); out.s.push(d.s[i]);
      out.t.push(names[i]);
      if (labelled) { out.n.push(labelText(d.zh[i], d.en[i], view.m)); out.z.push(d.z[i]); }
    }
    return out;
  }

  /* Draw into `group` the places `view` shows of the columns known by `source` ({k key,
     u URL relative to the app}): at once when this page has them, else once fetched (a
     failed fetch is tried again a few times). */
  GBA.addPlaceView = function (group, source, view) {
    function draw(d) { GBA.addPlaces(group, viewColumns(d, view), view.m !== "off"); }
    if (points[source.k]) { draw(points[source.k]); return; }
    var tries = 0;
    (function attempt() {
      fetchPoints(source).then(draw, function () {
        if (++tries < 4) { setTimeout(attempt, 500 * tries); }
      });
    })();
  };

  /* Many points on one canvas: drawn per style in one path each, hit-tested through a
     pixel grid for tooltips and clicks. A click fires "click" with a `layer` whose
     toGeoJSON() is the point's feature, as folium/st_folium expect of markers. */
  GBA.PointCloud = L.Layer.extend({
    initialize: function (d) {
      var n = d.id.length, crs = L.CRS.EPSG3857;
      this._d = d; this._px = new Float64Array(n); this._py = new Float64Array(n);
      this._byStyle = d.S.map(function () { return []; });
      for (var i = 0; i < n; i++) {
        var p = crs.latLngToPoint(L.latLng(d.y[i] / SCALE, d.x[i] / SCALE), 0);
        this._px[i] = p.x; this._py[i] = p.y; this._byStyle[d.s[i]].push(i);
      }
    },
    count: function () { return this._d.id.length; },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "leaflet-zoom-hide");
      this._canvas.style.pointerEvents = "none";
      map.getPane("overlayPane").appendChild(this._canvas);
      map.on("moveend zoomend resize", this._redraw, this);
      map.on("mousemove", this._hover, this);
      map.on("click", this._click, this);
      this._redraw();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize", this._redraw, this);
      map.off("mousemove", this._hover, this);
      map.off("click", this._click, this);
      if (this._tip) { map.removeLayer(this._tip); }
    },
    /* Points in view are grouped by the pile-up rule on cells of GBA.CLOUD_CELL pixels:
       single points are drawn by style, groups as count badges on top. */
    _redraw: function () {
      var map = this._map, size = map.getSize(), c = this._canvas, d = this._d;
      var ratio = window.devicePixelRatio || 1, k = Math.pow(2, map.getZoom());
      var topLeft = map.containerPointToLayerPoint([0, 0]), origin = map.getPixelOrigin();
      var ox = origin.x + topLeft.x, oy = origin.y + topLeft.y, cell = this._cell = 16;
      L.DomUtil.setPosition(c, topLeft);
      c.width = size.x * ratio; c.height = size.y * ratio;
      c.style.width = size.x + "px"; c.style.height = size.y + "px";
      var ctx = c.getContext("2d"), grid = this._grid = new Map(), self = this;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      var high = {}; d.h.forEach(function (i) { high[i] = true; });
      this._sx = new Float32Array(d.id.length);
      this._sy = new Float32Array(d.id.length);
      var vis = [], vx = [], vy = [], vr = [], single = {};
      for (var i = 0; i < d.id.length; i++) {
        var x = this._px[i] * k - ox, y = this._py[i] * k - oy, r = d.S[d.s[i]][2];
        if (x < -r || y < -r || x > size.x + r || y > size.y + r) { continue; }
        vis.push(i); vx.push(x + ox); vy.push(y + oy); vr.push(r);
      }
      var badges = this._badges = [];
      GBA.group(vx, vy, vr, GBA.CLOUD_CELL).forEach(function (g) {
        if (g.length === 1) { single[vis[g[0]]] = true; return; }
        var sx = 0, sy = 0, colors = [], hi = false;
        g.forEach(function (j) {
          var i = vis[j];
          sx += vx[j]; sy += vy[j]; colors.push(d.S[d.s[i]][0]); hi = hi || !!high[i];
        });
        badges.push({ x: sx / g.length - ox, y: sy / g.length - oy, r: GBA.badgeRadius(g.length),
          members: g.map(function (j) { return vis[j]; }), colors: GBA.colorCounts(colors), high: hi });
      });
      var draw = function (style, list, hi) {
        var st = d.S[style], r = Math.max(Math.round(st[2]), 1);
        ctx.beginPath();
        list.forEach(function (i) {
          if ((!hi && high[i]) || !single[i]) { return; }
          var x = self._px[i] * k - ox, y = self._py[i] * k - oy;
          self._sx[i] = x; self._sy[i] = y;
          var g = Math.floor(x / cell) * 65536 + Math.floor(y / cell);
          if (!grid.has(g)) { grid.set(g, []); }
          grid.get(g).push(i);
          GBA.shapePath(ctx, st[1], x, y, r);
        });
        ctx.globalAlpha = d.o || 0.92; ctx.fillStyle = st[0]; ctx.fill();
        ctx.globalAlpha = 0.9; ctx.lineWidth = hi ? 3 : 1.2;
        ctx.strokeStyle = hi ? "#111111" : (st[3] ? "#4d4d4d" : "#ffffff");
        ctx.setLineDash(st[3] && !hi ? [2, 2] : []); ctx.stroke();
      };
      this._byStyle.forEach(function (list, style) { draw(style, list, false); });
      d.h.forEach(function (i) { draw(d.s[i], [i], true); });
      badges.forEach(function (b) {
        GBA.drawBadge(ctx, b.x, b.y, b.r, { colors: b.colors, count: b.members.length, high: b.high });
      });
      if (GBA.redrawLabels) { GBA.redrawLabels(); }
    },
    /* Circles drawn, in container pixels: [x, y, r] of single points and badges. */
    drawnCircles: function () {
      var out = [], d = this._d, self = this;
      (this._grid || new Map()).forEach(function (list) {
        list.forEach(function (i) { out.push([self._sx[i], self._sy[i], d.S[d.s[i]][2]]); });
      });
      (this._badges || []).forEach(function (b) { out.push([b.x, b.y, b.r]); });
      return out;
    },
    _badgeAt: function (pt) {
      var bs = this._badges || [];
      for (var j = bs.length - 1; j >= 0; j--) {
        var b = bs[j], dx = b.x - pt.x, dy = b.y - pt.y;
        if (dx * dx + dy * dy <= b.r * b.r) { return b; }
      }
      return null;
    },
    _nearest: function (pt) {
      var cell = this._cell, best = -1, bestD = Infinity, d = this._d;
      var gx = Math.floor(pt.x / cell), gy = Math.floor(pt.y / cell);
      for (var a = gx - 1; a <= gx + 1; a++) {
        for (var b = gy - 1; b <= gy + 1; b++) {
          (this._grid.get(a * 65536 + b) || []).forEach(function (i) {
            var dx = this._sx[i] - pt.x, dy = this._sy[i] - pt.y, dist = dx * dx + dy * dy;
            var r = d.S[d.s[i]][2] + 3;
            if (dist <= r * r && dist < bestD) { best = i; bestD = dist; }
          }, this);
        }
      }
      return best;
    },
    _feature: function (i) {
      var d = this._d, p = { t: d.t[i], ref: GBA.ref(d.kind, d.id[i]) };
      return { type: "Feature", properties: p,
        geometry: { type: "Point", coordinates: [d.x[i] / SCALE, d.y[i] / SCALE] } };
    },
    _hover: function (e) {
      var badge = this._badgeAt(e.containerPoint), map = this._map, d = this._d;
      if (badge) {
        map.getContainer().style.cursor = "pointer";
        if (!this._tip) { this._tip = L.tooltip({ direction: "top" }); }
        this._tip.options.offset = [0, -badge.r];
        this._tip.setLatLng(map.containerPointToLatLng([badge.x, badge.y]))
          .setContent(textNode(GBA.badgeTip(badge.members.map(function (i) { return d.t[i]; }))));
        if (!map.hasLayer(this._tip)) { this._tip.addTo(map); }
        return;
      }
      var i = this._grid ? this._nearest(e.containerPoint) : -1;
      map.getContainer().style.cursor = i < 0 ? "" : "pointer";
      if (i < 0) { if (this._tip) { map.removeLayer(this._tip); this._tip = null; } return; }
      var latlng = L.latLng(this._d.y[i] / SCALE, this._d.x[i] / SCALE);
      if (!this._tip) { this._tip = L.tooltip({ direction: "top" }); }
      this._tip.options.offset = [0, -this._d.S[this._d.s[i]][2]];
      this._tip.setLatLng(latlng).setContent(textNode(this._d.t[i]));
      if (!map.hasLayer(this._tip)) { this._tip.addTo(map); }
    },
    _click: function (e) {
      var badge = this._badgeAt(e.containerPoint), map = this._map, d = this._d;
      if (badge) {
        var points = badge.members.map(function (i) { return [L.latLng(d.y[i] / SCALE, d.x[i] / SCALE), [0, 0]]; });
        var radii = badge.members.map(function (i) { return d.S[d.s[i]][2]; });
        map.setView(map.containerPointToLatLng([badge.x, badge.y]), GBA.splitZoom(map, points, radii, GBA.CLOUD_CELL));
        return;
      }
      var i = this._grid ? this._nearest(e.containerPoint) : -1;
      if (i < 0) { return; }
      var feature = this._feature(i);
      this.fire("click", { latlng: L.latLng(this._d.y[i] / SCALE, this._d.x[i] / SCALE),
        layer: { feature: feature, toGeoJSON: function () { return feature; } } }, true);
    }
  });

  /* Text of the files fetched, by URL, kept by the Streamlit page around the map's frame
     when it has the same origin: st_folium's frame is built anew with the page's tabs (a
     language switch renames them), the page is not. Strings in an object of the page's
     own: nothing there holds on to a frame that is gone. */
  var files = (function () {
    try {
      var page = window.parent;
      if (page !== window && page.location.origin === window.location.origin) {
        return page.gbaFiles || (page.gbaFiles = new page.Object());
      }
    } catch (e) { /* another origin: this frame keeps them */ }
    return {};
  })();

  /* JSON from a URL relative to the Streamlit app, fetched once per page. */
  GBA.fetchJson = function (url) {
    var base = new URLSearchParams(window.location.search).get("streamlitUrl") || window.location.href;
    var href = new URL(url, base).href;
    if (typeof files[href] === "string") { return Promise.resolve(JSON.parse(files[href])); }
    return fetch(href).then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (text) { files[href] = text; return JSON.parse(text); });
  };

  /* Boundary outlines in their own pane and canvas, coarse below `detailZoom`, detailed
     from it on. `coarse` and `detail` are GeoJSON, or URLs (relative to the Streamlit app)
     of static files: the coarse ones fetched at once, the detailed ones when first needed
     (until they arrive the coarse outlines stay). */
  GBA.addOutlines = function (map, coarse, detail, style, detailZoom) {
    var name = "gbaOutline" + (GBA._outlines = (GBA._outlines || 0) + 1);
    var pane = map.createPane(name);
    pane.style.zIndex = 350 + GBA._outlines;
    pane.style.pointerEvents = "none";
    var opts = { interactive: false, pane: name, renderer: L.canvas({ pane: name }),
      style: function () { return style; } };
    var docs = [coarse, detail], drawn = [null, null], asked = [false, false];
    function layer(i) {
      if (!drawn[i] && typeof docs[i] !== "string") { drawn[i] = L.geoJSON(docs[i], opts); }
      if (!drawn[i] && !asked[i]) {
        asked[i] = true;
        GBA.fetchJson(docs[i]).then(function (doc) { drawn[i] = L.geoJSON(doc, opts); pick(); })
          .catch(function () {  /* ask again: the coarse ones soon, the detailed on a zoom */
            asked[i] = false;
            if (i === 0) { setTimeout(pick, 2000); }
          });
      }
      return drawn[i];
    }
    function pick() {
      var low = layer(0), show = (map.getZoom() >= detailZoom && layer(1)) || low;
      drawn.forEach(function (l) { if (l && l !== show && map.hasLayer(l)) { map.removeLayer(l); } });
      if (show && !map.hasLayer(show)) { map.addLayer(show); }
    }
    map.on("zoomend", pick);
    pick();
  };

  GBA.addArcs = function (group, arcs) {
    arcs.forEach(function (arc) { GBA.addArc(group, arc); });
  };

  /* Quadratic arc from a to b bulging to the left, as lat/lng points, plus an arrowhead. */
  GBA.addArc = function (group, arc) {
    var a = arc.a, b = arc.b, style = arc.style, label = arc.label;
    var pts = [], mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    var dx = b[1] - a[1], dy = b[0] - a[0], bend = 0.18;
    var ctrl = [mid[0] + dx * bend, mid[1] - dy * bend];
    for (var t = 0; t <= 1.0001; t += 0.05) {
      var u = 1 - t;
      pts.push([u * u * a[0] + 2 * u * t * ctrl[0] + t * t * b[0], u * u * a[1] + 2 * u * t * ctrl[1] + t * t * b[1]]);
    }
    var line = L.polyline(pts, style).addTo(group);
    line.feature = { type: "Feature", properties: { ref: GBA.ref("link", arc.id) }, geometry: null };
    var head = L.ShapeMarker.extend({
      _updatePath: function () {
        var r = this._renderer; if (!r._drawing || !r._ctx) { return; }
        var map = r._map, p = this._point;
        var q = map.latLngToLayerPoint(L.latLng(pts[pts.length - 3]));
        var ang = Math.atan2(p.y - q.y, p.x - q.x), s = 4 + style.weight * 2, ctx = r._ctx;
        ctx.beginPath(); ctx.moveTo(p.x, p.y);
        ctx.lineTo(p.x - s * Math.cos(ang - 0.45), p.y - s * Math.sin(ang - 0.45));
        ctx.lineTo(p.x - s * Math.cos(ang + 0.45), p.y - s * Math.sin(ang + 0.45));
        ctx.closePath(); r._fillStroke(ctx, this);
      }
    });
    if (arc.arrow) {
      new head(L.latLng(b), { radius: 1, fill: true, fillColor: style.color, fillOpacity: 1, stroke: false, interactive: false }).addTo(group);
    }
    if (label) { line.bindTooltip(textNode(label), { sticky: true }); }
    /* its permanent label and, when its end is out of view, the arrow and name at the map
       edge are placed by gba_labels.js */
    GBA._arcs = (GBA._arcs || []).concat([{ line: line, pts: pts.map(function (q) { return L.latLng(q); }),
      label: arc.permanent ? label : "", permanent: arc.permanent, chosen: arc.chosen,
      arrow: arc.arrow, from: arc.from, to: arc.to, color: style.color }]);
    var start = function () { GBA.labels(group._map); };
    if (group._map) { start(); } else { group.once("add", start); }
    return line;
  };

  /* A local link (all its ends on one point) as a hollow ring at that point: the whole disc
     is clickable (canvas hit test), so wider rings come first and narrower ones on top. */
  GBA.addRings = function (group, rings) {
    rings.forEach(function (ring) {
      var style = ring.style;
      var m = L.circleMarker(ring.p, { radius: ring.r, color: style.color, weight: style.weight,
        dashArray: style.dashArray, opacity: 0.9, fill: true, fillOpacity: 0 }).addTo(group);
      m.feature = { type: "Feature", properties: { ref: GBA.ref("link", ring.id) }, geometry: null };
      m.bindTooltip(textNode(ring.label), { sticky: true });
      GBA._rings = (GBA._rings || []).concat([{ marker: m, label: ring.label, permanent: ring.permanent, r: ring.r }]);
    });
  };
})();
