// Die Gemeindeflächen der Karte als eigene, knappe Leaflet-Ebene (darstellung/karte.py, _Gemeindeflaechen):
// Farben, Tooltips und Beschriftungen setzt window.gemeindenFaerben; Namen dauerhaft, entzerrt; Tastatur wie Klick.
// karte: die Leaflet-Karte; daten: GeoJSON der Gemeinden (grundlagendaten); basis: Schriftgröße in px;
// deckkraft: Deckkraft der Flächen.
function gemeindeflaechen(karte, daten, basis, deckkraft) {
    var viele = daten.features.length > 1000;  // Land, Bund: Flächen auf Canvas, Namen erst bei Platz
    var faerbung = {gemeinden: {}};  // aus faerbedaten: je AGS [Farbe, Status, Wert, Stichtag, jedes n. Kind]
    function zustand(f) { return faerbung.gemeinden[f.properties.ags] || ["#ffffff", "fehlt", "", -1, ""]; }
    function beschriftung(f) { var z = zustand(f);
        return f.properties.name + (z[2] ? ": " + faerbung.kurz + " " + z[2] : "")
            + ". Eingabetaste öffnet das Profil."; }
    function esc(t) { return String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
    function tooltip(f) { var z = zustand(f);
        if (!z[2]) return f.properties.kopf;
        return [f.properties.kopf, faerbung.kurz_html + ": " + esc(z[2]),
                z[3] >= 0 ? esc(faerbung.stichtage[z[3]]) : "", esc(z[4])]
            .filter(function (t) { return t; }).join("<br>"); }
    var flaechen = L.geoJson(daten, {
        renderer: viele ? L.canvas({padding: 0.2}) : undefined,
        style: function (f) { var status = zustand(f)[1], leer = status !== "ok" && status !== "untergrenze";
            return {className: "gemeinde", fillColor: zustand(f)[0], color: "#333333", weight: 1,
                    fillOpacity: deckkraft, dashArray: leer ? "4 3" : null}; },
        onEachFeature: function (f, ebene) {
            ebene.bindTooltip(f.properties.kopf, {sticky: true});
            ebene.on("mouseover", function () { ebene.setStyle({weight: 3, color: "#000000"}); });
            ebene.on("mouseout", function () { flaechen.resetStyle(ebene); });
            ebene.on("mousemove", function (e) { richtung(ebene.getTooltip(), e.containerPoint); });
            ebene.on("add", function () {
                // Auf Canvas gibt es kein Element je Fläche; die Werte stehen dann in der Tabelle unter der Karte
                var el = ebene.getElement();
                if (!el) return;
                el.setAttribute("tabindex", "0"); el.setAttribute("role", "button");
                el.setAttribute("aria-label", beschriftung(f));
                el.addEventListener("keydown", function (ev) {
                    if (ev.key !== "Enter" && ev.key !== " ") return;
                    ev.preventDefault();
                    ebene.fire("click", {latlng: L.latLng(f.properties.punkt)}, true);
                });
                el.addEventListener("focus", function () {
                    // nur für die Tastatur: ein Umhängen im DOM zwischen Maus-ab und -auf verschluckte den Klick
                    if (!el.matches(":focus-visible")) return;
                    ebene.setStyle({weight: 4, color: "#000000"}); ebene.bringToFront();
                    richtung(ebene.getTooltip(), karte.latLngToContainerPoint(f.properties.punkt));
                    ebene.openTooltip(L.latLng(f.properties.punkt));
                });
                el.addEventListener("blur", function () { flaechen.resetStyle(ebene); ebene.closeTooltip(); });
            });
        }
    }).addTo(karte);
    // Tooltips öffnen zur Mitte hin: am Rand der Karte würden sie abgeschnitten
    function richtung(tip, p) {
        var g = karte.getSize();
        tip.options.direction = p.x < 190 ? "right" : p.x > g.x - 190 ? "left" : p.y > g.y / 2 ? "top" : "bottom";
        tip.options.offset = L.point(0, 0);
    }
    // Namen: eigene Ebene über den Flächen, ohne Mausereignisse (der Klick geht auf die Fläche)
    karte.createPane("gemeindenamen");
    var ebeneNamen = karte.getPane("gemeindenamen");
    ebeneNamen.style.zIndex = 450; ebeneNamen.style.pointerEvents = "none";
    ebeneNamen.setAttribute("aria-hidden", "true");  // dieselben Namen tragen die Flächen als Beschriftung
    // Je Gemeinde ein Name, größte zuerst. Bei vielen Gemeinden (Land, Bund) entsteht ein Name erst, wenn die
    // Fläche im Ausschnitt liegt und breit genug für ihn ist: Tausende Namen auf einmal kosteten Sekunden.
    var ebenen = {};
    flaechen.eachLayer(function (ebene) { ebenen[ebene.feature.properties.ags] = ebene; });
    var namen = daten.features.filter(function (f) { return f.properties.bewohnt; })  // Forsten ohne Namen
        .sort(function (a, b) { return b.properties.flaeche - a.properties.flaeche; })
        .map(function (f) { return {f: f, grenzen: ebenen[f.properties.ags].getBounds(), span: null}; });
    function zeigen(n) {
        if (!n.span) {
            n.span = document.createElement("span"); n.span.textContent = n.f.properties.name;
            L.marker(n.f.properties.punkt, {pane: "gemeindenamen", interactive: false, keyboard: false,
                icon: L.divIcon({className: "gemeindename", html: n.span, iconSize: null})}).addTo(karte);
        }
        n.span.style.visibility = "visible";
        return true;
    }
    function passt(n, sicht) {
        if (!viele) return true;
        if (!sicht.intersects(n.grenzen)) return false;
        var a = karte.latLngToContainerPoint(n.grenzen.getSouthWest()),
            b = karte.latLngToContainerPoint(n.grenzen.getNorthEast());
        return b.x - a.x >= 4 * n.f.properties.name.length;
    }
    window.gemeindenFaerben = function (neu) {
        faerbung = neu;
        flaechen.eachLayer(function (ebene) {
            var f = ebene.feature;
            flaechen.resetStyle(ebene);
            ebene.setTooltipContent(tooltip(f));
            var el = ebene.getElement();
            if (el) el.setAttribute("aria-label", beschriftung(f));
        });
    };
    var startzoom = null;
    function entzerren() {
        if (startzoom === null) startzoom = karte.getZoom();
        ebeneNamen.style.fontSize = Math.max(10, Math.min(basis * 2.2,
            basis * Math.pow(1.3, karte.getZoom() - startzoom))) + "px";
        // erst alle zeigen, dann alle messen (ein Layout statt eines je Name), dann Überdeckte verbergen;
        // belegte Rechtecke stehen in einem Raster von 64 px, geprüft werden nur die Nachbarfelder
        var sicht = karte.getBounds(), gezeigt = namen.filter(function (n) {
            if (passt(n, sicht)) return zeigen(n);
            if (n.span) n.span.style.visibility = "hidden";
            return false;
        });
        var masse = gezeigt.map(function (n) { return n.span.getBoundingClientRect(); }), raster = {};
        gezeigt.forEach(function (n, i) {
            var r = masse[i], felder = [];
            for (var x = Math.floor((r.left - 2) / 64); x <= Math.floor((r.right + 2) / 64); x++)
                for (var y = Math.floor(r.top / 64); y <= Math.floor(r.bottom / 64); y++) felder.push(x + "," + y);
            var frei = felder.every(function (feld) { return (raster[feld] || []).every(function (b) {
                return r.right + 2 < b.left || r.left - 2 > b.right || r.bottom < b.top || r.top > b.bottom; }); });
            if (!frei) { n.span.style.visibility = "hidden"; return; }
            felder.forEach(function (feld) { (raster[feld] = raster[feld] || []).push(r); });
        });
    }
    // Den Kreis einpassen: so groß wie möglich, unten frei für die Namensnennung, links für die Zoomknöpfe
    karte.fitBounds(flaechen.getBounds(), {paddingTopLeft: [48, 8], paddingBottomRight: [8, 22]});
    karte.on("zoomend moveend", entzerren);
    entzerren();
    // Der erste Klick fokussiert die Karte; Leaflet tut das mit Scrollen, das die Seite verschiebt und den Klick
    // zum Ziehen macht. Ohne Scrollen fokussieren:
    if (karte.keyboard) {
        karte.keyboard.disable();  // löst den alten Handler mit der alten Funktion
        karte.keyboard._onMouseDown = function () {
            if (!this._focused) this._map._container.focus({preventScroll: true}); };
        karte.keyboard.enable();
    }
}
