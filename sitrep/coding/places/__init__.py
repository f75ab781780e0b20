"""Place mentions in text → gazetteer places with ACLED's location columns and geo_precision.

How a mention is found: capitalised n-grams (joined by spaces, with "de", "al", "of" … allowed inside) looked up
in the gazetteer's name index; words in resources/place_stoplist.txt and names after a person's title are
skipped. How it is resolved: candidates are scored by population, by whether the name is the place's own name
or only an alternate one, by the article's countries, and — strongest — by an ACLED-style parenthetical
"(Admin2, Admin1)" or "(Admin1)" after the mention. Precision follows the wording around the mention:
"near X" / "outskirts of X" → 2, "X region/province/oblast/state" → the admin1 unit coded to its largest city, 3,
a plain town → 1.

The parts live in their own modules; this package is the public face that the coder and the tests import from:
  gazetteer.py         the Gazetteer record (GeoNames places and units with ACLED admin naming)
  gazetteer_sources.py its sources as named records (GeoNames packages, the admin naming tables)
  gazetteer_build.py   building it, step by step
  gazetteer_cache.py   the cache file and get_gazetteer (built once, loaded lazily)
  names.py             name keys: normalise, loose_key, korean_key, ACLED admin1 spelling
  geometry.py          the one (flat) distance the place coder uses
  outlets.py           the country a news outlet mostly reports on (a weak prior for namesakes)
  tables.py            tables read once (stoplist, place words, country names and cues, admin units by name,
                       largest cities) and the name keys name_key, admin_key, same_admin
  record.py            the Place record, and making one from a gazetteer entry or a country
  scoring.py           weighing a candidate (population, own name, parenthetical fit); shared thresholds
  mentions.py          scanning the text for name mentions, loose/transliteration matches, the wording around
  parentheticals.py    parentheticals and appositions: "(Admin2, Admin1)", "coded to …", "X, a town in Y"
  coded_as.py          ACLED's "(coded as Y)" notes: Y replaces the names of its clause
  country_evidence.py  country weights from the text, incl. the outlet prior
  resolution.py        resolving a mention to one entry; orphan units and unknown villages
  finder.py            the pass over an article (read_places): find_places, article_countries, resolve_place
"""

from __future__ import annotations

from sitrep.coding.places.finder import PlaceReading, article_countries, find_places, read_places, resolve_place
from sitrep.coding.places.outlets import normalise_outlet, outlet_country
from sitrep.coding.places.record import Place
from sitrep.coding.places.tables import same_admin

__all__ = ["Place", "PlaceReading", "article_countries", "find_places", "normalise_outlet", "outlet_country",
           "read_places", "resolve_place", "same_admin"]
