/* GBA Innovation Layout Map: the pile-up rule — markers that overlap at the current zoom are
   drawn as one count badge, a ring coloured by the kinds inside; a click zooms to where
   they part. A port of layers/grouping.py (see its docstring): same constants, same order
   of comparisons, so the web map and the prints group alike. Needs gba_core.js. */
(function () {
  var GBA = window.GBA;
  if (GBA.group) { return; }
  var GAP = 2, FAN_ZOOM = 11, FAN_MIN_SPACING = 1.546, BADGE_BASE = 8, BADGE_STEP = 1.5;
  var MAX_ZOOM = 18, GOLDEN = Math.PI * (3 - Math.sqrt(5));
  GBA.GAP_PX = GAP;
  GBA.CLOUD_CELL = 8;

  GBA.badgeRadius = function (n) { return BADGE_BASE + BADGE_STEP * Math.log2(Math.max(n, 1)); };
  GBA.fanScale = function (zoom) { return Math.min(1, Math.pow(2, (zoom - FAN_ZOOM) / 2)); };

  /* Pixel offsets of n points sharing one anchor: a sunflower spiral whose points are at
     least 2 * radius + GAP apart. */
  GBA.fanOffsets = function (n, radius) {
    var out = [];
    if (n < 2) { for (var k = 0; k < n; k++) { out.push([0, 0]); } return out; }
    var step = (2 * radius + GAP) / FAN_MIN_SPACING;
    for (var i = 0; i < n; i++) {
      var d = step * Math.sqrt(i + 0.5), a = i * GOLDEN;
      out.push([Math.round(d * Math.cos(a) * 100) / 100, Math.round(d * Math.sin(a) * 100) / 100]);
    }
    return out;
  };

  /* Groups of overlapping circles (x, y, r in pixels, in priority order): arrays of member
     indices; `cell` bins points into cells of that many pixels first. */
  GBA.group = function (x, y, r, cell) {
    var members = [], i, k;
    if (cell) {
      var cells = new Map();
      for (i = 0; i < x.length; i++) {
        var key = Math.floor(x[i] / cell) + "," + Math.floor(y[i] / cell), list = cells.get(key);
        if (!list) { list = []; cells.set(key, list); members.push(list); }
        list.push(i);
      }
    } else {
      for (i = 0; i < x.length; i++) { members.push([i]); }
    }
    var n = members.length, gx = [], gy = [], gr = [], alive = [];
    function centre(k) {
      var m = members[k], sx = 0, sy = 0;
      for (var j = 0; j < m.length; j++) { sx += x[m[j]]; sy += y[m[j]]; }
      gx[k] = sx / m.length; gy[k] = sy / m.length;
    }
    for (k = 0; k < n; k++) {
      centre(k);
      gr[k] = members[k].length === 1 ? r[members[k][0]] : GBA.badgeRadius(members[k].length);
      alive[k] = true;
    }
    var changed = true;
    while (changed) {
      changed = false;
      var maxR = -Infinity;
      for (k = 0; k < n; k++) { if (alive[k] && gr[k] > maxR) { maxR = gr[k]; } }
      if (maxR === -Infinity) { maxR = 1; }
      var size = 2 * maxR + GAP, grid = new Map();
      for (k = 0; k < n; k++) {
        if (!alive[k]) { continue; }
        var g = Math.floor(gx[k] / size) + "," + Math.floor(gy[k] / size);
        if (!grid.has(g)) { grid.set(g, []); }
        grid.get(g).push(k);
      }
      for (var a = 0; a < n; a++) {
        if (!alive[a]) { continue; }
        var cx = Math.floor(gx[a] / size), cy = Math.floor(gy[a] / size), near = [];
        for (var u = cx - 1; u <= cx + 1; u++) {
          for (var v = cy - 1; v <= cy + 1; v++) {
            (grid.get(u + "," + v) || []).forEach(function (b) { if (b > a) { near.push(b); } });
          }
        }
        near.sort(function (p, q) { return p - q; });
        for (var j = 0; j < near.length; j++) {
          var b = near[j];
          if (!alive[b]) { continue; }
          var dx = gx[a] - gx[b], dy = gy[a] - gy[b];
          if (Math.sqrt(dx * dx + dy * dy) < gr[a] + gr[b] + GAP) {
            members[a] = members[a].concat(members[b]);
            alive[b] = false;
            centre(a);
            gr[a] = GBA.badgeRadius(members[a].length);
            changed = true;
          }
        }
      }
    }
    var out = [];
    for (k = 0; k < n; k++) {
      if (alive[k]) { out.push(members[k].slice().sort(function (p, q) { return p - q; })); }
    }
    return out;
  };

  /* Pixel positions at `zoom` of points [latlng, offset] (offset: fan-out at full scale). */
  function pixels(map, points, zoom) {
    var f = GBA.fanScale(zoom), x = [], y = [];
    points.forEach(function (p) {
      var q = map.project(p[0], zoom);
      x.push(q.x + p[1][0] * f); y.push(q.y + p[1][1] * f);
    });
    return [x, y];
  }

  /* The first zoom above the current one (half steps) at which `points` (with radii `r`)
     are no longer one group; MAX_ZOOM at most. */
  GBA.splitZoom = function (map, points, r, cell) {
    var z = map.getZoom();
    while (z < MAX_ZOOM) {
      z += 0.5;
      var xy = pixels(map, points, z);
      if (GBA.group(xy[0], xy[1], r, cell).length > 1) { return z; }
    }
    return MAX_ZOOM;
  };

  /* A count badge: a ring split by colour (the kinds inside), a white disc and the count. */
  GBA.Badge = L.CircleMarker.extend({
    options: { colors: [], count: 0, high: false },
    _updatePath: function () {
      var r = this._renderer;
      if (!r._ctx) { return L.CircleMarker.prototype._updatePath.call(this); }
      if (!r._drawing || this._empty()) { return; }
      GBA.drawBadge(r._ctx, this._point.x, this._point.y, this._radius, this.options);
    }
  });

  GBA.drawBadge = function (ctx, x, y, radius, o) {
    var start = -Math.PI / 2;
    ctx.save();
    ctx.globalAlpha = o.opacity == null ? 1 : o.opacity;  /* GBA.dim makes badges faint too */
    ctx.setLineDash([]);
    o.colors.forEach(function (c) {
      var a = 2 * Math.PI * c[1] / o.count;
      ctx.beginPath(); ctx.moveTo(x, y); ctx.arc(x, y, radius, start, start + a); ctx.closePath();
      ctx.fillStyle = c[0]; ctx.fill();
      start += a;
    });
    ctx.beginPath(); ctx.arc(x, y, radius * 0.64, 0, 2 * Math.PI);
    ctx.fillStyle = "#ffffff"; ctx.fill();
    ctx.beginPath(); ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.lineWidth = o.high ? 3 : 1.2; ctx.strokeStyle = o.high ? "#111111" : "#ffffff"; ctx.stroke();
    ctx.fillStyle = "#1b2631"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    ctx.font = "700 " + Math.max(9, Math.round(radius * 0.78)) + "px sans-serif";
    ctx.fillText(String(o.count), x, y + 0.5);
    ctx.restore();
  };

  /* [[colour, count], …] of the members, in order of first appearance. */
  GBA.colorCounts = function (colors) {
    var order = [], counts = {};
    colors.forEach(function (c) {
      if (!(c in counts)) { counts[c] = 0; order.push(c); }
      counts[c] += 1;
    });
    return order.map(function (c) { return [c, counts[c]]; });
  };

  /* Tooltip text of a badge: the first names inside and how many more. */
  GBA.badgeTip = function (names) {
    var shown = names.slice(0, 8).join("\n");
    return names.length > 8 ? shown + "\n+" + (names.length - 8) : shown;
  };

  /* Group the shaped markers of `layer` at the map's zoom: grouped markers are hidden (not
     drawn, not clickable) and a badge in `badges` stands for them; rerun on every zoom.
     Highlighted markers (the selection, a strategy's members) are never grouped. */
  GBA.groupMarkers = function (layer, badges) {
    var map = layer._map;
    if (!map) { return; }
    var z = map.getZoom(), markers = [], points = [], r = [], all = [];
    layer.eachLayer(function (m) {
      all.push(m);
      if (m.feature && m.feature.properties.h) { return; }
      markers.push(m); points.push([m.getLatLng(), m.options.offset]); r.push(m.options.radius);
    });
    var xy = pixels(map, points, z), groups = GBA.group(xy[0], xy[1], r);
    badges.clearLayers();
    var hidden = {};
    groups.forEach(function (g) {
      if (g.length < 2) { return; }
      var sx = 0, sy = 0, names = [], colors = [], high = false;
      g.forEach(function (i) {
        var p = markers[i].feature.properties;
        hidden[i] = true; sx += xy[0][i]; sy += xy[1][i];
        names.push(p.t); colors.push(p.c); high = high || p.h;
      });
      var centre = map.unproject(L.point(sx / g.length, sy / g.length), z);
      var badge = new GBA.Badge(centre, {
        radius: GBA.badgeRadius(g.length), colors: GBA.colorCounts(colors), count: g.length,
        high: high, fill: true, stroke: false, bubblingMouseEvents: false
      });
      badge.members = g.map(function (i) { return markers[i]; });
      badge.bindTooltip(GBA.textNode(GBA.badgeTip(names)), { direction: "top", className: "gba-badge-tip" });
      badge.on("click", function () {
        var sub = g.map(function (i) { return points[i]; }), rr = g.map(function (i) { return r[i]; });
        map.setView(centre, GBA.splitZoom(map, sub, rr));
      });
      badges.addLayer(badge);
    });
    var grouped = new Set(markers.filter(function (m, i) { return hidden[i]; }));
    all.forEach(function (m) {
      var was = !!m._grouped;
      m._grouped = grouped.has(m);
      if (was !== m._grouped) { m.redraw(); }
    });
    if (GBA.redrawLabels) { GBA.redrawLabels(); }
  };
})();
