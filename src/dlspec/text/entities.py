"""Entity-level precision, recall and F1 on IOB2 tags, as ``seqeval``'s default report.

Named-entity recognition is scored on whole entities, not tokens: a predicted entity
counts only if its type, first and last word all match a true one. Chunks are read as
the CoNLL-2000 ``conlleval`` script reads them (seqeval's default, non-strict mode):
an entity starts at ``B-X``, or at ``I-X`` after ``O`` or after a tag of another type (a
lenient reading of ill-formed sequences), and it ends before ``O``, ``B-*`` or a tag of
another type. Checked against seqeval in ``tests/text/test_entities.py``.

>>> get_entities(["B-Name", "I-Name", "O", "I-Skills"])
[('Name', 0, 1), ('Skills', 3, 3)]
"""
from __future__ import annotations


def _split(tag):
    """('B'|'I'|'O', type) of one tag; 'O' has type ''."""
    if tag == "O" or not isinstance(tag, str) or len(tag) < 2 or tag[1] != "-" or tag[0] not in "BI":
        if tag != "O":
            raise ValueError(f"IOB2 tags are 'O', 'B-<type>' or 'I-<type>'; got {tag!r}.")
        return "O", ""
    return tag[0], tag[2:]


def get_entities(tags):
    """Entities (type, first, last) of a tag sequence, or of a list of sequences read one
    after another (word positions then count across them, as seqeval does)."""
    if tags and isinstance(tags[0], (list, tuple)):
        tags = [t for seq in tags for t in list(seq) + ["O"]]
    entities, start, kind = [], None, ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, type_ = _split(tag)
        if start is not None and (prefix in ("O", "B") or type_ != kind):
            entities.append((kind, start, i - 1))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, type_
    return entities


def entity_scores(y_true, y_pred):
    """Per type and overall: precision, recall, F1 and support (true entities).

    Parameters
    ----------
    y_true, y_pred : lists of tag sequences (one per document), the same lengths.

    Returns
    -------
    dict: type -> {"precision", "recall", "f1", "support"}, plus "micro avg" (all
    entities pooled: seqeval's ``f1_score`` default) and "macro avg" (types averaged).
    A score with nothing to divide by is 0, as seqeval reports it.
    """
    if len(y_true) != len(y_pred) or any(len(a) != len(b) for a, b in zip(y_true, y_pred)):
        raise ValueError("entity_scores expects y_true and y_pred with the same number of documents "
                         "and the same number of tags in each; got lengths "
                         f"{[len(a) for a in y_true][:5]}... and {[len(b) for b in y_pred][:5]}...")
    true, pred = set(get_entities(list(y_true))), set(get_entities(list(y_pred)))
    report = {}
    for kind in sorted({k for k, _, _ in true | pred}):
        t = {e for e in true if e[0] == kind}
        p = {e for e in pred if e[0] == kind}
        report[kind] = _scores(len(t & p), len(p), len(t))
    report["micro avg"] = _scores(len(true & pred), len(pred), len(true))
    types = [v for k, v in report.items() if k != "micro avg"]      # as seqeval: every type seen
    report["macro avg"] = {m: sum(v[m] for v in types) / max(len(types), 1)
                           for m in ("precision", "recall", "f1")}
    report["macro avg"]["support"] = len(true)
    return report


def _scores(correct, predicted, support):
    precision = correct / predicted if predicted else 0.0
    recall = correct / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": support}
