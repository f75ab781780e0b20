"""Place mentions in text → gazetteer places with ACLED's location columns and geo_precision.

How a mention is found: capitalised n-grams (joined by spaces, with "de", "al", "of" … allowed inside) looked up
in the gazetteer's name index; words in resources/place_stoplist.txt and names after a person's title are
skipped. How it is resolved: candidates are scored by population, by whether the name is the place's own name
or only an alternate one, by the article's countries, and — strongest — by an ACLED-style parenthetical
"(Admin2, Admin1)" or "(Admin1)" after the mention. Precision follows the wording around the mention:
"near X" / "outskirts of X" → 2, "X region/province/oblast/state" → the admin1 unit coded to its largest city, 3,
a plain town → 1.

The parts live in their own modules; this package is the public face that the coder and the tests import from:
  gazetteer.py         the GeoNames gazetteer with ACLED admin naming, built once and cached
  outlets.py           the country a news outlet mostly reports on (a weak prior for namesakes)
  tables.py            tables read once (stoplist, country names and cues, admin units by name, largest
                       cities) and the name keys name_key, admin_key, same_admin
  record.py            the Place record, and making one from a gazetteer entry or a country
  scoring.py           weighing a candidate (population, own name, parenthetical fit); shared thresholds
  mentions.py          scanning the text for name mentions, loose/transliteration matches, the wording around
  parentheticals.py    parentheticals and appositions: "(Admin2, Admin1)", "coded to …", "X, a town in Y"
  country_evidence.py  country weights from the text, incl. the outlet prior
  resolution.py        resolving a mention to one entry; orphan units and unknown villages
  finder.py            the pass over an article: find_places, article_countries, resolve_place
"""

from __future__ import annotations

from sitrep.coding.places.finder import article_countries, find_places, resolve_place
from sitrep.coding.places.outlets import normalise_outlet, outlet_country
from sitrep.coding.places.record import Place
from sitrep.coding.places.tables import same_admin

__all__ = ["Place", "article_countries", "find_places", "normalise_outlet", "outlet_country", "resolve_place",
           "same_admin"]
