"""Course 4's assignments as notebooks (Convolutional Neural Networks)."""
from .inventory import replayed
from .spec import Step, notebook

# The course's step-by-step notebook, cell by cell, once its replays exist (dlspec.course).
_C4W1 = replayed("c4w1a1.8", "c4w1a1.12", "c4w1a1.16", "c4w1a1.20", "c4w1a1.21", "c4w1a1.22",
                 "c4w1a1.23", "c4w1a1.28", "c4w1a1.32", "c4w1a1.37", "c4w1a1.41")

notebook(
    "c4-conv-step", "Convolutional model, step by step (course 4, week 1)",
    steps=[
        Step("Zero padding and one convolution step",
             """Padding adds a border of zeros so that a convolution keeps the height and width
             and the border pixels count as much as the centre ones. One step of a convolution
             multiplies a window of the input element-wise by the filter, sums, and adds the
             bias. The course's test cases draw their inputs after `np.random.seed(1)`; dlspec's
             functions get the same draws (NHWC, as the course).""",
             equation=r"Z = \sum_{h,w,c} a_{slice}[h,w,c]\, W[h,w,c] + b",
             code="""
from dlspec.experiments.c4_conv_step import checks

values, lines = checks()
print(lines[0])
compare({k: values[k] for k in ("zero_pad_height", "conv_single_step_Z")}, EXPERIMENT)"""),
        Step("The convolution's forward and backward",
             """The forward slides every filter over the padded input with a stride; the output
             is (m, n_H, n_W, n_C) with the sizes below. Backward sends each output gradient back
             through the window it came from: to dA_prev through W, to dW through the input
             window, to db directly.""",
             equation=r"""n_H = \Big\lfloor \frac{n_{H_{prev}} - f + 2 \times pad}{stride} \Big\rfloor + 1,\qquad
dA \mathrel{+}= \sum_{h,w} W_c \, dZ_{hw},\quad dW_c \mathrel{+}= \sum_{h,w} a_{slice}\, dZ_{hw},\quad db = \sum_{h,w} dZ_{hw}""",
             code="""
from dlspec.experiments import course_replays as replays

keys = ("conv_forward_Z_mean", "conv_backward_dA_mean", "conv_backward_dW_mean", "conv_backward_db_mean")
compare({**{k: values[k] for k in keys}, **replays.c4w1_conv_forward()}, EXPERIMENT)"""),
        Step("Pooling forward and backward",
             """Max pooling keeps the largest value of each window, and backward routes the
             gradient to that one position (the mask); average pooling spreads the gradient
             evenly over the window.""",
             equation=r"n_H = \Big\lfloor \frac{n_{H_{prev}} - f}{stride} \Big\rfloor + 1,\qquad dA_{prev}[\text{window}] \mathrel{+}= \frac{dA_{hw}}{f \times f}\ \text{(average)}",
             code="""
compare({k: v for k, v in values.items() if "pool" in k}, EXPERIMENT)"""),
        *([Step("Every value the course's notebook printed",
                """The same steps through `dlspec.course.c4w1_conv_step`, the assignment's functions
                under their names (`zero_pad`, `conv_single_step`, `conv_forward`, `pool_forward`,
                `create_mask_from_window`, `distribute_value`, ...): each value the course's
                notebook printed beside ours.""",
                code="from dlspec.notebooks.inventory import course_cell\n\n"
                     f"course_cell({', '.join(repr(c) for c in _C4W1)})")] if _C4W1 else []),
    ],
)

notebook(
    "c4-signs", "Convolution model application and residual networks on SIGNS (course 4, weeks 1 and 2)",
    quick={"image_size": 32, "n_train": 240, "epochs": 4},
    steps=[
        Step("The SIGNS images",
             """Hands showing zero to five fingers, 64x64 colour pictures in the course. Offline,
             dlspec draws its own hands at the same shape (NHWC) and class count.""",
             code="""
from dlspec.data import load_signs
from dlspec import plots

X_train, Y_train, X_test, Y_test = load_signs(n_train=60, n_test=12, size=32)
print("X_train:", X_train.shape, " Y_train:", Y_train.shape)
fig, axes = plots.new_figure(ncols=6, width=1.6, height=1.8)
for k, ax in enumerate(axes):
    ax.imshow(X_train[list(Y_train).index(k)])
    ax.set_title(f"{k}")
    ax.axis("off")
show(fig)"""),
        Step("A residual block",
             """A residual block adds its input back to the output of its layers, so the
             gradient has a short path through the addition and a deep network can at least
             learn the identity.""",
             equation=r"a^{[l+2]} = g\big(z^{[l+2]} + a^{[l]}\big)",
             code="""
from dlspec.models import zoo

zoo.small_resnet((32, 32, 3), 6, width=8, seed=SEED)"""),
        Step("ResNet50, as the course builds it",
             """The course stacks identity blocks and convolutional blocks into ResNet50 for
             64x64 images and 6 classes; its summary counts 23,600,006 parameters, 53,120 of
             them the batch norms' moving averages. dlspec's `zoo.resnet50` builds the course's
             variant (biases on the convolutions, the stride on each stage's first 1x1):""",
             equation=r"\text{stem} \to [3, 4, 6, 3] \text{ bottleneck blocks} \to \text{average pooling} \to \text{softmax}(6)",
             code="""
resnet50 = zoo.resnet50((64, 64, 3), 6, seed=SEED)
COURSE = {"course_c4w2a1_resnet50_total_params": 23600006, "course_c4w2a1_resnet50_trainable_params": 23546886}
compare({"course_c4w2a1_resnet50_total_params": resnet50.count_params(include_state=True),
         "course_c4w2a1_resnet50_trainable_params": resnet50.count_params()}, EXPERIMENT, course=COURSE)"""),
    ],
)

notebook(
    "c4-transfer", "Transfer learning with MobileNet (course 4, week 2)",
    quick={"source_per_class": 30, "source_epochs": 4, "epochs": 10},
    steps=[
        Step("A new head on a frozen base",
             """`alpaca_model` keeps a pretrained network's convolutional base frozen (in
             inference mode, so its batch norms keep their statistics), pools its features and
             trains only a new dense head. Then fine-tuning unfreezes the top layers with a
             smaller learning rate.""",
             equation=r"\hat{y} = \sigma\big(W\, \mathrm{GAP}(f_{frozen}(x)) + b\big)",
             code="""
from dlspec.applications.transfer import data_augmenter

augment = data_augmenter()
print(augment)"""),
    ],
)

notebook(
    "c4-detection", "Car detection with YOLO (course 4, week 3)",
    quick={"n_train": 200, "epochs": 4},
    steps=[
        Step("Intersection over union",
             """IoU measures how much two boxes overlap: the area of their intersection over the
             area of their union. The course checks it on two given boxes.""",
             equation=r"\mathrm{IoU}(B_1, B_2) = \frac{|B_1 \cap B_2|}{|B_1| + |B_2| - |B_1 \cap B_2|}",
             code="""
from dlspec.detection import iou

COURSE = {"course_c4w3_iou": 0.14285714285714285}     # the course's printed iou
compare({"course_c4w3_iou": iou((2, 1, 4, 3), (1, 2, 3, 4))}, EXPERIMENT, course=COURSE)"""),
        Step("Filtering by class score, then non-max suppression",
             """Each anchor box's score is its objectness times its class probability; boxes
             under the threshold go, and of the boxes that overlap a better one by more than the
             IoU threshold, only the best stays.""",
             equation=r"\text{score}_{c} = p_c \times \Pr(\text{class } c \mid \text{object})",
             code="""
from dlspec.detection import non_max_suppression

boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]], dtype=float)
scores = np.array([0.9, 0.8, 0.7])
print("kept boxes:", non_max_suppression(boxes, scores, iou_threshold=0.5))"""),
    ],
)

notebook(
    "c4-unet", "Image segmentation with U-Net (course 4, week 3)",
    quick={"n_train": 200, "epochs": 3},
    steps=[
        Step("The U-Net",
             """A contracting path of `conv_block`s halves the resolution and doubles the
             filters; an expanding path of `upsampling_block`s brings the resolution back,
             concatenating each level's skip connection; a 1x1 convolution gives every pixel a
             score per class.""",
             equation=r"\hat{y}_{hw} = \mathrm{softmax}\big(W_{1\times1}\, a_{hw} + b\big)",
             code="""
from dlspec.models.unet import unet_model

display(unet_model((32, 32, 3), n_filters=8, n_classes=4, seed=SEED))     # a small one, to read
course_size = unet_model((96, 128, 3), n_filters=32, n_classes=23, seed=SEED)   # the course's
compare({"course_c4w3a2_unet_params": course_size.count_params()}, EXPERIMENT,
        course={"course_c4w3a2_unet_params": 8640471})"""),
    ],
)

notebook(
    "c4-faces", "Face recognition (course 4, week 4)",
    quick={"steps": 30, "warm_start_epochs": 3, "per_identity": 8, "image_size": 16},
    steps=[
        Step("The triplet loss",
             """An encoder maps each face to a vector; training pulls an anchor towards a
             positive (same person) and pushes it from a negative (another person) by at least
             the margin alpha. dlspec's `triplet_loss` on three small batches of encodings:""",
             equation=r"\mathcal{J} = \sum_{i=1}^{m} \Big[\, \lVert f(A^{(i)}) - f(P^{(i)})\rVert_2^2 - \lVert f(A^{(i)}) - f(N^{(i)})\rVert_2^2 + \alpha \Big]_+",
             code="""
from dlspec.applications.faces import triplet_loss

g = np.random.default_rng(SEED)
anchor, positive, negative = (g.standard_normal((3, 128)) for _ in range(3))
print("triplet loss of random encodings:", triplet_loss([anchor, positive, negative], alpha=0.2))
print("of a perfect encoder (P = A):", triplet_loss([anchor, anchor, negative], alpha=0.2))"""),
    ],
)

notebook(
    "c4-style", "Art generation with neural style transfer (course 4, week 4)",
    quick={"image_size": 32, "epochs": 20},
    steps=[
        Step("Content and style costs",
             """The content cost compares one layer's activations of the content and generated
             images; the style cost compares Gram matrices, the correlations between a layer's
             channels. The generated image itself is optimized, by gradient descent on the
             total cost.""",
             equation=r"""J_{content} = \frac{1}{4 n_H n_W n_C}\sum (a^{(C)} - a^{(G)})^2,\qquad
J_{style}^{[l]} = \frac{1}{4 n_C^2 (n_H n_W)^2} \sum_{i,j}\big(G^{(S)}_{ij} - G^{(G)}_{ij}\big)^2,\qquad
J(G) = \alpha J_{content} + \beta J_{style}""",
             code="""
from dlspec.applications.style import compute_content_cost, compute_layer_style_cost

g = np.random.default_rng(SEED)
a_C, a_S, a_G = (g.standard_normal((1, 4, 4, 3)) for _ in range(3))
print("J_content:", compute_content_cost([a_C], [a_G]))
print("J_style of one layer:", compute_layer_style_cost(a_S, a_G))"""),
    ],
)


def _happy_house():
    """Course 4 week 1's Happy House (the Keras Sequential part of the convolution model
    application), once issue 26's experiment ``c4-happy-house`` is registered."""
    from ..experiments import REGISTRY, load_all
    load_all()
    if "c4-happy-house" not in REGISTRY:
        return
    notebook(
        "c4-happy-house", "Convolution model application: the Happy House (course 4, week 1)",
        steps=[
            Step("happyModel with the Sequential API",
                 """The course's first Keras model: zero-pad by 3, a 7x7 convolution with 32
                 filters, batch normalization over the channels, ReLU, 2x2 max pooling, then one
                 sigmoid unit reading the flattened features. dlspec's layers carry the same
                 Keras names; the summary counts what Keras counts (batch norm's moving mean and
                 variance as the 64 non-trainable parameters).""",
                 equation=r"n_H = \Big\lfloor \frac{n_{H_{prev}} + 2p - f}{s} \Big\rfloor + 1 = \frac{64 + 6 - 7}{1} + 1 = 64",
                 code="""
from dlspec.models import Sequential
from dlspec.nn import BatchNormalization, Conv2D, Dense, Flatten, MaxPooling2D, ReLU, ZeroPadding2D

happy_model = Sequential([ZeroPadding2D(3), Conv2D(32, 7, strides=1), BatchNormalization(axis=3), ReLU(),
                          MaxPooling2D(), Flatten(), Dense(1, activation="sigmoid")], seed=SEED)
happy_model.build((64, 64, 3))
display(happy_model)
COURSE = {"course_c4w1a2_happy_total_params": 37633, "course_c4w1a2_happy_trainable_params": 37569}
compare({"course_c4w1a2_happy_total_params": happy_model.count_params(include_state=True),
         "course_c4w1a2_happy_trainable_params": happy_model.count_params()}, EXPERIMENT, course=COURSE)"""),
        ],
    )


_happy_house()
