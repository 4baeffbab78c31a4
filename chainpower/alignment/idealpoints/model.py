"""Dynamic ordered-probit item-response model: log posterior, analytic gradient, curvature.

Model (Bailey, Strezhnev & Voeten 2017, eqs. 1-4): country ``i`` in session ``t`` (a *unit*
``k``) votes on item ``j`` with latent utility ``y*_kj = beta_j * theta_k + e_kj``, ``e`` standard
normal, and the observed category ``y`` (0 yes, 1 abstain, 2 no) is

    P(y <= c) = Phi(tau_jc - beta_j * theta_k),  c = 0, 1,  tau_j1 = tau_j0 + exp(delta_j),

so the two cut-points stay ordered. Priors (the random walk is BSV's eq. 4):

    theta_{i,first} ~ N(0, s0^2),  theta_{i,t} ~ N(theta_{i,t-g}, g * sigma^2)  (g sessions apart),
    beta_j ~ N(0, s_beta^2),  tau_j0 ~ N(0, s_tau^2),  delta_j ~ N(0, s_delta^2).

The random-walk prior is ``-0.5 * theta' Q theta`` with ``Q`` (K, K) a sparse block-tridiagonal
precision (one block per country). The parameter vector ``x`` (K + 3J,) is
``[theta (K), beta (J), tau0 (J), delta (J)]``.

Log-likelihood and gradient, with ``a_c = tau_jc - eta`` and ``eta = beta_j theta_k``:
``y=0``: ``log Phi(a_0)``, ``d/da_0 = phi(a_0)/Phi(a_0)``; ``y=2``: ``log Phi(-a_1)``,
``d/da_1 = -phi(a_1)/Phi(-a_1)``; ``y=1``: ``log P``, ``P = Phi(a_1) - Phi(a_0)``,
``d/da_1 = phi(a_1)/P``, ``d/da_0 = -phi(a_0)/P``. In every case ``d/d tau_j0 = -d/d eta`` and
``d/d delta_j = e^delta_j d/da_1``; sums over votes are ``np.bincount`` scatter-adds (the sparse
design matrix is never formed). Ratios are taken as ``exp`` of log differences for stability.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.special import log_ndtr

from chainpower.alignment.idealpoints.data import VoteData

__all__ = ["Model", "Priors", "log_interval"]

_LOG_SQRT_2PI = 0.5 * np.log(2.0 * np.pi)


def _log_phi(x: np.ndarray) -> np.ndarray:
    """Log standard normal density, elementwise."""
    return -0.5 * x * x - _LOG_SQRT_2PI


def log_interval(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``log(Phi(b) - Phi(a))`` for ``a < b`` elementwise, stable in both tails.

    For ``a > 0`` it uses ``Phi(b) - Phi(a) = Phi(-a) - Phi(-b)`` so that no tail probability near
    one is subtracted; ``log(x - y) = log x + log(-expm1(log y - log x))``.
    """
    upper = a > 0
    hi = np.where(upper, log_ndtr(-a), log_ndtr(b))
    lo = np.where(upper, log_ndtr(-b), log_ndtr(a))
    return hi + np.log(-np.expm1(lo - hi))


@dataclass(frozen=True)
class Priors:
    """Prior scales: ``sigma`` random-walk sd per session, ``s0`` sd of a country's first
    ideal point, ``s_beta`` / ``s_tau`` / ``s_delta`` sds of the item parameters."""

    sigma: float = 0.2
    s0: float = 1.0
    s_beta: float = 0.2
    s_tau: float = 5.0
    s_delta: float = 1.0


class Model:
    """Negative log posterior of :class:`VoteData` under :class:`Priors` (see module docstring)."""

    def __init__(self, data: VoteData, priors: Priors) -> None:
        self.data = data
        self.priors = priors
        self.K, self.J = data.n_units, data.n_items
        b = data.bounds
        self.s0, self.s1, self.s2 = slice(b[0], b[1]), slice(b[1], b[2]), slice(b[2], b[3])
        self.s12 = slice(b[1], b[3])
        self.Q = self._precision()

    def _precision(self) -> sp.csr_matrix:
        """Random-walk prior precision ``Q`` (K, K): ``D' W D`` with ``D`` the differences."""
        d, p = self.data, self.priors
        k = np.arange(self.K)
        first = d.prev < 0
        rows = np.concatenate([k, k[~first]])
        cols = np.concatenate([k, d.prev[~first]])
        vals = np.concatenate([np.ones(self.K), -np.ones(int((~first).sum()))])
        D = sp.csr_matrix((vals, (rows, cols)), shape=(self.K, self.K))
        w = np.where(first, 1.0 / p.s0**2, 1.0 / (np.maximum(d.gap, 1) * p.sigma**2))
        return (D.T @ sp.diags(w) @ D).tocsr()

    def unpack(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``theta (K,), beta (J,), tau0 (J,), delta (J,)`` views of ``x`` (K + 3J,)."""
        K, J = self.K, self.J
        return x[:K], x[K:K + J], x[K + J:K + 2 * J], x[K + 2 * J:]

    def pack(self, theta: np.ndarray, beta: np.ndarray, tau0: np.ndarray,
             delta: np.ndarray) -> np.ndarray:
        return np.concatenate([theta, beta, tau0, delta]).astype(float)

    def _margins(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``eta`` (N,), ``a0 = tau0 - eta`` on y in {0,1} and ``a1 = tau1 - eta`` on y in {1,2}."""
        theta, beta, tau0, delta = self.unpack(x)
        j, k = self.data.j, self.data.k
        eta = beta[j] * theta[k]
        tau1 = tau0 + np.exp(delta)
        b = self.data.bounds
        a0 = tau0[j[b[0]:b[2]]] - eta[b[0]:b[2]]
        a1 = tau1[j[b[1]:b[3]]] - eta[b[1]:b[3]]
        return eta, a0, a1

    def value_and_grad(self, x: np.ndarray) -> tuple[float, np.ndarray]:
        """Negative log posterior ``f(x)`` and its gradient (K + 3J,)."""
        theta, beta, tau0, delta = self.unpack(x)
        d, p = self.data, self.priors
        j, k = d.j, d.k
        n0, n1 = d.bounds[1] - d.bounds[0], d.bounds[2] - d.bounds[1]
        _, a0, a1 = self._margins(x)
        a0_yes, a0_abs = a0[:n0], a0[n0:]
        a1_abs, a1_no = a1[:n1], a1[n1:]
        l_yes, l_no = log_ndtr(a0_yes), log_ndtr(-a1_no)
        l_abs = log_interval(a0_abs, a1_abs)
        ll = l_yes.sum() + l_no.sum() + l_abs.sum()
        g_a1 = np.concatenate([np.exp(_log_phi(a1_abs) - l_abs),
                               -np.exp(_log_phi(a1_no) - l_no)])  # d logL / d a1, y in {1,2}
        g_eta = np.empty(j.size)
        g_eta[self.s0] = -np.exp(_log_phi(a0_yes) - l_yes)
        g_eta[self.s1] = np.exp(_log_phi(a0_abs) - l_abs) - g_a1[:n1]
        g_eta[self.s2] = -g_a1[n1:]

        g_theta = np.bincount(k, g_eta * beta[j], minlength=self.K)
        g_beta = np.bincount(j, g_eta * theta[k], minlength=self.J)
        g_tau0 = -np.bincount(j, g_eta, minlength=self.J)
        g_delta = np.exp(delta) * np.bincount(j[self.s12], g_a1, minlength=self.J)

        Qt = self.Q @ theta
        lp = (-0.5 * theta @ Qt - 0.5 * (beta @ beta) / p.s_beta**2
              - 0.5 * (tau0 @ tau0) / p.s_tau**2 - 0.5 * (delta @ delta) / p.s_delta**2)
        grad = np.concatenate([
            -(g_theta - Qt), -(g_beta - beta / p.s_beta**2),
            -(g_tau0 - tau0 / p.s_tau**2), -(g_delta - delta / p.s_delta**2),
        ])
        return float(-(ll + lp)), grad

    def theta_information(self, x: np.ndarray) -> np.ndarray:
        """Likelihood information of each ``theta_k`` given the items, (K,):
        ``sum_j beta_j^2 * h``, ``h = -d^2 log L / d eta^2``. With ``l(u) = phi(u)/Phi(u)``:
        ``h = l(a_0)(l(a_0) + a_0)`` for a yes, ``l(-a_1)(l(-a_1) - a_1)`` for a no and
        ``(r_1 - r_0)^2 + a_1 r_1 - a_0 r_0`` with ``r_c = phi(a_c)/P`` for an abstention.
        """
        _, beta, _, _ = self.unpack(x)
        d = self.data
        n0, n1 = d.bounds[1] - d.bounds[0], d.bounds[2] - d.bounds[1]
        _, a0, a1 = self._margins(x)
        a_yes, a_no = a0[:n0], -a1[n1:]
        lam_yes = np.exp(_log_phi(a_yes) - log_ndtr(a_yes))
        lam_no = np.exp(_log_phi(a_no) - log_ndtr(a_no))
        l_abs = log_interval(a0[n0:], a1[:n1])
        r0 = np.exp(_log_phi(a0[n0:]) - l_abs)
        r1 = np.exp(_log_phi(a1[:n1]) - l_abs)
        h = np.concatenate([lam_yes * (lam_yes + a_yes),
                            (r1 - r0) ** 2 + a1[:n1] * r1 - a0[n0:] * r0,
                            lam_no * (lam_no + a_no)])
        return np.bincount(d.k, h * beta[d.j] ** 2, minlength=self.K)
