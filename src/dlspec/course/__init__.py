"""The course's graded functions under their own names, signatures and layouts.

One module per assignment (``dlspec.course.c1w4_deep_nn``...), each function taking the
course's arguments in the course's shapes and returning what the course's function returns,
so that a learner can compare function by function with the notebook. The maths is not
copied: each function transposes at the boundary and calls the ``dlspec.functional`` kernel
its docstring names, so that the course's step-by-step functions and dlspec's layers are one
implementation.

Departures from the rest of dlspec, confined to this package:

- The course's layout: examples in columns in courses 1 and 2 (X of shape (n_x, m), W of
  shape (n_l, n_{l-1}), b of shape (n_l, 1)); (m, n_H, n_W, n_C) in course 4; (n_x, m, T_x)
  for course 5's recurrent steps. float64 throughout.
- The course's global ``np.random.seed`` / ``np.random.randn`` / ``np.random.rand`` draws,
  where the course's function draws (``initialize_parameters_deep`` seeds 3 inside, dropout
  masks are ``np.random.rand`` in the course's layout, ``random_mini_batches`` seeds its
  permutation). The rest of dlspec takes an explicit ``numpy.random.Generator``; here the
  course's own draws are the point, so that its printed numbers come out digit for digit.

``ASSIGNMENTS`` maps each assignment id to its module; ``assignment("c1w3")`` imports it.
Every printed value of the pinned notebooks is listed in ``inventory.csv`` beside its status
(``dlspec.experiments.course_inventory``); docs/course-map.md links each assignment here.
"""
from __future__ import annotations

import importlib

ASSIGNMENTS = {
    "c1w2a1": "dlspec.course.c1w2_numpy_basics",            # Python Basics with NumPy
    "c1w2a2": "dlspec.course.c1w2_logistic_regression",     # Logistic Regression, NN mindset
    "c1w3": "dlspec.course.c1w3_planar",                    # Planar data, one hidden layer
    "c1w4a1": "dlspec.course.c1w4_deep_nn",                 # Deep Neural Network, step by step
    "c1w4a2": "dlspec.course.c1w4_application",             # two_layer_model, L_layer_model
    "c2w1a1": "dlspec.course.c2w1_initialization",          # Initialization
    "c2w1a2": "dlspec.course.c2w1_regularization",          # Regularization
    "c2w1a3": "dlspec.course.c2w1_gradient_checking",       # Gradient Checking
    "c2w2": "dlspec.course.c2w2_optimization",              # Optimization Methods
    "c2w3": "dlspec.course.c2w3_tensorflow_intro",          # Introduction to TensorFlow (NumPy parts)
    "c4w1a1": "dlspec.course.c4w1_conv_step",               # Convolutional Model, step by step
    "c4w1a2": "dlspec.course.c4w1_application",             # happyModel, convolutional_model
    "c4w2a1": "dlspec.course.c4w2_resnets",                 # Residual Networks
    "c4w3a2": "dlspec.course.c4w3_unet",                    # Image segmentation with U-Net
    "c4w4a2": "dlspec.course.c4w4_style_transfer",          # Neural style transfer (train_step)
    "c5w1a1": "dlspec.course.c5w1_rnn_step",                # Recurrent Neural Network, step by step
    "c5w1a3": "dlspec.course.c5w1_jazz",                    # Jazz improvisation with an LSTM
}
# A week's id answers for its first graded assignment ("c1w4" -> "c1w4a1").
ALIASES = {"c1w2": "c1w2a2", "c1w4": "c1w4a1", "c2w1": "c2w1a1", "c4w1": "c4w1a1", "c4w2": "c4w2a1",
           "c5w1": "c5w1a1", "c4w3": "c4w3a2", "c4w4": "c4w4a2", "c1w3a1": "c1w3", "c2w2a1": "c2w2"}


def assignment(assignment_id: str):
    """The module of one assignment, such as ``assignment("c1w4a1")``."""
    key = ALIASES.get(assignment_id.lower(), assignment_id.lower())
    if key not in ASSIGNMENTS:
        raise KeyError(f"no course assignment {assignment_id!r}; known: {', '.join(ASSIGNMENTS)}.")
    return importlib.import_module(ASSIGNMENTS[key])
