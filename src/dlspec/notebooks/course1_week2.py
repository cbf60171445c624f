"""Course 1 week 2's two assignments as notebooks: Python basics with NumPy, and logistic
regression with a neural-network mindset. Their experiments (``c1-numpy-basics``,
``c1-logistic-regression``) come from issue 26: each notebook is registered once its
experiment is, so the list of notebooks never names a missing experiment."""
from ..experiments import REGISTRY, load_all
from .spec import Step, notebook

load_all()

if "c1-numpy-basics" in REGISTRY:
    notebook(
        "c1-numpy-basics", "Python basics with NumPy (course 1, week 2)",
        steps=[
            Step("The sigmoid, on a number and on an array",
                 """`basic_sigmoid` uses `math.exp`, which takes one number; `sigmoid` uses
                 `np.exp`, which works element-wise on a whole array: the vectorized form every
                 later assignment relies on. Its derivative is written with the sigmoid itself.""",
                 equation=r"\sigma(x) = \frac{1}{1 + e^{-x}},\qquad \sigma'(x) = \sigma(x)\,\big(1 - \sigma(x)\big)",
                 code="""
from dlspec.course import c1w2_numpy_basics as course
from dlspec.notebooks.inventory import course_cell
from dlspec import plots

x = np.linspace(-6, 6, 200)
fig, [ax] = plots.new_figure(width=5, height=3)
ax.plot(x, course.sigmoid(x), label="sigmoid")
ax.plot(x, course.sigmoid_derivative(x), label="sigmoid_derivative")
ax.legend()
show(fig)
course_cell("c1w2a1.9", "c1w2a1.19", "c1w2a1.23")"""),
            Step("Reshaping and normalizing",
                 """`image2vector` unrolls a (length, height, depth) image into one column;
                 `normalizeRows` divides each row by its L2 norm, so every row has length 1.""",
                 equation=r"x_{normalized} = \frac{x}{\lVert x \rVert_2},\qquad \lVert x_i \rVert_2 = \sqrt{\textstyle\sum_j x_{ij}^2}",
                 code="""
course_cell("c1w2a1.27", "c1w2a1.31")"""),
            Step("Softmax",
                 """Softmax turns each row of scores into probabilities: exponentiate, then divide
                 by the row's sum (NumPy broadcasting divides each row by its own sum).""",
                 equation=r"\mathrm{softmax}(x)_{ij} = \frac{e^{x_{ij}}}{\sum_k e^{x_{ik}}}",
                 code="""
course_cell("c1w2a1.38")"""),
            Step("The L1 and L2 losses",
                 """Two losses written without a loop: the sum of absolute differences and the sum
                 of squared differences (`np.dot` of the difference with itself).""",
                 equation=r"L_1(\hat{y}, y) = \sum_{i=0}^{m-1} |y^{(i)} - \hat{y}^{(i)}|,\qquad L_2(\hat{y}, y) = \sum_{i=0}^{m-1} (y^{(i)} - \hat{y}^{(i)})^2",
                 code="""
course_cell("c1w2a1.49", "c1w2a1.53")"""),
        ],
    )

if "c1-logistic-regression" in REGISTRY:
    notebook(
        "c1-logistic-regression", "Logistic regression with a neural network mindset (course 1, week 2)",
        quick={"num_iterations": 1000, "comparison_iterations": 300},
        steps=[
            Step("Initialization and propagation",
                 """Logistic regression is a network of one sigmoid unit. `initialize_with_zeros`
                 gives w of shape (dim, 1) and b = 0 (zeros are fine here: one unit has no
                 symmetry to break). `propagate` computes the cost and its gradients for all m
                 examples at once.""",
                 equation=r"""A = \sigma(w^T X + b),\qquad J = -\frac{1}{m}\sum_{i=1}^{m}\Big(y^{(i)}\log a^{(i)} + (1-y^{(i)})\log(1-a^{(i)})\Big) \\
\frac{\partial J}{\partial w} = \frac{1}{m} X (A - Y)^T,\qquad \frac{\partial J}{\partial b} = \frac{1}{m}\sum_{i=1}^{m}(a^{(i)} - y^{(i)})""",
                 code="""
from dlspec.course import c1w2_logistic_regression as course
from dlspec.notebooks.inventory import course_cell

w, b = course.initialize_with_zeros(2)
print("w:", w.ravel(), " b:", b)
course_cell("c1w2a2.20", "c1w2a2.24", "c1w2a2.28")"""),
            Step("Optimization and prediction",
                 """`optimize` runs gradient descent for a number of iterations; `predict` labels an
                 example 1 when its activation is above 0.5.""",
                 equation=r"w = w - \alpha\, dw,\qquad b = b - \alpha\, db,\qquad \hat{y} = \mathbb{1}\{a > 0.5\}",
                 code="""
course_cell("c1w2a2.32", "c1w2a2.37")"""),
        ],
    )
