"""Typing: every change of an event's sub-event type, by rules read from coding_tables.toml and the lexicon.

The type a trigger gives is changed only here:
  * an analyst's label opening a note names the type ("Looting: On 3 May …")        TypeRules.labelled
  * a sentence that goes on about an event raises it along the codebook's lines    TypeRules.elaborated
    (a crowd met with force or turning violent, an abduction whose victim was killed …)
  * a protest absorbs what happens to it at the same place and day                 TypeRules.absorbed
  * once the actors are known (the Typing stage, per scene): Armed clash, Attack or Mob violence, Arrests or
    Abduction (violence.refine_violence, then actors.assign_roles); rioters who were demonstrating are a
    Violent demonstration; an abduction whose victim was killed is an Attack.
The first three run while the mentions and merge stages group sentences (what they decide next depends on the
type reached so far); they use the rules through the TypeRules object the Coder's resources give them.
"""

from __future__ import annotations

import re

from schemas.acled import EVENT_TYPE_OF
from sitrep.coding import actors as actor_lib
from sitrep.coding.crowd import crowd_follow_up, intervenes_on_crowd
from sitrep.coding.document import Document, Roles, Scene
from sitrep.coding.lexicon import Lexicon, Trigger
from sitrep.coding.resources import CoderResources, CodingTables
from sitrep.coding.violence import refine_violence

# What an elaboration names as the cause of the event ("The move came after gunmen attacked …") happened before it.
CAUSE_BEFORE = re.compile(r"\b(?:(?:came|comes|followed|follows)\s+(?:\w+\s+){0,2}(?:after|amid)|in\s+response\s+to|"
                          r"in\s+retaliation\s+for|(?:triggered|prompted|sparked|provoked)\s+by)\b[^.;]*$", re.I)
# Violence by a crowd that was demonstrating ("youths set tyres alight during the march", "in protest against").
DURING_DEMONSTRATION = re.compile(r"\b(?:during|at|amid|in)\s+(?:an?\s+|the\s+|their\s+)?(?:\w+\s+)?(?:demonstrations?|"
                                  r"protests?|rall(?:y|ies)|march(?:es)?|sit-ins?)\b", re.I)


class TypeRules:
    """The type changes made while sentences are grouped into events (see the module docstring)."""

    def __init__(self, tables: CodingTables, lexicon: Lexicon) -> None:
        self.tables = tables
        self.lexicon = lexicon

    def rank(self, sub: str) -> int:
        """A protest type's place from the most severe (0); other types 99."""
        order = self.tables.protest_order
        return order.index(sub) if sub in order else 99

    def labelled(self, trigger: Trigger | None, label: str) -> Trigger:
        """The trigger of a sentence whose note opens with a label naming the type (it outranks every word)."""
        return Trigger(label, EVENT_TYPE_OF[label], trigger.start if trigger else 0, trigger.end if trigger else 0,
                       100, trigger.text if trigger else "")

    def crowd_follow_up(self, sentence: str) -> Trigger | None:
        """What a sentence without a trigger of its own adds to a protest or riot reported just before it."""
        return crowd_follow_up(sentence, self.lexicon)

    def elaborated(self, main: Trigger, new: Trigger, sentence: str = "") -> Trigger:
        """The main trigger, raised to the elaboration's type where the codebook's hierarchy makes it one event
        (an arrest raises a protest only when it is an arrest of the crowd, not "the officer was arrested for …";
        without the sentence, as for a crowd follow-up, the crowd is known to be its object)."""
        protest_upgrade = self.tables.protest_upgrade
        if main.event_type == "Protests" and new.sub_event_type in protest_upgrade and \
                (not sentence or intervenes_on_crowd(new, sentence)):
            target = protest_upgrade[new.sub_event_type]
        elif main.event_type == "Protests" and new.sub_event_type == "Mob violence":
            target = "Violent demonstration"
        elif new.sub_event_type in self.tables.elaboration_upgrade.get(main.sub_event_type, ()) and \
                not (sentence and CAUSE_BEFORE.search(sentence, 0, new.start)):
            target = new.sub_event_type
        else:
            return main
        if main.event_type == "Protests" and self.rank(target) > self.rank(main.sub_event_type):
            return main
        return Trigger(target, EVENT_TYPE_OF[target], main.start, main.end, main.priority, main.text)

    def absorbed(self, protest: Trigger, other: Trigger, other_sentence: str) -> Trigger | None:
        """A protest's trigger once it absorbs another event at its place and day (arrests of the crowd, violence
        against it or by it); None when the other event is not the protest's to absorb."""
        protest_upgrade = self.tables.protest_upgrade
        if protest.event_type != "Protests" or other.sub_event_type not in protest_upgrade or \
                not intervenes_on_crowd(other, other_sentence):
            return None
        upgraded = protest_upgrade[other.sub_event_type]
        if self.rank(upgraded) > self.rank(protest.sub_event_type):
            return protest
        return Trigger(upgraded, EVENT_TYPE_OF[upgraded], protest.start, protest.end, protest.priority, protest.text)


class Typing:
    """The stage: each scene's final sub-event type and its actors' roles."""
    name = "typing"

    def __init__(self, resources: CoderResources) -> None:
        self.lexicon = resources.events

    def __call__(self, doc: Document) -> Document:
        for scene in doc.scenes:
            if scene.event.place is not None:
                self.type_scene(scene)
        return doc

    def type_scene(self, scene: Scene) -> None:
        m = scene.event
        # Armed clash, Attack or Mob violence: decided by who took part (the trigger sentence's actors).
        sub = refine_violence(m.sub_event_type, m.trigger, m.sentences[0].text, actor_lib.merge_adjacent(m.actors),
                              self.lexicon)
        roles = Roles(*actor_lib.assign_roles(sub, EVENT_TYPE_OF[sub], m.actors, m.trigger.start, m.trigger.text,
                                              m.place.country if m.place else "", m.event_date, m.descriptors,
                                              " ".join(s.text for s in m.sentences), m.extra_actors))
        sub = roles.sub_event_type
        if sub == "Mob violence" and DURING_DEMONSTRATION.search(m.sentences[0].text):
            sub = "Violent demonstration"  # rioters who were demonstrating: the codebook's violent demonstration
        if sub == "Abduction/forced disappearance" and scene.deaths is not None and scene.deaths.value > 0:
            sub = "Attack"
        scene.sub_event_type, scene.roles = sub, roles
