"""The NER and QA stand-ins: résumés tagged in IOB2, bAbI-style stories, the lab's preprocessing."""
import pytest

from dlspec.data.babi import babi_stories, get_question_and_facts, get_start_end_idx, tokenize_align
from dlspec.data.resumes import ENTITY_TYPES, load_resumes
from dlspec.text.entities import get_entities
from dlspec.text.wordpiece import WordPiece


def test_resumes_are_tagged_word_by_word_with_every_type():
    train, test = load_resumes(40, 10, seed=0)
    assert len(train) == 40 and len(test) == 10
    seen = set()
    for doc in train + test:
        assert len(doc.words) == len(doc.tags) and doc.tags[0] == "B-Name"
        assert all(t == "O" or t[:2] in ("B-", "I-") and t[2:] in ENTITY_TYPES for t in doc.tags)
        seen |= {kind for kind, _, _ in get_entities(doc.tags)}
    assert seen == set(ENTITY_TYPES)


def test_held_out_documents_use_names_no_training_document_has():
    train, test = load_resumes(100, 30, seed=1)
    names = lambda docs: {" ".join(d.words[s:e + 1]) for d in docs            # noqa: E731
                          for k, s, e in get_entities(d.tags) if k == "Name"}
    assert not names(train) & names(test)


def test_resumes_are_seeded():
    a, b = load_resumes(5, 2, seed=3), load_resumes(5, 2, seed=3)
    assert [d.words for d in a[0]] == [d.words for d in b[0]]
    assert [d.words for d in a[0]] != [d.words for d in load_resumes(5, 2, seed=4)[0]]


@pytest.mark.parametrize("task", [1, 2])
def test_stories_answer_from_their_supporting_facts(task):
    """Replay each story: the answer is where the asked person (or the object's holder) is."""
    for story in babi_stories(200, task=task, max_facts=5, seed=task):
        lines, types = story["story.text"], story["story.type"]
        assert types[-1] == 1 and 3 <= len(lines) <= 6 and set(types[:-1]) == {0}
        answer, support = story["story.answer"][-1], story["story.supporting_ids"][-1]
        assert 1 <= len(support) <= task
        place, holder, at = {}, {}, {}
        for line in lines[:-1]:
            words = line.rstrip(".").split()
            person, thing = words[0], words[-1]
            if thing in ("football", "apple", "milk"):
                if words[1] in ("dropped", "discarded", "left") or words[1:3] == ["put", "down"]:
                    holder.pop(thing, None)
                    at[thing] = place[person]
                else:
                    holder[thing] = person
                    at.pop(thing, None)
            else:
                place[person] = thing
        asked = lines[-1].rstrip("?").split()[-1]
        truth = place.get(asked) if task == 1 else (place[holder[asked]] if asked in holder else at[asked])
        assert answer == truth, story
        assert all(answer in lines[int(i) - 1] or task == 2 for i in support)


def test_the_labs_three_steps_find_the_answer_tokens():
    tok = WordPiece.train(["Mary went to the kitchen . Where is Mary ?"] * 3, vocab_size=60)
    story = {"story.text": ["John went to the kitchen.", "Mary went to the kitchen.", "Where is Mary?"],
             "story.type": [0, 0, 1], "story.answer": ["", "", "kitchen"],
             "story.supporting_ids": [[], [], ["2"]], "story.id": ["1", "2", "3"]}
    example = get_question_and_facts(story)
    assert example["sentences"] == "John went to the kitchen. Mary went to the kitchen."
    first, support = get_start_end_idx(example), get_start_end_idx(example, first_mention=False)
    assert (first["str_idx"], first["end_idx"]) == (17, 24)           # the lab's str.find: John's
    assert example["sentences"][support["str_idx"]:support["end_idx"]] == "kitchen"
    assert support["str_idx"] == 43                                   # Mary's kitchen
    example.update(support)
    aligned = tokenize_align(example, tok, max_length=32)
    ids = aligned["input_ids"]
    assert tok.decode(ids[aligned["start_positions"]:aligned["end_positions"] + 1]) == "kitchen"
    assert aligned["start_positions"] > 6                             # the second sentence's


def test_bad_story_arguments():
    with pytest.raises(ValueError, match="task"):
        babi_stories(3, task=4)
    with pytest.raises(ValueError, match="max_facts"):
        babi_stories(3, max_facts=1)
