/*
 * Word lists and templates for the generator.  See text.h.
 *
 * The names, streets and questions follow the demo data (share/demo/) and
 * the practice notes of municipalities: kringwinkels, maatwerkbedrijven,
 * LDE initiatives, social cooperatives asking about permits, subsidies,
 * reserved contracts, employment of target-group workers, space, networks.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "places.h"
#include "text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) ((a)[bl_below((r), N(a))])

/* --- enterprises ------------------------------------------------------------------- */

static const char *const kinds[] = {
	"Kringwinkel", "Fietsatelier", "Buurtrestaurant", "Maatwerkbedrijf", "Sociale Kruidenier",
	"Drukkerij", "Schoonmaakcoöperatie", "Naaiatelier", "Strijkwinkel", "Tuinploeg",
	"Koffiebranderij", "Atelier", "Wasserette", "Wijkonderneming", "Bakkerij", "Thuishulp",
	"Computerhulp", "Spelotheek", "Ontmoetingscafé", "Buurtwerkplaats", "Energiecoöperatie",
	"Poetsdienst", "Imkerij", "Tolkendienst", "Conceptstore", "Logistiek Depot",
	"Fietskoeriers", "Moestuin", "Zorgboerderij", "Kledingbank", "Brasserie", "Bouwatelier",
	"Kunstatelier", "Crèche", "Zeepziederij", "Café", "Brouwerij", "Repair Café",
	"Leerwerkbedrijf", "Herstelatelier", "Buurtsuper", "Sociaal Restaurant", "Textielatelier",
	"Houtatelier", "Meubelmakerij", "Verhuisdienst", "Groendienst", "Klusjesdienst",
	"Wijkkeuken", "Fietspunt",
};

static const char *const adjectives[] = {
	"Groene", "Gouden", "Blauwe", "Rode", "Witte", "Kleine", "Grote", "Nieuwe", "Oude",
	"Vrolijke", "Warme", "Zonnige", "Sterke", "Stille", "Open", "Eerlijke", "Lokale",
	"Slimme", "Zachte", "Wijze",
};

static const char *const nouns[] = {
	"Draad", "Brug", "Schakel", "Hand", "Hoek", "Poort", "Tafel", "Kring", "Boom", "Wilg",
	"Linde", "Eik", "Zon", "Maan", "Ster", "Molen", "Hoeve", "Haven", "Toren", "Vonk", "Bij",
	"Mier", "Vink", "Mus", "Uil", "Reiger", "Tuin", "Akker", "Oogst", "Bron", "Beek", "Dijk",
	"Weide", "Kapel", "Markt", "Plein", "Werf", "Loods", "Stek", "Steen", "Spil", "Vlam",
	"Lamp", "Fiets", "Kar", "Pot", "Kom", "Lepel", "Naald", "Knoop",
};

static const char *const plain_names[] = {
	"De Zonnebloem", "Het Ateljee", "'t Hoekske", "De Plooi", "Den Akker", "Kansrijk",
	"Zéro Afval", "De Witte Was", "Brood & Co", "Zorgzaam", "Digidak", "De Vlijt",
	"De Knikker", "'t Schuurke", "'t Pleintje", "Zonnedak", "Glans", "De Stadsbij", "Ambacht",
	"Spaak", "De Zaaier", "Hof ter Wilgen", "De Kapstok", "Het Gouden Hart", "Steen op Steen",
	"Émile", "Kleine Stapjes", "Schuim", "De Ketting", "Œuvre Commune", "Groene Vingers",
	"Proper", "Stiksel", "De Smaak", "Zonder Grenzen", "De Kleine Wereld", "Brugse Poort",
	"Oost", "Noord", "Rabot", "Ledeberg", "Sint-Amandsberg", "De Sleutel", "Coöperatie Samen",
};

static const char *const legal_forms[] = {
	"vzw", "vzw", "vzw", "vzw", "cv", "cv", "bv", "feitelijke vereniging", "stichting",
};

static const char *const street_first[] = {
	"Kerk", "Molen", "Stations", "Dorp", "School", "Kapel", "Beek", "Linde", "Berg", "Hoog",
	"Nieuw", "Kouter", "Konings", "Lange", "Korte", "Brug", "Veld", "Hof", "Kasteel", "Bos",
	"Meir", "Vaart", "Sluis", "Ham", "Bleek", "Vlas", "Markt", "Abdij", "Begijnhof",
	"Ridder", "Vesten", "Spoorweg", "Zand", "Heide", "Klooster", "Lei", "Poort", "Gasthuis",
	"Oever", "Steen",
};

static const char *const street_last[] = {
	"straat", "laan", "weg", "steenweg", "plein", "dreef", "baan", "kaai", "vest", "markt",
};

static const char *const first_names[] = {
	"Jan", "Mieke", "Pieter", "An", "Koen", "Sofie", "Tom", "Lien", "Wim", "Els", "Bart",
	"Katrien", "Dirk", "Nathalie", "Geert", "Liesbeth", "Stijn", "Inge", "Joris", "Hanne",
	"Youssef", "Fatma", "Mohamed", "Aylin", "Kevin", "Jolien", "Ruben", "Charlotte", "Lucas",
	"Emma", "Arne", "Marie", "Jens", "Lotte", "Wout", "Nele", "Senne", "Febe", "Brecht", "Ine",
};

static const char *const last_names[] = {
	"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
	"Wouters", "De Smet", "Dubois", "Hermans", "Aerts", "Lambrechts", "Van den Broeck",
	"Verstraeten", "De Clercq", "Vermeulen", "Desmet", "Van Damme", "Pauwels", "Michiels",
	"Smets", "Cools", "Stevens", "Verhoeven", "Martens", "Baert", "Claeys", "Van Acker",
	"Vandenberghe", "Coppens", "Segers", "El Idrissi", "Yilmaz", "Özdemir", "Bogaerts",
	"Wuyts", "Dewaele", "Verbeke", "Lemmens", "Vervoort", "De Backer", "Huysmans", "Geerts",
	"Van Hoof", "Thys", "Callens", "Vanhoutte", "D'Hondt",
};

static const char *const tag_words[] = {
	"horeca", "inclusie", "lokale-diensteneconomie", "werkervaring", "groen", "circulair",
	"sociale-coöperatie", "maatwerk", "maatwerkbedrijf", "kringloop", "fietsherstel",
	"mobiliteit", "vrijwilligers", "buurtwerk", "armoede", "voedselhulp", "welzijn", "drukwerk",
	"schoonmaak", "diversiteit", "kinderopvang", "textiel", "nieuwkomers", "dienstencheques",
	"opleiding", "voeding", "thuishulp", "ouderen", "digitale-inclusie", "industrie",
	"logistiek", "korte-keten", "duurzaam", "kinderen", "psychische-kwetsbaarheid", "energie",
	"natuur", "biodiversiteit", "taal", "ambacht", "landbouw", "zorgboerderij", "bouw",
	"kunst", "jongeren", "upcycling", "fairtrade",
};

static const char *const offers[] = {
	"catering", "broodjeslunch", "vergaderruimte", "groenonderhoud", "manuele onkruidbestrijding",
	"aanleg moestuinen", "streekbier", "geschenkpakketten", "tweedehandsgoederen",
	"ophaling aan huis", "woningontruiming", "verhuisdienst", "verpakking", "assemblage",
	"mailings", "fietsherstel", "fietsverhuur", "bemande fietsenstalling", "herstelmomenten",
	"workshops", "maaltijden", "voedselpakketten", "drukwerk", "grafisch ontwerp", "ruitenwas",
	"kantoorschoonmaak", "kinderopvang", "naaiwerk", "kledingherstel", "strijkdienst",
	"snoeiwerken", "onderhoud begraafplaatsen", "koffie", "upcycling", "wasserij",
	"linnenverhuur", "klusjesdienst", "kleine herstellingen", "brood", "gebak",
	"aanvullende thuishulp", "boodschappendienst", "gereviseerde laptops", "computerlessen",
	"logistiek", "speelgoeduitleen", "schilderwerken", "zonnepanelen", "energiescans", "honing",
	"vertaling", "sociaal tolken", "relatiegeschenken", "fietskoerier", "groentepakketten",
	"renovatie", "isolatie", "decorbouw", "zeep", "aangepast vervoer", "textielinzameling",
};

static const char *const ent_notes[] = {
	"Leerwerkplekken voor langdurig werkzoekenden.",
	"Erkend als sociale coöperatie; medewerkers uit de doelgroep.",
	"Kleine ploeg maatwerkmedewerkers; zoekt afzet bij de stad.",
	"Erkend maatwerkbedrijf met meerdere vestigingen in de regio.",
	"LDE-initiatief; werkt ook voor het Sociaal Huis.",
	"Feitelijke vereniging van vrijwilligers.",
	"Werkt samen met het Sociaal Huis voor doorverwijzingen.",
	"Opleidingsatelier voor nieuwkomers en jongeren zonder diploma.",
	"Bewoners als vennoten; zoekt opdrachten in de eigen wijk.",
	"Levert aan scholen en woonzorgcentra.",
	"Interesse in voorbehouden opdrachten van de stad.",
	"Nam deel aan de kennismakingsdag sociale economie.",
};

static void
cat(char *out, size_t n, const char *fmt, ...)
{
	size_t l = strlen(out);
	va_list ap;

	if (l + 1 >= n)
		return;
	va_start(ap, fmt);
	vsnprintf(out + l, n - l, fmt, ap);
	va_end(ap);
}

void
tx_kbo(char out[13], unsigned long serial)
{
	/* 0 + second digit 4..8 + six digits: the ranges the KBO has handed out. */
	unsigned long base = 4000000UL + serial % 5000000UL;
	unsigned check = 97 - (unsigned)(base % 97);

	snprintf(out, 13, "0%07lu%02u", base, check);
}

static void
slug(char *out, size_t n, const char *name)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p && o + 1 < n; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			out[o++] = (char)*p;
		else if (*p >= 'A' && *p <= 'Z')
			out[o++] = (char)(*p - 'A' + 'a');
		else if (*p < 0x80 && o > 0 && out[o - 1] != '-')
			out[o++] = '-';
	}
	while (o > 0 && out[o - 1] == '-')
		o--;
	out[o] = '\0';
}

void
tx_enterprise(struct tx_enterprise *e, size_t i, uint64_t seed, size_t kbo_base)
{
	struct bl_rng r;
	const struct place *pl;
	const char *form;
	char s[128];
	size_t nt, no;

	bl_seed(&r, seed * 1000003ULL + i * 7919ULL + 17);
	memset(e, 0, sizeof *e);
	pl = &places[bl_zipf(&r, NPLACES, 0.6)];
	if (bl_below(&r, 3) == 0)
		snprintf(e->name, sizeof e->name, "%s %s", PICK(&r, kinds), PICK(&r, plain_names));
	else
		snprintf(e->name, sizeof e->name, "%s De %s %s", PICK(&r, kinds),
		    PICK(&r, adjectives), PICK(&r, nouns));
	/* Chains and regional branches carry their town. */
	if (bl_below(&r, 2) == 0)
		cat(e->name, sizeof e->name, " %s", pl->city);
	form = PICK(&r, legal_forms);
	snprintf(e->legal_form, sizeof e->legal_form, "%s", form);
	if (strcmp(form, "feitelijke vereniging") == 0) {
		e->number[0] = '\0';
	} else if (strcmp(form, "stichting") == 0) {
		/* Dutch, cross-border: a KvK number (8 digits, no check). */
		snprintf(e->number, sizeof e->number, "%08lu",
		    10000000UL + (unsigned long)((kbo_base + i) * 104729UL % 89999999UL));
	} else {
		char d[13];
		/* 7919 is prime to 5,000,000: distinct serials for distinct i. */
		tx_kbo(d, (unsigned long)((kbo_base + i) * 7919UL));
		switch (bl_below(&r, 4)) {
		case 0:
			snprintf(e->number, sizeof e->number, "%s", d);
			break;
		case 1:
			snprintf(e->number, sizeof e->number, "BE %s", d);
			break;
		default:
			snprintf(e->number, sizeof e->number, "%.4s.%.3s.%.3s", d, d + 4, d + 7);
		}
	}
	slug(s, sizeof s, e->name);
	snprintf(e->email, sizeof e->email, "info@%s.example", s);
	snprintf(e->phone, sizeof e->phone, "0%lu %02lu %02lu %02lu", 2 + bl_below(&r, 8),
	    10 + bl_below(&r, 89), bl_below(&r, 100), bl_below(&r, 100));
	snprintf(e->street, sizeof e->street, "%s%s %zu", PICK(&r, street_first),
	    PICK(&r, street_last), 1 + bl_below(&r, 240));
	snprintf(e->postcode, sizeof e->postcode, "%s", pl->postcode);
	snprintf(e->city, sizeof e->city, "%s", pl->city);
	nt = 2 + bl_below(&r, 3);
	for (size_t k = 0; k < nt; k++)
		cat(e->tags, sizeof e->tags, "%s%s", k ? "," : "", PICK(&r, tag_words));
	no = 1 + bl_below(&r, 3);
	for (size_t k = 0; k < no; k++)
		cat(e->offers, sizeof e->offers, "%s%s", k ? "," : "", PICK(&r, offers));
	{
		const char *fn = PICK(&r, first_names), *ln = PICK(&r, last_names);
		char a[40], b[60];
		slug(a, sizeof a, fn);
		slug(b, sizeof b, ln);
		snprintf(e->contacts, sizeof e->contacts, "%s %s (coördinator), %s.%s@%s.example", fn,
		    ln, a, b, s);
	}
	snprintf(e->notes, sizeof e->notes, "%s", PICK(&r, ent_notes));
}

/* --- questions ----------------------------------------------------------------------- */

/*
 * Topic words: compounds drawn with a Zipf skew, so a few are everywhere
 * and many are rare (as in real enquiries).  1,200 of them.
 */
static const char *const topic_left[] = {
	"fiets", "zonne", "groen", "water", "kringloop", "buurt", "school", "zorg", "energie",
	"textiel", "hout", "voedsel", "koffie", "bouw", "wijk", "jeugd", "senioren", "stads",
	"speel", "werk", "leer", "kunst", "muziek", "sport", "dieren", "tuin", "bos", "akker",
	"afval", "papier", "glas", "metaal", "kleding", "meubel", "computer", "taal", "cultuur",
	"opvang", "vervoer", "markt",
};
static const char *const topic_right[] = {
	"project", "atelier", "werking", "plan", "dag", "premie", "budget", "contract", "ploeg",
	"punt", "winkel", "loket", "route", "week", "festival", "beurs", "actie", "herstel",
	"dienst", "traject", "netwerk", "campagne", "fonds", "huis", "centrum", "kar", "pas",
	"bank", "cheque", "label",
};

static void
topic(char *out, size_t n, struct bl_rng *r)
{
	size_t k = bl_zipf(r, N(topic_left) * N(topic_right), 1.07);
	/* A fixed shuffle of the ranks, so that the frequent words are not all "fiets…". */
	size_t m = (k * 761) % (N(topic_left) * N(topic_right));

	snprintf(out, n, "%s%s", topic_left[m / N(topic_right)], topic_right[m % N(topic_right)]);
}

struct question {
	const char	*category;
	const char	*depts[3];
	const char	*subjects[3];
	const char	*desc;	/* {n} name, {t} topic, {o} offer, {c} city */
};

static const struct question questions[] = {
	{ "permit", { "omg", "eco" }, { "Vraag naar terrasvergunning",
	    "Terras in de zomer: welke vergunning?", "Vergunning voor verkooppunt op de markt" },
	  "{n} wil vanaf het voorjaar een terras van ongeveer 20 m² plaatsen in {c}. "
	  "Ze vragen welke vergunning nodig is, wat de retributie kost en of het {t} daar "
	  "invloed op heeft." },
	{ "permit", { "omg" }, { "Omgevingsvergunning voor verbouwing atelier",
	    "Verbouwing werkplaats: vergunning nodig?", "Melding of vergunning voor nieuwe werkplaats" },
	  "{n} wil het atelier verbouwen tot werkplaats met toonzaal voor {o}. "
	  "Is een omgevingsvergunning nodig, en kan iemand meekijken naar de toegankelijkheid "
	  "voor rolstoelgebruikers?" },
	{ "permit", { "omg", "com" }, { "Evenementenvergunning voor repair-dag",
	    "Herstelmarkt op het plein organiseren", "Standplaats voor het {t}" },
	  "{n} organiseert in het voorjaar een herstelmarkt op het plein in {c}, met een "
	  "tiental standen en een koffiebar. Ze vragen welke vergunning nodig is en of de stad "
	  "het {t} mee wil aankondigen." },
	{ "funding", { "werk", "fin" }, { "Subsidie voor opleiding doelgroepmedewerkers",
	    "Opleidingskosten voor medewerkers uit de doelgroep", "Premie voor begeleiding op de werkvloer" },
	  "{n} wil vijf doelgroepmedewerkers een opleiding heftruck en VCA laten volgen. "
	  "Ze vragen of de gemeente dit mee financiert via het {t} en hoe dit zich verhoudt "
	  "tot de VDAB-opleidingscheques." },
	{ "funding", { "eco", "fin" }, { "Vraag naar startsubsidie sociale onderneming",
	    "Steun bij de opstart van een sociale onderneming", "Startpremie voor nieuwe activiteit" },
	  "{n} start een nieuwe activiteit rond {o} en vraagt welke startsteun de gemeente "
	  "geeft aan sociale ondernemingen. Ze hebben een ondernemingsplan, een raming van de "
	  "eerste drie jaar en denken aan een {t}." },
	{ "funding", { "eco", "werk", "fin" }, { "Projectoproep lokale sociale economie",
	    "Vraag over de projectoproep sociale economie", "Feedback op projectvoorstel" },
	  "{n} wil indienen voor de projectoproep lokale sociale economie maar twijfelt of een "
	  "{t} rond {o} past binnen de prioriteiten. Kan iemand het projectvoorstel vooraf "
	  "lezen?" },
	{ "procurement", { "aank", "omg" }, { "Interesse in voorbehouden opdracht groenonderhoud",
	    "Voorbehouden opdracht onderhoud begraafplaatsen", "Perceel voor maatwerkbedrijven" },
	  "{n} heeft gelezen dat de gemeente het groenonderhoud opnieuw aanbesteedt. Ze vragen "
	  "of er een voorbehouden perceel komt voor maatwerkbedrijven en of het {t} daarin "
	  "past." },
	{ "procurement", { "aank" }, { "Hoe komen we op de leverancierslijst?",
	    "Catering voor stadsevenementen aanbieden", "Kleine opdrachten rechtstreeks gegund?" },
	  "{n} wil {o} aanbieden aan de stad. Hoe kom je op de lijst van leveranciers, en "
	  "worden kleine opdrachten rechtstreeks gegund? Ze verwijzen naar het {t} van vorig "
	  "jaar." },
	{ "procurement", { "aank", "eco" }, { "Sociale clausule in bestek",
	    "SROI-verplichting bij raamcontract", "Onderaanneming via sociale clausule" },
	  "Een aannemer vroeg {n} om als onderaannemer mee te werken aan een raamcontract met "
	  "een sociale clausule. Ze vragen hoe de gemeente de SROI telt en of {o} daarvoor in "
	  "aanmerking komt." },
	{ "employment", { "werk", "wel" }, { "Doelgroepwerknemers via wijk-werken",
	    "Stageplaatsen voor leerlingen", "Begeleiding van nieuwe medewerkers" },
	  "{n} zoekt drie wijk-werkers voor {o} en vraagt hoe de begeleiding verloopt. "
	  "Ze willen ook weten of het {t} van het Sociaal Huis hen kan helpen met de selectie." },
	{ "employment", { "werk" }, { "Vacatures voor maatwerkmedewerkers",
	    "Jobbeurs voor sociale economie", "Activering via tijdelijke werkervaring" },
	  "{n} heeft vacatures voor maatwerkmedewerkers in {c} en vraagt of de gemeente die "
	  "mee kan verspreiden op de jobbeurs en via het {t}." },
	{ "space", { "omg", "eco" }, { "Op zoek naar een leegstaand pand",
	    "Huur van gemeentelijke werkplaats", "Opslagruimte voor ingezamelde goederen" },
	  "{n} zoekt een pand van 300 tot 500 m² in {c} voor {o}. Heeft de gemeente "
	  "leegstaande panden, en kan een tijdelijke bezetting via het {t}?" },
	{ "info", { "eco" }, { "Wie is het aanspreekpunt voor sociale ondernemers?",
	    "Algemene vraag over ondersteuning", "Informatie over het register" },
	  "{n} vraagt wie in de gemeente het aanspreekpunt is voor sociale ondernemingen en "
	  "welke ondersteuning er bestaat voor {o}. Ze hoorden over het {t}." },
	{ "network", { "eco", "com" }, { "Deelname aan kennismakingsdag",
	    "Pitch op het netwerkevent", "Samenwerking met andere sociale ondernemingen" },
	  "{n} wil graag pitchen op de volgende kennismakingsdag en zoekt partners voor een "
	  "{t} in {c}. Kunnen we hen in contact brengen met andere sociale ondernemingen?" },
	{ "recognition", { "werk", "eco" }, { "Attest voor verlenging erkenning",
	    "Erkenning als lokale diensteneconomie", "Bewijs van samenwerking met de gemeente" },
	  "{n} heeft voor de verlenging van de erkenning een attest nodig dat de gemeente met "
	  "hen samenwerkt rond {o} en het {t}." },
	{ "welfare", { "wel" }, { "Doorverwijzing van klanten via het Sociaal Huis",
	    "Sociale tarieven voor kwetsbare gezinnen", "Samenwerking rond schuldhulp" },
	  "{n} wil klanten van het Sociaal Huis korting geven op {o} en vraagt hoe de "
	  "doorverwijzing werkt en of het {t} de korting mee draagt." },
	{ "welfare", { "wel", "werk", "fin" }, { "Kinderopvang voor medewerkers in opleiding",
	    "Vervoer van medewerkers naar de werkplek", "Zorgvragen bij doelgroepmedewerkers" },
	  "Verschillende medewerkers van {n} vallen uit door problemen met kinderopvang en "
	  "vervoer. Ze vragen of de gemeente via het {t} iets kan doen." },
	{ "promotion", { "com" }, { "Vermelding in het stadsmagazine",
	    "Promotie van het aanbod op de website", "Persbericht over de opening" },
	  "{n} opent een nieuwe winkel in {c} en vraagt of de stad de opening mee "
	  "bekendmaakt in het stadsmagazine en op de website, samen met het {t}." },
};

static const char *const extra_sentences[] = {
	"De vraag kwam binnen via het onthaal en werd telefonisch aangevuld.",
	"Ze willen graag een antwoord voor het einde van de maand.",
	"Er is al eerder contact geweest met de dienst, maar zonder gevolg.",
	"De coördinator is bereikbaar in de voormiddag.",
	"Ze sturen de nodige documenten na per e-mail.",
	"Het bestuur beslist er volgende week over.",
	"De vraag hangt samen met de uitbreiding van de werking naar %s.",
	"Graag ook aandacht voor de toegankelijkheid van het %s.",
	"Ze hebben hierover ook contact gehad met de buurgemeente.",
	"Het gaat om een kleine investering, maar de timing is krap.",
};

/* Copies tpl to out with {n} {t} {o} {c} replaced by name, topic, offer, city. */
static void
fill(char *out, size_t n, const char *tpl, const char *name, const char *top,
    const char *offer, const char *city)
{
	size_t o = 0;

	for (const char *p = tpl; *p && o + 1 < n; p++) {
		const char *v = NULL;
		if (p[0] == '{' && p[1] != '\0' && p[2] == '}') {
			switch (p[1]) {
			case 'n': v = name; break;
			case 't': v = top; break;
			case 'o': v = offer; break;
			case 'c': v = city; break;
			}
		}
		if (v == NULL) {
			out[o++] = *p;
			continue;
		}
		for (; *v && o + 1 < n; v++)
			out[o++] = *v;
		p += 2;
	}
	out[o] = '\0';
}

void
tx_case(struct tx_case *c, struct bl_rng *r, const char *ent_name, const char *city)
{
	const struct question *q = &questions[bl_below(r, N(questions))];
	char t1[64], t2[64];
	size_t nd = 0, extra;

	memset(c, 0, sizeof *c);
	topic(t1, sizeof t1, r);
	c->category = bl_below(r, 10) == 0 ? NULL : q->category;
	fill(c->subject, sizeof c->subject, q->subjects[bl_below(r, 3)], ent_name, t1, "", city);
	fill(c->description, sizeof c->description, q->desc, ent_name, t1, PICK(r, offers), city);
	extra = bl_below(r, 3);
	for (size_t i = 0; i < extra; i++) {
		topic(t2, sizeof t2, r);
		cat(c->description, sizeof c->description, " ");
		cat(c->description, sizeof c->description, PICK(r, extra_sentences), t2);
	}
	while (nd < 3 && q->depts[nd] != NULL)
		nd++;
	/* Sometimes the contact point routes to fewer, or adds one the question touches. */
	c->ndepts = 1 + bl_below(r, nd);
	for (size_t i = 0; i < c->ndepts; i++)
		c->depts[i] = q->depts[i];
	if (c->ndepts < 3 && bl_below(r, 6) == 0) {
		const char *more = bl_depts[bl_below(r, BL_NDEPTS)];
		bool have = false;
		for (size_t i = 0; i < c->ndepts; i++)
			have |= strcmp(c->depts[i], more) == 0;
		if (!have)
			c->depts[c->ndepts++] = more;
	}
}

void
tx_route_note(char *out, size_t n, struct bl_rng *r, const char *dept)
{
	static const char *const t[] = {
		"Graag jullie advies tegen volgende week.",
		"Kunnen jullie nagaan wat er mogelijk is?",
		"Dringend: de onderneming heeft al twee keer gebeld.",
		"Zie de beschrijving; contactgegevens staan bij de onderneming.",
		"Afstemmen met %s over de timing.",
	};
	char t1[64];

	topic(t1, sizeof t1, r);
	snprintf(out, n, PICK(r, t), t1);
	(void)dept;
}

void
tx_answer(char *out, size_t n, struct bl_rng *r, const char *dept, const char *ent_name)
{
	static const char *const t[] = {
		"Aanvraag via het e-loket; doorlooptijd 30 dagen. De retributie bedraagt 18 euro per m².",
		"Dit past binnen het reglement lokale economie; %s kan een premie aanvragen tot 5.000 euro.",
		"Het %s staat open voor sociale ondernemingen; de oproep sluit eind juni.",
		"We nemen %s op in de leverancierslijst; kleine opdrachten onder 30.000 euro gunnen we rechtstreeks.",
		"Een melding volstaat; de adviseur komt ter plaatse op de afgesproken datum.",
		"De trajectbegeleider van VDAB neemt contact op met %s.",
		"We zetten het in de UiT-agenda en in het stadsmagazine.",
		"Er is een pand vrij via het %s; bezoek mogelijk na afspraak.",
	};
	char t1[64];
	const char *fmt = PICK(r, t);

	topic(t1, sizeof t1, r);
	if (strstr(fmt, "Het %s") != NULL || strstr(fmt, "via het %s") != NULL)
		snprintf(out, n, fmt, t1);
	else
		snprintf(out, n, fmt, ent_name);
	(void)dept;
}

void
tx_decline(char *out, size_t n, struct bl_rng *r, const char *dept)
{
	static const char *const t[] = {
		"Niet voor onze dienst; dit hoort bij %s.",
		"Valt buiten ons reglement; geen bevoegdheid.",
		"Dubbel met een eerdere vraag; zie het vorige dossier.",
		"Eerst het ondernemingsplan nodig; %s neemt het op.",
	};
	const char *other = bl_depts[bl_below(r, BL_NDEPTS)];

	snprintf(out, n, PICK(r, t), strcmp(other, dept) ? other : "eco");
}

void
tx_note(char *out, size_t n, struct bl_rng *r, const char *ent_name)
{
	static const char *const t[] = {
		"Telefoon van %s %s: vraagt naar de stand van zaken.",
		"Mail van %s %s met bijkomende documenten (plan en offerte).",
		"Afspraak met %s %s op het stadhuis; vraag toegelicht.",
		"%s %s meldt dat de timing verschuift naar het najaar.",
		"Bezoek ter plaatse met %s %s; foto's in de bijlage.",
	};
	char t1[64];

	topic(t1, sizeof t1, r);
	snprintf(out, n, PICK(r, t), PICK(r, first_names), PICK(r, last_names));
	cat(out, n, " Onderwerp: %s van %s.", t1, ent_name);
}

void
tx_resolution(char *out, size_t n, struct bl_rng *r)
{
	static const char *const t[] = {
		"Antwoord bezorgd per e-mail; aanvraag ingediend.",
		"Info gegeven; de onderneming dient zelf in via het e-loket.",
		"Doorverwezen naar de juiste dienst; afspraak gemaakt.",
		"Vraag beantwoord tijdens het bezoek.",
		"Premie toegekend; afrekening volgt na de facturen.",
		"Geen verdere actie nodig; de onderneming zag af van de vraag.",
	};
	snprintf(out, n, "%s", PICK(r, t));
}
