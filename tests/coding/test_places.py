"""Place mentions → ACLED location columns, on sentences written for these tests (uses the cached gazetteer)."""

import pytest

from sitrep.coding.places import article_countries, find_places, resolve_place


def one(text: str, country_hint: str | None = None, kind: str | None = None):
    places = [p for p in find_places(text, country_hint) if kind is None or p.kind == kind]
    assert len(places) == 1, places
    return places[0]


def test_near_a_town_is_precision_2_in_the_right_admin1():
    text = "Ukrainian troops advanced near Sudzha in Russia's Kursk region on Thursday, officials said."
    sudzha = find_places(text)[0]
    assert (sudzha.location, sudzha.admin1, sudzha.country, sudzha.iso, sudzha.iso3, sudzha.region) == (
        "Sudzha", "Kursk", "Russia", 643, "RUS", "Europe")
    assert (sudzha.geo_precision, sudzha.kind, sudzha.cue) == (2, "populated place", "near")
    assert sudzha.latitude == pytest.approx(51.19, abs=0.02) and sudzha.longitude == pytest.approx(35.27, abs=0.02)
    assert text[sudzha.start:sudzha.end] == "Sudzha" == sudzha.text


def test_a_named_region_is_the_admin1_unit_coded_to_its_capital():
    kursk = one("Fighting continued in the Kursk region.")
    assert (kursk.kind, kursk.admin1, kursk.country, kursk.geo_precision) == ("admin1", "Kursk", "Russia", 3)
    assert kursk.location == "Kursk"
    assert kursk.latitude == pytest.approx(51.73, abs=0.05)


def test_a_ukrainian_town_carries_acled_oblast_naming():
    izium = find_places("Russian missiles struck Izium overnight, the governor said.")[0]
    assert (izium.admin1, izium.country, izium.iso) == ("Kharkiv", "Ukraine", 804)


def test_a_nigerian_state():
    borno = one("Gunmen killed five farmers in Borno State on Monday.")
    assert (borno.kind, borno.admin1, borno.country, borno.geo_precision, borno.location) == (
        "admin1", "Borno", "Nigeria", 3, "Maiduguri")


def test_a_parenthetical_admin2_admin1_places_an_unknown_village():
    text = "Police dispersed a crowd in Nyabirongo trading centre, Nyakabanda sub-county (Kisoro, Western)."
    place = one(text)
    assert (place.country, place.admin1, place.admin2, place.geo_precision) == ("Uganda", "Western", "Kisoro", 2)
    assert place.cue == "paren"
    assert "(" not in place.text


def test_a_parenthetical_confirms_a_known_town():
    place = one("A grenade exploded in Mbarara town (Mbarara, Western).")
    assert (place.location, place.admin1, place.country, place.geo_precision) == ("Mbarara", "Western", "Uganda", 1)


def test_an_ambiguous_name_follows_the_country_hint():
    assert one("A protest took place in San Jose.", "Costa Rica").country == "Costa Rica"
    assert one("A protest took place in San Jose.", "United States").country == "United States"
    assert one("Clashes erupted in Tripoli.", "LB").country == "Lebanon"


def test_an_apposed_admin1_picks_the_town_in_it():
    place = find_places("Residents blocked a road in Santa Ana, Francisco Morazan.")[0]
    assert place.country == "Honduras"


def test_common_words_titles_and_acronyms_are_not_places():
    assert find_places("The President said on Monday that Police and the Army would help. IS claimed it.") == []
    assert [p.text for p in find_places("Mr Kherson spoke to reporters in Mykolaiv.")] == ["Mykolaiv"]


def test_article_countries_rank_names_demonyms_and_places():
    text = "Nigerian troops repelled an attack in Maiduguri. The army said Borno was calm; Chad sent aid."
    assert article_countries(text)[0] == "Nigeria"
    assert "Chad" in article_countries(text)


def test_resolve_place_by_name_country_and_admin1():
    place = resolve_place("Kharkiv", "Ukraine")
    assert (place.location, place.admin1, place.iso) == ("Kharkiv", "Kharkiv", 804)
    assert resolve_place("Sudzha", "RU", "Kursk").admin1 == "Kursk"
    assert resolve_place("Nowhereville Zzz") is None


def test_admin1_short_forms_in_a_parenthetical_pin_the_country():
    (place,) = [p for p in find_places("Traders protested in Hangu city (Hangu, KPK) against taxes.")
                if p.kind != "country"]
    assert (place.country, place.admin1) == ("Pakistan", "Khyber Pakhtunkhwa")


def test_a_province_countryside_is_the_province():
    places = find_places("Unknown gunmen killed a man in Idleb countryside.")
    assert [(p.country, p.admin1, p.kind) for p in places] == [("Syria", "Idleb", "admin1")]


def test_french_admin2_names_lose_their_type_words():
    places = find_places("Soldiers clashed with militants near Sebba (Sebba, Yagha).")
    assert places and (places[0].country, places[0].admin1) == ("Burkina Faso", "Sahel")


# --- ACLED note conventions and harder resolution (round 3) ---------------------------------------------------

def test_coded_to_takes_the_point_acled_names_near_a_district():
    beryslav = one("On 3 May, soldiers shelled Beryslavskyi district, Kherson [coded to Beryslav]. No casualties.")
    assert (beryslav.location, beryslav.admin1, beryslav.country, beryslav.geo_precision) == (
        "Beryslav", "Kherson", "Ukraine", 2)


def test_coded_to_after_a_region_is_precision_3_in_that_region():
    zulia = one("Retirees rallied for pension increases across Zulia state (coded to Maracaibo, Zulia).")
    assert (zulia.country, zulia.admin1, zulia.geo_precision) == ("Venezuela", "Zulia", 3)


def test_coded_as_an_actor_is_no_place():
    places = find_places("Militants (coded as Kashmir Rebels) fired at labourers in Srinagar city (J&K).")
    assert [p.location for p in places if p.kind != "country"] == ["Srinagar"]


def test_a_district_named_after_its_seat_is_precision_2_but_an_indonesian_district_is_the_town():
    harad = one("Air raids hit Haradh district (Hajjah) on Sunday.")
    assert (harad.country, harad.admin1, harad.geo_precision) == ("Yemen", "Hajjah", 2)
    bangkalan = one("Fishermen rallied in Bangkalan district (Bangkalan regency, East Java province) over fuel quotas.")
    assert (bangkalan.country, bangkalan.geo_precision) == ("Indonesia", 1)


def test_the_scene_wins_over_a_country_only_named_in_solidarity():
    cetinje = find_places("Citizens rallied in Cetinje in support of the Ukrainian people, "
                          "carrying flags of Ukraine.")[0]
    assert (cetinje.location, cetinje.country) == ("Cetinje", "Montenegro")


def test_an_acronym_in_brackets_is_no_admin_unit():
    place = one("In Tegucigalpa, Francisco Morazan, staff of the National Autonomous University (UNAH) went on strike.")
    assert (place.location, place.country) == ("Tegucigalpa", "Honduras")


def test_a_bracketed_word_of_a_village_name_is_no_region_abroad():
    places = find_places("Close to Ywa Thit (North) village, Khin-U township (Shwebo district, Sagaing region), a "
                         "resistance unit and troops fought for an hour.")
    assert {p.country for p in places} == {"Myanmar"}
    # The township is coded to its own town (Ye-U lies in Shwebo district) at township precision.
    assert any(p.location in ("Ye-u", "Ye-U", "Shwebo") and p.admin1 == "Sagaing" and p.geo_precision == 2
               for p in places)


def test_acled_city_district_names_ride_on_the_city():
    saltivskyi, kyiv = find_places("Russian forces shelled Kharkiv - Saltivskyi on Monday. "
                                   "In Kyiv - the capital - sirens sounded.")
    assert (saltivskyi.location, saltivskyi.admin1, saltivskyi.geo_precision) == ("Kharkiv - Saltivskyi", "Kharkiv", 1)
    assert saltivskyi.text == "Kharkiv - Saltivskyi"
    assert kyiv.location == "Kyiv"


def test_acled_regional_admin1_units_of_libya_and_hong_kong_in_china():
    tripoli = one("Migrants demonstrated in Tripoli - Tripoli (Tripoli, West) on Monday.")
    assert (tripoli.country, tripoli.admin1, tripoli.location) == ("Libya", "West", "Tripoli - Tripoli")
    hong_kong = one("Workers protested outside a government office in Hong Kong on Friday.")
    assert (hong_kong.country, hong_kong.admin1, hong_kong.iso) == ("China", "Hong Kong", 156)


def test_a_transliteration_variant_is_found_inside_the_named_region():
    salamiyah = one("A roadside bomb hit a minibus on the outskirts of As-Salamiyeh in Hama province on Tuesday.")
    assert (salamiyah.location, salamiyah.admin1, salamiyah.country, salamiyah.geo_precision) == (
        "As Salamīyah", "Hama", "Syria", 2)


def test_a_transliteration_variant_never_lands_abroad():
    places = find_places("Activists protested in Malmi, Helsinki against tree felling.")
    assert {p.country for p in places} == {"Finland"}


def test_a_bare_region_name_in_brackets_goes_to_the_most_populous_such_unit_when_nothing_else_tells():
    place = one("Villagers protested in Foobarwatta (Foobarwatta, Western) over fuel.")
    # The village is named "in" it, only its point is unknown here: ACLED locates it (precision 1), under its name.
    assert (place.country, place.admin1, place.geo_precision, place.location) == (
        "Sri Lanka", "Western", 1, "Foobarwatta")


def test_a_village_unknown_in_the_named_admin1_is_coded_to_that_admin1_under_its_own_name():
    # Sobolivka towns exist in other oblasts (cities500), and a village of that name in Kharkiv oblast (the
    # village tier): the apposed admin1 picks that village, not a namesake.
    place = one("Russian artillery struck farm buildings in Sobolivka, Kharkiv, overnight.")
    assert (place.kind, place.admin1, place.country, place.location) == (
        "populated place", "Kharkiv", "Ukraine", "Sobolivka")
    assert place.geo_precision == 1 and abs(place.longitude - 37.56) < 0.1
    made_up = one("Russian forces shelled Verkhnotestivka, Luhansk.")
    assert (made_up.admin1, made_up.location) == ("Luhansk", "Verkhnotestivka")


def test_a_list_of_towns_is_not_read_as_town_and_admin1():
    places = find_places("Pensioners held rallies in Paphos, Limassol, Larnaca, Nicosia to demand higher allowances.")
    assert [p.location for p in places] == ["Paphos", "Limassol", "Larnaca", "Nicosia"]


def test_an_unknown_village_before_a_parenthetical_keeps_its_name():
    place = one("Soldiers detained four farmers in Testywa village, Okpho township (Thayarwady district, "
                "Bago-West region), on Friday.")
    assert (place.location, place.admin1, place.country) == ("Testywa", "Bago-West", "Myanmar")
    assert place.cue == "paren"


def test_a_coded_as_place_the_gazetteer_lacks_is_its_admin1():
    place = one("Two rebels surrendered in Testwada district (coded as Testwada, Chhattisgarh).")
    assert (place.kind, place.admin1, place.country, place.location) == (
        "admin1", "Chhattisgarh", "India", "Testwada")


def test_actors_give_the_country_when_no_place_is_named():
    place = one("The OSCE SMM recorded 12 explosions near a village on Tuesday.")
    assert (place.kind, place.country, place.geo_precision) == ("country", "Ukraine", 3)
    assert find_places("The IMF said its board approved a new loan on Tuesday.") == []


def test_a_city_named_by_its_other_name_beats_a_country_protested_about():
    place = one("A few dozen students demonstrated in Den Haag against the war in Ukraine.",
                kind="populated place")
    assert (place.location, place.country) == ("The Hague", "Netherlands")
    bialystok = find_places("Activists rallied in Bialystok against the regime in Minsk.")[0]
    assert bialystok.country == "Poland"


def test_saint_abbreviated_with_a_dot_is_one_name():
    place = one("Hundreds gathered in St. Petersburg on Sunday.")
    assert (place.location, place.country) == ("Saint Petersburg", "Russia")


def test_a_country_in_brackets_is_the_country_of_the_town_before_it():
    place = one("Around 500 people held a rally in Montreal (Canada) on Thursday.", kind="populated place")
    assert place.country == "Canada"


def test_a_transliterated_name_is_not_sought_in_the_country_of_the_actors_only():
    places = find_places("Turkish warplanes struck PKK positions in Qzemco area in Amadiya district of Duhok.")
    assert places and all(p.country == "Iraq" for p in places if p.kind != "country")


def test_admin_spellings_may_differ_at_the_end_only():
    from sitrep.coding.places import same_admin

    assert same_admin("sagain", "sagaing") and same_admin("zaporizhia", "zaporizhzhia")
    assert not same_admin("lakshmipur", "lakshadweep")


def test_a_nepal_district_is_its_current_admin2_and_province():
    # GeoNames keeps Nepal's old zones; the district table puts a district HQ town in its district and province.
    birgunj = one("Traders shut their shops in Birgunj city (Parsa district) over a new tax.")
    assert (birgunj.country, birgunj.admin1, birgunj.admin2) == ("Nepal", "Madhesh", "Parsa")
    # A village the gazetteer lacks is coded to its district's HQ, at the precision its wording gives.
    village = one("Farmers blocked a road in Sukhipur village (Siraha district) demanding fertiliser.")
    assert (village.country, village.admin1, village.admin2, village.geo_precision) == ("Nepal", "Madhesh", "Siraha", 1)
    near = one("Farmers blocked a road near Sukhipur village (Siraha district) demanding fertiliser.")
    assert (near.admin2, near.location, near.geo_precision) == ("Siraha", "Sukhipur", 2)


def test_a_district_named_like_a_province_abroad_follows_the_text():
    place = one("Supporters of the CPN blocked the highway near Ilam bazaar (Ilam district) on Sunday.")
    assert place.country == "Nepal"


def test_admin1_units_acled_divides_differently():
    assert one("Teachers marched in Taichung on Friday.").admin1 == "Taichung City"
    assert one("Fishermen protested in Valletta (South Eastern) on Monday.").admin1 == "South Eastern"
    assert one("Nurses rallied in Galway on Tuesday.").admin1 == "Galway City"
    assert one("Students protested in Islamabad city (FCT) on Monday.").country == "Pakistan"


def test_a_mixed_case_acronym_in_brackets_is_no_place():
    places = find_places("The Malian Armed Forces (FAMa) said they killed two militants near Douentza "
                         "(Douentza, Mopti).")
    assert {p.country for p in places} == {"Mali"}


def test_an_admin2_spelt_without_its_apostrophe_still_pairs_with_its_admin1():
    place = one("A landmine exploded near Al Mahasir (Khabb wa Ash Shaaf, Al Jawf), injuring a herder.")
    assert place.country == "Yemen"


def test_an_exact_town_name_is_no_loosely_spelt_admin1_abroad():
    place = one("Labour unions held a press conference at the city hall (Changwon) on Monday.")
    assert place.country == "South Korea"


def test_a_world_city_named_outright_beats_the_country_of_the_demonstrators():
    text = "Several hundred pro-Russia activists marched in Berlin on Saturday, waving Russian flags."
    towns = [p for p in find_places(text) if p.kind == "populated place"]
    assert [(p.location, p.country) for p in towns] == [("Berlin", "Germany")]
    text = "Exiles from Ukraine and their friends rallied in Paris against the war in Ukraine."
    paris = [p for p in find_places(text) if p.kind == "populated place"]
    assert [(p.location, p.country) for p in paris] == [("Paris", "France")]


def test_the_name_of_a_square_or_school_is_no_place_when_a_town_is_named():
    text = "Teachers picketed outside Trafalgar Square station and then Westminster Bridge in London on Monday."
    assert {p.country for p in find_places(text)} == {"United Kingdom"}
    text = "Pupils blocked the entrance of Carnot middle school in Grasse over class closures."
    assert [(p.location, p.country) for p in find_places(text)] == [("Grasse", "France")]


def test_a_facility_name_alone_still_places_the_event():
    # With no other place named, the name before "university" is the only clue and is kept.
    assert [p.country for p in find_places("Students occupied Mosul University on Friday.")] == ["Iraq"]


def test_a_neighbourhood_named_before_its_city_is_not_a_place_of_its_own():
    text = "A trader was shot dead in the Hada market area of Jalalabad city, Nangarhar, on Sunday."
    assert [(p.location, p.country) for p in find_places(text)] == [("Jalālābād", "Afghanistan")]


def test_a_spelling_of_the_admin1_in_apposition_still_locates_the_village():
    # "Crimea" is the gazetteer's "Autonomous Republic of Crimea"; the loose spelling finds the town inside it.
    text = "Activists were held after a picket in Bakhchysarai, Crimea, on Tuesday."
    town = one(text)
    assert (town.location, town.country, town.kind) == ("Bakhchysaray", "Ukraine", "populated place")


def test_a_foreign_village_namesake_gives_way_to_the_country_the_text_locates():
    # "Cruz Grande" is known only in Mexico here; the parenthetical chain puts the text in El Salvador.
    text = "On Sunday, outside Cruz Grande, Izalco, Sonsonate, soldiers exchanged fire with gang members."
    assert {p.country for p in find_places(text)} == {"El Salvador"}


def test_a_note_after_a_semicolon_does_not_spoil_the_units_before_it():
    text = "Militiamen raided three hamlets (Djugu, Ituri; exact spot not known) at dawn."
    place = one(text)
    assert (place.location, place.admin1, place.country) == ("Djugu", "Ituri", "Democratic Republic of Congo")


def test_a_coded_point_with_the_unit_it_lies_in():
    text = "Herders and farmers fought near two hamlets (coded to Geneina locality in West Darfur state)."
    place = one(text)
    assert (place.location, place.admin1, place.country) == ("Al-Junaynah", "West Darfur", "Sudan")


def test_a_party_youth_wing_names_the_country_when_no_place_is_known():
    text = "Members of the Imbonerakure beat a teacher in Zzyzxville on Monday."
    assert [p.country for p in find_places(text)] == ["Burundi"]


def test_a_unit_named_in_full_after_a_village_locates_it_even_when_its_short_name_is_a_city():
    # "Taichung City" is the admin1 unit; "Taichung" alone is also the city, which must not stop the apposition.
    text = "Farmers blocked a lane in Dajia, Taichung City over a landfill plan."
    assert {p.country for p in find_places(text)} == {"Taiwan"}


def test_an_alternate_spelling_in_brackets_is_no_hamlet_abroad():
    # "(Edin)" matches only another country's hamlet by an alternate name; the text is about Iraq.
    text = "Drones hit a ridge by Edine (Edin), a hamlet of Amadiya district in Duhok."
    assert {p.country for p in find_places(text)} == {"Iraq"}


def test_a_parenthetical_belongs_to_the_name_right_before_it():
    # The plant's town is named first, but "(Ontario)" follows Toronto: the scene is Toronto.
    text = "Staff of the Sarnia refinery marched in Toronto (Ontario) on Friday."
    places = {p.location: p for p in find_places(text)}
    assert places["Toronto"].cue == "in"
    assert places["Sarnia"].cue == ""


def test_a_list_running_into_a_parenthetical_shares_it():
    text = "Herders clashed in Tureta, Bakura and Talata Mafara (Zamfara) overnight."
    cues = {p.location: p.cue for p in find_places(text) if p.kind == "populated place"}
    assert cues.get("Bakura") == "paren"


def test_a_town_with_its_own_parenthetical_is_not_an_admin1_standing_in_for_a_village():
    text = "Pilgrims walked from the chapel of Saint Anne in Bari (Bari, Puglia) on Sunday."
    assert [(p.location, p.country) for p in find_places(text) if p.kind != "country"] == [("Bari", "Italy")]


def test_a_quoted_claim_of_place_is_not_the_scene():
    text = "Rebels shelled army posts in Baqim (Baqim, Sadah) 'in Jizan', a channel claimed."
    cues = {p.text: p.cue for p in find_places(text)}
    assert cues.get("Jizan") == ""


def test_nigerias_niger_state_in_brackets_despite_a_militia_named_after_it():
    text = "A Niger militia ambushed vigilantes at a market in Kuchi village (Niger) at night."
    assert "Nigeria" in {p.country for p in find_places(text) if p.kind != "country"}


def test_a_possessive_shop_name_is_no_place_when_a_town_is_named():
    text = "Couriers picketed outside McDonald's in Leeds over pay."
    assert [(p.location, p.country) for p in find_places(text)] == [("Leeds", "United Kingdom")]


def test_the_village_of_a_town_is_the_town_itself_and_between_two_towns_is_near_them():
    # "the village of X" names X (precision 1); "between X and Y" is coded to one of them, near it (2).
    village = one("Gunmen stormed the village of Kouroumari (Segou, Segou) at dawn.")
    assert (village.location, village.geo_precision) == ("Kouroumari", 1)
    between = find_places("Herders fought farmers between Markala and Segou on Tuesday.")[0]
    assert (between.location, between.geo_precision) == ("Markala", 2)


def test_an_unknown_town_in_a_province_countryside_keeps_its_name():
    town = one("Artillery hit Kafrabulfeda town in Hama countryside overnight.")
    assert (town.location, town.admin1, town.country, town.geo_precision) == ("Kafrabulfeda", "Hama", "Syria", 1)
    near = one("Snipers fired near Kafrabulfeda town in Hama countryside.")
    assert (near.location, near.geo_precision) == ("Kafrabulfeda", 2)


def test_a_city_district_in_brackets_after_a_site_is_the_location():
    place = one("Dock workers rallied outside the harbour authority office (Busan - Suyeong) over pay.")
    assert (place.location, place.country, place.geo_precision) == ("Busan - Suyeong", "South Korea", 1)
    with_city = one("Nurses picketed in front of the labour ministry office (Seoul City - Mapo).")
    assert (with_city.location, with_city.country) == ("Seoul City - Mapo", "South Korea")


def test_a_remark_in_brackets_is_no_admin_unit():
    # "(Kurdish name)" must not be read as an admin1 unit such as Iran's Kurdistan province.
    places = find_places("Drones struck a PKK hideout in the Zap valley (Kurdish name) of Duhok province.")
    assert {p.country for p in places} == {"Iraq"}


def test_a_name_running_on_with_de_is_not_its_first_word():
    # "Ejido" alone is a town in Venezuela; "Ejido de Vergel" is a longer name in Mexico.
    places = find_places("Gunmen abducted a farmer in Ejido de Vergel, Chihuahua, late on Sunday.")
    assert [p.country for p in places] == ["Mexico"]


def test_a_town_apposed_to_a_unit_of_another_country_sits_in_that_unit():
    # Guanyin's gazetteer namesakes are in China; Taoyuan City is a Taiwanese unit, so the place is Taiwan's.
    places = find_places("Fishermen rallied at the harbour in Guanyin, Taoyuan City over a planned gas terminal.")
    assert places and all(p.country == "Taiwan" for p in places)
    assert places[0].location == "Guanyin" and places[0].admin1 == "Taoyuan City"


def test_a_city_matched_by_a_nickname_abroad_gives_way_to_the_located_scene():
    # "Quilla" is one of Barranquilla's other names; the scene is fixed in Peru by its admin parenthetical.
    places = find_places("Lorry drivers blocked the road at Huayhuay (Junin) and again at the Quilla toll booth.")
    assert {p.country for p in places} == {"Peru"}


def test_a_long_official_admin1_name_in_brackets_is_read_whole():
    # The unit's official name is long and holds a type word ("Region"); split here only to keep lines short.
    places = find_places("Voters rallied for calm in Marawi (Lanao del Sur, Bangsamoro "
                         "Autonomous Region in Muslim Mindanao) before the vote.")
    assert places and {p.country for p in places} == {"Philippines"}


def test_a_burmese_region_spelt_without_the_y_is_still_that_region():
    places = find_places("Soldiers torched houses in Kawlin town (Kawlin township, Saging region) on Monday.")
    assert places[0].country == "Myanmar" and places[0].admin1 == "Sagaing"


def test_a_big_city_by_its_own_name_beats_a_hamlet_that_an_other_name_matches():
    # Ukraine is named twice, but Kaluga is a Russian city; the Ukrainian hamlet only has "Kaluga" as a variant.
    places = find_places("Activists picketed in Kaluga in support of the war in Ukraine and against a ban on "
                         "their party in Ukraine.")
    assert places[0].location == "Kaluga" and places[0].country == "Russia"


def test_the_outlet_breaks_a_tie_between_two_countries():
    text = "Gunmen shot at a car near Almaly district, not far from central Almaty."
    assert find_places(text, prior_country="Kazakhstan")[0].country == "Kazakhstan"


def test_an_unknown_village_before_an_oblast_name_is_coded_to_the_oblast_under_its_own_name():
    places = find_places("Sappers cleared mines left in Zhovtopillia village, Kyiv, after the retreat.")
    assert [(p.location, p.admin1, p.kind) for p in places] == [("Zhovtopillia", "Kyiv", "admin1")]


def test_acled_spells_these_admin1_units_its_own_way():
    assert find_places("Farmers rallied in Ostrava on Friday.")[0].admin1 == "Moravian-Silesian"
    assert find_places("Tenants protested in Murino (Plav) on Sunday.")[0].admin1 == "Plav"


def test_an_arabic_province_named_without_its_article_is_still_the_province():
    places = find_places("A roadside bomb hit a patrol on a highway in Muthanna province.")
    assert [(p.admin1, p.kind) for p in places] == [("Al Muthanna", "admin1")]


def test_a_named_boundary_line_is_not_the_town_of_that_name():
    places = find_places("Taliban fighters tore down a fence that Pakistan had put up along the Durand line "
                         "near Spin Boldak.")
    assert "United States" not in {p.country for p in places}
    assert [p.country for p in places if p.kind != "country"] == ["Afghanistan"]


def test_common_words_that_are_small_towns_are_not_places():
    places = find_places("Farmers of the Confederation of Peasant Workers of Ecuador marched in Quito.")
    assert [p.country for p in places if p.kind != "country"] == ["Ecuador"]
    assert find_places("Hundreds joined a 'Freedom Walk' in Tartu against the measures.")[0].country == "Estonia"
    assert not [p for p in find_places("Fans chanted 'Die, traitor!' outside the court.") if p.country == "France"]


def test_a_small_town_abroad_matched_by_an_other_name_gives_way_to_the_named_city():
    places = find_places("Residents protested in the Dur al Khair area of Basrah city over power cuts.")
    assert [p.country for p in places] == ["Iraq"]


def test_lebanese_districts_locate_the_town_before_them():
    tripoli = one("Depositors held a sit-in in front of a bank in Tripoli (Tripoli) on Monday.")
    assert (tripoli.country, tripoli.admin1, tripoli.admin2) == ("Lebanon", "North", "Tripoli")
    jdeideh = one("Gunmen fired at a car in Jdeideh (El Metn) overnight.")
    assert (jdeideh.country, jdeideh.admin1) == ("Lebanon", "Mount Lebanon")


def test_cameroon_departments_locate_the_town_before_them():
    place = one("Separatist fighters burnt a school in Kumbo (Bui, Nord-Ouest) on Tuesday.")
    assert (place.country, place.admin1, place.admin2) == ("Cameroon", "Nord-Ouest", "Bui")


def test_a_possessive_inside_a_place_name_is_part_of_it():
    place = one("A vigil was held outside the courthouse in St. John's on Friday.", kind="populated place")
    assert (place.location, place.country) == ("St. John's", "Canada")


def test_an_unknown_village_before_a_jamaican_parish_is_coded_to_the_parish():
    place = one("On Sunday, in Lumsdenvale, Saint Ann, gunmen shot and killed a shopkeeper.")
    assert (place.country, place.admin1, place.location) == ("Jamaica", "Saint Ann", "Lumsdenvale")


def test_a_unit_named_in_full_is_not_loosely_another_countrys_unit():
    place = one("In San Juan, San Juan-Laventille, two men were shot dead on Saturday.")
    assert (place.country, place.admin1) == ("Trinidad and Tobago", "San Juan-Laventille")


def test_a_town_repeated_as_its_municipality_is_not_a_namesake_of_a_longer_unit():
    places = find_places("In Bridgetown, Bridgetown, nurses marched to parliament on Tuesday.")
    assert {p.country for p in places} == {"Barbados"}


def test_read_places_gives_the_places_and_the_countries_in_one_pass():
    from sitrep.coding.places import read_places
    text = "Protesters marched in Kharkiv and Lviv on Sunday."
    reading = read_places(text, None)
    assert [p.location for p in reading.places] == [p.location for p in find_places(text)]
    assert reading.countries == article_countries(text) and reading.countries[0] == "Ukraine"


def test_place_words_and_territories_come_from_their_file():
    from sitrep.coding.places.tables import place_words
    words = place_words()
    assert "al" in words.connectors and "president" in words.titles and "St" in words.abbreviated
    assert words.territories["HK"] == ("CN", "Hong Kong")
    hong_kong = find_places("Protesters marched in Hong Kong on Sunday.")
    assert hong_kong and hong_kong[0].country == "China"


def test_the_flat_distance_scales_longitude_by_the_latitude():
    from sitrep.coding.places.geometry import squared_degrees
    assert squared_degrees(0.0, 0.0, 1.0, 0.0) == pytest.approx(1.0)
    assert squared_degrees(60.0, 0.0, 60.0, 1.0) == pytest.approx(0.25)
