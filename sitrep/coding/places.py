"""Place mentions in text → gazetteer places with ACLED's location columns and geo_precision.

How a mention is found: capitalised n-grams (joined by spaces, with "de", "al", "of" … allowed inside) looked up
in the gazetteer's name index; words in resources/place_stoplist.txt and names after a person's title are
skipped. How it is resolved: candidates are scored by population, by whether the name is the place's own name
or only an alternate one, by the article's countries, and — strongest — by an ACLED-style parenthetical
"(Admin2, Admin1)" or "(Admin1)" after the mention. Precision follows the wording around the mention:
"near X" / "outskirts of X" → 2, "X region/province/oblast/state" → the admin1 unit coded to its largest city, 3,
a plain town → 1.

The parts live in their own modules; this one is the public face that the coder and the tests import from:
  place_tables.py            tables read once (stoplist, country names and cues, admin units by name, largest
                             cities) and the name keys _key, _admin_key, _same_admin
  place_record.py            the Place record, and making one from a gazetteer entry or a country
  place_scoring.py           weighing a candidate (population, own name, parenthetical fit); shared thresholds
  place_mentions.py          scanning the text for name mentions, loose/transliteration matches, the wording around
  place_parentheticals.py    parentheticals and appositions: "(Admin2, Admin1)", "coded to …", "X, a town in Y"
  place_country_evidence.py  country weights from the text, incl. the outlet prior
  place_resolution.py        resolving a mention to one entry; orphan units and unknown villages
  place_finder.py            the pass over an article: find_places, article_countries, resolve_place
"""

from __future__ import annotations

from sitrep.coding.place_finder import article_countries, find_places, resolve_place
from sitrep.coding.place_record import Place
from sitrep.coding.place_tables import _same_admin

__all__ = ["Place", "_same_admin", "article_countries", "find_places", "resolve_place"]
