// Always-valid intervals from Robbins' normal mixture, in the two-sided form
// of Howard, Ramdas, McAuliffe & Sekhon (2021), "Time-uniform,
// nonparametric, nonasymptotic confidence sequences", Ann. Statist. 49(2).
// For a sum S with variance process V (here S = I (theta_hat - theta) with
// information I = 1/se^2), P(exists t: |S_t| >= B(V_t)) <= alpha where
//   B(v) = sqrt((v + rho) * log((v + rho) / (rho * alpha^2))).
#pragma once

namespace learnloop::evaluate {

// B(v) above; v >= 0, rho > 0, 0 < alpha < 1.
double NormalMixtureBoundary(double v, double rho, double alpha);

// Half-width of the always-valid interval theta_hat +- h for an estimate
// with standard error se: h = B(1/se^2) * se^2.
double AlwaysValidHalfWidth(double se, double rho, double alpha);

// The rho that makes B(v)/v smallest at v = information, i.e. the
// narrowest interval on the planned last day: rho = information / x where
// x solves x = log((1 + x) / alpha^2).
double TunedRho(double information, double alpha);

}  // namespace learnloop::evaluate
