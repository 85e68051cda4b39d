/* GBA Innovation Layout Map: helpers shared by the map scripts — marker shapes on a canvas,
   text nodes for data and the click payload. Plain Leaflet 1.9, no other library. */
(function () {
  if (window.GBA) { return; }
  var GBA = (window.GBA = {});

  /* Text from data never becomes HTML: tooltips and labels get a text node. */
  GBA.textNode = function (text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  };

  /* The click payload: every clickable feature carries properties.ref = "<kind>:<id>"
     (place, link, structure, project, or user:<layer>:<row>); see ui/selection.py. */
  GBA.ref = function (kind, id) { return kind + ":" + id; };

  /* Path of a marker of `shape` (circle, square, diamond, triangle) and size s at (x, y). */
  GBA.shapePath = function (ctx, shape, x, y, s) {
    if (shape === "circle") { ctx.moveTo(x + s, y); ctx.arc(x, y, s, 0, 2 * Math.PI); return; }
    if (shape === "square") { ctx.rect(x - s * 0.9, y - s * 0.9, s * 1.8, s * 1.8); return; }
    if (shape === "diamond") {
      ctx.moveTo(x, y - s * 1.2); ctx.lineTo(x + s * 1.2, y); ctx.lineTo(x, y + s * 1.2); ctx.lineTo(x - s * 1.2, y);
    } else {
      ctx.moveTo(x, y - s * 1.2); ctx.lineTo(x + s * 1.1, y + s * 0.8); ctx.lineTo(x - s * 1.1, y + s * 0.8);
    }
    ctx.closePath();
  };

  /* A CircleMarker drawn as circle, square, diamond or triangle on the canvas renderer,
     optionally shifted by a pixel offset (to spread places that share one anchor). */
  L.ShapeMarker = L.CircleMarker.extend({
    options: { shape: "circle", offset: [0, 0] },
    _project: function () {
      L.CircleMarker.prototype._project.call(this);
      var o = this.options.offset;
      if (o[0] || o[1]) {
        /* fan out fully from zoom 11; tighter when zoomed out (gba_groups.js) */
        var f = GBA.fanScale(this._map.getZoom());
        this._point = this._point.add(L.point(o[0] * f, o[1] * f));
        this._updateBounds();
      }
    },
    /* a marker inside a count badge (gba_groups.js) is neither drawn nor hit */
    _containsPoint: function (p) {
      return !this._grouped && L.CircleMarker.prototype._containsPoint.call(this, p);
    },
    _updatePath: function () {
      var r = this._renderer;
      if (!r._ctx) { return L.CircleMarker.prototype._updatePath.call(this); }
      if (!r._drawing || this._empty() || this._grouped) { return; }
      var p = this._point, ctx = r._ctx;
      ctx.beginPath();
      GBA.shapePath(ctx, this.options.shape, p.x, p.y, Math.max(Math.round(this._radius), 1));
      r._fillStroke(ctx, this);
    }
  });
})();
