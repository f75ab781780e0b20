"""Assigning roles to an event's actors (assign_roles): who is actor1 and actor2, their inter codes and associates,
and whether the event is an Armed clash, an Attack or Mob violence by who took part."""

from __future__ import annotations

import re
from datetime import date

from sitrep.coding.actors.finder import find_actors, merge_adjacent
from sitrep.coding.actors.mention import (ARMED_KINDS, EXTERNAL, STATE, UNIDENTIFIED_MILITARY, ActorMention,
                                        inter_for)
from sitrep.coding.actors.phrases import countries_named
from sitrep.coding.actors.role_cues import (
    ARMED_MEANS, ARMED_SIDES_FOUGHT, BRAWL, CASUALTY, CLASH, COUNTER_PROTEST, DISPLACED, DRUGS,
    FACELESS_GROUP, FACELESS_KILLERS, FACELESS_MARKS, FIREARMS, GANG_COUNTRIES, GANG_MARKS, GANG_REGIONS,
    GANG_VICTIM, GOVERNMENT_ACTS, GOVERNMENT_WORD, MENTIONED_AS_LINK, MOB_LIKE_NAMED, MOB_TRIGGER,
    MUTUAL_FIGHT, NO_CASUALTY, PASSIVE, PASSIVE_AUX_BEFORE, PASSIVE_BEFORE, PLANTED_BY, PLANTED_WEAPONS,
    PROPERTY, RAN_INTO, REPEL_ACTIVE, RIOT_HARM, UNARMED_HARM, VIGILANTE_TARGETS,
)
from sitrep.coding.countries import country_by_name
from sitrep.coding.actors.state_forces import air_force_countries, government_name, state_force_name


def _unnamed_opponent(agent: ActorMention, country: str, on: date | None, text: str) -> ActorMention:
    """The other side of a fight that names only one: a state's own forces fight an unidentified group (a gang
    where ACLED names one so); anyone else, or foreign forces, fight the state's military."""
    if agent.kind == "state" and agent.home == country:
        if country in FACELESS_KILLERS:
            return _generic(FACELESS_KILLERS[country][0], FACELESS_KILLERS[country][1], "armed", country)
        if _gang_country(country) and GANG_MARKS.search(text):
            return _generic(f"Unidentified Gang ({country})", "Political militia", "armed", country)
        return _generic(f"Unidentified Armed Group ({country})", "Political militia", "armed", country)
    if agent.kind == "armed" and agent.name.startswith("Unidentified"):
        return agent
    return _generic(state_force_name(country, "military", on), STATE, "state", country)


def _casualties_named(text: str, agent: ActorMention, country: str, on: date | None) -> ActorMention | None:
    """Who was killed or hurt by a strike, from any sentence of its report ("… shelled X. 3 civilians were
    killed."): the other side's forces, else civilians."""
    civ = None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not _has_casualties(sentence):
            continue
        for a in find_actors(sentence, country, on):
            if a.kind in ("state", "named") and a.name != agent.name and (a.kind == "named" or a.home != agent.home):
                return a
            if a.kind == "civilian" and civ is None and sentence[a.start:a.end].lower() not in PROPERTY:
                civ = a
    return civ


def _has_casualties(text: str) -> bool:
    return bool(CASUALTY.search(NO_CASUALTY.sub(" ", text)))


def _is_unidentified(a: ActorMention | None) -> bool:
    return a is None or (a.kind == "armed" and a.name.startswith("Unidentified Armed Group"))


def _gang_country(country: str) -> bool:
    c = country_by_name(country) if country else None
    return country in GANG_COUNTRIES or (c is not None and c.region in GANG_REGIONS)


def _off_duty(text: str, a: ActorMention) -> bool:
    """An off-duty, former or retired member of a force is a civilian victim (cues: event_lexicon [violence])."""
    from sitrep.coding.event_types import LEXICON  # late: event_types is the coder's, loaded after actors
    rx, held = LEXICON.civilian_status, LEXICON.unarmed_victim
    return bool(rx is not None and rx.search(text[max(0, a.start - 30):a.start])) or \
        bool(held is not None and held.search(text[a.start:a.end + 40]))  # "a police officer (assumed off duty)"


def _defends(text: str, agent: ActorMention, acts: list[ActorMention]) -> bool:
    """Whether the agent is the subject of an active verb of defence in its sentence ("its troops foiled an
    offensive launched by Ukraine"): the nearest armed actor before the verb, in the same sentence, is the agent."""
    for m in REPEL_ACTIVE.finditer(text):
        if PASSIVE_AUX_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            continue
        before = [a for a in acts if a.kind in ARMED_KINDS and a.end <= m.start() and not a.by_agent
                  and not re.search(r"[.!?;]\s", text[a.end:m.start()]) and m.start() - a.end <= 120]
        if before:
            return max(before, key=lambda a: a.end).name == agent.name
    return False


def _generic(name: str, inter: str, kind: str, country: str) -> ActorMention:
    return ActorMention(name, inter, 0, 0, kind, country, False)


def assign_roles(sub: str, event_type: str, actors: list[ActorMention], trigger_start: int, trigger_text: str,
                 country: str, on: date | None, descriptors: list[str], text: str,
                 extra: list[ActorMention] | tuple[ActorMention, ...] = ()) -> tuple[str, str, str, str, str, str, str]:
    """(sub_event_type, actor1, inter1, actor2, inter2, assoc1, assoc2) of an event from the actors in its
    sentences (offsets: trigger sentence first). Attacker first; in Violence against civilians the victim is
    actor2; protesters act alone unless someone intervened. extra: actors of sentences that elaborate the
    event, used when its own sentence names no armed actor ("The attackers, ISWAP fighters, …")."""
    acts = merge_adjacent(actors)
    assoc1: list[str] = list(descriptors)
    if not country:  # no place found: the country the text names is still the best guess for the names
        named = countries_named(text)
        country = named[0][0].name if named else ""

    def inter(a: ActorMention | None) -> str:
        return inter_for(a, country) if a else ""

    def first(kinds: set[str] | frozenset[str], pool: list[ActorMention] | None = None) -> ActorMention | None:
        return next((a for a in (acts if pool is None else pool) if a.kind in kinds), None)

    def joined(names: list[str]) -> str:
        return "; ".join(dict.fromkeys(n for n in names if n))

    police = first({"state"})
    parties = [a.name for a in acts if a.kind == "named" and a.inter == "Political militia"]
    if event_type == "Protests":
        a1 = f"Protesters ({country})" if country else "Protesters"
        assoc = joined(assoc1 + parties)
        if sub == "Peaceful protest":
            if COUNTER_PROTEST.search(text):
                return sub, a1, "Protesters", a1, "Protesters", assoc, ""
            return sub, a1, "Protesters", "", "", assoc, ""
        a2 = police or _generic(state_force_name(country, "police", on), STATE, "state", country)
        return sub, a1, "Protesters", a2.name, inter(a2), assoc, ""
    if sub == "Violent demonstration":
        a1 = f"Rioters ({country})"
        if police is None and country:  # the police may come in a later sentence ("Police fired tear gas.")
            police = next((a for a in find_actors(text, country, on) if a.kind == "state"), None)
        a2 = police if police and re.search(r"\bpolice|security\s+forces|officers|soldiers|troops", text, re.I) \
            else None
        if a2 is None:
            # Rioters who turned on people or their homes and cars: those people are the other side.
            hit = next((a for a in acts if a.kind == "civilian" and a.start > trigger_start
                        and RIOT_HARM.search(text[max(0, a.start - 50):a.start])), None)
            if hit is not None:
                return sub, a1, "Rioters", f"Civilians ({country})", "Civilians", joined(assoc1 + parties), ""
        return sub, a1, "Rioters", a2.name if a2 else "", inter(a2), joined(assoc1 + parties), ""
    if sub == "Mob violence" and not any(a.kind == "mob" for a in acts):
        # "villagers were attacked by gunmen": the people named first were the victims of an armed side
        by_armed = [a for a in acts if a.by_agent and a.kind in ARMED_KINDS and a.role != "party"
                    and a.name not in MOB_LIKE_NAMED and a.start > trigger_start]
        if by_armed and PASSIVE.search(trigger_text or ""):
            return assign_roles("Attack", "Violence against civilians", actors, trigger_start, trigger_text, country,
                                on, descriptors, text, extra)
    if sub == "Mob violence":
        settlers = next((a for a in acts if a.name in MOB_LIKE_NAMED and a.start < trigger_start), None)
        if settlers is not None:
            assoc1.append(settlers.name)
        mob_home = next((MOB_LIKE_NAMED[n] for n in assoc1 if n in MOB_LIKE_NAMED), country)
        a1 = f"Rioters ({mob_home})"
        if any(a.kind == "mob" and "vigilant" in text[a.start:a.end].lower() for a in acts):
            assoc1.append(f"Vigilante Group ({country})")
        # Party supporters riot as Rioters with their party as associate (ACLED names no party as a rioter).
        party_by = [a for a in acts if a.role == "party" and a.by_agent]
        rioting = party_by[:1] or [a for a in acts if a.role == "party" and a.start < trigger_start][:1]
        assoc1 += [a.name for a in rioting]
        pool = [a for a in acts if a not in rioting and a.name not in assoc1]
        a1_local = f"Rioters ({country})"  # the other crowd is local (settlers fight Palestinian rioters)
        victim = first({"civilian", "state", "named"}, [a for a in pool if a.start > trigger_start] or pool)
        assoc2 = victim.name if victim is not None and victim.role == "party" else ""
        if victim is not None and victim.role == "party":
            victim = None
        if (victim is None or victim.kind == "civilian") and (CLASH.search(trigger_text or "")
                                                               or MUTUAL_FIGHT.search(text)):
            return sub, a1, "Rioters", a1_local, "Rioters", joined(assoc1), assoc2  # two crowds fought each other
        if victim is None or victim.kind == "civilian":
            return sub, a1, "Rioters", f"Civilians ({country})", "Civilians", joined(assoc1), assoc2
        return sub, a1, "Rioters", victim.name, inter(victim), joined(assoc1), ""

    before = [a for a in acts if a.kind in ARMED_KINDS and a.start < trigger_start and not a.by_agent]
    # "by X" names the agent of a passive act ("were killed by X"), or of one with no subject ("an attack by X");
    # after an active verb with its subject ("PKK attacked Turkish soldiers, … carried out by Turkish forces")
    # it belongs to another clause.
    by = [a for a in acts if a.by_agent and a.kind in ARMED_KINDS
          and (a.start < trigger_start or not before or 0 <= a.start - trigger_start - len(trigger_text) <= 12
               or PASSIVE_BEFORE.search(text[max(0, trigger_start - 40):trigger_start]))]
    if sub in PLANTED_WEAPONS:
        # "an IED planted by JNIM": who planted it set it off, whoever the sentence opens with
        planter = [a for a in acts if a.by_agent and a.kind in ARMED_KINDS and a.start > trigger_start
                   and PLANTED_BY.search(text[max(trigger_start, a.start - 40):a.start])]
        by = planter[:1] or by
        # "a military convoy struck an IED": the subject ran into the device; it did not plant it
        before = [a for a in before if not RAN_INTO.search(text[a.end:trigger_start])]
    agent = by[0] if by else before[0] if before else first(ARMED_KINDS)
    if agent is not None and not by and not before and sub in PLANTED_WEAPONS:
        agent = None  # "an IED killed two soldiers": the soldiers were hit; whoever planted it is unknown
    if agent is None and extra:
        more = merge_adjacent(list(extra))
        agent = first(ARMED_KINDS, more)
        acts = acts + [a for a in more if a is not agent]
    if agent is not None and sub in ("Government regains territory", "Non-state actor overtakes territory"):
        # Who took the ground decides (codebook): a state's own forces regain it, rebels and militias overtake it.
        # The taker is the subject: the first armed actor before the verb, after any reporting verb, that is no
        # object of a preposition ("the army said rebels took over …", "the army clashed with rebels and regained …").
        # A foreign state's forces, or no named taker: the trigger's words decide ("recaptured" vs "seized").
        subjects = [a for a in before if not re.search(r"\b(?:with|against|on|from|at|to|of|by)\s+(?:the\s+)?"
                                                         r"(?:[\w'-]+\s+){0,2}$", text[max(0, a.start - 40):a.start], re.I)]
        said = [m.end() for m in re.finditer(r"\b(?:said|says|told|reported|stated|announced|claimed|according\s+to)\b",
                                             text[:trigger_start], re.I)]
        subjects = [a for a in subjects if a.start >= said[-1]] or subjects if said else subjects
        taker = by[0] if by else subjects[0] if subjects else before[0] if before else agent
        if inter(taker) == STATE:
            sub = "Government regains territory"
        elif taker.kind != "state" and inter(taker) != EXTERNAL:
            sub = "Non-state actor overtakes territory"
    if sub == "Agreement" and agent is None:
        # "Russia and Ukraine exchanged prisoners": the states named are the parties.
        homes = list(dict.fromkeys(c.name for c, _, _ in countries_named(text.split(". ")[0])))
        if homes:
            parties = [_generic(state_force_name(h, "military", on), STATE, "state", h) for h in homes[:2]]
            second_party = parties[1] if len(parties) > 1 else None
            return sub, parties[0].name, inter(parties[0]), second_party.name if second_party else "", \
                inter(second_party), "", ""
    if sub == "Other" and agent is None and DISPLACED.search(text):
        return sub, f"Civilians ({country})", "Civilians", "", "", joined(assoc1), ""
    if agent is not None and agent.name in MOB_LIKE_NAMED and sub in ("Attack", "Armed clash"):
        # Settlers' attacks are mob violence, with the settlers as the rioters' associates.
        return assign_roles("Mob violence", "Riots", [a for a in actors if a.name != agent.name], trigger_start,
                            trigger_text, country, on, descriptors + [agent.name], text, extra)
    if agent is not None and agent.role == "party" and sub in ("Attack", "Armed clash", "Sexual violence"):
        if not FIREARMS.search(text):  # party supporters with sticks and stones: a mob
            return assign_roles("Mob violence", "Riots", actors, trigger_start, trigger_text, country, on,
                                descriptors, text, extra)
        # armed party men: an unidentified armed group, the party its associate
        agent = ActorMention(f"Unidentified Armed Group ({country})", "Political militia", agent.start, agent.end,
                             "armed", country, agent.by_agent, agent.name)
    if agent is not None and sub in GOVERNMENT_ACTS and agent.kind == "state" and agent.home \
            and GOVERNMENT_WORD.fullmatch(text[agent.start:agent.end]):
        # "the authorities declared a state of emergency": the government, not its police
        agent = ActorMention(government_name(agent.home, on), STATE, agent.start, agent.end, "state", agent.home,
                             agent.by_agent)
    if agent is not None and agent.kind in ARMED_KINDS and agent.role != "umbrella":
        # Forces "operating under OPS": ACLED names the operation.
        umbrella = next((a for a in acts if a.role == "umbrella"), None)
        if umbrella is not None:
            agent = umbrella
    if agent is None and sub in ("Attack", "Armed clash", "Sexual violence"):
        mob = first({"mob"})
        crowd_agent = next((a for a in acts if a.kind == "civilian" and (a.by_agent or a.start < trigger_start)),
                           None)
        # People who are not armed groups acting themselves ("villagers beat", "youths of two clans fought"),
        # not people something was done to ("a farmer was shot").
        acting_crowd = crowd_agent is not None and (crowd_agent.by_agent or not PASSIVE.search(
            text[crowd_agent.end:trigger_start])) and (sub == "Armed clash" or BRAWL.search(trigger_text or "")) \
            and not FIREARMS.search(text)
        if mob is not None or acting_crowd or (crowd_agent is not None and MOB_TRIGGER.search(trigger_text or "")):
            return assign_roles("Mob violence", "Riots", actors, trigger_start, trigger_text, country, on,
                                descriptors, text, extra)
    if sub == "Attack" and event_type == "Violence against civilians" and _is_unidentified(agent) \
            and (agent is None or agent.kind == "armed") and FACELESS_GROUP.search(text) \
            and not FIREARMS.search(text) and not ARMED_MEANS.search(text) and UNARMED_HARM.search(text):
        return assign_roles("Mob violence", "Riots", actors, trigger_start, trigger_text, country, on,
                            descriptors, text, extra)
    if _is_unidentified(agent) and country not in FACELESS_KILLERS and _gang_country(country) \
            and sub not in ("Air/drone strike", "Shelling/artillery/missile attack") and GANG_MARKS.search(text):
        agent = ActorMention(f"Unidentified Gang ({country})", "Political militia", agent.start if agent else 0,
                             agent.end if agent else 0, "armed", country, agent.by_agent if agent else False)
    if agent is None:
        if event_type == "Explosions/Remote violence" and sub in ("Air/drone strike",
                                                                  "Shelling/artillery/missile attack"):
            agent = _generic(UNIDENTIFIED_MILITARY, EXTERNAL, "unidentified_military", "")
        elif sub == "Arrests":
            agent = _generic(state_force_name(country, "police", on), STATE, "state", country)
        elif sub in GOVERNMENT_ACTS and country:
            # Curfews, bans, elections, decrees with no armed actor: the government acted (ACLED's "Government of").
            agent = _generic(government_name(country, on), STATE, "state", country)
        elif country in FACELESS_KILLERS and sub == "Attack":
            agent = _generic(*FACELESS_KILLERS[country], "armed", country)
        else:
            agent = _generic(f"Unidentified Armed Group ({country})", "Political militia", "armed", country)
    elif agent.kind == "armed" and agent.name.startswith("Unidentified Armed Group") and sub == "Attack" \
            and country in FACELESS_KILLERS and FACELESS_MARKS.search(text):
        agent = ActorMention(*FACELESS_KILLERS[country], agent.start, agent.end, "armed", country, agent.by_agent)
    if sub == "Air/drone strike" and agent.kind == "state" and agent.home in air_force_countries() \
            and agent.name.startswith("Military Forces of") and agent.name.endswith(")"):
        agent = ActorMention(agent.name + " Air Force", agent.inter, agent.start, agent.end, agent.kind, agent.home,
                             agent.by_agent, agent.assoc)
    others = [a for a in acts if a.start != agent.start and (a.name != agent.name or a.kind == "armed")
              and not (a.kind in ARMED_KINDS and a in acts and MENTIONED_AS_LINK.search(text[max(0, a.start - 45):a.start]))
              # former or off-duty members of a force are civilians
              and not (a.kind == "state" and a in acts and _off_duty(text, a))
              # a state's forces do not arrest or loot their own: "soldiers from the police station", units
              and not (event_type == "Strategic developments" and a.kind == "state" and agent.kind == "state"
                       and a.home == agent.home)]
    # Armed actors named with the agent before the act ("the military and police arrested …") act with it;
    # the other side is named after the act. Only in a battle may both sides come first ("X and Y clashed").
    co_agents = [a for a in others if a.kind in ARMED_KINDS and a.start < trigger_start and
                 agent.start < trigger_start and a in acts and agent in acts]
    if co_agents:
        others = [a for a in others if a not in co_agents] + (co_agents if event_type == "Battles" else [])
    target_armed = next((a for a in others if a.kind in ARMED_KINDS and a.name != agent.name), None) \
        or next((a for a in others if a.kind in ARMED_KINDS), None)
    if target_armed is None and sub in ("Attack", "Abduction/forced disappearance") and _gang_country(country):
        victim = GANG_VICTIM.search(text)
        if victim is not None:
            what = victim.group("what").lower()
            target_armed = _generic(f"Unidentified Armed Group ({country})" if "armed group" in what or "extort" in what
                                    else f"Unidentified Gang ({country})", "Political militia", "armed", country)
            sub = "Attack"  # becomes an Armed clash below: the one attacked was armed
    # the civilians acted on, after the verb ("near X village, gunmen attacked soldiers": no victim)
    target_civ = next((a for a in others if a.kind == "civilian" and a.start > trigger_start), None) \
        or next((a for a in others if a.kind == "civilian"), None)
    etype = event_type
    if target_armed is not None and target_armed.name in VIGILANTE_TARGETS and agent.kind == "armed" \
            and agent.name.startswith("Unidentified") and sub in ("Attack", "Armed clash"):
        # Unseen killers of drug suspects: ACLED's anti-drug vigilantes, the suspect a civilian victim.
        agent = ActorMention(VIGILANTE_TARGETS[target_armed.name], "Political militia", agent.start, agent.end,
                             "armed", country, agent.by_agent)
        target_civ = _generic(f"Civilians ({country})", "Civilians", "civilian", country)
        return "Attack", agent.name, inter(agent), target_civ.name, "Civilians", "", ""
    if sub == "Attack" and target_armed is None and agent.kind == "armed" and agent.name.startswith("Unidentified") \
            and ARMED_SIDES_FOUGHT.search(text):
        target_armed = agent  # "people were hurt in a fight between two unknown armed groups": both sides armed
        sub, etype = "Armed clash", "Battles"
    if sub == "Attack" and target_armed is not None and (target_civ is None or target_armed.start < target_civ.start) \
            and not _off_duty(text, target_armed):
        sub, etype = "Armed clash", "Battles"
    if etype == "Battles":
        if target_armed is not None and target_armed.name != agent.name and _defends(text, agent, acts):
            agent, target_armed = target_armed, agent  # the side that was held off attacked first
        if target_armed is None and agent.kind == "armed" and agent.name.startswith("Unidentified") \
                and MUTUAL_FIGHT.search(text):
            target_armed = agent
        if target_armed is None and country and sub == "Armed clash":
            target_armed = _unnamed_opponent(agent, country, on, text)
        if target_armed is None:
            return sub, agent.name, inter(agent), "", "", agent.assoc, ""
        return sub, agent.name, inter(agent), target_armed.name, inter(target_armed), agent.assoc, target_armed.assoc
    if etype == "Violence against civilians":
        return sub, agent.name, inter(agent), f"Civilians ({country})", "Civilians", agent.assoc, joined(assoc1)
    if etype == "Explosions/Remote violence":
        if target_civ is not None and not _has_casualties(text):
            target_civ = None  # damage to homes or "civilian infrastructure" only: no victim actor
        target = target_armed if target_armed is not None and (target_civ is None or
                                                               target_armed.start < target_civ.start) else target_civ
        if target is None:
            target = _casualties_named(text, agent, country, on)
        if target is None:
            return sub, agent.name, inter(agent), "", "", agent.assoc, ""
        return sub, agent.name, inter(agent), target.name, inter(target), agent.assoc, target.assoc
    # Strategic developments
    if target_armed is None and country and sub == "Disrupted weapons use":
        # What was shot down or defused belongs to someone: the forces named with the weapon ("a Russian
        # drone"), else an unidentified group.
        target_armed = next((a for a in find_actors(text, country, on, armed_context=True)
                             if a.kind == "state" and a.home != agent.home), None) \
            or (_generic(f"Unidentified Armed Group ({country})", "Political militia", "armed", country)
                if agent.kind == "state" else None)
    if target_armed is None and country and sub == "Looting/property destruction" and agent.kind == "state" \
            and _gang_country(country) and DRUGS.search(text):
        target_armed = _generic(f"Unidentified Gang ({country})", "Political militia", "armed", country)
    second = target_armed or (target_civ if sub in ("Arrests", "Looting/property destruction") else None)
    if second is None and sub == "Other" and target_civ is not None and target_civ.start > trigger_start \
            and agent.kind in ARMED_KINDS:
        second = target_civ  # armed men who stopped, threatened or drove out residents
    if second is None and country and sub in ("Arrests", "Looting/property destruction"):
        # Someone is always arrested, and what is looted or destroyed belongs to someone: civilians by default.
        second = _generic(f"Civilians ({country})", "Civilians", "civilian", country)
    return sub, agent.name, inter(agent), second.name if second else "", inter(second), agent.assoc, \
        second.assoc if second else ""
