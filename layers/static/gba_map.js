/* GBA Innovation Layout Map: canvas place markers with shapes, stacked-point spreading,
   collision-free labels and arcs with arrowheads. Plain Leaflet 1.9, no other library. */
(function () {
  if (window.GBA) { return; }
  var GBA = (window.GBA = {});

  /* A CircleMarker drawn as circle, square, diamond or triangle on the canvas renderer,
     optionally shifted by a pixel offset (to spread places that share one anchor). */
  L.ShapeMarker = L.CircleMarker.extend({
    options: { shape: "circle", offset: [0, 0] },
    _project: function () {
      L.CircleMarker.prototype._project.call(this);
      var o = this.options.offset;
      if (o[0] || o[1]) {
        /* fan out fully from zoom 11; tighter when zoomed out so clusters stay near their seat */
        var f = Math.min(1, Math.pow(2, (this._map.getZoom() - 11) / 2));
        this._point = this._point.add(L.point(o[0] * f, o[1] * f));
        this._updateBounds();
      }
    },
    _updatePath: function () {
      var r = this._renderer, shape = this.options.shape;
      if (shape === "circle" || !r._ctx) { return L.CircleMarker.prototype._updatePath.call(this); }
      if (!r._drawing || this._empty()) { return; }
      var p = this._point, ctx = r._ctx, s = Math.max(Math.round(this._radius), 1);
      ctx.beginPath();
      if (shape === "square") {
        ctx.rect(p.x - s * 0.9, p.y - s * 0.9, s * 1.8, s * 1.8);
      } else if (shape === "diamond") {
        ctx.moveTo(p.x, p.y - s * 1.2); ctx.lineTo(p.x + s * 1.2, p.y);
        ctx.lineTo(p.x, p.y + s * 1.2); ctx.lineTo(p.x - s * 1.2, p.y); ctx.closePath();
      } else {
        ctx.moveTo(p.x, p.y - s * 1.2); ctx.lineTo(p.x + s * 1.1, p.y + s * 0.8);
        ctx.lineTo(p.x - s * 1.1, p.y + s * 0.8); ctx.closePath();
      }
      r._fillStroke(ctx, this);
    }
  });

  /* Pixel offsets on a sunflower spiral for the i-th of n points sharing one anchor. */
  function spread(i, n, radius) {
    if (n < 2) { return [0, 0]; }
    var golden = Math.PI * (3 - Math.sqrt(5)), step = radius * 1.9;
    var d = step * Math.sqrt(i + 0.5), a = i * golden;
    return [Math.round(d * Math.cos(a)), Math.round(d * Math.sin(a))];
  }

  /* Add a FeatureCollection of places to `group`. Properties: id, c (colour), s (shape),
     r (radius), k (coarse precision: dashed halo), t (tooltip), n (label), h (highlight),
     o (fill opacity, optional). */
  GBA.addPlaces = function (group, data, labels) {
    var counts = {}, seen = {};
    data.features.forEach(function (f) {
      var key = f.geometry.coordinates.join(",");
      counts[key] = (counts[key] || 0) + 1;
    });
    var layer = L.geoJSON(data, {
      pointToLayer: function (f, latlng) {
        var p = f.properties, key = f.geometry.coordinates.join(",");
        var i = seen[key] = (seen[key] === undefined ? 0 : seen[key] + 1);
        return new L.ShapeMarker(latlng, {
          shape: p.s, radius: p.r, offset: spread(i, counts[key], 6),
          fill: true, fillColor: p.c, fillOpacity: p.o || 0.92,
          color: p.h ? "#111111" : (p.k ? "#4d4d4d" : "#ffffff"),
          weight: p.h ? 3 : 1.2, opacity: 0.9, dashArray: p.k && !p.h ? "2 2" : null
        }).bindTooltip(textNode(p.t), { direction: "top", offset: [0, -p.r] });
      }
    });
    layer.addTo(group);
    GBA.placeLayers = (GBA.placeLayers || []).filter(function (l) { return l._map; }).concat([layer]);
    var start = function () { GBA.enableLabels(group._map, 400); };
    if (labels) { if (group._map) { start(); } else { group.once("add", start); } }
    else if (GBA.redrawLabels) { setTimeout(GBA.redrawLabels, 0); }
    return layer;
  };

  /* Text from data never becomes HTML: tooltips get a text node. */
  function textNode(text) { var span = document.createElement("span"); span.textContent = text; return span; }

  /* Permanent labels that never overlap: greedy placement, biggest markers first,
     re-run after every zoom or pan; at most `max` labels. */
  GBA.enableLabels = function (map, max) {
    if (map._gbaLabels) { setTimeout(GBA.redrawLabels, 0); return; }
    map._gbaLabels = true;
    var pane = map.getPane("gbaLabels") || map.createPane("gbaLabels");
    pane.style.zIndex = 650; pane.style.pointerEvents = "none";
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = "12px sans-serif";
    function draw() {
      pane.innerHTML = "";
      var size = map.getSize(), placed = [], markers = [];
      (GBA.placeLayers || []).forEach(function (l) {
        if (map.hasLayer(l)) { l.eachLayer(function (m) { if (m.feature.properties.n) { markers.push(m); } }); }
      });
      markers.sort(function (a, b) { return b.options.radius - a.options.radius; });
      for (var i = 0; i < markers.length && placed.length < max; i++) {
        var m = markers[i], p = m._point ? map.layerPointToContainerPoint(m._point) : null;
        if (!p || p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) { continue; }
        var text = m.feature.properties.n, w = measure.measureText(text).width + 6, h = 16;
        var box = { x: p.x + m.options.radius + 2, y: p.y - h / 2, w: w, h: h };
        var clash = placed.some(function (q) {
          return box.x < q.x + q.w && q.x < box.x + box.w && box.y < q.y + q.h && q.y < box.y + box.h;
        });
        if (clash) { continue; }
        placed.push(box);
        var div = L.DomUtil.create("div", "gba-label", pane);
        div.textContent = text;
        L.DomUtil.setPosition(div, map.containerPointToLayerPoint([box.x, box.y]));
      }
    }
    map.on("zoomend moveend", draw);
    GBA.redrawLabels = draw;
    setTimeout(draw, 0);
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
    line.feature = { type: "Feature", properties: { link_id: arc.id }, geometry: null };
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
    if (label) {
      line.bindTooltip(textNode(label), arc.permanent
        ? { permanent: true, direction: "center", className: "gba-arc-label" } : { sticky: true });
    }
    return line;
  };
})();
