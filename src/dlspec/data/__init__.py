"""Datasets generated here (seeded) or bundled with an installed package, and mini-batching."""
from .batches import random_mini_batches
from .digits import load_digits
from .shapes import draw_hands, load_signs
from .synthetic import DATASETS, blobs, circles, gaussian_quantiles, moons, planar_flower, spirals

__all__ = ["random_mini_batches", "load_digits", "DATASETS", "planar_flower", "moons", "circles",
           "spirals", "blobs", "gaussian_quantiles", "load_signs", "draw_hands"]
