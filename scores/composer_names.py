"""Composers the canonicaliser knows: (given names, particle, surname, other spellings).

Order matters where surnames are shared: the first composer listed with a surname is the one a
bare surname means ("Bach" is Johann Sebastian, "Scarlatti" is Domenico). `claims_surname=False`
entries are only matched by their full name, given names or initials.
"""

from __future__ import annotations

from typing import NamedTuple


class Known(NamedTuple):
    given: str
    particle: str
    surname: str
    variants: tuple[str, ...] = ()
    claims_surname: bool = True

    @property
    def canonical(self) -> str:
        return " ".join(part for part in (self.given, self.particle, self.surname) if part)


KNOWN: tuple[Known, ...] = (
    # Baroque
    Known("Johann Sebastian", "", "Bach", ("js bach", "bach js", "j s bach", "johann seb bach")),
    Known(
        "Carl Philipp Emanuel", "", "Bach", ("cpe bach", "c p e bach", "carl philip emanuel bach")
    ),
    Known("Johann Christian", "", "Bach", ("jc bach", "j c bach")),
    Known("Wilhelm Friedemann", "", "Bach", ("wf bach", "w f bach")),
    Known("George Frideric", "", "Handel", ("georg friedrich handel", "haendel", "g f handel")),
    Known("Domenico", "", "Scarlatti"),
    Known("Alessandro", "", "Scarlatti"),
    Known("François", "", "Couperin", ("couperin le grand",)),
    Known("Jean-Philippe", "", "Rameau"),
    Known("Henry", "", "Purcell"),
    Known("Antonio", "", "Vivaldi"),
    Known("Georg Philipp", "", "Telemann"),
    Known("Johann", "", "Pachelbel"),
    Known("Christian", "", "Petzold", ("petzold christian", "pezold")),
    Known("Dieterich", "", "Buxtehude", ("dietrich buxtehude",)),
    Known("Girolamo", "", "Frescobaldi"),
    Known("Robert", "de", "Visée", ("robert de visee",)),
    Known("Gaspar", "", "Sanz"),
    Known("Silvius Leopold", "", "Weiss", ("sylvius leopold weiss", "s l weiss")),
    Known("Thomas", "", "Tallis"),
    # Classical
    Known("Joseph", "", "Haydn", ("franz joseph haydn", "franz josef haydn", "josef haydn")),
    Known("Wolfgang Amadeus", "", "Mozart", ("wa mozart", "w a mozart", "wolfgang amadeus mozart")),
    Known("Leopold", "", "Mozart", claims_surname=False),
    Known("Ludwig", "van", "Beethoven", ("l v beethoven", "lv beethoven")),
    Known("Muzio", "", "Clementi"),
    Known("Friedrich", "", "Kuhlau", ("daniel friedrich rudolph kuhlau",)),
    Known("Anton", "", "Diabelli"),
    Known("Jan Ladislav", "", "Dussek", ("johann ladislaus dussek", "dusik")),
    Known("Daniel Gottlob", "", "Türk", ("daniel gottlob turk",)),
    Known("Johann Nepomuk", "", "Hummel"),
    Known("Carl", "", "Czerny", ("karl czerny",)),
    Known("Franz", "", "Schubert", ("franz peter schubert",)),
    Known("Carl Maria", "von", "Weber"),
    Known("John", "", "Field"),
    # Guitar, early nineteenth century
    Known("Fernando", "", "Sor", ("ferran sor", "joseph fernando macari sor", "fernando sors")),
    Known("Mauro", "", "Giuliani", ("mauro giuseppe sergio pantaleo giuliani",)),
    Known("Matteo", "", "Carcassi"),
    Known("Ferdinando", "", "Carulli"),
    Known("Dionisio", "", "Aguado", ("dionisio aguado y garcia",)),
    Known("Napoléon", "", "Coste", ("napoleon coste",)),
    Known("Johann Kaspar", "", "Mertz", ("johann caspar mertz", "j k mertz")),
    Known("Giulio", "", "Regondi"),
    Known("Luigi", "", "Legnani", ("luigi rinaldo legnani",)),
    Known("Francisco", "", "Tárrega", ("francisco tarrega eixea", "francisco tarrega")),
    Known("Miguel", "", "Llobet"),
    Known(
        "Agustín",
        "",
        "Barrios",
        (
            "agustin barrios mangore",
            "barrios mangore",
            "agustin pio barrios",
            "nitsuga mangore",
            "mangore",
        ),
    ),
    Known("Heitor", "", "Villa-Lobos", ("villa lobos", "heitor villa lobos")),
    Known("Manuel", "", "Ponce", ("manuel m ponce", "manuel maria ponce")),
    Known("Emilio", "", "Pujol"),
    Known("Federico", "", "Moreno Torroba", ("moreno torroba", "torroba")),
    Known("Joaquín", "", "Rodrigo", ("joaquin rodrigo",)),
    Known("Antonio", "", "Lauro"),
    Known("Leo", "", "Brouwer"),
    Known("Mario", "", "Castelnuovo-Tedesco"),
    Known("Stephen C.", "", "Doonan", ("stephen c doonan", "stephen doonan")),
    # Romantic and later
    Known(
        "Frédéric",
        "",
        "Chopin",
        ("fryderyk chopin", "frederic francois chopin", "fryderyk franciszek chopin"),
    ),
    Known("Franz", "", "Liszt", ("ferenc liszt",)),
    Known("Robert", "", "Schumann"),
    Known("Clara", "", "Schumann", ("clara wieck", "clara wieck schumann"), claims_surname=False),
    Known(
        "Felix",
        "",
        "Mendelssohn",
        (
            "felix mendelssohn bartholdy",
            "mendelssohn bartholdy",
            "jakob ludwig felix mendelssohn bartholdy",
        ),
    ),
    Known(
        "Fanny",
        "",
        "Mendelssohn",
        ("fanny hensel", "fanny mendelssohn hensel"),
        claims_surname=False,
    ),
    Known("Johannes", "", "Brahms"),
    Known("Edvard", "", "Grieg", ("edvard hagerup grieg",)),
    Known(
        "Pyotr Ilyich",
        "",
        "Tchaikovsky",
        (
            "peter ilyich tchaikovsky",
            "piotr ilitch tchaikovsky",
            "pyotr tchaikovsky",
            "tschaikowsky",
            "tchaikowsky",
            "chaikovsky",
            "tschaikovsky",
            "peter tschaikowsky",
        ),
    ),
    Known(
        "Friedrich",
        "",
        "Burgmüller",
        (
            "burgmuller",
            "burgmueller",
            "johann friedrich franz burgmuller",
            "j f f burgmuller",
            "friedrich burgmueller",
        ),
    ),
    Known("Stephen", "", "Heller"),
    Known("Cornelius", "", "Gurlitt"),
    Known("Jean-Baptiste", "", "Duvernoy"),
    Known("Henri", "", "Bertini"),
    Known("Louis", "", "Köhler", ("louis kohler", "koehler")),
    Known("Charles-Louis", "", "Hanon", ("charles louis hanon",)),
    Known("Franz", "", "Abt"),
    Known(
        "Modest",
        "",
        "Mussorgsky",
        ("mussorgski", "moussorgsky", "musorgsky", "modest petrovich mussorgsky"),
    ),
    Known(
        "Alexander",
        "",
        "Scriabin",
        ("skryabin", "scriabine", "aleksandr scriabin", "alexander skrjabin"),
    ),
    Known(
        "Sergei",
        "",
        "Rachmaninoff",
        (
            "rachmaninov",
            "sergei rachmaninov",
            "serge rachmaninoff",
            "rachmaninow",
            "sergey rachmaninov",
            "sergei vasilievich rachmaninoff",
        ),
    ),
    Known("Isaac", "", "Albéniz", ("isaac albeniz", "isaac manuel francisco albeniz")),
    Known("Enrique", "", "Granados", ("enric granados", "enrique granados y campina")),
    Known("Manuel", "de", "Falla"),
    Known("Joaquín", "", "Turina", ("joaquin turina",)),
    Known("Gabriel", "", "Fauré", ("gabriel faure",)),
    Known("Camille", "", "Saint-Saëns", ("saint saens", "camille saint saens")),
    Known("Claude", "", "Debussy", ("claude achille debussy", "achille claude debussy")),
    Known("Erik", "", "Satie", ("eric satie", "erik alfred leslie satie")),
    Known("Maurice", "", "Ravel", ("joseph maurice ravel",)),
    Known("Scott", "", "Joplin"),
    Known("Antonín", "", "Dvořák", ("antonin dvorak", "anton dvorak")),
    Known("Bedřich", "", "Smetana", ("bedrich smetana", "friedrich smetana")),
    Known("Béla", "", "Bartók", ("bela bartok",)),
    Known("Sergei", "", "Prokofiev", ("prokofieff", "sergey prokofiev", "serge prokofieff")),
    Known("Dmitri", "", "Kabalevsky", ("dmitry kabalevsky",)),
    Known("Edward", "", "MacDowell", ("edward macdowell", "mac dowell")),
    Known("Amy", "", "Beach", ("mrs h h a beach",)),
    Known("Cécile", "", "Chaminade", ("cecile chaminade",)),
    Known("Anatoly", "", "Lyadov", ("liadov", "anatol liadow")),
    Known("Johann", "", "Strauss II", ("johann strauss jr", "johann strauss ii", "strauss ii")),
    Known("Ernesto", "", "Nazareth"),
    Known("Alexander", "", "Gretchaninov", ("grechaninov", "gretchaninoff")),
    Known("Nikolai", "", "Rimsky-Korsakov", ("rimsky korsakov",)),
)
