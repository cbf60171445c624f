"""bAbI-style stories with questions, generated here, and the QA lab's preprocessing steps.

The course's question answering lab (course 5, week 4) fine-tunes DistilBERT on stories of
Facebook's bAbI tasks (Weston et al., 2015), loaded with Hugging Face ``datasets`` in
their flattened form: each example has ``story.text`` (the lines), ``story.type`` (0 for a
fact, 1 for the question), ``story.answer`` and ``story.supporting_ids``. Offline,
``babi_stories`` writes stories of the same form from the same simulation bAbI uses:

- **task 1, single supporting fact**: people move between places ("Mary went to the
  kitchen."); "Where is Mary?" is answered by the last sentence that moves Mary.
- **task 2, two supporting facts**: people also pick up and drop objects ("John picked up
  the football."); "Where is the football?" needs two facts: who last held it (or where it
  was dropped) and where that person is.

Stories have 2 to ``max_facts`` facts, the question last; names, places, objects and verbs
are bAbI's. Seeded: the same seed gives the same stories. The lab's own data (two facts
and a question, "What is east of the hallway?") is bAbI's task 4; this module makes the
two tasks the issue asks for, which need one and two hops.

``get_question_and_facts``, ``get_start_end_idx`` and ``tokenize_align`` are the lab's
three preprocessing steps, under its names.
"""
from __future__ import annotations

from ..backend import rng as make_rng

PEOPLE = ("Mary", "John", "Daniel", "Sandra")
PLACES = ("bathroom", "hallway", "garden", "office", "bedroom", "kitchen")
OBJECTS = ("football", "apple", "milk")
MOVES = ("moved to", "went to", "journeyed to", "travelled to", "went back to")
TAKES = ("picked up", "got", "grabbed", "took")
DROPS = ("dropped", "discarded", "put down", "left")


def _story(rng, task, max_facts):
    """(lines, supporting line indices, answer) of one story with its question last: facts
    are drawn until the story has between 2 and ``max_facts`` of them, and a story about
    which nothing can be asked (task 2: no object taken yet) is drawn again."""
    while True:
        story = _draw(rng, task, max_facts)
        if story is not None:
            return story


def _draw(rng, task, max_facts):
    pick = lambda items: items[int(rng.integers(len(items)))]          # noqa: E731
    where, holder, dropped_at = {}, {}, {}      # person -> place; object -> person; object -> place
    last_move, last_touch = {}, {}              # person / object -> line index
    lines = []
    n = int(rng.integers(2, max_facts + 1))
    while len(lines) < n:
        person = pick(PEOPLE)
        if task == 2 and person in where and rng.uniform() < 0.5:
            held = [o for o, p in holder.items() if p == person]
            free = [o for o in OBJECTS if o not in holder]
            if held and rng.uniform() < 0.4:
                obj = pick(held)
                lines.append(f"{person} {pick(DROPS)} the {obj}.")
                del holder[obj]
                dropped_at[obj] = (where[person], len(lines) - 1, last_move[person])
                continue
            if free:
                obj = pick(free)
                lines.append(f"{person} {pick(TAKES)} the {obj}.")
                holder[obj] = person
                dropped_at.pop(obj, None)
                last_touch[obj] = len(lines) - 1
                continue
        place = pick([p for p in PLACES if p != where.get(person)])
        lines.append(f"{person} {pick(MOVES)} the {place}.")
        where[person], last_move[person] = place, len(lines) - 1
    if not _askable(task, where, holder, dropped_at):
        return None
    if task == 1:
        person = pick(sorted(where))
        return lines + [f"Where is {person}?"], [last_move[person]], where[person]
    objects = sorted(set(holder) | set(dropped_at))
    obj = pick(objects)
    if obj in holder:
        person = holder[obj]
        support = sorted({last_touch[obj], last_move[person]})
        return lines + [f"Where is the {obj}?"], support, where[person]
    place, drop_line, move_line = dropped_at[obj]
    return lines + [f"Where is the {obj}?"], sorted({move_line, drop_line}), place


def _askable(task, where, holder, dropped_at):
    return bool(where) if task == 1 else bool(dropped_at) or any(p in where for p in holder.values())


def babi_stories(n, task=1, max_facts=6, seed=0):
    """``n`` stories in the flattened form of Hugging Face's bAbI (the lab's input).

    Returns
    -------
    list of dicts with ``story.text`` (facts then the question), ``story.type`` (0 fact,
    1 question), ``story.answer`` ("" for facts), ``story.supporting_ids`` (1-based line
    ids as strings, on the question's line) and ``story.id``; plus ``task``.
    """
    if task not in (1, 2):
        raise ValueError(f"babi_stories(task) must be 1 (single supporting fact) or 2 (two "
                         f"supporting facts); got {task!r}.")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"babi_stories(n) expects a positive integer; got {n!r}.")
    if isinstance(max_facts, bool) or not isinstance(max_facts, int) or max_facts < 2:
        raise ValueError(f"babi_stories(max_facts) expects an integer >= 2; got {max_facts!r}.")
    rng = make_rng(seed)
    stories = []
    for _ in range(n):
        lines, support, answer = _story(rng, task, max_facts)
        k = len(lines)
        stories.append({"story.text": lines, "story.type": [0] * (k - 1) + [1],
                        "story.answer": [""] * (k - 1) + [answer],
                        "story.supporting_ids": [[] for _ in range(k - 1)] + [[str(i + 1) for i in support]],
                        "story.id": [str(i + 1) for i in range(k)], "task": task})
    return stories


def get_question_and_facts(story):
    """The lab's first step: {"question", "sentences" (the facts joined by spaces), "answer"}.

    The lab's version reads lines 0 and 1 as the facts and line 2 as the question (its
    stories have exactly two facts); this one takes every fact before the question.
    """
    types = story["story.type"]
    if 1 not in types:
        raise ValueError("get_question_and_facts: the story has no question line (story.type 1).")
    q = types.index(1)
    facts = story["story.text"][:q]
    # Where the supporting fact that names the answer starts, for get_start_end_idx.
    answer = story["story.answer"][q]
    named = [int(i) - 1 for i in story["story.supporting_ids"][q] if answer in facts[int(i) - 1]]
    line = max(named, default=0)
    return {"question": story["story.text"][q], "sentences": " ".join(facts),
            "answer": story["story.answer"][q],
            "support_idx": sum(len(f) + 1 for f in facts[:line])}


def get_start_end_idx(story, first_mention=True):
    """The lab's second step: the answer's first character (``str_idx``) in the sentences
    and one past its last (``end_idx``).

    With ``first_mention`` (the lab's ``str.find``), the answer's first occurrence, which
    can be an earlier mention of the same place by another fact ("John went to the
    kitchen. Mary went to the kitchen. Where is Mary?" points at John's kitchen): the text
    is right, the position is not the one that supports it. ``first_mention=False``
    searches from the supporting fact (``support_idx``), so that the model is taught the
    mention that answers the question.
    """
    start = 0 if first_mention else story.get("support_idx", 0)
    str_idx = story["sentences"].find(story["answer"], start)
    return {"str_idx": str_idx, "end_idx": str_idx + len(story["answer"])}


def tokenize_align(example, tokenizer, max_length=512):
    """The lab's third step: tokens of (sentences, question) and the answer's first and
    last token (``start_positions``, ``end_positions``); ``max_length`` when the answer
    was cut off, as the lab does with ``tokenizer.model_max_length``."""
    encoding = tokenizer([example["sentences"]], [example["question"]], max_length=max_length)
    start = encoding.char_to_token(0, example["str_idx"])
    end = encoding.char_to_token(0, example["end_idx"] - 1)
    return {"input_ids": encoding.input_ids[0], "attention_mask": encoding.attention_mask[0],
            "start_positions": max_length if start is None else start,
            "end_positions": max_length if end is None else end}
