"""Course 3, Structuring machine learning projects: the toolkit.

* ``selection``: one optimizing metric and satisficing constraints to pick a model.
* ``splits``: train/dev/test sized as the course teaches, stratified and seeded; train-dev.
* ``diagnosis``: avoidable bias, variance, data mismatch, dev overfitting, and remedies.
* ``error_analysis``: tag dev errors, tally them, the ceiling per fix, mislabeled examples.
* ``learning_curves``: training and dev error against the training-set size.

The metrics (precision, recall, F1...) live in ``dlspec.metrics``.
"""
from .diagnosis import Diagnosis, diagnose, errors_from_metrics
from .error_analysis import (ErrorAnalysis, error_analysis, read_predictions_csv, read_tags_csv,
                             write_predictions_csv, write_tags_csv)
from .learning_curves import LearningCurve, learning_curve
from .selection import Selection, read_candidates_csv, select_model
from .splits import Splits, course_ratios, mismatched_split, train_dev_split, train_dev_test_split

__all__ = ["Diagnosis", "diagnose", "errors_from_metrics", "ErrorAnalysis", "error_analysis",
           "read_predictions_csv", "read_tags_csv", "write_predictions_csv", "write_tags_csv",
           "LearningCurve", "learning_curve", "Selection", "select_model", "read_candidates_csv", "Splits", "course_ratios",
           "mismatched_split", "train_dev_split", "train_dev_test_split"]
