"""ACLED enumerations (../shared/CODEBOOK.md): the taxonomy, disorder types, inter codes."""

EVENT_TAXONOMY: dict[str, list[str]] = {
    "Battles": ["Government regains territory", "Non-state actor overtakes territory", "Armed clash"],
    "Protests": ["Excessive force against protesters", "Protest with intervention", "Peaceful protest"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ],
}

EVENT_TYPES: list[str] = list(EVENT_TAXONOMY)
SUB_EVENT_TYPES: list[str] = [s for subs in EVENT_TAXONOMY.values() for s in subs]
EVENT_TYPE_OF: dict[str, str] = {s: e for e, subs in EVENT_TAXONOMY.items() for s in subs}

# Hierarchy rank: lower wins when several things happen with the same actors, place and day.
EVENT_TYPE_RANK: dict[str, int] = {e: i for i, e in enumerate(
    ["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
     "Strategic developments"])}

DISORDER_TYPES: list[str] = [
    "Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations",
]


def disorder_type_for(event_type: str, sub_event_type: str) -> str:
    """The disorder type ACLED gives an event of this type."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if sub_event_type == "Mob violence":
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


# Inter codes, numbered as ACLED numbers them; written as text.
INTER_CODES: dict[int, str] = {
    1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}
INTER_NUMBER: dict[str, int] = {v: k for k, v in INTER_CODES.items()}


def interaction_for(inter1: str, inter2: str | None) -> str:
    """ACLED's interaction text: lower-numbered type first, or "X only" when there is no actor2."""
    if not inter2:
        return f"{inter1} only"
    a, b = sorted((INTER_NUMBER[inter1], INTER_NUMBER[inter2]))
    if (a, b) == (7, 8):  # ACLED's one exception to "lower number first"
        return "External/Other forces-Civilians"
    return f"{INTER_CODES[a]}-{INTER_CODES[b]}"


INTERACTIONS: list[str] = sorted(
    {f"{v} only" for v in INTER_CODES.values()}
    | {interaction_for(a, b) for a in INTER_CODES.values() for b in INTER_CODES.values()}
)

TIME_PRECISIONS: list[int] = [1, 2, 3]
GEO_PRECISIONS: list[int] = [1, 2, 3]
SOURCE_SCALES: list[str] = [
    "Local partner", "Subnational", "National", "Regional", "International", "New media", "Other",
]
FIGURE_KINDS: list[str] = [
    "killed", "injured", "captured", "detained", "missing", "displaced", "evacuated",
    "civilians present", "abducted", "arrested", "protesters", "other",
]
QUALIFIERS: list[str] = ["at least", "more than", "up to", "about", "fewer than", "nearly"]
