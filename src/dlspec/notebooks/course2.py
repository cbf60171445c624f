"""Course 2's assignments as notebooks (Improving Deep Neural Networks)."""
from .spec import Step, notebook

notebook(
    "c2-init", "Initialization (course 2, week 1)",
    quick={"iterations": 2000},
    steps=[
        Step("The circles",
             """Two noisy rings, the inner one blue and the outer one red, as the course draws
             them with scikit-learn's `make_circles(noise=0.05)`; ours come from dlspec's own
             generator with the same radii ratio.""",
             code="""
from dlspec.data import circles
from dlspec import plots

X, Y = circles(300, noise=0.05, factor=0.8, seed=1 + SEED)
fig, [ax] = plots.new_figure()
ax.scatter(X[:, 0], X[:, 1], c=Y, s=12, cmap="coolwarm")
show(fig)"""),
        Step("Three initializations",
             """Zeros never break the symmetry (every unit of a layer computes the same thing);
             random weights times 10 start confidently wrong; He initialization scales each
             layer's weights by the square root of 2 over its fan-in, so ReLU activations keep
             their variance through depth.""",
             equation=r"W^{[l]} \sim \mathcal{N}(0, 1)\cdot\sqrt{\frac{2}{n^{[l-1]}}},\qquad b^{[l]} = 0",
             code="""
from dlspec.experiments.c2_init import three_layer_network

for init in ("zeros", "large_random", "he"):
    model = three_layer_network(init, seed=SEED)
    model.build((2,))
    W1 = model.layers[0].params["W"]
    print(f"{init:>12}: W1 std {W1.std():.3f}, mean |W1| {abs(W1).mean():.3f}")"""),
        Step("The course's three initializers",
             """`dlspec.course.c2w1_initialization` has the assignment's graded functions under
             their names and in its layout; their printed test outputs beside ours (the
             course's own seeds, 3 inside each function):""",
             code="""
from dlspec.notebooks.inventory import course_cell

course_cell("c2w1a1.8", "c2w1a1.19", "c2w1a1.29")"""),
    ],
)

notebook(
    "c2-regularization", "Regularization (course 2, week 1)",
    quick={"iterations": 2000},
    steps=[
        Step("The L2-regularized cost",
             """L2 regularization adds the squared Frobenius norm of every weight matrix to the
             cross-entropy, scaled by lambda over 2m; backpropagation then adds (lambda/m) W to
             each dW. The course's `compute_cost_with_regularization` test case (lambd = 0.1),
             with its own weights, through dlspec's loss and `l2_cost`:""",
             equation=r"J_{regularized} = -\frac{1}{m}\sum_{i=1}^{m}\Big(y^{(i)}\log a^{[L](i)} + (1-y^{(i)})\log(1-a^{[L](i)})\Big) + \frac{\lambda}{2m}\sum_l\sum_k\sum_j W_{kj}^{[l]2}",
             code="""
from dlspec.experiments import course_replays as replays

from dlspec.notebooks.inventory import course_cell

display(course_cell("c2w1a2.16", "c2w1a2.20"))    # dlspec.course.c2w1_regularization
compare(replays.c2w1_l2_cost(), EXPERIMENT)          # the same cost through a dlspec model"""),
        Step("Inverted dropout",
             """During training each unit is kept with probability keep_prob and the kept ones
             are divided by keep_prob, so the expected activation is unchanged and nothing needs
             rescaling at test time. The same mask is applied in backward.""",
             equation=r"D^{[l]} \sim \mathrm{Bernoulli}(\mathrm{keep\_prob}),\quad A^{[l]} \leftarrow \frac{A^{[l]} \odot D^{[l]}}{\mathrm{keep\_prob}}",
             code="""
from dlspec.nn import Dropout

layer = Dropout(keep_prob=0.8, seed=SEED)
A = np.ones((1000, 50))
out = layer.forward(A, training=True)
print("kept:", (out > 0).mean(), " mean activation:", out.mean(), " at test time:", layer.forward(A).mean())
course_cell("c2w1a2.29", "c2w1a2.33")     # the course's dropout test cases, its own masks"""),
    ],
)

notebook(
    "c2-gradcheck", "Gradient checking (course 2, week 1)",
    steps=[
        Step("One dimension first",
             """The course starts with J(theta) = theta x: its derivative is x, and the
             two-sided difference finds it to within about epsilon squared.""",
             equation=r"\frac{\partial J}{\partial \theta} = \lim_{\varepsilon \to 0} \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2 \varepsilon}",
             code="""
from dlspec.notebooks.inventory import course_cell

course_cell("c2w1a3.5", "c2w1a3.9", "c2w1a3.13")"""),
        Step("Two-sided differences",
             """Backpropagation is checked against the definition of a derivative: nudge each
             parameter by plus and minus epsilon, and compare the slope of the cost with the
             gradient backward computed. The course sums the comparison into one relative
             difference over all parameters.""",
             equation=r"d\theta_{approx}[i] = \frac{J(\theta_1,\dots,\theta_i+\varepsilon,\dots) - J(\theta_1,\dots,\theta_i-\varepsilon,\dots)}{2\varepsilon},\qquad difference = \frac{\lVert d\theta - d\theta_{approx}\rVert_2}{\lVert d\theta\rVert_2 + \lVert d\theta_{approx}\rVert_2}",
             code="""
from dlspec.experiments import course_replays as replays

display(course_cell("c2w1a3.24"))        # forward_propagation_n, the course's three layers
compare(replays.c2w1_gradcheck(), EXPERIMENT)"""),
        Step("Every parameter of a dlspec model",
             """dlspec checks each parameter on its own, so a failure names the layer and the
             array. A small network passes at float64:""",
             code="""
from dlspec.gradcheck import gradcheck_model
from dlspec.models import Sequential
from dlspec.nn import Dense, ReLU, Sigmoid

g = np.random.default_rng(SEED)
model = Sequential([Dense(5), ReLU(), Dense(3), ReLU(), Dense(1), Sigmoid()], seed=SEED, dtype="float64")
model.compile("binary_crossentropy", "sgd")
X, Y = g.standard_normal((8, 4)), g.integers(0, 2, (8, 1))
print(gradcheck_model(model, X, Y))"""),
    ],
)

notebook(
    "c2-optimizers", "Optimization methods (course 2, week 2)",
    quick={"epochs": 300},
    steps=[
        Step("Gradient descent, momentum and Adam as the course writes them",
             """`dlspec.course.c2w2_optimization` has the assignment's update rules under their
             names; each printed value of their test cases beside ours. One of Adam's printed
             values differs, and the table says why.""",
             equation=r"W^{[l]} = W^{[l]} - \alpha\, dW^{[l]},\qquad v_{dW} = \beta v_{dW} + (1 - \beta)\, dW,\quad W = W - \alpha v_{dW}",
             code="""
from dlspec.notebooks.inventory import course_cell

course_cell("c2w2.6", "c2w2.17", "c2w2.21", "c2w2.28", "c2w2.32")"""),
        Step("Momentum and Adam",
             """Momentum follows an exponentially weighted average of the gradients; Adam also
             divides by the root of an average of their squares, and corrects both averages for
             starting at zero.""",
             equation=r"""v_{dW} = \beta_1 v_{dW} + (1-\beta_1)\, dW,\quad s_{dW} = \beta_2 s_{dW} + (1-\beta_2)\, dW^2 \\
W = W - \alpha \frac{v_{dW} / (1-\beta_1^t)}{\sqrt{s_{dW} / (1-\beta_2^t)} + \varepsilon}""",
             code="""
from dlspec.optim import Adam

W, dW = np.ones(3), np.array([0.1, -0.2, 0.3])
adam = Adam(0.01)
for t in range(3):
    adam.step([("W", W, dW)])
print("W after three Adam steps:", W)"""),
        Step("Learning-rate decay",
             """The course decays the learning rate by 1/(1 + decay_rate * epoch), and in its
             fixed-interval form only every time_interval epochs. Its `update_lr` and
             `schedule_lr_decay` test cases through dlspec's schedules:""",
             equation=r"\alpha = \frac{\alpha_0}{1 + decayRate \times \lfloor epochNum / timeInterval \rfloor}",
             code="""
from dlspec.experiments import course_replays as replays

compare(replays.c2w2_learning_rate_decay(), EXPERIMENT)"""),
    ],
)


def _tf_introduction():
    """Course 2 week 3's TensorFlow introduction, once issue 26's experiment is registered."""
    from ..experiments import REGISTRY, load_all
    load_all()
    if "c2-tf-introduction" not in REGISTRY:
        return
    notebook(
        "c2-tf-introduction", "Introduction to TensorFlow, in dlspec's names (course 2, week 3)",
        steps=[
            Step("Variables, a tape and an optimizer",
                 """The course's first TensorFlow example minimizes a cost by hand: w is a
                 `Variable`, a `GradientTape` records the cost's computation, `tape.gradient`
                 runs it backward, and the optimizer applies the gradient. dlspec has the same
                 names (`dlspec.Variable`, `dlspec.GradientTape`, `dlspec.ops` for `tf.*`), each
                 op with a hand-derived backward. The minimum of this cost is w = 5.""",
                 equation=r"J(w) = w^2 - 10w + 25 = (w - 5)^2,\qquad \frac{dJ}{dw} = 2w - 10",
                 code="""
import dlspec
from dlspec import ops
from dlspec.optimizers import Adam

w = dlspec.Variable(np.array(0.0))
optimizer = Adam(0.1)
for step in range(1000):
    with dlspec.GradientTape() as tape:
        cost = ops.square(w) - 10.0 * w + 25.0
    gradients = tape.gradient(cost, [w])
    optimizer.apply_gradients(zip(gradients, [w]))
print("w after 1000 Adam steps:", float(np.asarray(w)))"""),
            Step("One-hot labels",
                 """`tf.one_hot` (here `ops.one_hot`) turns class ids into rows with a single 1:
                 the form a softmax output is compared with.""",
                 equation=r"y = 2,\ C = 4 \ \longrightarrow\ [0, 0, 1, 0]",
                 code="""
ops.one_hot(np.array([1, 2, 3, 0, 2, 1]), 4)"""),
            Step("The graded functions, as the course writes them",
                 """`linear_function` (Y = WX + b on the course's seeded draws), `sigmoid`,
                 `one_hot_matrix` and `compute_cost` of the assignment, through dlspec: each
                 value the course's notebook printed beside ours.""",
                 equation=r"Y = WX + b,\qquad J = \frac{1}{m}\sum_{i=1}^{m} \mathcal{L}\big(\hat{y}^{(i)}, y^{(i)}\big)",
                 code="""
from dlspec.notebooks.inventory import course_cell

course_cell("c2w3.23", "c2w3.24", "c2w3.27", "c2w3.31", "c2w3.32", "c2w3.47")"""),
        ],
    )


_tf_introduction()
