"""Rangliste, Verlauf und Altersgruppen als schlichtes SVG – dieselben Bilder in der App, auf der Website und im PDF.
Ohne matplotlib: ein Bild kostet so Millisekunden statt eines Zehntels einer Sekunde, und WeasyPrint zeichnet es
schneller. Gezeichnet in CSS-Pixeln; Zahlen im deutschen Format und wie in den Tabellen gerundet; die Achsen haben
wenige runde Striche mit den Stellen, die sie brauchen. Quelle und Stichtag stehen auf Wunsch im Bild, damit ein
eingebettetes oder weitergegebenes Bild belegt bleibt."""

import math
from xml.sax.saxutils import escape

import pandas as pd

from berichte import svg
from berichte.svg import text
from darstellung.diagramme import FARBE, FARBE_HERVOR, FARBE_KREIS, LINIENFARBEN
from darstellung.tabellen import wert_text
from indikatoren.grundlagen.zahlenformat import runde, zahl
from indikatoren.rechnen.berechnung import AUSGEWIESEN, Status

TEXT = "#1a1a1a"
GITTER = "#d9d9d9"
QUELLE = "#333333"

# Rangliste: Breite in Zoll und Schrift in pt je Verwendung, wie sie gezeigt wird (1 Zoll = 96 px, 1 pt = 4/3 px):
# 11 pt sind die 14,7 px der Seite, 17 pt die 22 px des Präsentationsmodus; „druck“ füllt 92 mm im Sozialbericht.
GROESSEN = {"druck": (3.6, 6.5), "seite": (8.5, 11.0), "beamer": (13.0, 17.0)}
# Verlauf und Altersgruppen im Profil: 84 mm breit gedruckt, Schrift wie 8 pt bei dieser Breite
KLEIN = (3.4 * 96, 8 * 4 / 3)


def stellen(werte) -> int:
    """Die wenigsten Nachkommastellen (höchstens 3), mit denen jeder Wert genau dasteht."""
    return next((n for n in range(3) if all(abs(round(w, n) - w) < 1e-9 for w in werte)), 3)


def striche(hoechst: float, schritte: tuple[float, ...] = (1, 2, 2.5, 5), hoechstens: int = 5) -> list[float]:
    """Runde Striche ab 0 bis zum ersten, der den höchsten Wert erreicht, mit höchstens `hoechstens` Abständen: der
    kleinste Abstand aus `schritte` × 10^k, der reicht."""
    hoechst = hoechst if hoechst > 0 else 1.0
    exponent = math.floor(math.log10(hoechst / hoechstens))
    for e in (exponent, exponent + 1):
        for s in schritte:
            schritt = s * 10 ** e
            anzahl = math.ceil(hoechst / schritt - 1e-9)
            if anzahl <= hoechstens:
                return [round(i * schritt, 10) for i in range(anzahl + 1)]
    return [0.0, hoechst]  # nicht erreichbar: 10 × 10^e reicht immer


def strichtexte(werte: list[float]) -> list[str]:
    """„0 %, 10 %, 20 %“; bei 2,5er-Schritten alle mit einer Stelle (2,5 %, 5,0 %), nie „3 %“ für 2,5 %."""
    n = stellen(werte)
    return [f"{zahl(w, n)} %" for w in werte]


def rangliste(rang: pd.DataFrame, kreis_wert: float | None, kreis_name: str = "Kreis", hervorheben: str | None = None,
              titel: str = "", groesse: str = "druck", fussnote: str = "") -> str:
    """Waagrechte Balken je Gemeinde (Reihenfolge von `rang`, höchster Wert oben), Wert daneben; ohne ausweisbaren
    Wert „nicht ausweisbar“ ohne Balken; der Kreiswert als gestrichelte Linie, beschriftet über den Balken; die
    gewählte Gemeinde fett mit ▶, nicht nur farbig."""
    zoll, pt = GROESSEN[groesse]
    breite, s = zoll * 96, pt * 4 / 3
    rand, zeile = s * 0.5, s * 1.5
    mit_wert = rang["status"].isin(AUSGEWIESEN).tolist()
    werte = [runde(w, 1) if m else 0.0 for w, m in zip(rang["wert"], mit_wert)]
    gewaehlt = [a == hervorheben for a in rang["ags"]]
    namen = [f"▶ {n}" if g else str(n) for n, g in zip(rang["name"], gewaehlt)]
    wertetexte = [wert_text(w, st) for w, st in zip(rang["wert"], rang["status"])]
    x0 = rand + max([svg.breite(n, s, g) for n, g in zip(namen, gewaehlt)] + [0]) + s * 0.6
    platz_rechts = max([svg.breite(t, s) for t, m in zip(wertetexte, mit_wert) if m] + [0]) + s * 0.8
    achse = striche(max(werte + [0]), (1, 2, 5))
    x1 = max(breite - rand - platz_rechts, x0 + 4 * s)
    massstab = (x1 - x0) / achse[-1]
    teile, auf_weiss, y = [], [], rand  # die Werte zuletzt, auf Weiß: die Kreislinie läuft hinter ihnen
    for zeile_titel in svg.umbrechen(titel, breite - 2 * rand, s * 1.15, fett=True):
        y += s * 1.4
        teile.append(text(rand, y, zeile_titel, font_size=f"{s * 1.15:.1f}", font_weight="bold"))
    y += s * 0.6 if titel else 0
    oben = y + (zeile if kreis_wert is not None else s * 0.3)
    for i, (name, wert, wtext, m, g) in enumerate(zip(namen, werte, wertetexte, mit_wert, gewaehlt)):
        mitte = oben + (i + 0.5) * zeile
        teile.append(text(x0 - s * 0.4, mitte + s * 0.35, name, text_anchor="end",
                          font_weight="bold" if g else None))
        if m:
            teile.append(f'<rect x="{x0:.1f}" y="{mitte - zeile * 0.35:.1f}" width="{wert * massstab:.1f}" '
                         f'height="{zeile * 0.7:.1f}" fill="{FARBE_HERVOR if g else FARBE}"/>')
        xt = x0 + wert * massstab + s * 0.3
        auf_weiss.append(f'<rect x="{xt - 1:.1f}" y="{mitte - s * 0.55:.1f}" width="{svg.breite(wtext, s) + 2:.1f}" '
                         f'height="{s * 1.1:.1f}" fill="white"/>' + text(xt, mitte + s * 0.35, wtext))
    unten = oben + len(namen) * zeile
    teile.append(_x_achse(achse, x0, massstab, unten, s))
    if kreis_wert is not None:
        xk = x0 + runde(kreis_wert, 1) * massstab
        beschriftung = f"{kreis_name} {wert_text(kreis_wert, Status.OK)}"
        halb = svg.breite(beschriftung, s) / 2
        mitte = min(max(xk, x0 + halb), breite - rand - halb)  # ganz im Bild
        teile.append(f'<line x1="{xk:.1f}" y1="{oben - s * 0.2:.1f}" x2="{xk:.1f}" y2="{unten:.1f}" '
                     f'stroke="{FARBE_KREIS}" stroke-width="{s / 8:.1f}" stroke-dasharray="{s / 2:.1f} {s / 4:.1f}"/>')
        teile.append(text(mitte, oben - s * 0.45, beschriftung, text_anchor="middle"))
    return _bild(teile + auf_weiss, breite, unten + s * 2.2, s, fussnote, titel or "Rangliste")


def verlauf(reihe: pd.DataFrame, fussnote: str = "") -> str:
    """Eine Linie je Gebiet über die Jahre (Gemeinde durchgezogen, Kreis gestrichelt), Werte wie gezeigt; ein Jahr
    ohne ausweisbaren Wert ist eine Lücke. Die Legende steht unter der Fläche und deckt keine Linie zu."""
    breite, s = KLEIN
    rand = s * 0.5
    jahre = sorted(set(int(j) for j in reihe["jahr"]))
    gezeigt = [runde(w, 1) if st == Status.OK else None for w, st in zip(reihe["wert"], reihe["status"])]
    achse = striche(max([w for w in gezeigt if w is not None] + [0]))
    beschriftungen = strichtexte(achse)
    x0 = rand + max(svg.breite(b, s) for b in beschriftungen) + s * 0.5
    x1, oben, unten = breite - rand - s, rand + s * 0.5, rand + s * 0.5 + s * 9
    teile = [_y_achse(achse, beschriftungen, x0, x1, oben, unten, s)]

    def x(jahr: int) -> float:
        if len(jahre) == 1:
            return (x0 + x1) / 2
        return x0 + s + (jahr - jahre[0]) / (jahre[-1] - jahre[0]) * (x1 - x0 - 2 * s)

    hoehe = (unten - oben) / achse[-1]
    legende = []
    for n, (_, teil) in enumerate(reihe.assign(_gezeigt=gezeigt).groupby("ags", sort=False)):
        farbe = LINIENFARBEN[n % len(LINIENFARBEN)]
        strich = f' stroke-dasharray="{s * 0.5:.1f} {s * 0.3:.1f}"' if teil["ebene"].iloc[0] == "kreis" else ""
        punkte = [(x(int(j)), unten - w * hoehe) if w is not None and not pd.isna(w) else None
                  for j, w in zip(teil["jahr"], teil["_gezeigt"])]
        for stueck in _stuecke(punkte):
            if len(stueck) > 1:
                teile.append(f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in stueck)}" fill="none" '
                             f'stroke="{farbe}" stroke-width="{s / 7:.1f}"{strich}/>')
            teile += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{s / 4:.1f}" fill="{farbe}"/>' for a, b in stueck]
        legende.append((str(teil["name"].iloc[0]), farbe, strich))
    jede = math.ceil(len(jahre) * (svg.breite("2024", s) + s) / (x1 - x0)) or 1  # dicht: jedes n-te, das letzte
    teile += [text(x(j), unten + s * 1.35, str(j), text_anchor="middle") for j in jahre
              if (jahre[-1] - j) % jede == 0]
    y = unten + s * 2.9
    zeichen, zeilen = _legende([(name, f'<line x1="0" y1="{-s * 0.35:.1f}" x2="{s * 1.6:.1f}" y2="{-s * 0.35:.1f}" '
                                       f'stroke="{farbe}" stroke-width="{s / 7:.1f}"{strich}/>', s * 1.6)
                                for name, farbe, strich in legende], rand, y, breite - rand, s)
    return _bild([*teile, zeichen], breite, y + (zeilen - 1) * s * 1.4 + s * 0.6, s, fussnote, "Verlauf")


def altersgruppen(werte: pd.DataFrame) -> str:
    """Balken je Altersgruppe, die Gebiete (Gemeinde, Kreis) nebeneinander, Wert über dem Balken („n. a.“ ohne
    ausweisbaren Wert); die Legende darüber."""
    breite, s = KLEIN
    rand = s * 0.5
    gruppen = list(dict.fromkeys(werte["gruppe"]))
    gebiete = list(dict.fromkeys(werte["gebiet"]))
    farben = [[FARBE, FARBE_KREIS][n % 2] for n in range(len(gebiete))]
    gezeigt = [runde(w, 1) for w, st in zip(werte["wert"], werte["status"]) if st == Status.OK and not pd.isna(w)]
    achse = striche(max(gezeigt + [0]) * 1.12)  # Platz für die Werte über dem Balken
    beschriftungen = strichtexte(achse)
    x0 = rand + max(svg.breite(b, s) for b in beschriftungen) + s * 0.5
    x1 = breite - rand
    y = rand + s
    zeichen, zeilen = _legende([(g, f'<rect x="0" y="{-s * 0.8:.1f}" width="{s:.1f}" height="{s * 0.8:.1f}" '
                                    f'fill="{f}"/>', s) for g, f in zip(gebiete, farben)], x0, y, x1, s)
    teile = [zeichen]
    oben = y + zeilen * s * 1.4
    unten = oben + s * 7.5
    teile.append(_y_achse(achse, beschriftungen, x0, x1, oben, unten, s))
    hoehe, spalte = (unten - oben) / achse[-1], (x1 - x0) / max(len(gruppen), 1)
    balken = spalte * 0.8 / max(len(gebiete), 1)
    klein = s * 6.5 / 8
    for i, gruppe in enumerate(gruppen):
        links = x0 + i * spalte + spalte * 0.1
        for n, gebiet in enumerate(gebiete):
            zeile = werte[(werte["gruppe"] == gruppe) & (werte["gebiet"] == gebiet)]
            ok = not zeile.empty and zeile["status"].iloc[0] == Status.OK and not pd.isna(zeile["wert"].iloc[0])
            wert = runde(zeile["wert"].iloc[0], 1) if ok else 0.0
            xb = links + n * balken
            if ok:
                teile.append(f'<rect x="{xb:.1f}" y="{unten - wert * hoehe:.1f}" width="{balken * 0.95:.1f}" '
                             f'height="{wert * hoehe:.1f}" fill="{farben[n]}"/>')
            teile.append(text(xb + balken / 2, unten - wert * hoehe - s * 0.25, zahl(wert, 1) if ok else "n. a.",
                              text_anchor="middle", font_size=f"{klein:.1f}"))
        for k, stueck in enumerate(str(gruppe).replace(" (", "\n(").split("\n")):
            teile.append(text(x0 + (i + 0.5) * spalte, unten + s * (1.3 + 1.1 * k), stueck, text_anchor="middle",
                              font_size=f"{klein:.1f}"))
    return _bild(teile, breite, unten + s * 3.6, s, "", "Altersgruppen")


def _x_achse(achse: list[float], x0: float, massstab: float, y: float, s: float) -> str:
    teile = [f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x0 + achse[-1] * massstab:.1f}" y2="{y:.1f}" stroke="{TEXT}"/>']
    for wert, beschriftung in zip(achse, strichtexte(achse)):
        x = x0 + wert * massstab
        teile.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + s * 0.3:.1f}" stroke="{TEXT}"/>')
        teile.append(text(x, y + s * 1.4, beschriftung, text_anchor="middle"))
    return "".join(teile)


def _y_achse(achse: list[float], beschriftungen: list[str], x0: float, x1: float, oben: float, unten: float,
             s: float) -> str:
    """Prozentachse links mit feinen Gitterlinien, 0 unten."""
    teile = []
    for wert, beschriftung in zip(achse, beschriftungen):
        y = unten - wert / achse[-1] * (unten - oben)
        teile.append(f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" '
                     f'stroke="{TEXT if wert == 0 else GITTER}" stroke-width="{1 if wert == 0 else 0.6}"/>')
        teile.append(text(x0 - s * 0.3, y + s * 0.35, beschriftung, text_anchor="end"))
    return "".join(teile)


def _stuecke(punkte: list) -> list[list]:
    """Zusammenhängende Folgen ohne Lücke (None)."""
    stuecke: list[list] = [[]]
    for p in punkte:
        if p is None:
            stuecke.append([])
        else:
            stuecke[-1].append(p)
    return [st for st in stuecke if st]


def _legende(eintraege: list[tuple[str, str, float]], x0: float, y: float, x1: float, s: float) -> tuple[str, int]:
    """Je Eintrag (Name, Zeichen als SVG um den Nullpunkt mit Grundlinie 0, Breite des Zeichens) Zeichen und Name ab
    der Grundlinie `y`; die Einträge fließen wie Wörter zwischen x0 und x1. Gibt das SVG und die Zahl der Zeilen."""
    teile, x, zeile = [], x0, 0
    for name, zeichen, b in eintraege:
        weite = b + s * 0.4 + svg.breite(name, s)
        if x > x0 and x + weite > x1:
            x, zeile = x0, zeile + 1
        grundlinie = y + zeile * s * 1.4
        teile.append(f'<g transform="translate({x:.1f},{grundlinie:.1f})">{zeichen}</g>'
                     + text(x + b + s * 0.4, grundlinie, name))
        x += weite + s * 1.6
    return "".join(teile), zeile + 1


def _bild(teile: list[str], breite: float, hoehe: float, s: float, fussnote: str, titel: str) -> str:
    """Das ganze SVG; eine Fußnote (Quelle, Stichtag) kleiner unter dem Diagramm."""
    klein = max(s * 0.85, 9.0)
    zeilen = svg.umbrechen(fussnote, breite - s, klein) if fussnote else []
    teile = teile + [text(s * 0.5, hoehe + klein * (1.3 * n + 0.9), z, font_size=f"{klein:.1f}", fill=QUELLE)
                     for n, z in enumerate(zeilen)]
    hoehe += klein * 1.3 * len(zeilen) + (klein * 0.5 if zeilen else 0)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {breite:.0f} {hoehe:.0f}" width="{breite:.0f}" '
            f'height="{hoehe:.0f}" role="img" font-family="{svg.SCHRIFTART}" font-size="{s:.1f}" fill="{TEXT}">'
            f'<title>{escape(titel)}</title><rect width="100%" height="100%" fill="#ffffff"/>{"".join(teile)}</svg>')
