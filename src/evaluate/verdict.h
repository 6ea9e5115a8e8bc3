// Turns the numbers of an evaluation into a verdict and plain sentences.
// Intervals here are on the log scale (theta = log ratio).
#pragma once

#include "learnloop/evaluate.h"

namespace learnloop::evaluate {

// Win when the always-valid interval lies entirely on the better side of
// no change, loss when entirely on the worse side, inconclusive otherwise.
EvaluationVerdict DecideVerdict(double av_low, double av_high, bool higher_is_better);

// True when the always-valid interval lies entirely beyond `tolerance` on
// the harmful side: above log(1 + tolerance) when higher is worse, below
// log(1 - tolerance) when higher is better.
bool GuardrailBreached(double av_low, double av_high, bool higher_is_better, double tolerance);

// Fills headline and explanation from the other fields, without jargon.
// `comparison` says whether the plan was measured against a comparison.
void WriteSentences(Evaluation& evaluation, const EvaluationOptions& options, bool comparison);

// "+23%", "-8%", "0%".
std::string FormatPercent(double ratio);

// "about 40%", but never "about 100%" for a chance that is not certain.
std::string Chance(double p);

}  // namespace learnloop::evaluate
