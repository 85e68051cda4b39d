/* GBA Innovation Layout Map: layers the user uploads. Points as shaped canvas markers,
   lines and areas in the layer's colour; every text goes in with textContent. Needs
   gba_core.js and gba_labels.js. */
(function () {
  var GBA = window.GBA;
  if (GBA.addUserLayer) { return; }

  /* Properties: ref (click payload user:<layer>:<row>), t (tooltip), n (label), h (selected). */
  GBA.addUserLayer = function (group, data, style, labels) {
    var layer = L.geoJSON(data, {
      pointToLayer: function (f, latlng) {
        var h = f.properties.h;
        return new L.ShapeMarker(latlng, {
          shape: style.shape, radius: h ? 8 : 6, fill: true, fillColor: style.color, fillOpacity: 0.9,
          color: h ? "#111111" : "#ffffff", weight: h ? 3 : 1.5, opacity: 1
        });
      },
      style: function (f) {
        var h = f.properties.h;
        return { color: h ? "#111111" : style.color, weight: h ? 4 : 2.5, opacity: 0.9,
                 fillColor: style.color, fillOpacity: 0.18 };
      },
      onEachFeature: function (f, l) {
        if (f.properties.t) {
          l.bindTooltip(GBA.textNode(f.properties.t), { direction: "top", sticky: f.geometry.type !== "Point" });
        }
      }
    });
    layer.addTo(group);
    GBA.placeLayers = (GBA.placeLayers || []).filter(function (l) { return l._map; }).concat([layer]);
    layer.labelled = !!labels;
    var start = function () { GBA.labels(group._map); };
    if (group._map) { start(); } else { group.once("add", start); }
    return layer;
  };
})();
