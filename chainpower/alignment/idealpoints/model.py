"""Dynamic ordered-probit item-response model: log posterior, gradient, curvature.

Model (Bailey, Strezhnev & Voeten 2017, eqs. 1-4): country ``i`` in session ``t`` (a *unit*
``k``) votes on item ``j`` with latent utility ``y*_kj = beta_j * theta_k + e_kj``, ``e`` standard
normal, and the observed category ``y`` (0 yes, 1 abstain, 2 no) is

    P(y <= c) = Phi(tau_jc - beta_j * theta_k),  c = 0, 1,  tau_j1 = tau_j0 + exp(delta_j),

so the two cut-points stay ordered. Prior of the ideal points (``docs/idealpoints.md``):

    theta_{i,t} ~ N(theta_{i,t-g}, g * sigma^2)    random walk, g sessions apart (BSV eq. 4)
    theta_{i,t} ~ N(mu_t, s_theta^2)               exchangeable within session t, mu_t flat

multiplied together, i.e. ``-log p(theta) = 0.5 * theta' (Q + C / s_theta^2) theta`` with ``Q``
(K, K) the random-walk precision (tridiagonal: units are sorted by country, then session) and
``C = I - P`` (K, K) the within-session centring (``P`` averages over the units of a session;
integrating the flat ``mu_t`` out gives exactly this form). Items: ``beta_j ~ N(0, s_beta^2)``,
``tau_j0 ~ N(0, s_tau^2)``, ``delta_j ~ N(0, s_delta^2)``. The parameter vector ``x`` (K + 3J,)
is ``[theta (K), beta (J), tau0 (J), delta (J)]``.

Per vote, with ``a_c = tau_jc - beta_j theta_k`` and ``l`` the log-likelihood of the vote,
:meth:`Model.vote_terms` returns ``g_c = dl/da_c`` and ``W = -d^2 l / da da'`` (2 x 2). With
``lambda(u) = phi(u)/Phi(u)``, ``r_c = phi(a_c)/P`` and ``P = Phi(a_1) - Phi(a_0)``:

    yes:     g_0 = lambda(a_0),    W_00 = lambda(a_0) (lambda(a_0) + a_0)
    abstain: g_0 = -r_0, g_1 = r_1, W_00 = r_0^2 - a_0 r_0, W_11 = r_1^2 + a_1 r_1, W_01 = -r_0 r_1
    no:      g_1 = -lambda(-a_1),  W_11 = lambda(-a_1) (lambda(-a_1) - a_1)

(all other entries 0). ``l`` is concave in ``(a_0, a_1)`` (``W`` is positive semi-definite):
the probit is log-concave. Sums over votes are ``np.bincount`` scatter-adds (the sparse design
matrix is never formed); ratios are ``exp`` of log differences for stability.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.special import log_ndtr

from chainpower.alignment.idealpoints.data import VoteData

__all__ = ["Model", "Priors", "VoteTerms", "log_interval"]

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
    """Prior scales: ``sigma`` random-walk sd per session, ``s_theta`` sd of the ideal points
    around their session mean, ``s_beta`` / ``s_tau`` / ``s_delta`` sds of the item parameters."""

    sigma: float = 0.2
    s_theta: float = 1.0
    s_beta: float = 1.0
    s_tau: float = 5.0
    s_delta: float = 1.0


@dataclass(frozen=True)
class VoteTerms:
    """Per-vote derivatives of the log-likelihood, all (N,) in the vote order of
    :class:`VoteData`: ``g0, g1`` first derivatives in ``a_0, a_1``; ``w00, w01, w11`` the
    negative second derivatives (``None`` unless asked for); ``loglik`` the total."""

    loglik: float
    g0: np.ndarray
    g1: np.ndarray
    w00: np.ndarray | None = None
    w01: np.ndarray | None = None
    w11: np.ndarray | None = None


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
        _, self.unit_session = np.unique(data.session, return_inverse=True)
        self.session_size = np.bincount(self.unit_session).astype(float)

    def _precision(self) -> sp.csr_matrix:
        """Random-walk prior precision ``Q`` (K, K): ``D' W D`` with ``D`` the differences
        between consecutive units of a country and ``W = 1 / (gap * sigma^2)``."""
        d, p = self.data, self.priors
        k = np.arange(self.K)
        first = d.prev < 0
        rows = np.concatenate([k[~first], k[~first]])
        cols = np.concatenate([k[~first], d.prev[~first]])
        vals = np.concatenate([np.ones(int((~first).sum())), -np.ones(int((~first).sum()))])
        D = sp.csr_matrix((vals, (rows, cols)), shape=(self.K, self.K))
        w = np.where(first, 0.0, 1.0 / (np.maximum(d.gap, 1) * p.sigma**2))
        return (D.T @ sp.diags(w) @ D).tocsr()

    def centre(self, theta: np.ndarray) -> np.ndarray:
        """``C theta = theta - (session mean of theta)`` (K,)."""
        means = np.bincount(self.unit_session, theta, minlength=self.session_size.size)
        return theta - (means / self.session_size)[self.unit_session]

    def prior_theta(self, theta: np.ndarray) -> np.ndarray:
        """Prior precision times ``theta``: ``(Q + C / s_theta^2) theta`` (K,)."""
        return self.Q @ theta + self.centre(theta) / self.priors.s_theta**2

    def unpack(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``theta (K,), beta (J,), tau0 (J,), delta (J,)`` views of ``x`` (K + 3J,)."""
        K, J = self.K, self.J
        return x[:K], x[K : K + J], x[K + J : K + 2 * J], x[K + 2 * J :]

    def pack(
        self, theta: np.ndarray, beta: np.ndarray, tau0: np.ndarray, delta: np.ndarray
    ) -> np.ndarray:
        return np.concatenate([theta, beta, tau0, delta]).astype(float)

    def _margins(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``a0 = tau0 - eta`` on votes y in {0,1} and ``a1 = tau1 - eta`` on y in {1,2}."""
        theta, beta, tau0, delta = self.unpack(x)
        j, k = self.data.j, self.data.k
        b = self.data.bounds
        eta = beta[j] * theta[k]
        a0 = tau0[j[b[0] : b[2]]] - eta[b[0] : b[2]]
        a1 = tau0[j[b[1] : b[3]]] + np.exp(delta)[j[b[1] : b[3]]] - eta[b[1] : b[3]]
        return a0, a1

    def vote_terms(self, x: np.ndarray, second: bool = False) -> VoteTerms:
        """Log-likelihood and its per-vote derivatives in ``(a_0, a_1)`` (module docstring)."""
        b = self.data.bounds
        n0, n1, N = b[1] - b[0], b[2] - b[1], int(b[3])
        a0, a1 = self._margins(x)
        a_yes, a0_abs, a1_abs, a_no = a0[:n0], a0[n0:], a1[:n1], -a1[n1:]
        l_yes, l_no, l_abs = log_ndtr(a_yes), log_ndtr(a_no), log_interval(a0_abs, a1_abs)
        lam_yes = np.exp(_log_phi(a_yes) - l_yes)
        lam_no = np.exp(_log_phi(a_no) - l_no)
        r0 = np.exp(_log_phi(a0_abs) - l_abs)
        r1 = np.exp(_log_phi(a1_abs) - l_abs)
        g0, g1 = np.zeros(N), np.zeros(N)
        g0[self.s0], g0[self.s1] = lam_yes, -r0
        g1[self.s1], g1[self.s2] = r1, -lam_no
        ll = float(l_yes.sum() + l_no.sum() + l_abs.sum())
        if not second:
            return VoteTerms(ll, g0, g1)
        w00, w01, w11 = np.zeros(N), np.zeros(N), np.zeros(N)
        w00[self.s0] = lam_yes * (lam_yes + a_yes)
        w00[self.s1] = r0 * r0 - a0_abs * r0
        w01[self.s1] = -r0 * r1
        w11[self.s1] = r1 * r1 + a1_abs * r1
        w11[self.s2] = lam_no * (lam_no + a_no)
        return VoteTerms(ll, g0, g1, w00, w01, w11)

    def value_and_grad(self, x: np.ndarray) -> tuple[float, np.ndarray]:
        """Negative log posterior ``f(x)`` and its gradient (K + 3J,).

        With ``G = g0 + g1`` per vote: ``df/dtheta_k = sum_j beta_j G + (prior theta)_k``,
        ``df/dbeta_j = sum_k theta_k G + beta_j / s_beta^2``, ``df/dtau0_j = -sum_k G + ...``,
        ``df/ddelta_j = -exp(delta_j) sum_k g1 + ...``.
        """
        theta, beta, tau0, delta = self.unpack(x)
        p = self.priors
        j, k = self.data.j, self.data.k
        t = self.vote_terms(x)
        G = t.g0 + t.g1
        Pt = self.prior_theta(theta)
        f = (
            -t.loglik
            + 0.5 * theta @ Pt
            + 0.5 * (beta @ beta) / p.s_beta**2
            + 0.5 * (tau0 @ tau0) / p.s_tau**2
            + 0.5 * (delta @ delta) / p.s_delta**2
        )
        grad = np.concatenate(
            [
                np.bincount(k, G * beta[j], minlength=self.K) + Pt,
                np.bincount(j, G * theta[k], minlength=self.J) + beta / p.s_beta**2,
                -np.bincount(j, G, minlength=self.J) + tau0 / p.s_tau**2,
                -np.exp(delta) * np.bincount(j, t.g1, minlength=self.J) + delta / p.s_delta**2,
            ]
        )
        return float(f), grad

    def theta_information(self, x: np.ndarray) -> np.ndarray:
        """Likelihood information of each ``theta_k`` given the items, (K,):
        ``sum_j beta_j^2 (W_00 + 2 W_01 + W_11)`` (the negative second derivative in ``eta``):
        ``lambda(a_0)(lambda(a_0) + a_0)`` for a yes, ``lambda(-a_1)(lambda(-a_1) - a_1)`` for a
        no and ``(r_1 - r_0)^2 + a_1 r_1 - a_0 r_0`` for an abstention.
        """
        _, beta, _, _ = self.unpack(x)
        t = self.vote_terms(x, second=True)
        assert t.w00 is not None and t.w01 is not None and t.w11 is not None
        h = t.w00 + 2.0 * t.w01 + t.w11
        return np.bincount(self.data.k, h * beta[self.data.j] ** 2, minlength=self.K)
