"""Course 5's assignments and labs as notebooks (Sequence Models)."""
from .inventory import replayed
from .spec import Step, notebook

# The course's RNN step-by-step notebook, cell by cell, once its replays exist (dlspec.course).
_C5W1 = replayed("c5w1a1.16", "c5w1a1.17", "c5w1a1.21", "c5w1a1.22", "c5w1a1.35", "c5w1a1.36",
                 "c5w1a1.39", "c5w1a1.40", "c5w1a1.46", "c5w1a1.50", "c5w1a1.55", "c5w1a1.59")

notebook(
    "c5-gradients", "Building your recurrent neural network, step by step (course 5, week 1)",
    quick={"steps": 40},
    steps=[
        Step("The RNN cell and its backward",
             """An RNN cell mixes the previous hidden state with the current input through tanh;
             backpropagation through time runs the cells in reverse, adding each step's gradient
             to the shared weights. The course's `rnn_backward` test case, with its
             `np.random.seed(1)` inputs transposed to dlspec's batch-first layout:""",
             equation=r"""a^{\langle t \rangle} = \tanh\big(W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle} + b_a\big),\qquad
\hat{y}^{\langle t \rangle} = \mathrm{softmax}\big(W_{ya} a^{\langle t \rangle} + b_y\big)""",
             code="""
from dlspec.experiments import course_replays_c5 as replays

compare(replays.c5w1_rnn_backward(), EXPERIMENT)"""),
        Step("The LSTM cell, forward and backward",
             """The LSTM keeps a memory cell c that a forget gate, an update gate and an output
             gate control; the additive path through c lets gradients survive many steps.
             The course's `lstm_forward` and `lstm_backward` test cases:""",
             equation=r"""\Gamma_f = \sigma(W_f[a^{\langle t-1 \rangle}, x^{\langle t \rangle}] + b_f),\quad
\Gamma_u = \sigma(W_u[\cdot] + b_u),\quad \tilde{c}^{\langle t \rangle} = \tanh(W_c[\cdot] + b_c),\quad \Gamma_o = \sigma(W_o[\cdot] + b_o) \\
c^{\langle t \rangle} = \Gamma_f \odot c^{\langle t-1 \rangle} + \Gamma_u \odot \tilde{c}^{\langle t \rangle},\qquad
a^{\langle t \rangle} = \Gamma_o \odot \tanh(c^{\langle t \rangle})""",
             code="""
compare({**replays.c5w1_lstm_forward(), **replays.c5w1_lstm_backward()}, EXPERIMENT)"""),
        *([Step("Every value the course's notebook printed",
                """The assignment's functions under their names (`rnn_cell_forward`, `rnn_forward`,
                `lstm_cell_forward`, `lstm_forward` and their backward passes) in
                `dlspec.course`, in the course's layout (n_x, m, T_x): each value the course's
                notebook printed beside ours.""",
                code="from dlspec.notebooks.inventory import course_cell\n\n"
                     f"course_cell({', '.join(repr(c) for c in _C5W1)})")] if _C5W1 else []),
    ],
)

notebook(
    "c5-dinosaurs", "Dinosaur Island: character-level language model (course 5, week 1)",
    quick={"iterations": 600},
    steps=[
        Step("Clipping the gradients",
             """Exploding gradients are kept in check by clipping every entry of every gradient
             to [-maxValue, maxValue]. The course's `clip` test case with maxValue 10 and 5:""",
             equation=r"dW \leftarrow \min\big(\max(dW, -\mathrm{maxValue}), \mathrm{maxValue}\big)",
             code="""
from dlspec.experiments import course_replays_dinos as dinos

compare(dinos.c5w1_dinosaurus_clip(), EXPERIMENT)"""),
        Step("Sampling a name",
             """To invent a name, feed a zero vector, draw a character from the softmax output,
             feed it back as the next input, until the newline. With the course's weights and
             seeds, dlspec draws the course's characters:""",
             equation=r"x^{\langle t+1 \rangle} = \text{one-hot}(i),\quad i \sim \hat{y}^{\langle t \rangle} = \mathrm{softmax}(W_{ya} a^{\langle t \rangle} + b_y)",
             code="""
compare(dinos.c5w1_dinosaurus_sample(), EXPERIMENT)"""),
        Step("One step of optimization",
             """`optimize` runs forward and backward through one name, clips the gradients and
             updates the parameters; the course prints the loss and a few gradient entries.""",
             equation=r"\mathcal{L} = -\sum_t \log \hat{y}^{\langle t \rangle}_{y^{\langle t \rangle}}",
             code="""
compare(dinos.c5w1_dinosaurus_optimize(), EXPERIMENT)"""),
    ],
)

notebook(
    "c5-jazz", "Improvise a jazz solo with an LSTM network (course 5, week 1)",
    quick={"epochs": 1},
    steps=[
        Step("djmodel: one LSTM cell called at every step",
             """The course builds its music model by calling the *same* LSTM cell, dense layer
             and reshape once per time step, so the weights are shared across time;
             `djmodel` does the same with dlspec's functional API.""",
             equation=r"a^{\langle t \rangle}, c^{\langle t \rangle} = \mathrm{LSTM\_cell}(x^{\langle t \rangle}, [a^{\langle t-1 \rangle}, c^{\langle t-1 \rangle}]),\quad \hat{y}^{\langle t \rangle} = \mathrm{softmax}(W a^{\langle t \rangle} + b)",
             code="""
from dlspec.models.jazz import djmodel
from dlspec.nn import LSTM, Dense, Reshape

n_values, n_a, Tx = 90, 64, 30          # the course's sizes
LSTM_cell, densor, reshaper = LSTM(n_a, return_state=True), Dense(n_values, activation="softmax"), Reshape((1, n_values))
model = djmodel(Tx, LSTM_cell, densor, reshaper, seed=SEED)
display(model)
compare({"course_c5w1a3_djmodel_params": model.count_params()}, EXPERIMENT,
        course={"course_c5w1a3_djmodel_params": 45530})     # the course's summary: Total params: 45,530"""),
    ],
)

notebook(
    "c5-debias", "Operations on word vectors: debiasing (course 5, week 2)",
    run=False,     # it trains word vectors on the GCIDE dictionary first: `dlspec run c5-debias`
    steps=[
        Step("Cosine similarity",
             """How alike two word vectors are is the cosine of the angle between them: 1 for
             the same direction, 0 for unrelated, -1 for opposite.""",
             equation=r"\mathrm{CosineSimilarity}(u, v) = \frac{u \cdot v}{\lVert u\rVert_2 \lVert v\rVert_2} = \cos\theta",
             code="""
from dlspec.text.vectors import cosine_similarity

u, v = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])
print(cosine_similarity(u, v), cosine_similarity(u, -v), cosine_similarity(np.array([1.0, 0]), np.array([0, 1.0])))"""),
        Step("Neutralize and equalize",
             """With a bias direction g (here made up: the first axis), neutralizing removes a
             word's component along g; equalizing moves a pair (actor, actress) so that the two
             differ only along g and are equally far from every neutral word. The plot shows the
             components along g before and after.""",
             equation=r"e^{bias\_component} = \frac{e \cdot g}{\lVert g\rVert_2^2}\, g,\qquad e^{debiased} = e - e^{bias\_component}",
             code="""
from dlspec.text.debias import equalize, neutralize
from dlspec import plots

g = np.eye(50)[0]
rng = np.random.default_rng(SEED)
words = {w: v / np.linalg.norm(v) for w, v in zip(("nurse", "doctor", "actor", "actress"), rng.standard_normal((4, 50)))}
words["nurse"] = words["nurse"] + 0.4 * g
after = {w: neutralize(w, g, words) for w in ("nurse", "doctor")}
e1, e2 = equalize(("actor", "actress"), g, words)
fig, [ax] = plots.new_figure(width=6, height=3)
names = ["nurse", "doctor", "actor", "actress"]
ax.bar(np.arange(4) - 0.2, [cosine_similarity(words[w], g) for w in names], 0.4, label="before")
ax.bar(np.arange(4) + 0.2, [cosine_similarity(v, g) for v in (*after.values(), e1, e2)], 0.4, label="after")
ax.set_xticks(range(4), names)
ax.set_ylabel("cosine with g")
ax.legend()
show(fig)
# The course's receptionist has cosine -4.4e-17 with g after neutralizing: zero up to rounding.
compare({"nurse_cos_g_after": cosine_similarity(after["nurse"], g)}, EXPERIMENT)"""),
    ],
)

notebook(
    "c5-emojify", "Emojify (course 5, week 2)",
    quick={"v1_epochs": 200, "v2_epochs": 10},
    steps=[
        Step("V1: the average of the word vectors",
             """Emojify V1 averages the vectors of a sentence's words and feeds the average to a
             softmax: word order is lost, but words never seen in training still count through
             their vectors.""",
             equation=r"avg = \frac{1}{n}\sum_{j=1}^{n} e_{w_j},\qquad \hat{y} = \mathrm{softmax}(W\, avg + b)",
             code="""
from dlspec.data.emojify import emojify_data, label_to_emoji

X_train, Y_train, X_test, Y_test = emojify_data(seed=SEED)
for sentence, label in list(zip(X_train, Y_train))[:5]:
    print(label_to_emoji(label), sentence)"""),
        Step("V2: two LSTMs over the word vectors",
             """Emojify V2 reads the sentence in order: a frozen embedding layer with the
             pretrained vectors, two LSTM layers with dropout, a softmax. With 50-d vectors the
             course's summary counts 223,877 trainable parameters; dlspec's model counts the
             same.""",
             equation=r"\hat{y} = \mathrm{softmax}\big(W\, \mathrm{LSTM}_{128}(\mathrm{LSTM}_{128}(E[x]))_{T} + b\big)",
             code="""
from dlspec.models.emojify import Emojify_V2
from dlspec.text import WordVectors

words = ["i", "love", "you"]          # three made-up 50-d vectors: the count does not depend on them
word_to_vec_map = WordVectors(words, np.random.default_rng(SEED).standard_normal((3, 50)))
word_to_index = {w: i for i, w in enumerate(words, 1)}
model = Emojify_V2((10,), word_to_vec_map, word_to_index, seed=SEED)
trainable = sum(p.size for layer in model.layers if layer.trainable for p in layer.params.values())
compare({"course_c5w2_emojify_v2_trainable_params": trainable}, EXPERIMENT,
        course={"course_c5w2_emojify_v2_trainable_params": 223877})"""),
    ],
)

notebook(
    "c5-translation", "Neural machine translation with attention (course 5, week 3)",
    quick={"n_train": 1000, "epochs": 2},
    steps=[
        Step("One step of attention",
             """Before each output character, the attention weights say how much each input
             position matters: a small network scores each pre-attention state against the
             previous post-attention state, a softmax over the input positions turns the scores
             into weights, and the context is the weighted sum.""",
             equation=r"""\alpha^{\langle t, t' \rangle} = \frac{\exp(e^{\langle t, t' \rangle})}{\sum_{t''=1}^{T_x} \exp(e^{\langle t, t'' \rangle})},\qquad
context^{\langle t \rangle} = \sum_{t'=1}^{T_x} \alpha^{\langle t, t' \rangle} a^{\langle t' \rangle}""",
             code="""
from dlspec.models.attention import modelf

model = modelf(Tx=30, Ty=10, n_a=32, n_s=64, human_vocab_size=37, machine_vocab_size=11, seed=SEED)
compare({"course_c5w3_modelf_params": model.count_params()}, EXPERIMENT,
        course={"course_c5w3_modelf_params": 52960})"""),
    ],
)

notebook(
    "c5-trigger-word", "Trigger word detection (course 5, week 3)",
    quick={"train_clips": 60, "epochs": 2},
    steps=[
        Step("The model",
             """A 1-D convolution reads the spectrogram (5511 steps of 101 frequencies) with
             stride 4, then two GRU layers and a sigmoid at every one of the 1375 output steps
             say whether "activate" has just ended. The course's summary counts 523,329
             parameters, as Keras counts them (batch-norm statistics included).""",
             equation=r"\hat{y}^{\langle t \rangle} = \sigma\big(W\, \mathrm{GRU}(\mathrm{GRU}(\mathrm{Conv1D}(x)))^{\langle t \rangle} + b\big),\quad t = 1, \dots, 1375",
             code="""
from dlspec.models.trigger_word import keras_count_params, trigger_word_model

model = trigger_word_model((5511, 101), seed=SEED)
compare({"course_c5w3_trigger_model_params": keras_count_params(model)}, EXPERIMENT,
        course={"course_c5w3_trigger_model_params": 523329})"""),
    ],
)

notebook(
    "c5-transformer", "Transformer network (course 5, week 4)",
    quick={"steps": 150, "n_train": 1500},
    steps=[
        Step("Positional encoding",
             """Attention alone has no sense of order, so each position gets a fixed pattern of
             sines and cosines of different wavelengths, added to the word embedding.""",
             equation=r"PE_{(pos, 2i)} = \sin\Big(\frac{pos}{10000^{2i/d}}\Big),\qquad PE_{(pos, 2i+1)} = \cos\Big(\frac{pos}{10000^{2i/d}}\Big)",
             code="""
from dlspec.functional.positional import positional_encoding
from dlspec import plots

pe = positional_encoding(50, 128)
print("shape:", pe.shape)               # the course: (1, 50, 128)
fig, [ax] = plots.new_figure(width=6, height=3)
ax.imshow(pe[0], aspect="auto", cmap="RdBu")
ax.set_xlabel("d")
ax.set_ylabel("position")
show(fig)"""),
        Step("Scaled dot-product attention and the masks",
             """Each query is compared with every key; the scores are scaled by the square root
             of the key size, masked (padding, or the future in the decoder), turned into
             weights by a softmax, and the output is the weighted sum of the values.""",
             equation=r"\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\Big(\frac{QK^T}{\sqrt{d_k}} + M\Big) V",
             code="""
from dlspec.functional.attention import scaled_dot_product_attention
from dlspec.functional.masks import create_look_ahead_mask

q = k = v = np.eye(3, 4)[None]           # (1, 3, 4)
out, weights = scaled_dot_product_attention(q, k, v, mask=create_look_ahead_mask(3))
print("look-ahead mask:\\n", create_look_ahead_mask(3))
print("attention weights:\\n", weights.round(3))"""),
    ],
)


def _transformer_labs():
    """Course 5 week 4's two ungraded labs (named entities, question answering), once issue
    26's experiments are registered; their steps use only what is stable on main."""
    from ..experiments import REGISTRY, load_all
    load_all()
    if "c5-ner" in REGISTRY:
        notebook(
            "c5-ner", "Transformer network application: named-entity recognition (course 5, week 4 lab)",
            quick={"n_train": 300, "steps": 300},
            steps=[
                Step("A tag for every token",
                     """Named-entity recognition is classification per token: the encoder gives each
                     token a vector, and one dense layer with a softmax, shared by all positions,
                     scores every tag for it (here for three tokens and three tags). Tokens that
                     carry no label (padding, the second piece of a split word) get the label -100
                     and are left out of the loss.""",
                     equation=r"\hat{y}^{\langle t \rangle} = \mathrm{softmax}\big(W h^{\langle t \rangle} + b\big),\qquad \mathcal{L} = -\frac{1}{|T_{lab}|}\sum_{t \in T_{lab}} \log \hat{y}^{\langle t \rangle}_{y^{\langle t \rangle}}",
                     code="""
from dlspec import ops

scores = np.array([[2.0, 0.1, -1.0], [0.0, 3.0, 0.5], [0.2, 0.1, 0.0]])   # 3 tokens x 3 tags
labels = np.array([0, 1, -100])                                             # the last is not labelled
probabilities = np.asarray(ops.softmax(scores))
kept = labels != -100
loss = -np.log(probabilities[np.arange(3)[kept], labels[kept]]).mean()
print("tags:", probabilities.argmax(axis=1), " loss over labelled tokens:", round(float(loss), 4))"""),
            ],
        )
    if "c5-question-answering" in REGISTRY:
        notebook(
            "c5-question-answering", "Transformer network application: question answering (course 5, week 4 lab)",
            quick={"n_train": 1000, "steps": 600},
            steps=[
                Step("An answer is a span",
                     """Extractive question answering scores every token of the context twice: as
                     the answer's start and as its end. The answer is the span with the best sum of
                     the two scores whose end is not before its start.""",
                     equation=r"(\hat{s}, \hat{e}) = \arg\max_{s \le e}\ \big(z^{start}_s + z^{end}_e\big)",
                     code="""
start = np.array([0.1, 2.5, 0.3, -1.0, 0.0])
end = np.array([0.0, 0.2, 1.9, 2.2, -0.5])
pairs = start[:, None] + end[None, :]                          # (start, end) scores
pairs[np.tril_indices(len(start), k=-1)] = -np.inf             # an end before its start is no span
s, e = np.unravel_index(np.argmax(pairs), pairs.shape)
print("answer: tokens", s, "to", e)"""),
            ],
        )


_transformer_labs()
