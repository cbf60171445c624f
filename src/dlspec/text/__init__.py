"""Course 5, week 2: word embeddings. Text to tokens, word2vec and GloVe, word-vector files,
analogies and similarity benchmarks, and debiasing."""
from .tokenize import sentences, tokenize
from .vocab import Vocabulary
from .vectors import WordVectors, complete_analogy, cosine_similarity
from .word2vec import Word2Vec
from .formats import read_glove, read_word2vec, write_glove, write_word2vec
from .evaluate import evaluate_analogies, evaluate_word_pairs, spearman

__all__ = ["sentences", "tokenize", "Vocabulary", "WordVectors", "complete_analogy", "cosine_similarity", "Word2Vec",
           "read_glove", "read_word2vec", "write_glove", "write_word2vec", "evaluate_analogies",
           "evaluate_word_pairs", "spearman"]
