"""Logistic regression over sparse binary features, fitted by full-batch Adam with L2.

The trainers of the spam stage's learned scorers (``train_comma_model``, ``train_line_model``) share
this fit; each computes its own example weights.  numpy only (scikit-learn is not a dependency).
"""
from __future__ import annotations

from typing import Sequence, Tuple

import numpy as np


def sparse_rows(indices: Sequence[Sequence[int]]) -> Tuple[np.ndarray, np.ndarray]:
    """(row, column) pairs of a binary matrix given each row's column indices."""
    rows, cols = [], []
    for r, idx in enumerate(indices):
        rows += [r] * len(idx)
        cols += idx
    return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)


def adam_fit(rows: np.ndarray, cols: np.ndarray, y: np.ndarray, sample_w: np.ndarray, dim: int,
             steps: int, l2: float, lr: float) -> Tuple[np.ndarray, float]:
    """Weights and bias minimising the weighted log loss plus ``l2``/2 |w|², ``steps`` Adam steps."""
    n = len(y)
    w, b = np.zeros(dim), 0.0
    m, v, mb, vb = np.zeros(dim), np.zeros(dim), 0.0, 0.0
    for t in range(1, steps + 1):
        z = np.bincount(rows, weights=w[cols], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g_row = (p - y) * sample_w
        g = np.bincount(cols, weights=g_row[rows], minlength=dim) + l2 * w
        gb = g_row.sum()
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        mb = 0.9 * mb + 0.1 * gb
        vb = 0.999 * vb + 0.001 * gb * gb
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        b -= lr * (mb / (1 - 0.9 ** t)) / (np.sqrt(vb / (1 - 0.999 ** t)) + 1e-8)
    return w, float(b)
