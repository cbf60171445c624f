"""Text (course 5): week 2's word embeddings (text to tokens, word2vec and GloVe, word-vector
files, analogies and similarity benchmarks, debiasing) and week 3's BLEU."""
from .tokenize import sentences, tokenize
from .vocab import Vocabulary
from .vectors import WordVectors, complete_analogy, cosine_similarity
from .word2vec import Word2Vec
from .formats import read_glove, read_word2vec, write_glove, write_word2vec
from .evaluate import evaluate_analogies, evaluate_word_pairs, spearman
from .bleu import BLEUScore, brevity_penalty, corpus_bleu, sentence_bleu
from .ngrams import closest_ref_length, modified_precision, ngram_counts

__all__ = ["sentences", "tokenize", "Vocabulary", "WordVectors", "complete_analogy", "cosine_similarity", "Word2Vec",
           "read_glove", "read_word2vec", "write_glove", "write_word2vec", "evaluate_analogies",
           "evaluate_word_pairs", "spearman", "BLEUScore", "brevity_penalty", "corpus_bleu", "sentence_bleu",
           "closest_ref_length", "modified_precision", "ngram_counts"]
