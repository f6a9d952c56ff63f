#!/usr/bin/env python3
"""Generates the committed demo data in share/demo/ (offline; not used by make-demo).

    python3 share/demo/gen-demo-data.py

writes
  enterprises.csv  the register sample (header per the CLI contract)
  cases.tsv        the case plan: one line per CLI action, in time order
  expected-counts  cases by status and routes by state the plan should give
                   (make-demo compares them with what sedesk reports)
The departments, officers and categories it uses are those of sedesk.ini here.

make-demo (POSIX sh) only reads these two files.  The output is deterministic
(fixed seed), so re-running it gives the same files.

cases.tsv columns (tab-separated, no empty fields; "-" means none):
  KEY  WD  MIN  USER  VERB  ARGS...
  KEY   case key 1..200 (make-demo maps it to the case number `case new` prints)
  WD    working days before today (0 = the last working day before today)
  MIN   minute of that day, UTC
  VERB / ARGS
    new      ENTERPRISE_NUMBER CATEGORY CHANNEL PRIORITY SUBJECT DESCRIPTION
    route    "DEPT DEPT..." NOTE
    pickup   DEPT
    answer   DEPT TEXT
    decline  DEPT REASON
    note     TEXT
    wait | reopen
    close    SATISFACTION RESOLUTION
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20260301)

# ---------------------------------------------------------------------------
# Enterprises
# ---------------------------------------------------------------------------
# (name, legal form, street, postcode, city, area phone, tags, offers, notes)
# Postcodes and city names come from shared/data/be-municipalities-postcodes.csv
# (city = the municipality, as the KBO writes it).  Last five are Dutch (KvK).
ENTERPRISES = [
    ("Café De Zonnebloem", "vzw", "Sleepstraat 112", "9000", "Gent", "09",
     "horeca;inclusie;lokale-diensteneconomie;werkervaring",
     "catering;broodjeslunch;vergaderruimte",
     "Buurtcafé in de Sleepstraat; leerwerkplekken voor langdurig werkzoekenden."),
    ("Coöperatie Groene Vingers", "cv", "Dendermondsesteenweg 420", "9040", "Gent", "09",
     "groen;circulair;sociale-coöperatie;werkervaring",
     "groenonderhoud;manuele onkruidbestrijding;aanleg moestuinen",
     "Erkend als sociale coöperatie; 14 medewerkers uit de doelgroep."),
    ("Brouwerij 't Hoekske", "bv", "Adegemstraat 27", "2800", "Mechelen", "015",
     "horeca;maatwerk;inclusie",
     "streekbier;geschenkpakketten;catering",
     "Kleine brouwerij met een ploeg maatwerkmedewerkers; zoekt afzet bij de stad."),
    ("Kringwinkel Het Ateljee", "vzw", "Gentsesteenweg 188", "9300", "Aalst", "053",
     "circulair;kringloop;maatwerkbedrijf",
     "tweedehandsgoederen;ophaling aan huis;woningontruiming;verhuisdienst",
     "Erkend maatwerkbedrijf; drie winkels in de regio Aalst."),
    ("Maatwerkbedrijf Brugse Poort", "vzw", "Bevrijdingslaan 9", "9000", "Gent", "09",
     "maatwerk;maatwerkbedrijf;industrie;inclusie",
     "verpakking;assemblage;mailings;schoonmaak",
     "Ruim 120 maatwerkmedewerkers; contactpersoon is de jobcoach-coördinator."),
    ("Fietsatelier Oost", "vzw", "Diestsesteenweg 140", "3010", "Leuven", "016",
     "fietsherstel;lokale-diensteneconomie;mobiliteit;werkervaring",
     "fietsherstel;fietsverhuur;bemande fietsenstalling",
     "LDE-initiatief; herstelt ook fietsen voor het Sociaal Huis."),
    ("Repair Café Sint-Amandsberg", "feitelijke vereniging", "Antwerpsesteenweg 48", "9040", "Gent", "09",
     "circulair;vrijwilligers;buurtwerk",
     "herstelmomenten;workshops",
     "Feitelijke vereniging van vrijwilligers; geen ondernemingsnummer."),
    ("Buurtrestaurant De Smaak", "vzw", "Abdijstraat 77", "2020", "Antwerpen", "03",
     "horeca;armoede;sociaal-restaurant;lokale-diensteneconomie",
     "catering;maaltijden;broodjeslunch",
     "Sociaal restaurant op het Kiel; democratische prijzen met UiTPAS-kansentarief."),
    ("Sociale Kruidenier Ledeberg", "vzw", "Hundelgemsesteenweg 95", "9050", "Gent", "09",
     "armoede;voedselhulp;welzijn",
     "voedselpakketten;korte keten",
     "Werkt samen met het Sociaal Huis voor de doorverwijzing van klanten."),
    ("Drukkerij Zonder Grenzen", "cv", "Sint-Pieterskaai 64", "8000", "Brugge", "050",
     "maatwerk;inclusie;drukwerk",
     "drukwerk;grafisch ontwerp;mailings",
     "Drukkerij met doven en slechthorende medewerkers; FSC-gecertificeerd."),
    ("Schoonmaakcoöperatie Proper", "cv", "Liersesteenweg 221", "2800", "Mechelen", "015",
     "schoonmaak;sociale-coöperatie;werkervaring;diversiteit",
     "schoonmaak;ruitenwas;kantoorschoonmaak",
     "Coöperatie van schoonmaaksters; alle medewerkers zijn vennoot."),
    ("Kinderdagverblijf De Kleine Wereld", "vzw", "Turnhoutsebaan 312", "2140", "Antwerpen", "03",
     "kinderopvang;buurtgericht;lokale-diensteneconomie;inclusie",
     "kinderopvang;buitenschoolse opvang",
     "Buurtgerichte kinderopvang in Borgerhout; 40 plaatsen met inkomenstarief."),
    ("Naaiatelier Stiksel", "vzw", "Tiensestraat 190", "3000", "Leuven", "016",
     "textiel;circulair;inclusie;nieuwkomers",
     "naaiwerk;kledingherstel;textiele merchandising",
     "Opleidingsatelier voor vrouwen met een migratieachtergrond."),
    ("Strijkwinkel De Plooi", "vzw", "Doorniksestraat 120", "8500", "Kortrijk", "056",
     "dienstencheques;lokale-diensteneconomie;werkervaring",
     "strijkdienst;ophaal- en leverdienst",
     "Strijkatelier met dienstencheques; ophaalpunt aan het station."),
    ("Tuinploeg Den Akker", "vzw", "Kuringersteenweg 301", "3500", "Hasselt", "011",
     "groen;maatwerk;werkervaring",
     "groenonderhoud;snoeiwerken;onderhoud begraafplaatsen",
     "Werkt al jaren voor het OCMW; wil ook voor de stad werken."),
    ("Koffiebranderij Kansrijk", "cv", "Wondelgemstraat 120", "9000", "Gent", "09",
     "horeca;fairtrade;inclusie",
     "koffie;koffiebar op evenementen;geschenkpakketten",
     "Brandt fairtradekoffie met mensen met een arbeidsbeperking."),
    ("Atelier Zéro Afval", "cv", "Lange Kievitstraat 111", "2018", "Antwerpen", "03",
     "circulair;upcycling;werkervaring",
     "upcycling;afvalarme evenementen;workshops",
     "Maakt meubels en tassen uit restmateriaal van bouwwerven."),
    ("Wasserette De Witte Was", "vzw", "Hoogstraat 45", "2800", "Mechelen", "015",
     "dienstencheques;lokale-diensteneconomie;welzijn",
     "wasserij;linnenverhuur",
     "Wasserette met sociale tarieven; wast ook voor woonzorgcentra."),
    ("Wijkonderneming Rabot", "cv", "Gasmeterlaan 80", "9000", "Gent", "09",
     "buurtwerk;klusjesdienst;lokale-diensteneconomie",
     "klusjesdienst;kleine herstellingen;verhuishulp",
     "Buurtbewoners als vennoten; zoekt opdrachten in de eigen wijk."),
    ("Bakkerij Brood & Co", "vzw", "Generaal Lemanlaan 30", "8310", "Brugge", "050",
     "voeding;maatwerk;opleiding",
     "brood;gebak;catering",
     "Opleidingsbakkerij; levert aan scholen en woonzorgcentra."),
    ("Thuishulp Zorgzaam", "vzw", "Kattestraat 40", "9300", "Aalst", "053",
     "thuishulp;lokale-diensteneconomie;ouderen",
     "aanvullende thuishulp;boodschappendienst;logistieke hulp",
     "LDE-dienst voor aanvullende en logistieke thuishulp."),
    ("Computerhulp Digidak", "cv", "Brusselsesteenweg 210", "9050", "Gent", "09",
     "digitale-inclusie;it;circulair",
     "gereviseerde laptops;computerlessen;it-ondersteuning",
     "Herstelt afgeschreven computers en geeft ze aan gezinnen in armoede."),
    ("De Vlijt Maatwerk", "vzw", "Steenweg op Merksplas 40", "2300", "Turnhout", "014",
     "maatwerk;maatwerkbedrijf;industrie;logistiek",
     "assemblage;verpakking;logistiek",
     "Erkend maatwerkbedrijf met 300 medewerkers in de Kempen."),
    ("Keukenkracht", "cv", "Stationsstraat 60", "9100", "Sint-Niklaas", "03",
     "horeca;korte-keten;duurzaam;werkervaring",
     "catering;kookworkshops",
     "Cateraar met seizoensgroenten van lokale boeren."),
    ("Spelotheek De Knikker", "vzw", "Vennestraat 150", "3600", "Genk", "089",
     "kinderen;circulair;armoede",
     "speelgoeduitleen;onderhoud speelpleintjes",
     "Leent speelgoed uit aan gezinnen; LDE-project onderhoud speelpleintjes."),
    ("Ontmoetingscafé 't Schuurke", "vzw", "Martelarenlaan 12", "3010", "Leuven", "016",
     "horeca;inclusie;psychische-kwetsbaarheid",
     "catering;vergaderruimte",
     "Ontmoetingscafé met vrijwilligers en begeleide medewerkers."),
    ("Buurtwerkplaats 't Pleintje", "vzw", "Langestraat 150", "8000", "Brugge", "050",
     "klusjesdienst;buurtwerk;werkervaring",
     "kleine herstellingen;schilderwerken;onderhoud speelpleintjes",
     "Werkervaringsproject voor jongeren zonder diploma."),
    ("Energiecoöperatie Zonnedak", "cv", "Ridderstraat 50", "3000", "Leuven", "016",
     "energie;sociale-coöperatie;duurzaam",
     "zonnepanelen;energiescans",
     "Burgercoöperatie; wil daken van stadsgebouwen huren."),
    ("Poetsdienst Glans", "bv", "Meensesteenweg 200", "8500", "Kortrijk", "056",
     "schoonmaak;dienstencheques;diversiteit",
     "schoonmaak;kantoorschoonmaak",
     "Sociale onderneming als bv met winstbeperking in de statuten."),
    ("Imkerij De Stadsbij", "vzw", "Eksaardserijweg 20", "9041", "Gent", "09",
     "natuur;biodiversiteit;werkervaring",
     "honing;bijenhotels;natuureducatie",
     "Plaatst bijenkasten op bedrijfsdaken; educatieve rondleidingen."),
    ("Tolk & Taal", "cv", "Handelstraat 50", "2060", "Antwerpen", "03",
     "nieuwkomers;diversiteit;taal",
     "vertaling;sociaal tolken",
     "Tolken zijn zelf nieuwkomers; tolkt in 25 talen."),
    ("Conceptstore Ambacht", "cv", "IJzerenleen 20", "2800", "Mechelen", "015",
     "ambacht;inclusie;lokaal",
     "verkooppunt;relatiegeschenken;geschenkpakketten",
     "Winkel met producten van maatwerkbedrijven uit de regio."),
    ("Logistiek Depot Noord", "vzw", "Bredabaan 400", "2170", "Antwerpen", "03",
     "logistiek;maatwerk;circulair",
     "logistiek;opslag;fietskoerier",
     "Stockeert en levert voor kleine handelaars in Merksem."),
    ("Fietskoeriers Spaak", "cv", "Dok Noord 3", "9000", "Gent", "09",
     "mobiliteit;duurzaam;werkervaring",
     "fietskoerier;levering laatste kilometer",
     "Koerierscoöperatie; bakfietsen in de binnenstad."),
    ("Moestuin De Zaaier", "vzw", "Dorp-West 30", "9080", "Lochristi", "09",
     "landbouw;zorgboerderij;korte-keten",
     "groenten;groentepakketten;dagbesteding",
     "Zorgmoestuin met dagbesteding voor mensen met een beperking."),
    ("Zorgboerderij Hof ter Wilgen", "vzw", "Torhoutsesteenweg 250", "8210", "Zedelgem", "050",
     "zorgboerderij;landbouw;dagbesteding",
     "zuivel;boerderijbezoek",
     "Zorgboerderij; werkt met het regioverband rond Brugge."),
    ("Kledingbank De Kapstok", "vzw", "Grote Markt 12", "9600", "Ronse", "055",
     "armoede;textiel;circulair",
     "tweedehandskleding;textielinzameling",
     "Zamelt textiel in via containers; vraag rond standplaatsen loopt."),
    ("Brasserie Het Gouden Hart", "bv", "Havermarkt 5", "3500", "Hasselt", "011",
     "horeca;opleiding;jongeren",
     "catering;feestzaal",
     "Leerrestaurant voor jongeren uit het deeltijds onderwijs."),
    ("Natuurlijk Werk", "cv", "Warandestraat 20", "2300", "Turnhout", "014",
     "groen;maatwerk;natuur",
     "groenonderhoud;bosbeheer;maaien van bermen",
     "Groenploegen met maatwerkmedewerkers in de Kempen."),
    ("Bouwatelier Steen op Steen", "cv", "Torhoutsesteenweg 300", "8400", "Oostende", "059",
     "bouw;werkervaring;opleiding",
     "renovatie;isolatie;schilderwerken",
     "Renoveert woningen van sociale huurders; opleidingswerf."),
    ("Kunstatelier Émile", "vzw", "Bagattenstraat 180", "9000", "Gent", "09",
     "kunst;psychische-kwetsbaarheid;inclusie",
     "kunstwerken;workshops;decorbouw",
     "Atelier voor kunstenaars met een psychische kwetsbaarheid."),
    ("Crèche Kleine Stapjes", "vzw", "Naamsesteenweg 200", "3001", "Leuven", "016",
     "kinderopvang;inclusie;lokale-diensteneconomie",
     "kinderopvang",
     "Inclusieve crèche; vraagt uitbreiding van de capaciteit."),
    ("Zeepziederij Schuim", "cv", "Gistelse Steenweg 300", "8200", "Brugge", "050",
     "ambacht;circulair;inclusie",
     "zeep;relatiegeschenken;geschenkpakketten",
     "Maakt zeep van gebruikte frituurolie uit de horeca."),
    ("Samen Onderweg", "vzw", "Durmelaan 10", "9160", "Lokeren", "09",
     "mobiliteit;ouderen;vrijwilligers",
     "aangepast vervoer;boodschappenvervoer",
     "Minder Mobielen Vervoer met vrijwillige chauffeurs."),
    ("Fietspunt De Ketting", "vzw", "Stationsplein 4", "9100", "Sint-Niklaas", "03",
     "fietsherstel;mobiliteit;lokale-diensteneconomie",
     "fietsherstel;fietsenstalling;fietsgraveren",
     "Bemant de fietsenstalling aan het station."),
    ("Atelier Œuvre Commune", "vzw", "Bruul 88", "2800", "Mechelen", "015",
     "ambacht;textiel;inclusie;nieuwkomers",
     "naaiwerk;meubelstoffering",
     "Tweetalig atelier (Frans/Nederlands) voor stoffering."),
    # Dutch, cross-border (KvK numbers)
    ("Stichting Kringloop Zeeuws-Vlaanderen", "stichting", "Axelsestraat 50", "4537 AL", "Terneuzen", "+31 115",
     "circulair;kringloop;re-integratie;grensoverschrijdend",
     "tweedehandsgoederen;woningontruiming",
     "Nederlandse kringloop; wil een inzamelpunt aan Belgische kant."),
    ("De Grenswerkplaats B.V.", "bv", "Nieuwstraat 10", "5111 CW", "Baarle-Nassau", "+31 13",
     "re-integratie;grensoverschrijdend;maatwerk",
     "assemblage;houtbewerking",
     "Sociale werkplaats in de enclave; medewerkers uit Baarle-Hertog en Baarle-Nassau."),
    ("Lunchroom Het Pakhuis", "stichting", "Haven 5", "4811 WL", "Breda", "+31 76",
     "horeca;inclusie;participatie;grensoverschrijdend",
     "catering;lunch",
     "Leerwerkbedrijf; cateraar voor beurzen in Antwerpen."),
    ("Fietsenmakerij De Omslag B.V.", "bv", "Boschstraat 30", "6211 AX", "Maastricht", "+31 43",
     "fietsherstel;re-integratie;grensoverschrijdend",
     "fietsherstel;fietsverhuur",
     "Zoekt samenwerking met een Limburgs fietsatelier."),
    ("Groene Schakel Coöperatie U.A.", "coöperatie u.a.", "Kade 20", "4524 EK", "Sluis", "+31 117",
     "groen;re-integratie;grensoverschrijdend",
     "groenonderhoud;natuurbeheer",
     "Werkt in Zeeuws-Vlaanderen en het Meetjesland."),
]


def kbo(rng):
    # 0 + 7 random digits (second digit 4..8, the range the KBO has used for
    # most enterprises) + check digits 97 - (first 8 mod 97).
    base = "0" + str(rng.randint(4, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(6))
    check = 97 - int(base) % 97
    digits = base + "%02d" % check
    assert len(digits) == 10 and 97 - int(digits[:8]) % 97 == int(digits[8:])
    return digits


def dotted(d):
    return "%s.%s.%s" % (d[:4], d[4:7], d[7:])


def phone(area, rng):
    if area.startswith("+31"):
        # 9 digits after the 0: 3-digit areas take 6 more, 2-digit areas 7
        if len(area) == 7:
            return "%s %03d %03d" % (area, rng.randint(100, 999), rng.randint(0, 9999) % 1000)
        return "%s %03d %04d" % (area, rng.randint(100, 999), rng.randint(0, 9999))
    if rng.random() < 0.25:
        return "+32 4%d%d %02d %02d %02d" % (rng.choice([7, 8, 9]), rng.randint(0, 9),
                                              rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))
    if len(area) == 2:  # 09, 03: 7-digit subscriber numbers
        return "%s %03d %02d %02d" % (area, rng.randint(200, 899), rng.randint(0, 99), rng.randint(0, 99))
    return "%s %02d %02d %02d" % (area, rng.randint(20, 89), rng.randint(0, 99), rng.randint(0, 99))


def slug(name):
    import unicodedata
    s = unicodedata.normalize("NFKD", name.replace("Œ", "Oe").replace("œ", "oe"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    for w in ("vzw", "b.v.", "u.a.", "stichting "):
        s = s.replace(w, "")
    out = "".join(c if c.isalnum() else "-" for c in s)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


enterprises = []   # dicts
used = set()
for i, (name, form, street, pc, city, area, tags, offers, notes) in enumerate(ENTERPRISES):
    dutch = area.startswith("+31")
    if dutch:
        number = "%08d" % rng.randint(10000000, 99999999)
        canonical = number
    elif form == "feitelijke vereniging":
        number = canonical = ""
    else:
        while True:
            d = kbo(rng)
            if d not in used:
                break
        used.add(d)
        canonical = dotted(d)
        # A few rows use the other spellings the importer must accept.
        if i % 11 == 3:
            number = d                      # 0123456749
        elif i % 13 == 5:
            number = "BE " + d              # BE 0123456749
        else:
            number = canonical              # 0123.456.749
    dom = slug(name) + ".example"
    enterprises.append(dict(
        name=name, number=number, canonical=canonical, legal_form=form,
        email="info@" + dom, phone=phone(area, rng), street=street,
        postcode=pc, city=city, tags=tags, offers=offers, notes=notes,
        tagset=set(tags.split(";")), dutch=dutch))

with open(os.path.join(HERE, "enterprises.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["name", "number", "legal_form", "email", "phone", "street", "postcode",
                "city", "tags", "offers", "notes"])
    for e in enterprises:
        w.writerow([e[k] for k in ("name", "number", "legal_form", "email", "phone", "street",
                                   "postcode", "city", "tags", "offers", "notes")])

# ---------------------------------------------------------------------------
# Case templates
# ---------------------------------------------------------------------------
# subjects (variants), category, departments (first = main), wanted tags,
# description, answers per department (optional), resolution.
# Placeholders: {name} {street} {city} {offer}
T = []


def tpl(subjects, category, depts, tags, desc, answers=None, resolution=None):
    T.append(dict(subjects=subjects, category=category, depts=depts, tags=set(tags),
                  desc=desc, answers=answers or {}, resolution=resolution))


tpl(["Vraag naar terrasvergunning voor buurtrestaurant", "Terras in de zomer: welke vergunning?"],
    "permit", ["omg", "eco"], ["horeca"],
    "{name} wil vanaf het voorjaar een terras van ongeveer 20 m² plaatsen voor de zaak in de {street}. "
    "Ze vragen welke vergunning nodig is, wat de retributie kost en of een fietsenrek op het terras mag blijven staan.",
    {"omg": "Een terras op het openbaar domein vraagt een vergunning voor inname openbaar domein. "
            "Aanvraag via het e-loket, doorlooptijd 30 dagen; de retributie is 18 euro per m² per seizoen.",
     "eco": "Sociale ondernemingen met een LDE-erkenning krijgen het eerste seizoen 50% korting op de terrasretributie "
            "(reglement lokale economie, art. 7)."},
    "Vergunningsprocedure en korting uitgelegd; aanvraag voor inname openbaar domein ingediend.")
tpl(["Omgevingsvergunning voor verbouwing atelier", "Verbouwing werkplaats: vergunning nodig?"],
    "permit", ["omg"], ["ambacht", "textiel", "fietsherstel", "upcycling"],
    "{name} wil het atelier in de {street} verbouwen tot werkplaats met toonzaal. "
    "Is een omgevingsvergunning nodig, en kan iemand meekijken naar de toegankelijkheid voor rolstoelgebruikers?",
    {"omg": "Voor de verbouwing zonder volumewijziging volstaat een melding; de toegankelijkheidsadviseur "
            "kan op 12 maart ter plaatse komen."},
    "Melding volstaat; afspraak met de toegankelijkheidsadviseur bevestigd.")
tpl(["Evenementenvergunning voor repair-dag op het plein", "Herstelmarkt op het marktplein organiseren"],
    "permit", ["omg", "com"], ["circulair", "vrijwilligers", "buurtwerk"],
    "{name} organiseert in het voorjaar een herstelmarkt op het plein, met een tiental standen en een koffiebar. "
    "Ze vragen welke vergunning nodig is en of de stad het evenement mee wil aankondigen.",
    {"omg": "Evenementenaanvraag via het evenementenloket minstens 60 dagen vooraf; stroom is beschikbaar aan de marktkast.",
     "com": "We zetten de herstelmarkt in de UiT-agenda en in het stadsmagazine van april."},
    "Evenementenaanvraag ingediend; communicatie plant aankondiging in het stadsmagazine.")
tpl(["Subsidie voor opleiding doelgroepmedewerkers", "Opleidingskosten voor medewerkers uit de doelgroep"],
    "funding", ["werk", "fin"], ["maatwerk", "werkervaring", "opleiding", "maatwerkbedrijf"],
    "{name} wil vijf doelgroepmedewerkers een opleiding heftruck en VCA laten volgen. "
    "Ze vragen of de gemeente dit mee financiert en hoe dit zich verhoudt tot de VDAB-opleidingscheques.",
    {"werk": "VDAB vergoedt de VCA-opleiding via het opleidingsaanbod voor werkzoekenden; voor medewerkers in dienst "
             "kan de gemeentelijke tewerkstellingspremie gebruikt worden.",
     "fin": "De tewerkstellingspremie bedraagt maximaal 2.500 euro per jaar per onderneming; aanvraag voor 30 juni."},
    "Combinatie van VDAB-aanbod en gemeentelijke premie uitgelegd; aanvraagformulier bezorgd.")
tpl(["Vraag naar startsubsidie sociale onderneming", "Steun bij de opstart van een sociale onderneming"],
    "funding", ["eco", "fin"], [],
    "{name} start een nieuwe activiteit rond {offer} en vraagt welke startsteun de gemeente geeft aan sociale ondernemingen. "
    "Ze hebben een ondernemingsplan en een raming van de eerste drie jaar.",
    {"eco": "Startende sociale ondernemingen kunnen coaching krijgen via het ondernemersloket en een startpremie aanvragen.",
     "fin": "Startpremie: 50% van de investering, maximaal 5.000 euro; bewijsstukken van facturen zijn nodig."},
    "Startpremie en coachingtraject toegelicht; afspraak met de ondernemerscoach gemaakt.")
tpl(["Projectoproep lokale sociale economie: nog indienen?", "Vraag over de projectoproep sociale economie"],
    "funding", ["eco", "werk"], [],
    "{name} wil indienen voor de projectoproep lokale sociale economie maar twijfelt of een project rond {offer} past binnen de prioriteiten. "
    "Kan iemand het projectvoorstel vooraf lezen?",
    {"eco": "Het voorstel past binnen prioriteit 2 (werk voor mensen ver van de arbeidsmarkt); enkele opmerkingen bij de begroting.",
     "werk": "Graag de samenwerking met VDAB en de trajectbegeleiding explicieter maken in het voorstel."},
    "Feedback op het projectvoorstel bezorgd; dossier tijdig ingediend.")
tpl(["Interesse in voorbehouden opdracht groenonderhoud", "Voorbehouden opdracht onderhoud begraafplaatsen"],
    "procurement", ["aank", "omg"], ["groen"],
    "{name} heeft gelezen dat de gemeente het groenonderhoud van parken en begraafplaatsen opnieuw aanbesteedt. "
    "Ze vragen of er een voorbehouden perceel komt voor maatwerkbedrijven en sociale ondernemingen.",
    {"aank": "Perceel 3 (begraafplaatsen) wordt voorbehouden voor maatwerkbedrijven; publicatie op e-Procurement in mei.",
     "omg": "De technische dienst bezorgt de plannen en het huidige onderhoudsschema."},
    "Info over het voorbehouden perceel en de publicatiedatum gegeven.")
tpl(["Hoe komen we op de leverancierslijst voor catering?", "Catering voor stadsevenementen aanbieden"],
    "procurement", ["aank"], ["horeca"],
    "{name} wil catering aanbieden voor recepties en vergaderingen van de stad. "
    "Hoe kom je op de lijst van leveranciers, en worden kleine opdrachten rechtstreeks gegund?",
    {"aank": "Opdrachten onder 30.000 euro worden met een eenvoudige prijsvraag bij minstens drie leveranciers gegund; "
             "we nemen jullie op in de lijst voor catering."},
    "Opgenomen in de leverancierslijst catering; uitleg over kleine opdrachten gegeven.")
tpl(["Sociale clausule in bestek schoonmaak: verduidelijking", "Vraag over de sociale clausule in het schoonmaakbestek"],
    "procurement", ["aank", "werk"], ["schoonmaak"],
    "{name} wil inschrijven op het bestek voor de schoonmaak van de stadsgebouwen. "
    "Het bestek vraagt 5% tewerkstelling van kansengroepen: telt een medewerker met een maatwerkstatuut mee?",
    {"aank": "Ja, medewerkers met een maatwerkstatuut tellen mee; het bewijs is een attest van VDAB.",
     "werk": "Ook trajecten tijdelijke werkervaring tellen mee voor de sociale clausule."},
    "Verduidelijking gepubliceerd als vraag en antwoord bij het bestek.")
tpl(["Offerte drukwerk gemeentelijke publicaties", "Drukwerk voor de stad: kunnen we offreren?"],
    "procurement", ["aank", "com"], ["drukwerk", "maatwerk"],
    "{name} vraagt of ze kunnen offreren voor het drukwerk van het stadsmagazine en de folders van de dienst communicatie.",
    {"aank": "Het raamcontract drukwerk loopt tot eind dit jaar; de nieuwe opdracht komt met een voorbehouden perceel.",
     "com": "Kleine drukopdrachten (folders, affiches) vragen we vanaf nu ook bij jullie op."},
    "Opgenomen voor kleine drukopdrachten; volgende aanbesteding drukwerk opgevolgd.")
tpl(["Zoekt ruimte voor fietsatelier", "Op zoek naar een werkplaats voor fietsherstel"],
    "space", ["eco", "omg"], ["fietsherstel", "mobiliteit"],
    "{name} zoekt een werkplaats van 150 à 200 m² op het gelijkvloers, liefst dicht bij een station. "
    "Heeft de gemeente leegstaande panden of weet ze van eigenaars die willen verhuren?",
    {"eco": "Het voormalige brandweerkazerne-magazijn komt vrij; we brengen jullie in contact met de vastgoedregie.",
     "omg": "De zone laat ambachtelijke activiteiten toe; een functiewijziging is niet nodig."},
    "Bezoek aan het magazijn gepland; bestemming bevestigd.")
tpl(["Leegstaand handelspand tijdelijk gebruiken als pop-upwinkel", "Pop-upwinkel in leegstaand pand"],
    "space", ["eco", "omg"], ["ambacht", "circulair", "kringloop", "textiel"],
    "{name} wil een leegstaand handelspand in het centrum drie maanden gebruiken als pop-upwinkel. "
    "Kan de leegstandsregeling of de pop-uppremie helpen?",
    {"eco": "De pop-uppremie dekt 50% van de huur gedurende zes maanden; de eigenaar moet een tijdelijk huurcontract tekenen.",
     "omg": "Voor tijdelijke handel in een bestaande handelsruimte is geen vergunning nodig."},
    "Pop-uppremie aangevraagd; eigenaar gecontacteerd.")
tpl(["Opslagruimte gezocht voor ingezamelde goederen", "Tijdelijke opslag voor ingezameld materiaal"],
    "space", ["eco"], ["circulair", "kringloop", "upcycling", "textiel"],
    "{name} zamelt steeds meer materiaal in en zoekt tijdelijk 300 m² droge opslag. Heeft de gemeente een loods?",
    {"eco": "De stedelijke loods aan de haven heeft nog ruimte; huur tegen sociaal tarief voor één jaar mogelijk."},
    "Tijdelijke huur van de loods afgesproken.")
tpl(["Toeleiding van werkzoekenden naar vacatures", "Vacatures voor mensen ver van de arbeidsmarkt"],
    "employment", ["werk", "wel"], ["maatwerk", "werkervaring", "maatwerkbedrijf"],
    "{name} heeft drie vacatures (activiteit: {offer}) en zoekt kandidaten uit de doelgroep. "
    "Kan de gemeente samen met VDAB en het Sociaal Huis kandidaten toeleiden?",
    {"werk": "De vacatures zijn doorgegeven aan VDAB en de jobbeurs van volgende maand.",
     "wel": "Het Sociaal Huis stelt twee cliënten voor met een traject tijdelijke werkervaring."},
    "Kandidaten toegeleid via VDAB en het Sociaal Huis; twee sollicitatiegesprekken gepland.")
tpl(["Wijk-werkers inzetten in de moestuin", "Aanvraag om wijk-werkers in te zetten"],
    "employment", ["werk"], ["groen", "landbouw", "zorgboerderij"],
    "{name} wil twee wijk-werkers inzetten voor het onderhoud van de moestuin en vraagt hoe ze gebruiker van wijk-werken worden.",
    {"werk": "Registratie als gebruiker via de wijk-werkorganisatie van het regioverband; de vergoeding is 7,45 euro per uur."},
    "Geregistreerd als gebruiker van wijk-werken.")
tpl(["Tijdelijke werkervaring: plaatsen voor leefloongerechtigden", "Werkervaringsplaatsen aanbieden"],
    "employment", ["wel", "werk"], ["werkervaring", "horeca", "buurtwerk"],
    "{name} kan vier werkervaringsplaatsen aanbieden en vraagt of het Sociaal Huis leefloongerechtigden kan toeleiden (artikel 60).",
    {"wel": "Het Sociaal Huis sluit een overeenkomst voor twee artikel 60-plaatsen vanaf volgende maand.",
     "werk": "De trajectbegeleiding loopt via de werkwinkel."},
    "Overeenkomst voor twee artikel 60-plaatsen opgemaakt.")
tpl(["Erkenning als lokale diensteneconomie aanvragen", "Hulp bij aanvraag LDE-erkenning"],
    "recognition", ["werk", "eco"], ["lokale-diensteneconomie", "buurtwerk", "thuishulp", "kinderopvang"],
    "{name} wil een erkenning als lokale diensteneconomie aanvragen bij het Departement WSE. "
    "De aanvraag vraagt een advies van de lokale regisseur sociale economie.",
    {"werk": "Het advies van de regisseur is gunstig en werd opgeladen in het e-loket van WSE.",
     "eco": "De behoefte aan {offer} in de wijk is bevestigd door de omgevingsanalyse."},
    "Gunstig advies bezorgd; aanvraag bij WSE ingediend.")
tpl(["Verlenging erkenning maatwerkbedrijf: attest van de gemeente", "Attest voor verlenging erkenning"],
    "recognition", ["werk"], ["maatwerkbedrijf", "maatwerk"],
    "{name} heeft voor de verlenging van de erkenning een attest nodig dat de gemeente met hen samenwerkt.",
    {"werk": "Het samenwerkingsattest is ondertekend door de schepen van sociale economie en per e-mail verstuurd."},
    "Attest bezorgd.")
tpl(["Samenwerking met het Sociaal Huis rond voedselhulp", "Doorverwijzing voor voedselhulp"],
    "welfare", ["wel"], ["armoede", "voedselhulp"],
    "{name} wil afspraken maken met het Sociaal Huis over de doorverwijzing van klanten en een gezamenlijke registratie.",
    {"wel": "Overleg gepland met het team schuldhulp en de maatschappelijk werkers; ontwerp van samenwerkingsovereenkomst volgt."},
    "Samenwerkingsovereenkomst met het Sociaal Huis opgemaakt.")
tpl(["Doorverwijzing van gezinnen in armoede naar kinderopvang", "Voorrang voor kwetsbare gezinnen in de opvang"],
    "welfare", ["wel"], ["kinderopvang"],
    "{name} houdt plaatsen vrij voor kwetsbare gezinnen en vraagt hoe het Sociaal Huis gezinnen kan doorverwijzen.",
    {"wel": "Doorverwijzing via het Huis van het Kind; we bezorgen de contactpersoon en het aanmeldformulier."},
    "Doorverwijsprocedure afgesproken met het Huis van het Kind.")
tpl(["Vermelding in het register sociale ondernemingen", "Opname in de kaart van sociale ondernemingen"],
    "promotion", ["com"], [],
    "{name} vraagt om opgenomen te worden in het register en op de kaart van lokale sociale ondernemingen op de website.",
    {"com": "Opgenomen op de kaart; de fiche staat online met {offer} als aanbod."},
    "Opgenomen in het register en op de website.")
tpl(["Pitch op de kennismakingsdag sociale en reguliere economie", "Deelname pitchmoment kennismakingsbeurs"],
    "network", ["eco", "com"], [],
    "{name} wil pitchen op de kennismakingsdag met reguliere bedrijven en vraagt hoeveel tijd ze krijgen en wie er komt.",
    {"eco": "Pitch van 5 minuten, gevolgd door speeddates met 30 bedrijven uit het bedrijventerrein.",
     "com": "Graag logo en een foto voor het programmaboekje vóór het einde van de maand."},
    "Ingeschreven voor de pitch; praktische info bezorgd.")
tpl(["Deelname aan de sector-rondetafel horeca", "Uitnodiging rondetafel horeca"],
    "network", ["eco"], ["horeca"],
    "{name} wil deelnemen aan de rondetafel horeca en daar de samenwerking rond leerwerkplekken voorstellen.",
    {"eco": "Agendapunt toegevoegd aan de rondetafel van volgende maand."},
    "Agendapunt op de rondetafel horeca.")
tpl(["Parkeerkaart voor bestelwagen en bakfietsen", "Laad- en loszone voor fietskoeriers"],
    "permit", ["omg"], ["mobiliteit", "logistiek"],
    "{name} levert in de binnenstad en vraagt een parkeerkaart voor de bestelwagen en een laad- en loszone aan het depot.",
    {"omg": "Een bewonerskaart is niet mogelijk; wel een bedrijfskaart (zone B) en een proef met een laad- en loszone."},
    "Bedrijfskaart toegekend; proef laad- en loszone gestart.")
tpl(["Liquiditeitsprobleem na late betaling: welke steun?", "Tijdelijke financiële moeilijkheden"],
    "funding", ["fin", "eco", "wel"], [],
    "{name} zit krap door laattijdige betalingen van klanten en vraagt of er tijdelijke steun of een afbetalingsplan mogelijk is.",
    {"fin": "Een afbetalingsplan voor de gemeentelijke belastingen is mogelijk; aanvraag bij de financieel directeur.",
     "eco": "Doorverwezen naar het steunpunt ondernemers in moeilijkheden voor een gratis boekhoudkundige screening.",
     "wel": "Voor de medewerkers kan het Sociaal Huis budgetbegeleiding aanbieden."},
    "Afbetalingsplan en screening geregeld.")
tpl(["Afgeschreven laptops van de stad herbestemmen", "Inzameling van oude computers van de stad"],
    "procurement", ["aank", "fin"], ["it", "digitale-inclusie"],
    "{name} wil de afgeschreven laptops van de stad reviseren en aan gezinnen geven. Kan dat via een overeenkomst?",
    {"aank": "Afgeschreven IT-materiaal kan via een schenkingsovereenkomst worden overgedragen; 60 toestellen in het voorjaar.",
     "fin": "De boekhoudkundige afschrijving is rond; geen bezwaar."},
    "Schenkingsovereenkomst voor 60 laptops opgemaakt.")
tpl(["Zonnepanelen op stadsgebouwen via energiecoöperatie", "Daken van stadsgebouwen huren"],
    "network", ["omg", "aank", "eco"], ["energie"],
    "{name} stelt voor om zonnepanelen te leggen op de daken van sporthallen en scholen, met participatie van buurtbewoners.",
    {"omg": "Drie daken zijn technisch geschikt; stabiliteitsstudie nodig voor de sporthal.",
     "aank": "Een concessie voor daken vraagt een open procedure; sociale criteria kunnen worden opgenomen.",
     "eco": "Het voorstel past in het klimaatplan; agendering op het schepencollege."},
    "Voorstel geagendeerd; concessieprocedure voorbereid.")
tpl(["Onderhoud speelpleintjes als LDE-dienst", "Aanbod onderhoud van speelpleintjes"],
    "procurement", ["aank", "wel"], ["kinderen", "buurtwerk", "klusjesdienst", "groen"],
    "{name} biedt aan de speelpleintjes in de wijk te onderhouden met een LDE-ploeg en vraagt hoe dit gegund kan worden.",
    {"aank": "Het onderhoud kan als voorbehouden opdracht van beperkte waarde worden gegund.",
     "wel": "Het Sociaal Huis ondersteunt het voorstel: het biedt werk aan mensen uit de wijk."},
    "Voorbehouden opdracht onderhoud speelpleintjes voorbereid.")
tpl(["Inclusieve stageplaatsen voor leerlingen buitengewoon onderwijs", "Stageplaatsen voor leerlingen BuSO"],
    "employment", ["werk", "wel"], ["inclusie", "maatwerk"],
    "{name} wil stageplaatsen aanbieden aan leerlingen uit het buitengewoon secundair onderwijs en zoekt contact met scholen.",
    {"werk": "We brengen jullie in contact met de twee BuSO-scholen in de regio.",
     "wel": "Vervoer naar de stage kan via de Minder Mobielen Centrale."},
    "Contact met scholen gelegd.")
tpl(["Brandveiligheidsattest voor de uitbating", "Brandweerkeuring voor de zaak"],
    "permit", ["omg"], ["horeca", "kinderopvang"],
    "{name} heeft een brandveiligheidsattest nodig voor de uitbating en vraagt hoe een keuring door de brandweerzone wordt aangevraagd.",
    {"omg": "Aanvraag via de brandweerzone met het plan van de zaak; keuring binnen vier weken, kostprijs 120 euro."},
    "Keuring aangevraagd.")
tpl(["Standplaatsen voor textielcontainers", "Textielinzameling: containers op openbaar domein"],
    "permit", ["omg"], ["textiel"],
    "{name} wil drie textielcontainers plaatsen op openbaar domein en vraagt welke regels gelden en wie toestemming geeft.",
    {"omg": "Textielinzameling op openbaar domein vraagt een toelating van het college en een overeenkomst met de intercommunale."},
    "Toelating voor twee standplaatsen gegeven.")
tpl(["Factuur vorige opdracht nog niet betaald", "Openstaande factuur catering"],
    "procurement", ["fin", "aank"], [],
    "{name} wacht al drie maanden op de betaling van een factuur voor {offer}. Kan iemand nagaan waar de betaling blijft?",
    {"fin": "De factuur zat geblokkeerd door een ontbrekend bestelbonnummer; betaling volgt deze week.",
     "aank": "Bestelbon werd alsnog aangemaakt."},
    "Betaling uitgevoerd; procedure bestelbonnen opnieuw uitgelegd.")
tpl(["Uitbreiding kinderopvang met tien plaatsen", "Meer plaatsen in de opvang"],
    "welfare", ["wel", "omg"], ["kinderopvang"],
    "{name} wil uitbreiden met tien plaatsen en vraagt of de gemeente een lokaal heeft en het dossier bij Opgroeien steunt.",
    {"wel": "De gemeente steunt de uitbreiding in het lokaal loket kinderopvang.",
     "omg": "Het lokaal in de oude pastorij is vrij vanaf september; brandveiligheid moet nog worden nagekeken."},
    "Steunbrief bezorgd; lokaal in de pastorij gereserveerd.")
tpl(["MVO-scan en advies duurzaam aankopen", "Vraag naar MVO-scan"],
    "network", ["eco", "aank"], [],
    "{name} wil een MVO-scan laten doen en vraagt hoe ze hun aanbod van {offer} beter kunnen laten aansluiten bij duurzame aankoop.",
    {"eco": "MVO-scan gepland met de adviseur van het regioverband.",
     "aank": "De aankoopdienst werkt met CSR-criteria; we bezorgen de gunningscriteria van de laatste opdrachten."},
    "MVO-scan gepland; criteria bezorgd.")
tpl(["Grensoverschrijdende samenwerking met sociale werkplaats", "Samenwerking over de grens"],
    "network", ["werk", "eco"], ["grensoverschrijdend"],
    "{name} wil samenwerken met een Vlaams maatwerkbedrijf en vraagt welke regels gelden voor medewerkers uit Nederland.",
    {"werk": "Voor grensarbeiders verwijzen we naar het grensinfopunt; detachering is mogelijk met een A1-attest.",
     "eco": "We brengen jullie in contact met twee maatwerkbedrijven uit het netwerk."},
    "Contacten gelegd; grensinfopunt doorgegeven.")
tpl(["Marktkraam op de zondagsmarkt", "Standplaats op de wekelijkse markt"],
    "permit", ["eco", "omg"], ["horeca", "ambacht", "korte-keten", "voeding"],
    "{name} wil op de zondagsmarkt staan met {offer} en vraagt naar een abonnement voor een standplaats.",
    {"eco": "Er is een vrije standplaats; de marktleider neemt contact op.",
     "omg": "Voor voeding is een registratie bij het FAVV nodig."},
    "Abonnement standplaats toegekend.")
tpl(["Subsidie voor toegankelijke website", "Steun voor digitale toegankelijkheid"],
    "funding", ["fin", "com"], [],
    "{name} wil de webshop toegankelijk maken voor mensen met een visuele beperking en vraagt of daar steun voor bestaat.",
    {"fin": "Het reglement digitale inclusie voorziet 40% van de kosten, maximaal 3.000 euro.",
     "com": "De webredactie kan vooraf een toegankelijkheidstest doen."},
    "Subsidieaanvraag digitale inclusie ingediend.")
tpl(["Zaal voor netwerkavond van sociale ondernemers", "Aanvraag gemeentelijke zaal"],
    "promotion", ["com"], [],
    "{name} organiseert een netwerkavond voor sociale ondernemers en vraagt of de raadzaal of de feestzaal gratis kan worden gebruikt.",
    {"com": "De feestzaal is vrij op de gevraagde datum; gratis voor netwerkactiviteiten sociale economie."},
    "Zaal gereserveerd.")
tpl(["Vrijwilligersverzekering voor onze vrijwilligers", "Verzekering van vrijwilligers"],
    "welfare", ["wel", "fin"], ["vrijwilligers"],
    "{name} vraagt of hun vrijwilligers gedekt zijn door de gratis vrijwilligersverzekering van de provincie.",
    {"wel": "Ja, aanvraag via het provinciale loket; de gemeente bevestigt de activiteit.",
     "fin": "Geen kosten voor de organisatie."},
    "Verzekering aangevraagd.")
tpl(["Algemene vraag over sociale economie in de gemeente", "Wie is het aanspreekpunt voor sociale ondernemers?"],
    "info", ["eco"], [],
    "{name} vraagt wie in de gemeente het aanspreekpunt is voor sociale ondernemingen en welke ondersteuning er bestaat.",
    {"eco": "Overzicht van het lokale aanbod bezorgd."},
    "Aanspreekpunt en aanbod toegelicht.")
tpl(["Kansentarief en UiTPAS voor klanten", "Aansluiten bij UiTPAS met kansentarief"],
    "info", ["wel", "com"], ["armoede", "horeca", "sociaal-restaurant", "kinderen"],
    "{name} wil het UiTPAS-kansentarief aanbieden en vraagt hoe ze aansluiten als UiTPAS-partner.",
    {"wel": "De compensatie van het kansentarief loopt via de UiTPAS-regio.",
     "com": "We zetten jullie als partner in de UiTPAS-communicatie."},
    "Aangesloten als UiTPAS-partner.")

DEPT_GENERIC = {
    "eco": ["Advies van Economie: de vraag past binnen het beleid lokale economie; we volgen mee op.",
            "Economie bezorgt het reglement en een contactpersoon bij het ondernemersloket."],
    "wel": ["Het Sociaal Huis neemt contact op met de onderneming voor een gesprek.",
            "Welzijn bevestigt de samenwerking; afspraken volgen in het netwerkoverleg."],
    "werk": ["Werk bekijkt dit samen met VDAB; voorstel van traject volgt.",
             "Antwoord van Werk: mogelijk via tijdelijke werkervaring of wijk-werken."],
    "omg": ["Omgeving: geen vergunning nodig zolang de activiteit binnen de bestaande bestemming blijft.",
            "Omgeving bezorgt de voorwaarden en de link naar het omgevingsloket."],
    "aank": ["Aankoop: de opdracht wordt dit jaar opnieuw uitgeschreven; sociale criteria worden opgenomen.",
             "Aankoop neemt de onderneming op in de lijst voor kleine opdrachten."],
    "fin": ["Financiën: binnen het budget van dit jaar mogelijk; aanvraagformulier bijgevoegd.",
            "Financiën bevestigt de voorwaarden van het subsidiereglement."],
    "com": ["Communicatie neemt dit op in de nieuwsbrief en de website.",
            "Communicatie plant een artikel in het stadsmagazine."],
}
# Decline reasons; a reason that names another department is only used when
# the case is routed there too.
DECLINE = {
    "eco": [("Geen bevoegdheid van Economie: dit gaat over tewerkstelling; Werk antwoordt.", "werk"),
            ("Dubbel: Omgeving behandelt deze vraag al volledig.", "omg"),
            ("Geen vraag voor Economie; de onderneming is hiervoor doorverwezen naar het ondernemersloket van de provincie.", None)],
    "wel": [("Geen vraag voor het Sociaal Huis; er zijn geen cliënten betrokken.", None),
            ("Buiten onze opdracht: dit loopt via VDAB.", None)],
    "werk": [("Geen tewerkstellingsvraag; Economie volgt dit op.", "eco"),
             ("Valt onder de bevoegdheid van VDAB; onderneming rechtstreeks doorverwezen.", None)],
    "omg": [("Geen vergunningsvraag: er verandert niets aan gebouw of openbaar domein.", None),
            ("Dit is een vraag voor de politiezone (verkeer), niet voor Omgeving.", None)],
    "aank": [("Geen lopende of geplande opdracht; niets te melden vanuit Aankoop.", None),
             ("Geen aankoopvraag: dit gaat over een subsidie; Financiën antwoordt.", "fin")],
    "fin": [("Geen financiële vraag; Economie antwoordt.", "eco"),
            ("Het subsidiereglement is niet van toepassing op vzw's zonder personeel.", None)],
    "com": [("Geen communicatievraag; er is (nog) niets aan te kondigen.", None),
            ("Evenement valt buiten de stedelijke communicatiekanalen.", None)],
}


def decline_reason(d, depts):
    return rng.choice([r for r, need in DECLINE[d] if need is None or need in depts])


FOLLOW_UP = {
    "eco": ["Aanvullend: de ondernemerscoach kan het dossier verder opvolgen; afspraak gemaakt."],
    "wel": ["Aanvullend: het Sociaal Huis heeft de nieuwe vraag besproken op het teamoverleg; akkoord."],
    "werk": ["Aanvullend: VDAB bevestigt dat ook de nieuwe medewerkers in aanmerking komen."],
    "omg": ["Aanvullend: na het plaatsbezoek is geen bijkomende vergunning nodig."],
    "aank": ["Aanvullend: de planning van de opdracht is ongewijzigd; publicatie volgt zoals gemeld."],
    "fin": ["Aanvullend: het gevraagde bedrag past binnen het reglement; uitbetaling na goedkeuring door het college."],
    "com": ["Aanvullend: het artikel verschijnt in de volgende editie van de nieuwsbrief."],
}
ROUTE_NOTES = ["Graag advies vóór het overleg met de onderneming.",
               "Dringend: de onderneming heeft een deadline.",
               "Zie beschrijving; contactpersoon is de zaakvoerder.",
               "Graag afstemmen met de andere diensten.",
               "Onderneming verwacht een antwoord per e-mail."]
CONTACT_NOTES = ["Telefonisch contact met de zaakvoerder: bezorgt deze week de plannen.",
                 "Onderneming stuurde extra uitleg per e-mail; toegevoegd aan het dossier.",
                 "Kort overleg gehad op het netwerkmoment; vraag blijft actueel.",
                 "Herinnering gestuurd naar de diensten.",
                 "Onderneming gevraagd naar het ondernemingsplan en de begroting.",
                 "Bezoek ter plaatse gedaan met de regisseur sociale economie."]
OFFICER_NOTES = ["Besproken op het teamoverleg; antwoord volgt na advies van de jurist.",
                 "Dossier opgevraagd bij de collega's van het loket.",
                 "Afspraak met de onderneming gepland volgende week.",
                 "Wachten op bevestiging van de schepen."]
WAIT_NOTES = ["Onderneming gevraagd om de plannen en een kostenraming te bezorgen.",
              "Wachten op het ondernemingsplan van de onderneming.",
              "Onderneming moet eerst het attest van VDAB opvragen.",
              "Gevraagd om de statuten en de jaarrekening door te sturen."]
DIRECT_RESOLUTIONS = ["Rechtstreeks beantwoord door het aanspreekpunt; geen advies van de diensten nodig.",
                      "Informatie telefonisch gegeven en per e-mail bevestigd.",
                      "Doorverwezen naar de juiste externe partner; geen verdere actie van de gemeente.",
                      "Vraag ingetrokken door de onderneming."]
WITHDRAW_RESOLUTIONS = ["De onderneming heeft de vraag ingetrokken; openstaande adviezen niet meer nodig.",
                        "Vraag opgelost via een externe partner; lopende routes afgesloten.",
                        "Onderneming heeft de activiteit stopgezet; dossier afgesloten."]

# Who serves which department (share/demo/sedesk.ini: bram, chris and els as in
# sedesk.ini.example, fatima and gert added for the demo).
OFFICERS = {"eco": ["bram"], "aank": ["bram"], "wel": ["chris", "fatima"], "werk": ["chris", "gert"],
            "omg": ["els", "gert"], "fin": ["els"], "com": ["els", "fatima"]}
CONTACTS = ["ann", "ann", "lotte"]
CHANNELS = ["phone"] * 30 + ["email"] * 30 + ["desk"] * 10 + ["site-visit"] * 8 + \
           ["pitch"] * 7 + ["event"] * 8 + ["web"] * 7
PRIORITIES = ["normal"] * 60 + ["high"] * 20 + ["low"] * 12 + ["urgent"] * 8
SATISFACTION = [5] * 35 + [4] * 35 + [3] * 15 + [2] * 10 + [1] * 5

# ---------------------------------------------------------------------------
# Time: working minutes.  Day D (0 = oldest) spans 07:00-16:30 UTC.
# ---------------------------------------------------------------------------
WD_MAX = 86           # about four months of working days
DAY = 570             # working minutes per day
START = 7 * 60
LAST = (WD_MAX + 1) * DAY - 1


def to_wd_min(t):
    d, m = divmod(t, DAY)
    return WD_MAX - d, START + m


def created_at(days_ago):
    """A time on the working day `days_ago` before the last one."""
    return (WD_MAX - days_ago) * DAY + rng.randint(60, DAY - 120)


def gap(days_lo, days_hi):
    return int(rng.uniform(days_lo, days_hi) * DAY) + rng.randint(1, 59)


def fill(s, e):
    offer = rng.choice(e["offers"].split(";"))
    return s.format(name=e["name"], street=e["street"].rsplit(" ", 1)[0], city=e["city"], offer=offer)


# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------
# final case status -> list of (scenario, count)
PLAN = [
    ("new", 12),
    ("routed", 28),
    ("in_progress", 32),
    ("answered", 24),
    ("waiting", 14),
    ("closed_direct", 12),
    ("closed", 54),
    ("closed_withdrawn", 12),
    ("closed_wait_reopen", 5),
    ("closed_new_round", 5),
    ("in_progress_new_round", 2),
]
assert sum(n for _, n in PLAN) == 200

# How long ago (working days) each scenario's cases were created.
AGE = {
    "new": lambda: rng.choice([0, 0, 0, 1, 1, 2, 3, 4, 6, 9, 14, 22]),
    "routed": lambda: rng.randint(0, 9) if rng.random() < 0.7 else rng.randint(10, 40),
    "in_progress": lambda: rng.randint(1, 9) if rng.random() < 0.75 else rng.randint(12, 45),
    "answered": lambda: rng.randint(2, 8) if rng.random() < 0.85 else rng.randint(15, 40),
    "waiting": lambda: rng.randint(3, 45),
    "closed_direct": lambda: rng.randint(1, 84),
    "closed": lambda: rng.randint(14, 86),
    "closed_withdrawn": lambda: rng.randint(12, 80),
    "closed_wait_reopen": lambda: rng.randint(30, 80),
    "closed_new_round": lambda: rng.randint(45, 86),
    "in_progress_new_round": lambda: rng.randint(35, 60),
}


def eligible(e, t):
    # Dutch enterprises bring cross-border, network or procurement questions,
    # not questions about Belgian permits or local subsidies.
    if not e["canonical"]:
        return False
    if e["dutch"] and "grensoverschrijdend" not in t["tags"] and \
            t["category"] not in ("network", "procurement"):
        return False
    return True


def pick_enterprise(t, counts):
    cands = [e for e in enterprises if eligible(e, t) and (not t["tags"] or e["tagset"] & t["tags"])]
    if not cands:
        cands = [e for e in enterprises if eligible(e, t)]
    # prefer enterprises with few cases so that every one gets some
    low = min(counts[e["name"]] for e in cands)
    pool = [e for e in cands if counts[e["name"]] <= low + 2]
    e = rng.choice(pool)
    counts[e["name"]] += 1
    return e


def pick_template(scenario):
    if scenario == "closed_direct" and rng.random() < 0.6:
        return rng.choice([t for t in T if t["category"] in ("info", "promotion")])
    return rng.choice(T)


def answer_text(t, dept, e):
    if dept in t["answers"]:
        return fill(t["answers"][dept], e)
    return rng.choice(DEPT_GENERIC[dept])


class Case:
    def __init__(self, key, scenario):
        self.key = key
        self.scenario = scenario
        self.steps = []
        self.t = created_at(AGE[scenario]())
        self.tpl = pick_template(scenario)
        self.owner = rng.choice(CONTACTS)

    def step(self, user, verb, *args, after=(0.0, 0.0), minutes=None):
        if minutes is not None:
            self.t += minutes
        else:
            self.t += gap(*after)
        self.steps.append([self.t, user, verb] + [str(a) for a in args])

    def officer(self, dept):
        return rng.choice(OFFICERS[dept])


def depts_for(t):
    d = list(t["depts"])
    if len(d) > 1 and rng.random() < 0.25:
        d = d[:1]                               # only the main department
    if rng.random() < 0.15:
        extra = rng.choice([x for x in OFFICERS if x not in d])
        d.append(extra)
    return d


def run_routes(c, e, depts, t_route, outcomes):
    """outcomes: dept -> pending | picked_up | answered | answered_direct | declined | declined_after_pickup.
    Adds steps after t_route; returns the time of the last finished step."""
    last = t_route
    for d in depts:
        o = outcomes[d]
        who = c.officer(d)
        t = t_route
        evs = []
        if o in ("picked_up", "answered", "declined_after_pickup"):
            t += gap(0.1, 3.0)
            evs.append((t, who, "pickup", d))
            if o == "picked_up" and rng.random() < 0.3:
                t += gap(0.1, 2.0)
                evs.append((t, who, "note", rng.choice(OFFICER_NOTES)))
        if o == "answered":
            if rng.random() < 0.2:
                t += gap(0.1, 2.0)
                evs.append((t, who, "note", rng.choice(OFFICER_NOTES)))
            t += gap(0.2, 6.0)
            evs.append((t, who, "answer", d, answer_text(c.tpl, d, e)))
        elif o == "answered_direct":
            t += gap(0.1, 4.0)
            evs.append((t, who, "answer", d, answer_text(c.tpl, d, e)))
        elif o == "declined":
            t += gap(0.1, 3.0)
            evs.append((t, who, "decline", d, decline_reason(d, depts)))
        elif o == "declined_after_pickup":
            t += gap(0.2, 3.0)
            evs.append((t, who, "decline", d, decline_reason(d, depts)))
        for ev in evs:
            c.steps.append([ev[0], ev[1], ev[2]] + [str(a) for a in ev[3:]])
        if evs:
            last = max(last, evs[-1][0])
    return last


def finished_outcome(i):
    # the first route is always answered; others mostly answered, sometimes declined
    if i == 0:
        return rng.choice(["answered", "answered", "answered", "answered_direct"])
    return rng.choice(["answered", "answered", "answered_direct", "declined", "declined_after_pickup"])


def build(key, scenario, counts):
    c = Case(key, scenario)
    e = pick_enterprise(c.tpl, counts)
    subject = fill(rng.choice(c.tpl["subjects"]), e)
    desc = fill(c.tpl["desc"], e)
    c.steps.append([c.t, c.owner, "new", e["canonical"], c.tpl["category"], rng.choice(CHANNELS),
                    rng.choice(PRIORITIES), subject, desc])
    c.ent = e
    if scenario == "new":
        if rng.random() < 0.3:
            c.step(c.owner, "note", rng.choice(CONTACT_NOTES), minutes=rng.randint(5, 90))
        return c
    if scenario == "closed_direct":
        if rng.random() < 0.4:
            c.step(c.owner, "note", rng.choice(CONTACT_NOTES), minutes=rng.randint(5, 120))
        c.step(c.owner, "close", rng.choice(SATISFACTION), rng.choice(DIRECT_RESOLUTIONS),
               after=(0.0, 1.5))
        return c
    if scenario == "waiting" and rng.random() < 0.25:
        # waiting before anything was routed
        c.step(c.owner, "note", rng.choice(WAIT_NOTES), minutes=rng.randint(5, 60))
        c.step(c.owner, "wait", minutes=1)
        return c

    depts = depts_for(c.tpl)
    if rng.random() < 0.2:
        c.step(c.owner, "note", rng.choice(CONTACT_NOTES), minutes=rng.randint(5, 60))
    note = rng.choice(ROUTE_NOTES) if rng.random() < 0.4 else "-"
    c.step(c.owner, "route", " ".join(depts), note,
           minutes=rng.randint(5, 120) if rng.random() < 0.7 else gap(1, 2))
    t_route = c.t

    if scenario == "routed":
        run_routes(c, e, depts, t_route, {d: "pending" for d in depts})
    elif scenario == "in_progress":
        outs = {}
        for i, d in enumerate(depts):
            if i == 0:
                outs[d] = "picked_up"
            else:
                outs[d] = rng.choice(["pending", "picked_up", "answered", "answered_direct", "declined"])
        last = run_routes(c, e, depts, t_route, outs)
        c.t = max(c.t, last)
    elif scenario in ("answered", "waiting", "closed", "closed_wait_reopen", "closed_new_round",
                      "in_progress_new_round"):
        outs = {d: finished_outcome(i) for i, d in enumerate(depts)}
        last = run_routes(c, e, depts, t_route, outs)
        c.t = last
        if scenario == "waiting":
            c.step(c.owner, "note", rng.choice(WAIT_NOTES), after=(0.0, 1.0))
            c.step(c.owner, "wait", minutes=1)
        elif scenario == "closed":
            if rng.random() < 0.25:
                c.step(c.owner, "note", rng.choice(CONTACT_NOTES), after=(0.0, 1.0))
            c.step(c.owner, "close", rng.choice(SATISFACTION), fill(c.tpl["resolution"], e),
                   after=(0.1, 3.0))
        elif scenario == "closed_wait_reopen":
            c.step(c.owner, "note", rng.choice(WAIT_NOTES), after=(0.0, 1.0))
            c.step(c.owner, "wait", minutes=1)
            c.step(c.owner, "note", "Onderneming bezorgde de gevraagde stukken.", after=(2, 8))
            c.step(c.owner, "reopen", minutes=2)
            c.step(c.owner, "close", rng.choice(SATISFACTION), fill(c.tpl["resolution"], e),
                   after=(0.1, 2.0))
        elif scenario in ("closed_new_round", "in_progress_new_round"):
            c.step(c.owner, "close", rng.choice(SATISFACTION), fill(c.tpl["resolution"], e),
                   after=(0.1, 3.0))
            # the enterprise comes back with a follow-up question
            c.step(c.owner, "note", "Onderneming komt terug met een vervolgvraag bij het eerdere antwoord.",
                   after=(5, 15))
            c.step(c.owner, "reopen", minutes=2)
            d = depts[0]
            c.step(c.owner, "route", d, "Nieuwe ronde: vervolgvraag van de onderneming.", minutes=rng.randint(5, 60))
            who = c.officer(d)
            c.step(who, "pickup", d, after=(0.1, 2.0))
            if scenario == "closed_new_round":
                c.step(who, "answer", d, rng.choice(FOLLOW_UP[d]), after=(0.2, 3.0))
                c.step(c.owner, "close", rng.choice(SATISFACTION),
                       "Vervolgvraag beantwoord; " + fill(c.tpl["resolution"], e)[0].lower()
                       + fill(c.tpl["resolution"], e)[1:], after=(0.1, 2.0))
    elif scenario == "closed_withdrawn":
        outs = {}
        for i, d in enumerate(depts):
            outs[d] = rng.choice(["pending", "picked_up"]) if i == 0 else \
                rng.choice(["pending", "picked_up", "answered", "declined"])
        last = run_routes(c, e, depts, t_route, outs)
        c.t = last
        c.step(c.owner, "close", rng.choice([1, 2, 3, 3, 4]), rng.choice(WITHDRAW_RESOLUTIONS),
               after=(1, 6))
    else:
        raise SystemExit("unknown scenario " + scenario)
    return c


def main():
    counts = {e["name"]: 0 for e in enterprises}
    scen = [s for s, n in PLAN for _ in range(n)]
    rng.shuffle(scen)
    cases = []
    for key, s in enumerate(scen, 1):
        c = build(key, s, counts)
        c.steps.sort(key=lambda st: st[0])
        # keep each case inside the window: shift it back when it runs past the last day
        over = max(st[0] for st in c.steps) - LAST
        if over > 0:
            shift = ((over + DAY - 1) // DAY) * DAY
            for st in c.steps:
                st[0] -= shift
        assert min(st[0] for st in c.steps) >= 0, (key, s)
        # strictly increasing times within one case
        for a, b in zip(c.steps, c.steps[1:]):
            if b[0] <= a[0]:
                b[0] = a[0] + 1
        assert max(st[0] for st in c.steps) <= LAST + 60, (key, s)
        cases.append(c)

    # Creation order decides the case numbers: renumber keys by creation time.
    cases.sort(key=lambda c: c.steps[0][0])
    rows = []
    for key, c in enumerate(cases, 1):
        c.key = key
        for seq, st in enumerate(c.steps):
            rows.append((st[0], key, seq, st))
    rows.sort()
    with open(os.path.join(HERE, "cases.tsv"), "w", encoding="utf-8") as f:
        f.write("# sedesk demo case plan, generated by gen-demo-data.py; see that file for the columns.\n")
        for t, key, seq, st in rows:
            wd, minute = to_wd_min(min(t, LAST))
            fields = [str(key), str(wd), str(minute)] + st[1:]
            for x in fields:
                assert "\t" not in x and "\n" not in x and x != "", fields
            f.write("\t".join(fields) + "\n")

    summary = {}
    for c in cases:
        summary[c.scenario] = summary.get(c.scenario, 0) + 1
    print("enterprises:", len(enterprises), "cases:", len(cases), "steps:", len(rows))
    print("scenarios:", summary)
    print("cases per enterprise:", sorted(counts.values()))


main()


# ---------------------------------------------------------------------------
# Expected counts (what the plan should produce under the contract's rules);
# make-demo compares them with what the program reports.
# ---------------------------------------------------------------------------
def expected():
    status, routes = {}, {}
    for line in open(os.path.join(HERE, "cases.tsv"), encoding="utf-8"):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        key, verb, args = f[0], f[4], f[5:]
        r = routes.setdefault(key, {})

        def implied():
            # as the contract: withdrawn routes do not count; answered or
            # declined routes count as worked on
            live = [s for s in r.values() if s != "withdrawn"]
            if not live:
                return "new"
            if all(s in ("answered", "declined") for s in live):
                return "answered"
            if any(s != "pending" for s in live):
                return "in_progress"
            return "routed"
        if verb == "new":
            status[key] = "new"
        elif verb == "route":
            for d in args[0].split():
                assert r.get(d) not in ("pending", "picked_up"), (key, d)
                r[d] = "pending"
            status[key] = implied()
        elif verb == "pickup":
            assert r[args[0]] == "pending"
            r[args[0]] = "picked_up"
            status[key] = implied()
        elif verb in ("answer", "decline"):
            assert r[args[0]] in ("pending", "picked_up")
            r[args[0]] = "answered" if verb == "answer" else "declined"
            status[key] = implied()
        elif verb == "wait":
            status[key] = "waiting"
        elif verb == "reopen":
            status[key] = implied()
        elif verb == "close":
            for d, s in r.items():
                if s in ("pending", "picked_up"):
                    r[d] = "withdrawn"
            status[key] = "closed"
    cs, rs = {}, {}
    for s in status.values():
        cs[s] = cs.get(s, 0) + 1
    for r in routes.values():
        for s in r.values():
            rs[s] = rs.get(s, 0) + 1
    with open(os.path.join(HERE, "expected-counts"), "w") as f:
        f.write("# generated by gen-demo-data.py: counts the case plan should give\n")
        for s in ("new", "routed", "in_progress", "answered", "waiting", "closed"):
            f.write("case %s %d\n" % (s, cs.get(s, 0)))
        for s in ("pending", "picked_up", "answered", "declined", "withdrawn"):
            f.write("route %s %d\n" % (s, rs.get(s, 0)))
    print("expected:", cs, rs)


expected()
