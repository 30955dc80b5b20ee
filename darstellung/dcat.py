"""Ein DCAT-AP.de-Katalog (Version 3.0) der offenen Daten: ein Datensatz je Datenstand mit seinen Dateien als
Distributionen, damit GovData oder ein Landesportal ihn einsammeln kann (Turtle, mit rdflib geschrieben).

Pflicht nach DCAT-AP 3.0 und den deutschen Ergänzungen: Titel, Beschreibung, Herausgeber, je Distribution eine
Zugriffsadresse und eine Lizenz aus der Liste von dcat-ap.de (dl-de/by-2-0 für Grenzen und Landesstatistik), dazu
Thema, räumliche (Kreisschlüssel) und zeitliche Abdeckung, Kontakt und Namensnennung.
"""

from datetime import date

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
LIZENZ = URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
THEMA = URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI")  # Bevölkerung und Gesellschaft
SPRACHE = URIRef("http://publications.europa.eu/resource/authority/language/DEU")
FORMATE = {".csv": ("CSV", "text/csv"), ".csv-metadata.json": ("JSON_LD", "application/ld+json"),
           ".xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           ".geojson": ("GEOJSON", "application/geo+json")}
BESCHREIBUNG = {".csv": "Alle Indikatoren, Jahre und Gebiete als CSV (UTF-8)",
                ".csv-metadata.json": "Beschreibung der CSV nach CSV on the Web (W3C)",
                ".xlsx": "Dieselbe Tabelle als Excel-Mappe mit Lizenzblatt",
                ".geojson": "Die Werte je Gemeinde mit ihrer Fläche (GeoJSON)"}


def katalog(adresse: str, dateien: list[str], *, kreis: str, kreisname: str, herausgeber: str, kontakt: str,
            datenstand: int, jahre: tuple[int, int], stand: date, namensnennung: str) -> str:
    """Der Katalog als Turtle. `adresse`: wo die Dateien öffentlich liegen (mit / am Ende); `dateien`: ihre Namen
    (Endungen wie in FORMATE)."""
    g = Graph()
    for kurz, raum in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("dcatde", DCATDE)):
        g.bind(kurz, raum)
    basis = Namespace(adresse)
    katalog_, datensatz, stelle = basis["katalog.ttl#katalog"], basis[f"katalog.ttl#datenstand{datenstand}"], \
        basis["katalog.ttl#herausgeber"]
    g.add((stelle, RDF.type, FOAF.Agent))
    g.add((stelle, FOAF.name, Literal(herausgeber or kreisname, lang="de")))
    g.add((katalog_, RDF.type, DCAT.Catalog))
    g.add((katalog_, DCTERMS.title, Literal(f"Sozialplanung {kreisname}: offene Daten", lang="de")))
    g.add((katalog_, DCTERMS.description, Literal(
        f"Indikatoren der Sozialplanung ({kreisname}): Kinderarmut, SGB-II- und ELB-Quote je Gemeinde, "
        "Gemeindeverband, Sozialraum und Kreis.", lang="de")))
    g.add((katalog_, DCTERMS.publisher, stelle))
    g.add((katalog_, FOAF.homepage, URIRef(adresse)))
    g.add((katalog_, DCTERMS.language, SPRACHE))
    g.add((katalog_, DCTERMS.modified, Literal(stand.isoformat(), datatype=XSD.date)))
    g.add((katalog_, DCAT.dataset, datensatz))

    g.add((datensatz, RDF.type, DCAT.Dataset))
    g.add((datensatz, DCTERMS.title, Literal(f"Sozialplanung {kreisname}, Datenstand {datenstand}", lang="de")))
    g.add((datensatz, DCTERMS.description, Literal(
        "Je Gebiet, Indikator und Jahr: Quote in Prozent, Zähler und Nenner, Stichtage und Quellen. Kleine Anzahlen "
        "(1 und 2) und was sich daraus errechnen ließe, sind gesperrt (statistische Geheimhaltung).", lang="de")))
    g.add((datensatz, DCTERMS.publisher, stelle))
    g.add((datensatz, DCTERMS.identifier, Literal(f"sozialplanung-{kreis}-datenstand{datenstand}")))
    g.add((datensatz, DCAT.theme, THEMA))
    for wort in ("Kinderarmut", "SGB II", "Sozialplanung", "Bürgergeld", kreisname):
        g.add((datensatz, DCAT.keyword, Literal(wort, lang="de")))
    g.add((datensatz, DCTERMS.spatial, URIRef(f"http://dcat-ap.de/def/politicalGeocoding/districtKey/{kreis}")))
    g.add((datensatz, DCATDE.politicalGeocodingLevelURI,
           URIRef("http://dcat-ap.de/def/politicalGeocodingLevel/administrativeDistrict")))
    zeit = BNode()
    g.add((datensatz, DCTERMS.temporal, zeit))
    g.add((zeit, RDF.type, DCTERMS.PeriodOfTime))
    g.add((zeit, DCAT.startDate, Literal(f"{jahre[0]}-01-01", datatype=XSD.date)))
    g.add((zeit, DCAT.endDate, Literal(f"{jahre[1]}-12-31", datatype=XSD.date)))
    g.add((datensatz, DCTERMS.modified, Literal(stand.isoformat(), datatype=XSD.date)))
    g.add((datensatz, DCTERMS.language, SPRACHE))
    ansprechpartner = BNode()
    g.add((datensatz, DCAT.contactPoint, ansprechpartner))
    g.add((ansprechpartner, RDF.type, VCARD.Organization))
    g.add((ansprechpartner, VCARD.fn, Literal(herausgeber or kreisname)))
    if "@" in kontakt:
        adresse_ = next(t.strip(" ,;<>") for t in kontakt.split() if "@" in t)
        g.add((ansprechpartner, VCARD.hasEmail, URIRef(f"mailto:{adresse_}")))
    else:
        g.add((ansprechpartner, VCARD.hasURL, URIRef(adresse)))

    for datei in dateien:
        endung = next(e for e in sorted(FORMATE, key=len, reverse=True) if datei.endswith(e))
        format_, medientyp = FORMATE[endung]
        verteilung, ort = basis[f"katalog.ttl#{datei}"], basis[datei]
        g.add((datensatz, DCAT.distribution, verteilung))
        g.add((verteilung, RDF.type, DCAT.Distribution))
        g.add((verteilung, DCTERMS.title, Literal(BESCHREIBUNG[endung], lang="de")))
        g.add((verteilung, DCAT.accessURL, ort))
        g.add((verteilung, DCAT.downloadURL, ort))
        g.add((verteilung, DCTERMS.format,
               URIRef(f"http://publications.europa.eu/resource/authority/file-type/{format_}")))
        g.add((verteilung, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{medientyp}")))
        g.add((verteilung, DCTERMS.license, LIZENZ))
        g.add((verteilung, DCATDE.licenseAttributionByText, Literal(namensnennung, lang="de")))
        g.add((verteilung, DCTERMS.modified, Literal(stand.isoformat(), datatype=XSD.date)))
    return g.serialize(format="turtle")
