"""Text cues and country conventions that decide who did what to whom in an event (used by actor_roles)."""

from __future__ import annotations

import re


# An active verb of defence: its subject held off an attack, so the side it names after it (or the other side of the
# fight) began the fighting — ACLED puts the initiator first ("Y repelled an attack by X", "Y thwarted and clashed
# with X", "Y repulsed X's offensive"). Passive forms ("X were repelled", "repelled by Y") already name X first.
REPEL_ACTIVE = re.compile(r"\b(?:repell?(?:ed|ing)?|repuls(?:e|ed|ing)|foil(?:ed|ing)?|thwart(?:ed|ing)?|"
                           r"beat(?:ing)?\s+back|beaten\s+back|push(?:ed|ing)?\s+back|fend(?:ed|ing)?\s+off|"
                           r"fought\s+off|ward(?:ed|ing)?\s+off|rebuff(?:ed|ing)?|held\s+off|repel)\b(?!\s+by\b)", re.I)
PASSIVE_AUX_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get)\s+(?:\w+\s+)?$", re.I)


GLUE = re.compile(r"[\s-]{0,2}")
# Country-specific name for the unseen perpetrators of killings (ACLED's Brazil convention).
FACELESS_KILLERS = {"Brazil": ("Unidentified Gang and/or Police Militia", "Political militia")}
# Named groups whose violence is mob violence, and the country whose rioters they are.
MOB_LIKE_NAMED = {"Settlers (Israel)": "Israel"}
VIGILANTE_TARGETS = {"Armed Drug Suspects (Philippines)": "Anti-Drug Vigilantes (Philippines)"}
# Weapons whose user is never the one named after them ("a landmine killed soldiers").
PLANTED_WEAPONS = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})
# Non-violent acts of a state that ACLED gives to its government, and the words that name the government itself.
GOVERNMENT_ACTS = frozenset({"Other", "Change to group/activity"})
GOVERNMENT_WORD = re.compile(r"(?:the\s+)?(?:authorities|government|administration|cabinet|ministry|ministries)", re.I)
# Who laid a device ("planted by", "laid by") and who ran into it ("struck", "stepped on" a mine).
PLANTED_BY = re.compile(r"\b(?:planted|laid|placed|buried|installed|emplaced|left|hidden|set\s+up|rigged)\b[^.;]{0,30}$",
                         re.I)
RAN_INTO = re.compile(r"\b(?:struck|strikes|hit|hits|ran\s+(?:over|into|onto)|drove\s+(?:over|into|onto)|"
                       r"stepped\s+on|triggered|detonated\s+(?:an?\s+)?(?:landmine|mine)|was\s+hit\s+by|"
                       r"were\s+hit\s+by)\b", re.I)
# A victim said to be one of a gang ("The victim was a drug dealer"): ACLED codes the killing as a fight between
# armed groups where organised crime is at war (the Americas).
GANG_VICTIM = re.compile(r"\b(?:victims?|(?:the|a|young)\s+(?:man|men|woman))\b[^.]{0,30}?\b(?:is|was|were|are)\s+"
                          r"(?:(?:allegedly|reportedly|presumably|identified\s+as|recogni[sz]ed\s+as|known\s+as|"
                          r"said\s+to\s+be|believed\s+to\s+be)\s+)*(?:an?\s+|the\s+)?(?:alleged\s+|suspected\s+|"
                          r"known\s+|local\s+)?(?P<what>drug\s+dealers?|drug\s+traffickers?|gang\s+members?|gang\s+leaders?|"
                          r"hitm[ae]n|sicarios?|extortionists?|members?\s+of\s+(?:an?\s+|the\s+)?(?:local\s+)?(?:\w+\s+)?"
                          r"(?:gangs?|cartels?|criminal\s+(?:group|gang|organi[sz]ation)s?|organi[sz]ed\s+crime(?:\s+group)?|"
                          r"armed\s+groups?))\b", re.I)


# Killings with the marks of organised crime; ACLED names their unseen authors "Unidentified Gang" in the
# Americas, and in Brazil a drive-by or execution may as well be the work of a police militia.
GANG_MARKS = re.compile(r"\b(?:drive[- ]?by|tiro\s+de\s+gracia|execution[- ]style|executed|handcuffed|hands\s+tied|"
                         r"dismember\w*|narco\w*|cartels?|gangs?|drug[- ](?:traffick\w*|deal\w*|related|gangs?|"
                         r"cartels?|war)|drug\s+(?:trade|trafficking|dealing|dealer|dealers|market))\b", re.I)
FACELESS_MARKS = re.compile(r"\b(?:drive[- ]?by|execution[- ]style|executed|execution)\b", re.I)
DRUGS = re.compile(r"\b(?:drugs?|narcotics?|cocaine|marijuana|cannabis|heroin|methamphetamine|meth|fentanyl|"
                    r"crack|laborator(?:y|ies)|narco\w*|plantations?\s+of\s+\w+)\b", re.I)
# (Not Colombia and its neighbours: ACLED names their unseen killers armed groups, the country having several.)
GANG_REGIONS = frozenset({"Central America", "Caribbean"})
GANG_COUNTRIES = frozenset({"Mexico", "Brazil", "Ecuador", "Venezuela"})
# Deaths or injuries: only then are civilians the target of a strike rather than the owners of what it hit.
CASUALTY = re.compile(r"\b(?:kill\w*|dead|died|dies|death|deaths|injur\w*|wound\w*|maim\w*|hurt|casualt\w*|"
                       r"lives|bodies)\b", re.I)
NO_CASUALTY = re.compile(r"\b(?:no|without|not\s+any)\s+(?:\w+\s+){0,2}(?:casualt\w*|injur\w*|fatalit\w*|deaths|"
                          r"one\s+(?:was\s+)?(?:hurt|injured|killed|wounded))\b|\bcasualties\s+unknown\b", re.I)
BRAWL = re.compile(r"\b(?:clash\w*|fought|fight\w*|brawl\w*|scuffl\w*|skirmish\w*|beat\w*|assault\w*|"
                    r"attack\w*|stabb\w*|stoned|pelted|hacked|chased|thrash\w*|lynch\w*|whipp\w*|tortur\w*)", re.I)
RIOT_HARM = re.compile(r"\b(?:attack\w*|assault\w*|beat\w*|stabb\w*|stoned|pelt\w*|hurl\w*\s+stones\s+at|"
                        r"burn\w*|torch\w*|set\s+(?:fire|ablaze)|vandali[sz]\w*|damag\w*|injur\w*|lynch\w*|"
                        r"looted|targeted)\b(?:\s+\w+){0,5}\s+$", re.I)
CLASH = re.compile(r"\b(?:clash\w*|fought|fight\w*|brawl\w*|scuffl\w*|skirmish\w*)", re.I)
# Shooting makes people an armed group, whoever they are.
FIREARMS = re.compile(r"\b(?:shot|shoot\w*|gun\w*|firearms?|fired|opened\s+fire|rifles?|pistols?|bullets?)\b", re.I)
PASSIVE = re.compile(r"\b(?:was|were|been|being|got|is|are)\b", re.I)
# An unseen group of people with no weapon that marks an armed group (no firearm, blade, bomb, abduction or killing):
# ACLED's mob violence ("unknown persons beat a journalist", "a group of men assaulted a driver").
FACELESS_GROUP = re.compile(r"\b(?:group\s+of\s+(?:\w+\s+)?(?:people|persons|individuals|men|assailants|attackers)|"
                            r"(?:unidentified|unknown)\s+(?:persons|people|individuals|assailants|attackers)|"
                            r"(?<!\d\s)(?<!two\s)(?<!three\s)(?<!\bthe\s)assailants)\b", re.I)
ARMED_MEANS = re.compile(r"\b(?:armed|gunmen|knife|knives|machetes?|blades?|sharp|daggers?|swords?|axes?|stabb\w*|"
                          r"hack\w*|slash\w*|explosives?|bombs?|grenades?|IEDs?|kill\w*|dead|died|death|murder\w*|"
                          r"abduct\w*|kidnap\w*|ambush\w*|raid\w*|militants?|insurgents?|bandits|gangs?|"
                          r"extort\w*|rob\w*|looted|cult\w*)\b", re.I)
UNARMED_HARM = re.compile(r"\b(?:beat\w*|assault\w*|physical\w*|punch\w*|kick\w*|slapp\w*|thrash\w*|"
                           r"vandali[sz]\w*|ransack\w*|stones?|sticks|rods|lynch\w*|manhandl\w*|"
                           r"(?:attacked|injured|hurt)\b)", re.I)
# A group named only as what its victims were linked to ("arrested for financing the PDF", "relatives of a
# PDF leader") is no party to the event.
MENTIONED_AS_LINK = re.compile(r"\b(?:support(?:ing|ers?|\s+(?:to|for))?|financ\w+|funding|fund|aid(?:ing)?|helping|"
                                r"links?\s+(?:to|with)|linked\s+(?:to|with)|ties\s+(?:to|with)|affiliat\w+\s+(?:to|with)|"
                                r"collaborat\w+\s+with|relatives?\s+of|famil(?:y|ies)\s+(?:members\s+)?of|"
                                r"sympathi[sz]\w+|suspicion\s+of|accused\s+of|informants?\s+(?:for|of)|joining|"
                                r"recruit\w*\s+(?:for|by|into))\s+(?:\w+\s+){0,3}$", re.I)
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|got|is|are)\s+(?:\w+\s+){0,2}$", re.I)
ARMED_SIDES_FOUGHT = re.compile(r"\b(?:between|among)\s+(?:two|three|rival|unknown|unidentified|several)\s+(?:\w+\s+){0,2}"
                                 r"(?:armed\s+groups|gangs|cartels|militias|armed\s+factions|groups\s+of\s+gunmen)\b", re.I)
COUNTER_PROTEST = re.compile(r"\bcounter[- ]?(?:protest|demonstrat|rall|march|picket)\w*", re.I)
# Both sides unnamed and alike: "a shoot-out between unknown gunmen", "rival gangs clashed".
MUTUAL_FIGHT = re.compile(r"\b(?:between|among|amongst)\s+(?:themselves|(?:two|three|several|rival|unidentified|"
                           r"unknown|armed|members\s+of|the\s+two)\b)|\b(?:rival|two|three|several)\s+(?:\w+\s+){0,2}"
                           r"(?:groups|gangs|factions|cartels|militias|clans|bands)\b|\beach\s+other\b|"
                           r"\bone\s+another\b", re.I)


PROPERTY = frozenset({"homes", "houses", "village", "body", "bodies", "corpse", "corpses", "dead body"})


DISPLACED = re.compile(r"\b(?:displac\w*|refugees|evacuat\w*|fled|flee\w*|IDPs)\b", re.I)
MOB_TRIGGER = re.compile(r"\b(?:beat|beaten|beating|lynch|lynched|lynching|stoned|stoning|thrash|thrashed|"
                          r"mob|assault|assaulted|torched|set\s+ablaze|set\s+on\s+fire|burnt|burned|vigilante)",
                          re.I)
