"""Before-and-after analysis of instrument scores.

Per time point: n, mean and sample standard deviation. For people with both a baseline and a
follow-up: the mean paired change with its 95% confidence interval (Student's t with n-1 degrees
of freedom), a paired t-test, and the share who improved by at least the instrument's
meaningful-change threshold. Warwick Medical School's guidance is that (S)WEMWBS scores
approximate a normal distribution, so these parametric statistics fit; scipy.stats supplies the
t distribution and the test rather than a hand-written approximation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from scipy import stats

from monitoring.constants import MIN_RELIABLE_PAIRS


@dataclass(frozen=True)
class TimePointSummary:
    n: int
    mean: float | None
    sd: float | None


@dataclass(frozen=True)
class PairedAnalysis:
    baseline: TimePointSummary
    follow_up: TimePointSummary
    pairs: int
    mean_change: float | None
    sd_change: float | None
    ci_low: float | None
    ci_high: float | None
    t_statistic: float | None
    p_value: float | None
    improved: int
    improved_share: float | None
    threshold: float
    lower_is_better: bool = False

    @property
    def too_few_pairs(self) -> bool:
        return self.pairs < MIN_RELIABLE_PAIRS

    @property
    def significant(self) -> bool:
        return self.p_value is not None and self.p_value < 0.05

    def as_dict(self) -> dict:
        return {
            "baseline": vars(self.baseline),
            "follow_up": vars(self.follow_up),
            "pairs": self.pairs,
            "mean_change": self.mean_change,
            "sd_change": self.sd_change,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "t_statistic": self.t_statistic,
            "p_value": self.p_value,
            "improved": self.improved,
            "improved_share": self.improved_share,
            "threshold": self.threshold,
            "too_few_pairs": self.too_few_pairs,
        }


def _floats(values: Sequence[float | Decimal | int]) -> list[float]:
    return [float(v) for v in values]


def summarise(values: Sequence[float | Decimal | int]) -> TimePointSummary:
    data = _floats(values)
    n = len(data)
    if n == 0:
        return TimePointSummary(0, None, None)
    mean = math.fsum(data) / n
    if n < 2:
        return TimePointSummary(n, mean, None)
    variance = math.fsum((x - mean) ** 2 for x in data) / (n - 1)
    return TimePointSummary(n, mean, math.sqrt(variance))


def paired_analysis(
    *,
    baseline: Sequence[float | Decimal | int],
    follow_up: Sequence[float | Decimal | int],
    pairs: Sequence[tuple[float | Decimal | int, float | Decimal | int]],
    threshold: float | Decimal,
    lower_is_better: bool = False,
) -> PairedAnalysis:
    """`baseline` and `follow_up` are every score at each time point (paired or not); `pairs`
    are (baseline, follow-up) for the people who have both. For a lower-is-better measure an
    improvement is a fall of at least `threshold`."""
    threshold = float(threshold)
    changes = [float(after) - float(before) for before, after in pairs]
    n = len(changes)
    change = summarise(changes)
    ci_low = ci_high = t_statistic = p_value = None
    if n >= 2 and change.sd is not None:
        standard_error = change.sd / math.sqrt(n)
        margin = float(stats.t.ppf(0.975, n - 1)) * standard_error
        ci_low, ci_high = change.mean - margin, change.mean + margin
        if standard_error > 0:
            result = stats.ttest_rel([float(a) for _, a in pairs], [float(b) for b, _ in pairs])
            t_statistic, p_value = float(result.statistic), float(result.pvalue)
    if lower_is_better:
        improved = sum(1 for c in changes if -c >= threshold)
    else:
        improved = sum(1 for c in changes if c >= threshold)
    return PairedAnalysis(
        baseline=summarise(baseline),
        follow_up=summarise(follow_up),
        pairs=n,
        mean_change=change.mean,
        sd_change=change.sd,
        ci_low=ci_low,
        ci_high=ci_high,
        t_statistic=t_statistic,
        p_value=p_value,
        improved=improved,
        improved_share=(improved / n) if n else None,
        threshold=threshold,
        lower_is_better=lower_is_better,
    )
