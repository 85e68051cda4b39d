/* GBA Innovation Layout Map: the map going where the user looks — fitting the map to what
   was picked and writing its name, keeping the page's scroll wheel for the page, and
   falling back to the offline base when online tiles cannot be loaded. Needs gba_core.js. */
(function () {
  var GBA = window.GBA;
  if (GBA.focus) { return; }

  function pane(map, name, z) {
    var p = map.getPane(name) || map.createPane(name);
    p.style.zIndex = z; p.style.pointerEvents = "none";
    return name;
  }

  /* The picked object `f` ({token, bounds [[s, w], [n, e]], maxZoom, label, at [lat, lng]}):
     its name on the map, in `group` (the other labels keep clear of it: .gba-obstacle);
     and, the first time its `token` is seen, the map fitted to its bounds (never deeper
     than maxZoom, which respects its precision). */
  GBA.focus = function (group, f) {
    function run() {
      var map = group._map;
      if (f.label) {
        var text = GBA.textNode(f.label);
        var marker = L.marker(f.at, { interactive: false, keyboard: false,
          pane: pane(map, "gbaFocus", 660),
          icon: L.divIcon({ className: "gba-focus-label gba-obstacle", html: text, iconSize: null }) }).addTo(group);
        var side = function () { GBA.keepInside(map, marker); };
        map.on("moveend zoomend", side);
        group.once("remove", function () { map.off("moveend zoomend", side); });
        side();
      }
      if (f.token && f.token !== GBA.focusToken) {
        GBA.focusToken = f.token;
        map.fitBounds(L.latLngBounds(f.bounds), { padding: [56, 56], maxZoom: f.maxZoom, animate: false });
      }
    }
    if (group._map) { run(); } else { group.once("add", run); }
  };

  /* The markers of `group` faint (`opacity`) and not hoverable, those added later too (the
     places arrive when their columns are fetched): while a plan target colours the areas,
     hovering anywhere reads the area's value, not a place. */
  GBA.dim = function (group, opacity) {
    function dim(layer) {
      if (layer.eachLayer) {  /* a group, and whatever is added to it later (badges) */
        layer.eachLayer(dim);
        layer.on("layeradd", function (e) { dim(e.layer); });
        return;
      }
      if (!layer.setStyle) { return; }
      layer.options.interactive = false;
      layer.setStyle({ fillOpacity: opacity, opacity: opacity });
    }
    dim(group);
  };

  /* A label marker written to the right of its point, or to the left (and lower) when it
     would leave the map there, so that it is read whole. */
  GBA.keepInside = function (map, marker) {
    var el = marker.getElement();
    if (!el) { return; }
    var p = map.latLngToContainerPoint(marker.getLatLng()), size = map.getSize();
    var w = el.offsetWidth, h = el.offsetHeight;
    var left = p.x + 10 + w > size.x - 4 && p.x - 10 - w >= 4;
    el.style.marginLeft = (left ? -(w + 10) : 10) + "px";
    el.style.marginTop = (p.y - h - 12 < 4 ? 10 : -(h + 12)) + "px";
  };

  /* The texts of the map's furniture in the view's language, {wheel, tiles}: kept on the
     map (the base map does not change with the language) and written into what shows them. */
  GBA.mapTexts = function (map, texts) {
    map._gbaTexts = texts;
    var box = map.getContainer();
    box.querySelectorAll(".gba-wheel-hint").forEach(function (el) { el.textContent = texts.wheel; });
    box.querySelectorAll(".gba-tile-notice").forEach(function (el) { el.textContent = texts.tiles; });
  };

  function mapText(map, name) { return (map._gbaTexts || {})[name] || ""; }

  /* The wheel scrolls the page unless the map was clicked (until the pointer leaves it) or
     has the keyboard focus, or Ctrl/⌘ is held; a blocked wheel shows a hint for a moment. */
  GBA.guardWheel = function (map) {
    var box = map.getContainer(), armed = false, timer = null;
    var tip = L.DomUtil.create("div", "gba-wheel-hint", box);
    tip.textContent = mapText(map, "wheel");
    box.addEventListener("mousedown", function () { armed = true; });
    box.addEventListener("focus", function () { armed = true; });
    box.addEventListener("mouseleave", function () { armed = false; });
    box.addEventListener("blur", function () { armed = false; });
    box.addEventListener("wheel", function (e) {
      if (armed || e.ctrlKey || e.metaKey) { return; }
      e.stopPropagation();  /* Leaflet never sees it; the page scrolls */
      tip.textContent = mapText(map, "wheel");
      tip.classList.add("gba-shown");
      clearTimeout(timer);
      timer = setTimeout(function () { tip.classList.remove("gba-shown"); }, 1600);
    }, { capture: true, passive: true });
  };

  /* Online tiles that fail (no network, blocked, no key): after `minErrors` failures with
     none loaded (tile layers added before or after this call; the background `wait` until
     then, so that land never reads as sea), the tile layers are removed, the offline land (`land`, GeoJSON, drawn
     with `style`) is laid on the sea colour `sea`, and a notice (GBA.mapTexts) is shown. */
  GBA.watchTiles = function (map, opts) {
    var tiles = [], failed = 0, loaded = 0, done = false;
    function watch(t) {
      if (!(t instanceof L.TileLayer) || tiles.indexOf(t) >= 0) { return; }
      tiles.push(t);
      t.on("tileload", function () { loaded += 1; });
      t.on("tileerror", function () {
        failed += 1;
        if (!done && failed >= opts.minErrors && loaded === 0) { fallBack(); }
      });
    }
    map.getContainer().style.background = opts.wait;
    map.eachLayer(watch);
    map.on("layeradd", function (e) { if (!done) { watch(e.layer); } });
    function fallBack() {
      done = true;
      tiles.forEach(function (t) { map.removeLayer(t); });
      map.getContainer().style.background = opts.sea;
      var name = pane(map, "gbaFallback", 300);
      L.geoJSON(opts.land, { interactive: false, pane: name, renderer: L.canvas({ pane: name }),
        style: function () { return opts.style; } }).addTo(map);
      var note = L.DomUtil.create("div", "gba-tile-notice", map.getContainer());
      note.setAttribute("role", "status");
      note.textContent = mapText(map, "tiles");
    }
  };
})();
