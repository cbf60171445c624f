"""Text metrics of course 5 week 3: n-grams and BLEU (sacrebleu's and nltk's numbers)."""
from .bleu import BLEUScore, brevity_penalty, corpus_bleu, sentence_bleu
from .ngrams import closest_ref_length, modified_precision, ngram_counts

__all__ = ["BLEUScore", "brevity_penalty", "corpus_bleu", "sentence_bleu", "closest_ref_length",
           "modified_precision", "ngram_counts"]
