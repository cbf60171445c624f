"""The course's Keras models written with Keras's names (issue 24, "done when").

Each builds with Keras's parameter count ("Total params": batch norm's moving statistics
included), trains, and its cost follows the same model in logits form (the fused path of
Keras's cross-entropies), so nothing is lost by writing the course's Keras.
"""
import numpy as np
import pytest

import dlspec
from dlspec.initializers import random_uniform
from dlspec.nn import (LSTM, Activation, Add, BatchNormalization, Conv2D, Conv2DTranspose, Dense, Dropout,
                       Embedding, Flatten, GlobalAveragePooling2D, Input, MaxPool2D, MaxPooling2D, ReLU,
                       ZeroPadding2D, concatenate)


def _text(model):
    lines = []
    model.summary(print_fn=lines.append)
    return "\n".join(lines)


def _counts(model):
    total = model.count_params(include_state=True)
    text = _text(model)
    assert f"Total params: {total:,}" in text
    trainable = int(text.split("Trainable params: ")[1].split("\n")[0].replace(",", ""))
    return total, trainable


def _fit_both(make, loss, twin_loss, X, y, epochs=4, batch_size=None, optimizer=lambda: dlspec.Adam(0.01)):
    """Train the probability model and its logits twin (same seed): their costs per epoch."""
    a = make(True)
    a.compile(loss=loss, optimizer=optimizer(), metrics=["accuracy"])
    b = make(False)
    b.compile(twin_loss, optimizer())
    ha = a.fit(X, y, epochs=epochs, batch_size=batch_size, verbose=0).history
    hb = b.fit(X, y, epochs=epochs, batch_size=batch_size, verbose=0).history
    return ha, hb


def test_happy_model_sequential_with_input_shape_and_max_pooling_2d():
    def happy_model(probabilities=True):
        return dlspec.Sequential([
            ZeroPadding2D(padding=(3, 3), input_shape=(64, 64, 3)),
            Conv2D(32, (7, 7), strides=(1, 1)),
            BatchNormalization(axis=3),
            ReLU(),
            MaxPooling2D(),
            Flatten(),
            Dense(1, activation="sigmoid" if probabilities else None)], seed=0)
    model = happy_model()
    assert model.built                       # input_shape= builds at once, as Keras
    # Keras's happyModel summary: 37,633 total, 37,569 trainable (64 moving statistics).
    assert _counts(model) == (37_633, 37_569)
    rng = np.random.default_rng(0)
    X = rng.random((24, 64, 64, 3)).astype(np.float32)
    y = (X[:, :32].mean(axis=(1, 2, 3)) > X[:, 32:].mean(axis=(1, 2, 3))).astype(np.int64)
    ha, hb = _fit_both(happy_model, "binary_crossentropy", "binary_crossentropy_with_logits", X, y,
                       batch_size=8, optimizer=lambda: dlspec.Adam(0.001))
    np.testing.assert_allclose(ha["loss"], hb["cost"], rtol=1e-4)
    assert ha["loss"][-1] < ha["loss"][0] and "accuracy" in ha


def test_signs_functional_model_softmax_categorical_crossentropy_and_metrics():
    def convolutional_model(probabilities=True):
        input_img = Input(shape=(64, 64, 3))
        Z1 = Conv2D(filters=8, kernel_size=(4, 4), strides=(1, 1), padding="SAME")(input_img)
        P1 = MaxPool2D(pool_size=(8, 8), strides=(8, 8), padding="SAME")(ReLU()(Z1))
        Z2 = Conv2D(filters=16, kernel_size=(2, 2), strides=(1, 1), padding="SAME")(P1)
        P2 = MaxPool2D(pool_size=(4, 4), strides=(4, 4), padding="SAME")(ReLU()(Z2))
        outputs = Dense(units=6, activation="softmax" if probabilities else None)(Flatten()(P2))
        return dlspec.Model(inputs=input_img, outputs=outputs, seed=0)
    # 4*4*3*8+8 + 2*2*8*16+16 + (2*2*16)*6+6, as Keras counts the course's model.
    assert _counts(convolutional_model()) == (1_310, 1_310)
    rng = np.random.default_rng(1)
    ids = rng.integers(0, 6, 60)
    X = rng.random((60, 64, 64, 3)).astype(np.float32) * 0.5
    X[np.arange(60), :, :, ids % 3] += (ids[:, None, None] / 6).astype(np.float32)
    Y = np.eye(6, dtype=np.float32)[ids]               # one-hot, as the course's Y_train
    ha, hb = _fit_both(convolutional_model, "categorical_crossentropy", "softmax_crossentropy", X, Y,
                       epochs=6, batch_size=20)
    np.testing.assert_allclose(ha["loss"], hb["cost"], rtol=1e-5)
    assert ha["loss"][-1] < ha["loss"][0]
    assert len(ha["accuracy"]) == 6 and 0 <= ha["accuracy"][-1] <= 1


def _conv_block(inputs, n_filters, dropout_prob=0.0, max_pooling=True):
    conv = Conv2D(n_filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(inputs)
    conv = Conv2D(n_filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(conv)
    if dropout_prob > 0:
        conv = Dropout(dropout_prob)(conv)
    next_layer = MaxPooling2D(pool_size=(2, 2))(conv) if max_pooling else conv
    return next_layer, conv


def _upsampling_block(expansive_input, contractive_input, n_filters):
    up = Conv2DTranspose(n_filters, 3, strides=(2, 2), padding="same")(expansive_input)
    merge = concatenate([up, contractive_input], axis=3)
    conv = Conv2D(n_filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(merge)
    return Conv2D(n_filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(conv)


def _unet(input_size, n_filters, n_classes, probabilities=False):
    inputs = Input(input_size)
    c1 = _conv_block(inputs, n_filters)
    c2 = _conv_block(c1[0], 2 * n_filters)
    c3 = _conv_block(c2[0], 4 * n_filters)
    c4 = _conv_block(c3[0], 8 * n_filters, dropout_prob=0.3)
    c5 = _conv_block(c4[0], 16 * n_filters, dropout_prob=0.3, max_pooling=False)
    u = _upsampling_block(c5[0], c4[1], 8 * n_filters)
    u = _upsampling_block(u, c3[1], 4 * n_filters)
    u = _upsampling_block(u, c2[1], 2 * n_filters)
    u = _upsampling_block(u, c1[1], n_filters)
    u = Conv2D(n_filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(u)
    out = Conv2D(n_classes, 1, padding="same", activation="softmax" if probabilities else None)(u)
    return dlspec.Model(inputs=inputs, outputs=out, seed=0)


def test_unet_blocks_with_activation_he_normal_dropout_and_concatenate():
    # The course's unet_model((96, 128, 3), 32, 23): "Total params: 8,640,471".
    assert _counts(_unet((96, 128, 3), 32, 23))[0] == 8_640_471
    rng = np.random.default_rng(2)
    X = rng.random((6, 16, 16, 3)).astype(np.float32)
    mask = (X[..., 0] > 0.5).astype(np.int64) + (X[..., 1] > 0.7)      # 3 classes per pixel
    # The course compiles with SparseCategoricalCrossentropy(from_logits=True); the softmax-ended
    # twin with Keras's default from_logits=False trains the same.
    ha, hb = _fit_both(lambda p: _unet((16, 16, 3), 2, 3, probabilities=p),
                       "sparse_categorical_crossentropy",
                       dlspec.losses.SparseCategoricalCrossentropy(from_logits=True), X, mask[..., None])
    np.testing.assert_allclose(ha["loss"], hb["cost"], rtol=1e-5)
    assert ha["loss"][-1] < ha["loss"][0]


def test_emojify_frozen_embedding_with_set_weights():
    rng = np.random.default_rng(3)
    vocab_len, emb_dim, max_len = 60, 50, 7
    emb_matrix = rng.standard_normal((vocab_len, emb_dim)).astype(np.float32)

    def pretrained_embedding_layer():
        layer = Embedding(vocab_len, emb_dim, trainable=False)
        layer.build((None,))
        layer.set_weights([emb_matrix])
        return layer

    def emojify_v2(probabilities=True):
        sentence_indices = Input(shape=(max_len,), dtype="int32")
        X = pretrained_embedding_layer()(sentence_indices)
        X = Dropout(0.5)(LSTM(128, return_sequences=True)(X))
        X = Dropout(0.5)(LSTM(128, return_sequences=False)(X))
        X = Dense(5)(X)
        if probabilities:
            X = Activation("softmax")(X)
        return dlspec.Model(inputs=sentence_indices, outputs=X, seed=0)
    model = emojify_v2()
    # Keras: trainable 223,877 as the course; the frozen vectors are the rest.
    assert _counts(model) == (vocab_len * emb_dim + 223_877, 223_877)
    embedding = [l for l in model.layers if isinstance(l, Embedding)][0]
    np.testing.assert_array_equal(embedding.get_weights()[0], emb_matrix)
    ids = rng.integers(1, vocab_len, (40, max_len))
    y = ids[:, 0] % 5
    ha, hb = _fit_both(emojify_v2, "sparse_categorical_crossentropy", "softmax_crossentropy", ids, y,
                       epochs=5, batch_size=20)
    np.testing.assert_allclose(ha["loss"], hb["cost"], rtol=1e-5)
    assert ha["loss"][-1] < ha["loss"][0]
    np.testing.assert_array_equal(embedding.params["E"], emb_matrix)     # frozen: unchanged


def _identity_block(X, f, filters, training=True, initializer=random_uniform):
    F1, F2, F3 = filters
    X_shortcut = X
    X = Conv2D(filters=F1, kernel_size=1, strides=(1, 1), padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X, training=training)
    X = Activation("relu")(X)
    X = Conv2D(filters=F2, kernel_size=f, strides=(1, 1), padding="same", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X, training=training)
    X = Activation("relu")(X)
    X = Conv2D(filters=F3, kernel_size=1, strides=(1, 1), padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X, training=training)
    X = Add()([X_shortcut, X])
    return Activation("relu")(X)


def test_resnet_identity_block_with_batchnorm_axis_3_and_random_uniform_seed_0():
    def model(probabilities=True):
        x = Input((6, 6, 3))
        y = _identity_block(x, 2, [4, 4, 3])
        y = Dense(2, activation="softmax" if probabilities else None)(GlobalAveragePooling2D()(y))
        return dlspec.Model(x, y, seed=0)
    # Keras: convs 16 + 68 + 15, batch norms 4 * (4 + 4 + 3) (half of it moving statistics), dense 8.
    assert _counts(model()) == (151, 129)
    def first_kernel(seed):
        x = Input((6, 6, 3))
        m = dlspec.Model(x, _identity_block(x, 2, [4, 4, 3]), seed=seed)
        return [l for l in m.layers if isinstance(l, Conv2D)][0].get_weights()[0]
    first = first_kernel(0)
    np.testing.assert_array_equal(first, first_kernel(7))   # seeded: the model's seed does not matter
    assert first.min() >= -0.05 and first.max() < 0.05                          # Keras's random_uniform
    rng = np.random.default_rng(4)
    X = rng.standard_normal((32, 6, 6, 3)).astype(np.float32)
    y = (X[..., 0].mean(axis=(1, 2)) > 0).astype(np.int64)
    ha, hb = _fit_both(model, "sparse_categorical_crossentropy", "softmax_crossentropy", X, y,
                       epochs=8, batch_size=16)
    np.testing.assert_allclose(ha["loss"], hb["cost"], rtol=1e-5)
    assert ha["loss"][-1] < ha["loss"][0]
