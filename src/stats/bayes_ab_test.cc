#include "stats/bayes_ab.h"

#include <gtest/gtest.h>

#include <array>
#include <random>

#include "learnloop/stats.h"

namespace learnloop {
namespace {

struct Draws {
  double prob_b_beats_a = 0;
  double loss_a = 0;
  double loss_b = 0;
};

// Monte Carlo reference with a fixed seed: beta draws as X / (X + Y) of
// gamma draws; gamma draws directly with scale 1 / rate.
template <typename DrawA, typename DrawB>
Draws MonteCarlo(DrawA draw_a, DrawB draw_b) {
  std::mt19937_64 rng(20240611);
  constexpr int kDraws = 400000;
  Draws out;
  for (int i = 0; i < kDraws; ++i) {
    const double a = draw_a(rng);
    const double b = draw_b(rng);
    out.prob_b_beats_a += b > a;
    out.loss_a += std::max(b - a, 0.0);
    out.loss_b += std::max(a - b, 0.0);
  }
  out.prob_b_beats_a /= kDraws;
  out.loss_a /= kDraws;
  out.loss_b /= kDraws;
  return out;
}

auto BetaDraw(double alpha, double beta) {
  return [alpha, beta](std::mt19937_64& rng) {
    const double x = std::gamma_distribution<double>(alpha, 1)(rng);
    const double y = std::gamma_distribution<double>(beta, 1)(rng);
    return x / (x + y);
  };
}

auto GammaDraw(double shape, double rate) {
  return [shape, rate](std::mt19937_64& rng) { return std::gamma_distribution<double>(shape, 1 / rate)(rng); };
}

void ExpectCloseToDraws(const BayesComparison& got, const Draws& mc) {
  // 400,000 draws: the probability's standard error is below 0.0008 and
  // the losses' about 0.3% of their size.
  EXPECT_NEAR(got.prob_b_beats_a, mc.prob_b_beats_a, 0.004);
  EXPECT_NEAR(got.expected_loss_a, mc.loss_a, 0.02 * mc.loss_a);
  EXPECT_NEAR(got.expected_loss_b, mc.loss_b, 0.02 * mc.loss_b);
}

TEST(BetaAbTest, UniformAgainstBetaTwoOneByHand) {
  // pA ~ U(0,1), pB ~ Beta(2,1) with density 2y: P(pB > pA) = int 2y*y dy
  // = 2/3; E[(pB-pA)+] = int 2y * y^2/2 dy = 1/4; E[(pA-pB)+] = 1/4 - (2/3 - 1/2).
  auto r = BetaAb({0, 0}, {1, 1});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NEAR(r->prob_b_beats_a, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(r->expected_loss_a, 0.25, 1e-9);
  EXPECT_NEAR(r->expected_loss_b, 1.0 / 12.0, 1e-9);
}

TEST(BetaAbTest, IdenticalDataIsACoinFlip) {
  auto r = BetaAb({40, 1000}, {40, 1000});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->prob_b_beats_a, 0.5, 1e-10);
  EXPECT_NEAR(r->expected_loss_a, r->expected_loss_b, 1e-10);
}

TEST(BetaAbTest, ClosedFormAgreesWithIntegral) {
  for (auto [aa, ba, ab, bb] :
       {std::array{13.0, 389.0, 21.0, 381.0}, std::array{1.0, 1.0, 3.0, 9.0}, std::array{200.5, 800.5, 230.0, 770.0},
        std::array{15001.0, 85000.0, 15100.0, 84900.0}}) {
    auto closed = stats::BetaProbBBeatsAClosedForm(aa, ba, ab, bb);
    ASSERT_TRUE(closed.has_value());
    EXPECT_NEAR(*closed, stats::BetaProbBBeatsAIntegral(aa, ba, ab, bb), 1e-9) << aa << " " << ab;
  }
  EXPECT_FALSE(stats::BetaProbBBeatsAClosedForm(2.5, 3, 4.5, 3).has_value());
  EXPECT_FALSE(stats::BetaProbBBeatsAClosedForm(50001, 3, 60001, 3).has_value());
}

TEST(BetaAbTest, MatchesMonteCarlo) {
  auto r = BetaAb({13, 402}, {21, 402});
  ASSERT_TRUE(r.ok());
  ExpectCloseToDraws(*r, MonteCarlo(BetaDraw(14, 390), BetaDraw(22, 382)));
}

TEST(BetaAbTest, JeffreysPriorWithZeroSuccessesMatchesMonteCarlo) {
  auto r = BetaAb({0, 30}, {3, 30}, {0.5, 0.5});
  ASSERT_TRUE(r.ok());
  ExpectCloseToDraws(*r, MonteCarlo(BetaDraw(0.5, 30.5), BetaDraw(3.5, 27.5)));
}

TEST(BetaAbTest, LossesDifferByTheMeans) {
  // E[(B-A)+] - E[(A-B)+] = E[B] - E[A] for any joint law.
  auto r = BetaAb({7, 90}, {12, 110}, {2, 3});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->expected_loss_a - r->expected_loss_b, 14.0 / 115.0 - 9.0 / 95.0, 1e-10);
}

TEST(BetaAbTest, HugeCountsMatchNormalApproximation) {
  // Normal approximation with the posteriors' means and variances: z = 1.6184.
  auto r = BetaAb({50000, 1000000}, {50500, 1000000});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->prob_b_beats_a, 0.94721, 2e-3);
  EXPECT_NEAR(r->expected_loss_a - r->expected_loss_b, 50501.0 / 1000002 - 50001.0 / 1000002, 1e-10);
}

TEST(BetaAbTest, RejectsBadInput) {
  EXPECT_EQ(BetaAb({5, 3}, {1, 3}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(BetaAb({1, 3}, {-1, 3}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(BetaAb({1, 3}, {1, 3}, {0, 1}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(BetaAb({5, 3}, {1, 3}).status().message().find("group A: successes (5) exceed trials (3)"),
            std::string::npos);
}

TEST(GammaAbTest, ExponentialPosteriorsByHand) {
  // No events, flat prior: lambdaA ~ Exp(2), lambdaB ~ Exp(3).
  // P(B > A) = 2/5; by memorylessness E[(B-A)+] = 2/5 * 1/3, E[(A-B)+] = 3/5 * 1/2.
  auto r = GammaAb({0, 2}, {0, 3});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NEAR(r->prob_b_beats_a, 0.4, 1e-12);
  EXPECT_NEAR(r->expected_loss_a, 2.0 / 15.0, 1e-8);
  EXPECT_NEAR(r->expected_loss_b, 0.3, 1e-8);
}

TEST(GammaAbTest, MatchesMonteCarlo) {
  auto r = GammaAb({30, 100}, {45, 120}, {0.5, 1});
  ASSERT_TRUE(r.ok());
  ExpectCloseToDraws(*r, MonteCarlo(GammaDraw(30.5, 101), GammaDraw(45.5, 121)));
}

TEST(GammaAbTest, HugeCountsAreAccurate) {
  // Normal approximation with the posteriors' means and variances: z = 0.7069.
  auto r = GammaAb({1000000, 1e6}, {1001000, 1e6});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->prob_b_beats_a, 0.76019, 2e-3);
  EXPECT_NEAR(r->expected_loss_a - r->expected_loss_b, 1000.0 / 1e6, 1e-9);
}

TEST(GammaAbTest, RejectsBadInput) {
  EXPECT_EQ(GammaAb({1, 0}, {1, 3}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GammaAb({1, 3}, {1, 3}, {0, 0}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GammaAb({1, 3}, {1, 3}, {1, -1}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace learnloop
