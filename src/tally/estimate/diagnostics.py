"""MCMC convergence diagnostics: split R-hat and effective sample size.

Both follow Gelman et al., *Bayesian Data Analysis* (3rd ed., §11.4–11.5), as in Stan: each
chain is split in half so that a trend within a chain shows up as between-chain variance;
the effective sample size combines the chains' autocorrelations and truncates the sum with
Geyer's initial monotone positive sequence.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def _as_chains(draws: npt.ArrayLike) -> FloatArray:
    arr = np.asarray(draws, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] < 4:
        raise ValueError("draws must be (n_chains, n_draws) with at least 4 draws per chain")
    return arr


def split_chains(draws: npt.ArrayLike) -> FloatArray:
    """Split every chain into its first and second half (an odd middle draw is dropped)."""
    arr = _as_chains(draws)
    half = arr.shape[1] // 2
    return np.concatenate([arr[:, :half], arr[:, arr.shape[1] - half :]], axis=0)


def _variances(chains: FloatArray) -> tuple[float, float]:
    """Within-chain variance W and the pooled estimate var+ of the posterior variance."""
    n = chains.shape[1]
    w = float(chains.var(axis=1, ddof=1).mean())
    b = float(n * chains.mean(axis=1).var(ddof=1))
    var_plus = (n - 1) / n * w + b / n
    return w, var_plus


def split_rhat(draws: npt.ArrayLike) -> float:
    """Split R-hat; about 1 at convergence, above ~1.01–1.05 signals trouble.

    ``draws`` is ``(n_chains, n_draws)`` (or one chain). Constant draws give ``nan``.
    """
    chains = split_chains(draws)
    w, var_plus = _variances(chains)
    if w == 0.0:
        return float("nan")
    return float(np.sqrt(var_plus / w))


def _autocovariance(x: FloatArray) -> FloatArray:
    """Biased autocovariance of each row for lags 0..n-1, via FFT."""
    n = x.shape[-1]
    centred = x - x.mean(axis=-1, keepdims=True)
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, n=size, axis=-1)
    full: FloatArray = np.fft.irfft(spectrum * np.conjugate(spectrum), n=size, axis=-1)
    acov: FloatArray = full[..., :n] / n
    return acov


def effective_sample_size(draws: npt.ArrayLike) -> float:
    """Multi-chain effective sample size of the mean (split chains, Geyer truncation)."""
    chains = split_chains(draws)
    m, n = chains.shape
    w, var_plus = _variances(chains)
    if w == 0.0:
        return float("nan")
    acov = _autocovariance(chains).mean(axis=0)
    # As in Stan: biased lag autocovariances against the unbiased within-chain variance.
    rho = 1.0 - (w - acov) / var_plus
    rho[0] = 1.0
    tau = -1.0
    previous = np.inf
    for t in range(0, n - 1, 2):
        pair = float(rho[t] + rho[t + 1])
        if pair <= 0:
            break
        pair = min(pair, previous)  # initial monotone sequence
        tau += 2.0 * pair
        previous = pair
    return float(m * n / max(tau, 1.0 / np.log10(m * n)))
