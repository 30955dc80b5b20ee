// Was Streamlit im Dokument fest vorgibt und die Seiten nicht erreichen: Sprache, deutsche Beschriftungen fremder
// Bedienelemente. Läuft einmal je Browserfenster und hält es über alle Neuläufe (MutationObserver).
(function () {
  const w = window;
  if (w.__sozialplanungDokument) return;
  w.__sozialplanungDokument = true;
  const TEXTE = {
    "Drag and drop file here": "Datei hierher ziehen",
    "Drag and drop files here": "Dateien hierher ziehen",
    "Browse files": "Datei auswählen",
    "Upload": "Hochladen",
    "Page not found": "Seite nicht gefunden",
    "The page that you have requested does not seem to exist. Running the app's main page.":
      "Diese Seite gibt es nicht (mehr). Gezeigt wird die Startseite.",
  };
  const BESCHRIFTUNGEN = {
    "Show password": "Passwort zeigen", "Hide password": "Passwort verbergen",
    "Download plot as a PNG": "Diagramm als PNG herunterladen", "Download plot": "Diagramm herunterladen",
    "Zoom in": "Vergrößern", "Zoom out": "Verkleinern", "Autoscale": "Automatisch skalieren",
    "Reset axes": "Achsen zurücksetzen", "Zoom": "Zoomen", "Pan": "Verschieben",
    "Fullscreen": "Vollbild", "Close fullscreen": "Vollbild beenden", "Download as CSV": "Als CSV herunterladen",
    "Search": "Suchen", "Clear all": "Alle entfernen", "Clear value": "Auswahl entfernen",
    "Open": "Öffnen", "Close": "Schließen", "Delete": "Entfernen", "Remove file": "Datei entfernen",
    "Copy to clipboard": "In die Zwischenablage kopieren", "Show/hide columns": "Spalten zeigen/verbergen",
    "Add row": "Zeile hinzufügen", "Delete row": "Zeile entfernen", "Delete rows": "Zeilen entfernen",
    "Collapse sidebar": "Seitenleiste einklappen", "Expand sidebar": "Seitenleiste ausklappen",
    "Main menu": "Hauptmenü",
  };
  // Streamlits eigene Wörter um jede Seite, deutsch; der Wegweiser gibt sie in seiner Sprache mit (data-texte)
  const RAHMEN = {springen: "Zum Hauptinhalt springen", hilfe: "Hilfe zu", ueberschrift: "Link zu dieser Überschrift",
                  waehlen: "Bitte wählen", tabelle: "Tabelle, seitlich rollbar"};
  function uebersetzen() {
    const html = document.documentElement;
    // Sprache und Schreibrichtung: Deutsch, außer eine Seite nennt ihre (der Wegweiser, uebersetzung.py)
    const marke = document.querySelector("[data-seitensprache]");
    const lang = marke ? marke.dataset.seitensprache : "de", dir = marke ? marke.dataset.richtung : "ltr";
    let rahmen = RAHMEN;
    try { if (marke && marke.dataset.texte) rahmen = Object.assign({}, RAHMEN, JSON.parse(marke.dataset.texte)); }
    catch (fehler) { rahmen = RAHMEN; }
    for (const a of document.querySelectorAll("a")) {  // der Sprunglink zum Inhalt (für die Tastatur)
      if (a.textContent === "Skip to main content") a.dataset.sprung = "1";
      if (a.dataset.sprung && a.textContent !== rahmen.springen) a.textContent = rahmen.springen;
    }
    for (const el of document.querySelectorAll("[aria-label]")) {
      const alt = el.getAttribute("aria-label");
      if (alt === "Link to heading") el.setAttribute("aria-label", rahmen.ueberschrift);
      else if (alt.startsWith("Help for ")) {
        el.setAttribute("aria-label", `${rahmen.hilfe} ${alt.slice("Help for ".length)}`);
      }
    }
    // Tabellen, die auf schmalen Schirmen seitlich rollen, mit der Tastatur erreichbar (Tab, dann Pfeiltasten)
    for (const el of document.querySelectorAll('[data-testid="stTable"] > div, .stMarkdown table')) {
      const rollt = el.scrollWidth > el.clientWidth + 1;
      if (rollt && el.getAttribute("tabindex") !== "0") {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", rahmen.tabelle);
      } else if (!rollt && el.dataset.rollt) {
        el.removeAttribute("tabindex"); el.removeAttribute("role"); el.removeAttribute("aria-label");
      }
      if (rollt) el.dataset.rollt = "1"; else delete el.dataset.rollt;
    }
    for (const el of document.querySelectorAll('[placeholder="Choose an option"], [placeholder="Choose options"]')) {
      el.setAttribute("placeholder", rahmen.waehlen);
    }
    if (html.lang !== lang) html.lang = lang;
    // die Richtung nur für den Inhalt: Streamlits Seitenleiste und Kopf sind für links-nach-rechts gebaut
    const inhalt = document.querySelector('[data-testid="stMain"]');
    if (inhalt && inhalt.dir !== dir) inhalt.dir = dir;
    for (const el of document.querySelectorAll("[aria-label],[title],[data-title]")) {
      for (const attr of ["aria-label", "title", "data-title"]) {
        const alt = el.getAttribute(attr);
        if (alt && BESCHRIFTUNGEN[alt]) el.setAttribute(attr, BESCHRIFTUNGEN[alt]);
      }
    }
    for (const zone of document.querySelectorAll('[data-testid="stFileUploader"], [role="dialog"]')) {
      const gehen = document.createTreeWalker(zone, NodeFilter.SHOW_TEXT);
      for (let t = gehen.nextNode(); t; t = gehen.nextNode()) {
        const s = t.nodeValue.trim();
        if (TEXTE[s]) t.nodeValue = TEXTE[s];
        else if (/^\d+(\.\d+)?(B|KB|MB|GB)$/.test(s)) {  // Dateigröße: „116.0B“ -> „116,0 B“
          t.nodeValue = s.replace(".", ",").replace(/(B|KB|MB|GB)$/, "\u00a0$1");
        }
        else if (/^(Limit )?\d+(\.\d+)?\s?[KMG]?B per file/.test(s)) {  // Streamlit nimmt mehr an; die Prüfung
          t.nodeValue = s.replace(/^(Limit )?\d+(\.\d+)?\s?[KMG]?B per file/, "höchstens __HOECHSTE_MB__ MB je Datei")
            .replace(/•/g, "·");  // lehnt Größeres mit Meldung ab
        }
      }
    }
  }
  // „Link kopieren“ (dokument.linkfeld): in die Zwischenablage, sonst wenigstens markiert zum Kopieren mit Strg+C
  document.addEventListener("click", (ereignis) => {
    const knopf = ereignis.target.closest("[data-kopieren]");
    if (!knopf) return;
    const feld = document.getElementById(knopf.dataset.kopieren);
    feld.select();
    const gemeldet = () => { knopf.textContent = "Kopiert"; setTimeout(() => { knopf.textContent = "Link kopieren"; }, 2000); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(feld.value).then(gemeldet, () => {});
    else if (document.execCommand("copy")) gemeldet();
  });
  window.addEventListener("resize", () => requestAnimationFrame(uebersetzen));  // gedrehtes Telefon: neu prüfen
  let geplant = false;
  new MutationObserver(() => {
    if (geplant) return;
    geplant = true;
    requestAnimationFrame(() => { geplant = false; uebersetzen(); });
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                        attributeFilter: ["lang", "dir", "aria-label", "title", "data-title", "placeholder"]});
  uebersetzen();
})();
