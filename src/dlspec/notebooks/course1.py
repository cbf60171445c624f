"""Course 1's assignments as notebooks (Neural Networks and Deep Learning)."""
from .spec import Step, notebook

notebook(
    "c1-planar", "Planar data classification with one hidden layer (course 1, week 3)",
    quick={"iterations": 1500},
    steps=[
        Step("The flower data",
             """Four hundred points in the plane, red and blue, in the shape of a flower. We draw
             them exactly as the course's `load_planar_dataset()` does (its `np.random.seed(1)`
             stream), batch first: one row per example, where the course keeps one column per
             example (its X is (2, 400), ours (400, 2)).""",
             code="""
from dlspec.experiments.course_replays_c5 import course_planar_dataset
from dlspec import plots

X, Y = course_planar_dataset()
print("X:", X.shape, " Y:", Y.shape, " m =", len(X))   # the course: (2, 400), (1, 400), m = 400
fig, [ax] = plots.new_figure()
ax.scatter(X[:, 0], X[:, 1], c=Y, s=12, cmap="coolwarm")
ax.set_title("the course's flower")
show(fig)"""),
        Step("Logistic regression cannot separate the petals",
             """A single sigmoid unit draws one straight line through the plane, so at best it
             gets about half of the flower right. The course fits scikit-learn's
             `LogisticRegressionCV` and prints 47 %; we train dlspec's own logistic regression
             by gradient descent on the same points.""",
             equation=r"\hat{y} = \sigma(w^T x + b), \qquad \sigma(z) = \frac{1}{1 + e^{-z}}",
             code="""
from dlspec.models import logistic_regression
from dlspec.optim import GradientDescent

logistic = logistic_regression(seed=0, dtype="float64").compile("binary_crossentropy", GradientDescent(0.5))
logistic.fit(X, Y, epochs=2000, verbose=0)
compare({"course_c1w3_logistic_regression_accuracy": logistic.evaluate(X, Y)["accuracy"]}, EXPERIMENT)"""),
        Step("Layer sizes and initialization, as the course writes them",
             """`dlspec.course.c1w3_planar` holds the assignment's graded functions under their
             names and in its layout (one column per example, W of shape (n_l, n_{l-1})), each a
             thin wrapper over dlspec's kernels. The tables put every value the course's
             notebook printed for its test cases beside ours. W is small and random
             (`randn * 0.01`, seeded 2 as in the course) so the tanh units start in their
             linear region; b starts at zero.""",
             equation=r"W^{[1]} \sim 0.01\,\mathcal{N}(0, 1)^{n_h \times n_x},\quad b^{[1]} = 0,\quad W^{[2]} \sim 0.01\,\mathcal{N}(0, 1)^{n_y \times n_h},\quad b^{[2]} = 0",
             code="""
from dlspec.course import c1w3_planar as course
from dlspec.notebooks.inventory import course_cell

parameters = course.initialize_parameters(n_x=2, n_h=4, n_y=1)
print({name: value.shape for name, value in parameters.items()})
course_cell("c1w3.20", "c1w3.25")"""),
        Step("Forward propagation and the cost",
             """The course's `forward_propagation_test_case` and `compute_cost_test_case`
             through the course's functions (dlspec's dense, tanh and sigmoid kernels
             underneath).""",
             equation=r"""Z^{[1]} = W^{[1]} X + b^{[1]},\quad A^{[1]} = \tanh(Z^{[1]}),\quad Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]},\quad A^{[2]} = \sigma(Z^{[2]}) \\
J = -\frac{1}{m}\sum_{i=1}^{m}\Big(y^{(i)}\log a^{[2](i)} + (1-y^{(i)})\log(1-a^{[2](i)})\Big)""",
             code="""
course_cell("c1w3.29", "c1w3.33")"""),
        Step("Backward propagation and the update",
             """Backpropagation for the two layers: tanh's derivative is 1 - a², so it needs
             only A1, which the forward pass kept. Then one gradient-descent step with
             learning rate 1.2.""",
             equation=r"""dZ^{[2]} = A^{[2]} - Y,\quad dW^{[2]} = \tfrac{1}{m} dZ^{[2]} A^{[1]T},\quad db^{[2]} = \tfrac{1}{m}\textstyle\sum dZ^{[2]} \\
dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot (1 - A^{[1]2}),\quad dW^{[1]} = \tfrac{1}{m} dZ^{[1]} X^T,\quad db^{[1]} = \tfrac{1}{m}\textstyle\sum dZ^{[1]},\qquad \theta = \theta - \alpha\, d\theta""",
             code="""
course_cell("c1w3.37", "c1w3.41")"""),
        Step("nn_model and predict",
             """`nn_model` puts the steps in a loop; `predict` thresholds A2 at 0.5. The
             course's `nn_model_test_case` prints its cost every 1000 iterations:""",
             equation=r"\hat{y} = \mathbb{1}\{a^{[2]} > 0.5\}",
             code="""
course_cell("c1w3.45", "c1w3.49")"""),
        Step("The same network as a dlspec Sequential, on the flower",
             """`nn_model` with n_h = 4: forward propagation through a tanh layer and a sigmoid
             output, the cross-entropy cost, backpropagation and a gradient-descent update, 10,000
             times with learning rate 1.2. The course initializes W1 and W2 with
             `np.random.seed(2)`; we put the same draws into a dlspec `Sequential` and train it:
             its cost after 1000, 7000 and 9000 iterations is the course's.""",
             equation=r"""Z^{[1]} = W^{[1]} X + b^{[1]},\quad A^{[1]} = \tanh(Z^{[1]}),\quad
Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]},\quad \hat{Y} = A^{[2]} = \sigma(Z^{[2]}) \\
J = -\frac{1}{m}\sum_{i=1}^{m}\Big(y^{(i)}\log a^{[2](i)} + (1-y^{(i)})\log(1-a^{[2](i)})\Big)""",
             code="""
from dlspec.experiments import course_replays_c5 as replays

compare({k: v for k, v in replays.c1w3_planar().items() if "cost" in k}, EXPERIMENT)"""),
        Step("The network as a dlspec model",
             """The same network from the library's course-1 builder: its summary lists the two
             dense layers (2·4 + 4 and 4·1 + 1 parameters) and their activations.""",
             code="""
from dlspec.models import shallow_network

model = shallow_network(4, seed=SEED)
model.build((2,))
model"""),
    ],
)

notebook(
    "c1-deep", "Building your deep neural network, and its application (course 1, week 4)",
    steps=[
        Step("Initializing an L-layer network",
             """`initialize_parameters_deep(layer_dims)` draws each W^[l] of shape
             (n_l, n_{l-1}) times 0.01 (the course seeds 3 inside), and zeros for each b^[l].
             The course's functions are in `dlspec.course.c1w4_deep_nn`; each printed value of
             its test cases beside ours:""",
             equation=r"W^{[l]} \in \mathbb{R}^{n^{[l]} \times n^{[l-1]}},\quad b^{[l]} \in \mathbb{R}^{n^{[l]} \times 1}",
             code="""
from dlspec.course import c1w4_deep_nn as course
from dlspec.notebooks.inventory import course_cell

parameters = course.initialize_parameters_deep([5, 4, 3])
print({name: value.shape for name, value in parameters.items()})
course_cell("c1w4a1.12")"""),
        Step("The forward pass, layer by layer",
             """`linear_forward` computes Z, `linear_activation_forward` applies ReLU or
             sigmoid, and `L_model_forward` chains L-1 ReLU layers and a sigmoid layer,
             keeping each layer's cache for the backward pass.""",
             equation=r"Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]},\qquad A^{[l]} = g^{[l]}(Z^{[l]})",
             code="""
course_cell("c1w4a1.16", "c1w4a1.21", "c1w4a1.26")"""),
        Step("The cost",
             """The L-layer network ends in a sigmoid unit, so its cost is the cross-entropy of
             the predictions AL against the labels Y. The course's `compute_cost` test case
             (Y = [1, 1, 0], AL = [0.8, 0.9, 0.4]) through dlspec's loss:""",
             equation=r"J = -\frac{1}{m}\sum_{i=1}^{m}\Big(y^{(i)}\log a^{[L](i)} + (1-y^{(i)})\log(1-a^{[L](i)})\Big)",
             code="""
from dlspec.experiments import course_replays as replays

display(course_cell("c1w4a1.31"))       # compute_cost through dlspec.course
compare(replays.c1w4_compute_cost(), EXPERIMENT)   # and through dlspec's loss"""),
        Step("The backward pass and the update",
             """`linear_backward` turns dZ into dW, db and dA_prev; `linear_activation_backward`
             first multiplies by the activation's derivative; `L_model_backward` starts from
             the cost's gradient dAL and walks the caches in reverse; `update_parameters`
             takes one step.""",
             equation=r"""dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T},\quad db^{[l]} = \frac{1}{m}\sum_{i=1}^{m} dZ^{[l](i)},\quad dA^{[l-1]} = W^{[l]T} dZ^{[l]},\quad dA^{[L]} = -\frac{Y}{A^{[L]}} + \frac{1-Y}{1-A^{[L]}}""",
             code="""
course_cell("c1w4a1.37", "c1w4a1.41", "c1w4a1.46", "c1w4a1.51")"""),
        Step("An L-layer model: [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID",
             """`deep_network(layers_dims)` builds the course's `L_layer_model` from its list of
             layer sizes. Each dense layer computes Z = A_prev W + b (batch first: the course's
             W A_prev + b transposed), backpropagation runs the same chain in reverse.""",
             equation=r"""Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]},\quad A^{[l]} = g^{[l]}(Z^{[l]}),\qquad
dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T},\quad db^{[l]} = \frac{1}{m}\sum_i dZ^{[l](i)},\quad
dA^{[l-1]} = W^{[l]T} dZ^{[l]}""",
             code="""
from dlspec.models import deep_network

model = deep_network([64, 20, 7, 5, 1], activation="relu", init="xavier", seed=SEED)
model.build((64,))
model"""),
        Step("Train it on images",
             """The course trains on 209 cat and non-cat photographs; this step trains on the
             same number of 8x8 digit images, odd against even (scikit-learn's digits, offline).
             A short training run shows the cost falling; the history plots its own curve.""",
             code="""
from dlspec.data import load_digits
from dlspec.optim import GradientDescent

X, digit = load_digits()                           # 8x8 images, flattened: (1797, 64)
Y = digit % 2                                      # odd (1) against even (0)
order = np.random.default_rng(SEED).permutation(len(X))
train, test = order[:209], order[209:259]          # as many images as the course's cat set
X_train, Y_train, X_test, Y_test = X[train], Y[train], X[test], Y[test]
model.compile("binary_crossentropy", GradientDescent(0.1))
history = model.fit(X_train, Y_train, epochs=300 if SIZE == "quick" else 3000, verbose=0)
print("test accuracy:", model.evaluate(X_test, Y_test)["accuracy"])
history"""),
    ],
)
