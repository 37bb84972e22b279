"""The shared composer canonicaliser, table-driven (reference mirubato-api §7.9)."""

from __future__ import annotations

import pytest

from scores.composers import canonical_composer, strip_catalogue_numbers

JS_BACH = "Johann Sebastian Bach"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("J.S. Bach", JS_BACH),
        ("Bach", JS_BACH),
        ("Bach, J.S.", JS_BACH),
        ("js bach", JS_BACH),
        ("J. S. Bach", JS_BACH),
        ("BACH", JS_BACH),
        ("Bach BWV 846", JS_BACH),
        ("J. S. Bach (BWV 772)", JS_BACH),
        ("Johann Bach", JS_BACH),
        ("C.P.E. Bach", "Carl Philipp Emanuel Bach"),
        ("Mozart, W.A.", "Wolfgang Amadeus Mozart"),
        ("W. A. Mozart K. 545", "Wolfgang Amadeus Mozart"),
        ("Beethoven, Ludwig van", "Ludwig van Beethoven"),
        ("L. van Beethoven", "Ludwig van Beethoven"),
        ("beethoven WoO 59", "Ludwig van Beethoven"),
        ("Chopin Op. 28 No. 4", "Frédéric Chopin"),
        ("F. Chopin", "Frédéric Chopin"),
        ("Fryderyk Chopin", "Frédéric Chopin"),
        ("Liszt S. 541", "Franz Liszt"),
        ("Haydn Hob. XVI:35", "Joseph Haydn"),
        ("Scarlatti", "Domenico Scarlatti"),
        ("D. Scarlatti", "Domenico Scarlatti"),
        ("Handel", "George Frideric Handel"),
        ("Händel", "George Frideric Handel"),
        ("Schumann", "Robert Schumann"),
        ("Clara Schumann", "Clara Schumann"),
        ("Mendelssohn Bartholdy", "Felix Mendelssohn"),
        ("Tschaikowsky", "Pyotr Ilyich Tchaikovsky"),
        ("Rachmaninov", "Sergei Rachmaninoff"),
        ("Burgmuller", "Friedrich Burgmüller"),
        ("Saint Saens", "Camille Saint-Saëns"),
        ("Debussy", "Claude Debussy"),
        ("erik satie", "Erik Satie"),
        ("Ravel", "Maurice Ravel"),
        ("Grieg", "Edvard Grieg"),
        ("Czerny Op. 599", "Carl Czerny"),
        ("Clementi", "Muzio Clementi"),
        ("Albeniz", "Isaac Albéniz"),
        ("granados", "Enrique Granados"),
        ("Sor, Fernando", "Fernando Sor"),
        ("Giuliani", "Mauro Giuliani"),
        ("Carcassi Op. 60", "Matteo Carcassi"),
        ("Tarrega", "Francisco Tárrega"),
        ("Barrios Mangoré", "Agustín Barrios"),
        ("Agustin Barrios Mangore", "Agustín Barrios"),
        ("Villa Lobos", "Heitor Villa-Lobos"),
        ("villa-lobos", "Heitor Villa-Lobos"),
        ("Anonymous arr. Eythor Thorlaksson", "Anonymous"),
        ("Anon.", "Anonymous"),
        ("Traditional", "Traditional"),
    ],
)
def test_known_composers_are_mapped_to_their_canonical_name(raw, expected):
    assert canonical_composer(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("jane doe", "Jane Doe"),
        ("JANE DOE", "Jane Doe"),
        ("ludwig van someone", "Ludwig van Someone"),
        ("maria de la o", "Maria de la O"),
        ("de la cruz", "De la Cruz"),
        ("jean-marie leclair", "Jean-Marie Leclair"),
        ("Jane Bach", "Jane Bach"),  # a surname alone never overrides a different given name
        ("Ian McDowall", "Ian McDowall"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_unknown_names_are_title_cased_with_lowercase_particles(raw, expected):
    assert canonical_composer(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Prelude in C major, BWV 846", "Prelude in C major"),
        ("Nocturne Op. 9 No. 2", "Nocturne"),
        ("Sonata K. 545", "Sonata"),
        ("Sonata KV 331", "Sonata"),
        ("Chopin (Op. 28, No. 4)", "Chopin"),
        ("Für Elise WoO 59", "Für Elise"),
        ("Minuet BWV Anh. 114", "Minuet"),
        ("Sonata Hob. XVI:35", "Sonata"),
        ("Sonata L. 23", "Sonata"),
        ("Sonata RV 10", "Sonata"),
        ("Suite HWV 430", "Suite"),
        ("Impromptu D. 899", "Impromptu"),
        ("Liebestraum S. 541", "Liebestraum"),
        ("D. Scarlatti", "D. Scarlatti"),
    ],
)
def test_catalogue_numbers_are_stripped(raw, expected):
    assert strip_catalogue_numbers(raw) == expected
