"""Truncated Newton (Newton-CG) for the MAP of :class:`~.model.Model`.

Each iteration solves ``H dx = -g`` approximately by preconditioned conjugate gradients and
takes a backtracking (Armijo) step along ``dx``. Nocedal & Wright (2006, *Numerical
Optimization*, Algorithm 7.1, with the forcing term ``min(0.1, sqrt(|g| / (1 + |f|)))``).

``H`` is applied, never formed: for a direction ``v = (v_theta, v_beta, v_tau0, v_delta)`` each
vote's margins move by ``da_0 = v_tau0 - theta v_beta - beta v_theta``, ``da_1 = da_0 +
exp(delta) v_delta`` (the Jacobian ``Jv``), ``J' W J v`` is scattered back with ``np.bincount``
(``W`` the 2 x 2 per-vote curvature of :meth:`Model.vote_terms`, positive semi-definite), and the
priors are added. That is the Gauss-Newton matrix, positive definite. The exact Hessian adds the
curvature of the margins themselves: ``d^2 a_c / dtheta_k dbeta_j = -1`` (term ``G = g0 + g1``
in the theta-beta block) and ``d^2 a_1 / d delta_j^2 = exp(delta_j)``. The exact Newton step is
tried first (quadratic convergence near the optimum); where CG meets negative curvature or the
step is no descent direction, the Gauss-Newton step is used instead.

Preconditioner: the block diagonal of the Gauss-Newton matrix, i.e. the theta block
(``diag(sum_j beta_j^2 W) + Q + I / s_theta^2``, tridiagonal because units are sorted by
country then session; solved with :func:`scipy.linalg.solve_banded`) and one 3 x 3 block per
item ``(beta, tau0, delta)``. Shapes: ``K`` units, ``J`` items, ``N`` votes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.linalg import solve_banded

from chainpower.alignment.idealpoints.model import Model

__all__ = ["NewtonResult", "newton_map"]


@dataclass(frozen=True)
class NewtonResult:
    """``x`` the MAP (K + 3J,), ``fun`` the negative log posterior there, ``grad_max`` the
    largest absolute gradient entry; ``converged`` is ``grad_max <= gtol``."""

    x: np.ndarray
    fun: float
    grad_max: float
    converged: bool
    iterations: int
    cg_iterations: int
    evaluations: int
    message: str


class _Curvature:
    """Gauss-Newton / exact Hessian products and the block preconditioner at one point."""

    def __init__(self, model: Model, x: np.ndarray) -> None:
        self.m = model
        p = model.priors
        d = model.data
        K, J = model.K, model.J
        theta, beta, _, delta = model.unpack(x)
        t = model.vote_terms(x, second=True)
        assert t.w00 is not None and t.w01 is not None and t.w11 is not None
        self.theta, self.beta, self.ed = theta.copy(), beta.copy(), np.exp(delta)
        self.w = (t.w00, t.w01, t.w11)
        self.G = t.g0 + t.g1
        self.d2_delta = -self.ed * np.bincount(d.j, t.g1, minlength=J)
        k, j = d.k, d.j
        ws = t.w00 + 2.0 * t.w01 + t.w11
        w1s = t.w01 + t.w11
        th = theta[k]
        # theta block: tridiagonal in banded storage (upper, diagonal, lower)
        Q = model.Q
        diag = np.bincount(k, ws * beta[j] ** 2, minlength=K) + Q.diagonal() + 1 / p.s_theta**2
        off = np.zeros(K)
        off[1:] = Q.diagonal(-1)
        self.band = np.vstack([np.r_[0.0, off[1:]], diag, np.r_[off[1:], 0.0]])
        ed = self.ed
        B = np.empty((J, 3, 3))
        B[:, 0, 0] = np.bincount(j, ws * th**2, minlength=J) + 1 / p.s_beta**2
        B[:, 1, 1] = np.bincount(j, ws, minlength=J) + 1 / p.s_tau**2
        B[:, 2, 2] = ed**2 * np.bincount(j, t.w11, minlength=J) + 1 / p.s_delta**2
        B[:, 0, 1] = B[:, 1, 0] = -np.bincount(j, ws * th, minlength=J)
        B[:, 0, 2] = B[:, 2, 0] = -ed * np.bincount(j, w1s * th, minlength=J)
        B[:, 1, 2] = B[:, 2, 1] = ed * np.bincount(j, w1s, minlength=J)
        self.B_inv = np.linalg.inv(B)

    def product(self, v: np.ndarray, exact: bool) -> np.ndarray:
        """``H v`` (exact Hessian) or ``(J' W J + prior) v`` (Gauss-Newton), (K + 3J,)."""
        m, p = self.m, self.m.priors
        K, J = m.K, m.J
        k, j = m.data.k, m.data.j
        vt, vb, v0, vd = m.unpack(v)
        w00, w01, w11 = self.w
        da0 = v0[j] - self.theta[k] * vb[j] - self.beta[j] * vt[k]
        da1 = da0 + self.ed[j] * vd[j]
        u0 = w00 * da0 + w01 * da1
        u1 = w01 * da0 + w11 * da1
        us = u0 + u1
        out_t = -np.bincount(k, us * self.beta[j], minlength=K) + m.prior_theta(vt)
        out_b = -np.bincount(j, us * self.theta[k], minlength=J) + vb / p.s_beta**2
        out_0 = np.bincount(j, us, minlength=J) + v0 / p.s_tau**2
        out_d = self.ed * np.bincount(j, u1, minlength=J) + vd / p.s_delta**2
        if exact:
            out_t += np.bincount(k, self.G * vb[j], minlength=K)
            out_b += np.bincount(j, self.G * vt[k], minlength=J)
            out_d += self.d2_delta * vd
        return np.concatenate([out_t, out_b, out_0, out_d])

    def precondition(self, r: np.ndarray) -> np.ndarray:
        K, J = self.m.K, self.m.J
        z_theta = solve_banded((1, 1), self.band, r[:K])
        z_items = np.einsum("jab,jb->ja", self.B_inv, r[K:].reshape(3, J).T)
        return np.concatenate([z_theta, z_items.T.ravel()])

    def solve(self, g: np.ndarray, tol: float, exact: bool, maxiter: int) -> tuple[np.ndarray, int]:
        """Preconditioned CG for ``H dx = -g`` to relative residual ``tol``; on negative
        curvature it returns the iterate reached so far (empty when none, i.e. zeros)."""
        x = np.zeros_like(g)
        r = -g
        z = self.precondition(r)
        d = z.copy()
        rz = float(r @ z)
        r0 = np.sqrt(rz)
        for it in range(1, maxiter + 1):
            Hd = self.product(d, exact)
            dHd = float(d @ Hd)
            if dHd <= 0:
                return x, it
            alpha = rz / dHd
            x = x + alpha * d
            r = r - alpha * Hd
            z = self.precondition(r)
            rz_new = float(r @ z)
            if np.sqrt(max(rz_new, 0.0)) <= tol * r0:
                return x, it
            d = z + (rz_new / rz) * d
            rz = rz_new
        return x, maxiter


def newton_map(
    model: Model,
    x0: np.ndarray,
    *,
    maxiter: int = 100,
    gtol: float = 1e-6,
    cg_maxiter: int = 250,
    callback: Callable[[np.ndarray], None] | None = None,
) -> NewtonResult:
    """Minimise :meth:`Model.value_and_grad` from ``x0`` (K + 3J,) by Newton-CG with a
    backtracking line search (Armijo; where the predicted decrease is below the rounding of
    ``f``, a step is also accepted when ``f`` stays within rounding and ``|g|`` shrinks); stops
    when the largest absolute gradient entry is ``<= gtol``
    (converged), after ``maxiter`` Newton iterations, or when the line search cannot decrease
    ``f`` any more (not converged; the message says which)."""
    x = np.asarray(x0, dtype=float).copy()
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        f, g = model.value_and_grad(x)
    if not np.isfinite(f):
        raise FloatingPointError("the negative log posterior is not finite at the start")
    evals, cg_total, it = 1, 0, 0
    message = f"maximum number of Newton iterations ({maxiter}) reached"
    for it in range(maxiter + 1):
        gmax = float(np.abs(g).max())
        if gmax <= gtol:
            message = f"max |gradient| {gmax:.2e} <= gtol {gtol:g}"
            break
        if it == maxiter:
            break
        curv = _Curvature(model, x)
        tol = min(0.1, float(np.sqrt(np.linalg.norm(g) / (1.0 + abs(f)))))
        dx, n_cg = curv.solve(g, tol, exact=True, maxiter=cg_maxiter)
        if not g @ dx < 0:
            dx, n_more = curv.solve(g, tol, exact=False, maxiter=cg_maxiter)
            n_cg += n_more
        cg_total += n_cg
        slope = float(g @ dx)
        f_noise = 64 * np.finfo(float).eps * (1.0 + abs(f))
        step = 1.0
        while True:
            x_new = x + step * dx
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                f_new, g_new = model.value_and_grad(x_new)
            evals += 1
            if np.isfinite(f_new) and (
                f_new <= f + 1e-4 * step * slope
                # near the optimum the decrease is below the rounding of f: accept a step
                # that keeps f within rounding and shrinks the gradient
                or (f_new <= f + f_noise and np.linalg.norm(g_new) < np.linalg.norm(g))
            ):
                break
            step *= 0.5
            if step < 1e-10:
                break
        if step < 1e-10:
            message = f"line search failed at max |gradient| {gmax:.2e}"
            break
        x, f, g = x_new, f_new, g_new
        if callback is not None:
            callback(x)
    gmax = float(np.abs(g).max())
    return NewtonResult(
        x=x,
        fun=float(f),
        grad_max=gmax,
        converged=gmax <= gtol,
        iterations=it,
        cg_iterations=cg_total,
        evaluations=evals,
        message=message,
    )
