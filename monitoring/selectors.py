"""Reads for monitoring: scoped lists, one checked door per object, and the dashboards.

The dashboards load everything they show in a fixed number of queries (prefetches), so their
cost does not grow with the number of returns, actuals or responses.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import User
from commissioning.models import KpiUnit, Programme
from monitoring.constants import (
    EVALUATION_QUESTIONS,
    CostType,
    Rag,
    ReturnStatus,
    TimePoint,
)
from monitoring.instruments import INSTRUMENTS, Instrument
from monitoring.models import (
    Agreement,
    AgreementKpi,
    CaseStudy,
    Evidence,
    InstrumentResponse,
    KpiActual,
    Return,
    ReturnComment,
)
from monitoring.ratings import Assessment, assess
from monitoring.statistics import PairedAnalysis, paired_analysis

REPORTED = (ReturnStatus.SUBMITTED, ReturnStatus.QUERIED, ReturnStatus.ACCEPTED)
CUMULATIVE_UNITS = (KpiUnit.COUNT, KpiUnit.CURRENCY)
RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


def _member_filter(user: User) -> Q:
    return Q(commissioner__memberships__user=user) | Q(provider__memberships__user=user)


def agreement_list_for_user(*, user: User) -> QuerySet[Agreement]:
    """Agreements the person's organisations are party to (every one for platform admins)."""
    if not user.is_authenticated:
        return Agreement.objects.none()
    queryset = Agreement.objects.all()
    if not user.is_staff:
        ids = Agreement.objects.filter(_member_filter(user)).values("pk")
        queryset = queryset.filter(pk__in=ids)
    return (
        queryset.select_related("programme", "commissioner", "provider")
        .annotate(
            return_count=Count("returns", filter=Q(returns__status__in=REPORTED), distinct=True),
            queried_count=Count(
                "returns", filter=Q(returns__status=ReturnStatus.QUERIED), distinct=True
            ),
        )
        .order_by("-starts_on", "title")
    )


def agreement_get_for_user(*, user: User, pk: int) -> Agreement:
    """The agreement if the person may see it; a stranger gets 404."""
    try:
        return agreement_list_for_user(user=user).get(pk=pk)
    except Agreement.DoesNotExist as exc:
        raise Http404 from exc


def agreement_kpi_get(*, agreement: Agreement, pk: int) -> AgreementKpi:
    """One of the agreement's KPIs with its per-period targets; 404 for any other."""
    item = (
        agreement.kpis.select_related("kpi", "agreement").prefetch_related("targets").filter(pk=pk)
    ).first()
    if item is None:
        raise Http404
    return item


def return_get_for_user(*, user: User, pk: int) -> Return:
    report = (
        Return.objects.select_related(
            "agreement__commissioner", "agreement__provider", "agreement__programme", "period"
        )
        .prefetch_related(
            Prefetch("actuals", queryset=KpiActual.objects.select_related("agreement_kpi__kpi")),
            "spend_lines__budget_line",
            "case_studies",
            "evidence",
            Prefetch(
                "comments", queryset=ReturnComment.objects.select_related("author", "organisation")
            ),
            Prefetch(
                "agreement__kpis",
                queryset=AgreementKpi.objects.select_related("kpi").prefetch_related("targets"),
            ),
            "agreement__budget_lines",
        )
        .filter(pk=pk)
        .first()
    )
    if (
        report is None
        or not agreement_list_for_user(user=user).filter(pk=report.agreement_id).exists()
    ):
        raise Http404
    return report


def evidence_shareable(queryset: QuerySet[Evidence]) -> QuerySet[Evidence]:
    """Evidence cleared to go beyond the provider and the commissioner: in exports, reports and
    to anyone else."""
    return queryset.filter(consented=True, safeguarding_concern=False)


def evidence_visible(
    *, user: User, agreement: Agreement, queryset: QuerySet[Evidence]
) -> QuerySet[Evidence]:
    if user.has_perm("monitoring.view_restricted_evidence", agreement):
        return queryset
    return evidence_shareable(queryset)


def evidence_get_for_user(*, user: User, pk: int) -> Evidence:
    evidence = (
        Evidence.objects.select_related(
            "report__agreement__commissioner", "report__agreement__provider"
        )
        .filter(pk=pk)
        .first()
    )
    if evidence is None:
        raise Http404
    agreement = agreement_get_for_user(user=user, pk=evidence.report.agreement_id)
    if not evidence.shareable and not user.has_perm(
        "monitoring.view_restricted_evidence", agreement
    ):
        raise Http404
    return evidence


# The agreement dashboard ----------------------------------------------------------------


@dataclass
class KpiPoint:
    period_label: str
    period_number: int
    actual: Decimal | None
    to_date: Decimal | None
    minimum: Decimal | None
    expected: Decimal | None
    stretch: Decimal | None
    assessment: Assessment | None


@dataclass
class KpiSeries:
    item: AgreementKpi
    points: list[KpiPoint]

    @property
    def latest(self) -> KpiPoint | None:
        rated = [p for p in self.points if p.assessment is not None]
        return rated[-1] if rated else None

    @property
    def cumulative(self) -> bool:
        return self.item.kpi.unit in CUMULATIVE_UNITS


def _kpi_series(
    item: AgreementKpi, periods: list, actuals: dict[tuple[int, int], Decimal]
) -> KpiSeries:
    cumulative = item.kpi.unit in CUMULATIVE_UNITS
    targets = {t.period_id: t for t in item.targets.all()}
    count = len(periods) or 1
    running = Decimal(0)
    points = []
    for index, period in enumerate(periods, start=1):
        actual = actuals.get((item.pk, period.pk))
        if actual is not None:
            running += actual
        to_date = (running if cumulative else actual) if actual is not None else None
        period_target = targets.get(period.pk)
        if period_target is not None:
            low, mid, high = period_target.minimum, period_target.expected, period_target.stretch
            compare = actual
        elif item.has_targets:
            share = Decimal(index) / Decimal(count) if cumulative else Decimal(1)
            low, mid, high = (
                round(v * share, 2) for v in (item.minimum, item.expected, item.stretch)
            )
            compare = to_date
        else:
            low = mid = high = compare = None
        assessment = None
        if compare is not None and mid is not None:
            assessment = assess(
                actual=compare,
                minimum=low,
                expected=mid,
                stretch=high,
                lower_is_better=item.lower_is_better,
            )
        points.append(
            KpiPoint(period.label, period.number, actual, to_date, low, mid, high, assessment)
        )
    return KpiSeries(item=item, points=points)


@dataclass
class InstrumentResult:
    instrument: Instrument
    analysis: PairedAnalysis | None = None
    # ONS4: one analysis per question, never summed.
    by_item: list[tuple[str, PairedAnalysis]] = field(default_factory=list)
    responses: int = 0


def instrument_results(responses: list[InstrumentResponse]) -> list[InstrumentResult]:
    """Before-and-after analysis for each instrument used, from already-loaded responses."""
    by_instrument: dict[str, list[InstrumentResponse]] = defaultdict(list)
    for response in responses:
        by_instrument[response.instrument].append(response)
    results = []
    for code, items in sorted(by_instrument.items()):
        definition = INSTRUMENTS[code]
        result = InstrumentResult(instrument=definition, responses=len(items))
        scores: dict[int, dict[str, InstrumentResponse]] = defaultdict(dict)
        for response in items:
            scores[response.participant_id][response.time_point] = response
        if definition.is_summed:
            result.analysis = _analyse(
                definition,
                scores,
                lambda r: r.metric_score if r.metric_score is not None else r.raw_score,
                lower=False,
            )
        else:
            for item in definition.items:
                position = item.number - 1
                result.by_item.append(
                    (
                        item.text,
                        _analyse(
                            definition,
                            scores,
                            lambda r, p=position: r.items[p],
                            lower=item.lower_is_better,
                        ),
                    )
                )
        results.append(result)
    return results


def instrument_analysis(
    *, agreement: Agreement, instrument: Instrument, until: datetime.date
) -> PairedAnalysis | None:
    """The before-and-after analysis of one summed instrument's responses collected on or
    before `until` (the end of a reporting period), or None when there are none."""
    responses = list(
        InstrumentResponse.objects.filter(
            agreement=agreement, instrument=instrument.code, collected_on__lte=until
        ).only(
            "id",
            "agreement_id",
            "participant_id",
            "instrument",
            "time_point",
            "items",
            "raw_score",
            "metric_score",
        )
    )
    results = instrument_results(responses)
    return results[0].analysis if results else None


def _analyse(definition, scores, value, *, lower: bool) -> PairedAnalysis:
    baseline, follow_up, pairs = [], [], []
    for by_time in scores.values():
        before = by_time.get(TimePoint.BASELINE)
        after = by_time.get(TimePoint.FOLLOW_UP)
        if before is not None:
            baseline.append(value(before))
        if after is not None:
            follow_up.append(value(after))
        if before is not None and after is not None:
            pairs.append((value(before), value(after)))
    return paired_analysis(
        baseline=baseline,
        follow_up=follow_up,
        pairs=pairs,
        threshold=definition.meaningful_change,
        lower_is_better=lower,
    )


@dataclass
class SpendSummary:
    lines: list[tuple]  # (budget line, spent to date or None)
    budget_total: Decimal
    spent_total: Decimal | None
    by_type: dict[str, tuple[Decimal, Decimal]]  # cost type -> (budget, spent)


@dataclass
class AgreementDashboard:
    agreement: Agreement
    periods: list
    series: list[KpiSeries]
    spend: SpendSummary
    results: list[InstrumentResult]
    rag: str | None
    participants: int

    @property
    def reported_returns(self) -> list[Return]:
        return [
            p.report
            for p in self.periods
            if getattr(p, "report", None) and p.report.status in REPORTED
        ]


def _agreement_queryset() -> QuerySet[Agreement]:
    return Agreement.objects.select_related(
        "programme", "commissioner", "provider", "opportunity"
    ).prefetch_related(
        "bid__lots",
        "periods__report__spend_lines",
        "periods__reminders",
        Prefetch(
            "kpis", queryset=AgreementKpi.objects.select_related("kpi").prefetch_related("targets")
        ),
        "budget_lines",
        "instalments",
        "outcomes__outcome_area",
        "variations__made_by",
        Prefetch(
            "responses",
            queryset=InstrumentResponse.objects.only(
                "id",
                "agreement_id",
                "participant_id",
                "instrument",
                "time_point",
                "items",
                "raw_score",
                "metric_score",
            ),
        ),
        Prefetch("returns", queryset=Return.objects.prefetch_related("actuals")),
    )


def _spend(agreement: Agreement, periods: list) -> SpendSummary:
    lines = list(agreement.budget_lines.all())
    latest = None
    for period in periods:
        report = getattr(period, "report", None)
        if report is not None and report.status in REPORTED:
            latest = report
    spent = {s.budget_line_id: s.amount for s in latest.spend_lines.all()} if latest else {}
    by_type = {}
    for cost_type in CostType.values:
        budget = sum((b.amount for b in lines if b.cost_type == cost_type), Decimal(0))
        used = sum(
            (spent.get(b.pk, Decimal(0)) for b in lines if b.cost_type == cost_type), Decimal(0)
        )
        by_type[cost_type] = (budget, used)
    spent_total = None
    if latest is not None:
        spent_total = sum(spent.values(), Decimal(0)) if spent else latest.spend_to_date
    return SpendSummary(
        lines=[(b, spent.get(b.pk)) for b in lines],
        budget_total=sum((b.amount for b in lines), Decimal(0)),
        spent_total=spent_total,
        by_type=by_type,
    )


def _dashboard(agreement: Agreement) -> AgreementDashboard:
    periods = list(agreement.periods.all())
    reported = {r.pk for r in agreement.returns.all() if r.status in REPORTED}
    actuals = {
        (a.agreement_kpi_id, r.period_id): a.value
        for r in agreement.returns.all()
        if r.pk in reported
        for a in r.actuals.all()
    }
    series = [_kpi_series(item, periods, actuals) for item in agreement.kpis.all()]
    rags = [s.latest.assessment.rag for s in series if s.latest is not None]
    responses = list(agreement.responses.all())
    return AgreementDashboard(
        agreement=agreement,
        periods=periods,
        series=series,
        spend=_spend(agreement, periods),
        results=instrument_results(responses),
        rag=min(rags, key=RAG_ORDER.__getitem__) if rags else None,
        participants=len({r.participant_id for r in responses}),
    )


def agreement_dashboard(*, agreement: Agreement) -> AgreementDashboard:
    return _dashboard(_agreement_queryset().get(pk=agreement.pk))


def agreement_case_studies(*, agreement: Agreement) -> list[CaseStudy]:
    """The case studies of the agreement's reported returns, in the order they were told."""
    return list(
        CaseStudy.objects.filter(report__agreement=agreement, report__status__in=REPORTED)
        .select_related("report__period")
        .order_by("report__period__number", "created_at", "pk")
    )


def agreement_evidence_shareable(*, agreement: Agreement) -> list[Evidence]:
    """The agreement's evidence cleared for sharing, from its reported returns."""
    return list(
        evidence_shareable(
            Evidence.objects.filter(report__agreement=agreement, report__status__in=REPORTED)
        )
        .select_related("report__period")
        .order_by("report__period__number", "created_at", "pk")
    )


# The programme dashboard ----------------------------------------------------------------


def programme_get_for_dashboard(*, user: User, pk: int) -> Programme:
    """A programme's dashboard is for its own commissioners and platform admins."""
    queryset = Programme.objects.select_related("organisation")
    if not user.is_authenticated:
        raise Http404
    if not user.is_staff:
        queryset = queryset.filter(organisation__memberships__user=user)
    programme = queryset.filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


@dataclass
class QuestionEvidence:
    number: int
    question: str
    items: list[dict]


@dataclass
class ProgrammeDashboard:
    programme: Programme
    dashboards: list[AgreementDashboard]
    rag_counts: dict[str, int]
    reach: int
    total_value: Decimal
    total_spent: Decimal
    cost_per_participant: Decimal | None
    questions: list[QuestionEvidence]
    pooled: list[InstrumentResult]
    case_studies: list[CaseStudy] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


REACH_KPI = "participants-engaged"


def _reach(dashboard: AgreementDashboard) -> int:
    """People reached: the participants-engaged KPI to date where it is reported, else the
    participants with instrument responses."""
    for series in dashboard.series:
        if series.item.kpi.slug == REACH_KPI:
            reported = [p.to_date for p in series.points if p.to_date is not None]
            if reported:
                return int(reported[-1])
    return dashboard.participants


def programme_dashboard(
    *,
    programme: Programme,
    viewer: User | None = None,
    between: tuple[datetime.date, datetime.date] | None = None,
) -> ProgrammeDashboard:
    """Every agreement of the programme, or those running at some time `between` two days
    (a report's period). `case_studies` are those of reported returns; `evidence` only what
    is cleared for sharing."""
    agreements_qs = _agreement_queryset().filter(programme=programme)
    if between is not None:
        agreements_qs = agreements_qs.filter(starts_on__lte=between[1], ends_on__gte=between[0])
    agreements = list(agreements_qs.order_by("title"))
    dashboards = [_dashboard(a) for a in agreements]
    rag_counts = {Rag.GREEN: 0, Rag.AMBER: 0, Rag.RED: 0, "none": 0}
    for d in dashboards:
        rag_counts[d.rag or "none"] += 1
    reach = sum(_reach(d) for d in dashboards)
    total_spent = sum((d.spend.spent_total or Decimal(0) for d in dashboards), Decimal(0))
    ids = [a.pk for a in agreements]
    returns = list(
        Return.objects.filter(agreement_id__in=ids, status__in=REPORTED)
        .select_related("agreement__provider", "period")
        .order_by("agreement__title", "period__number")
    )
    case_studies = list(
        CaseStudy.objects.filter(report__agreement_id__in=ids, report__status__in=REPORTED)
        .select_related("report__agreement__provider", "report__period")
        .order_by("report__agreement__title", "created_at")
    )
    evidence = list(
        evidence_shareable(
            Evidence.objects.filter(report__agreement_id__in=ids, report__status__in=REPORTED)
        )
        .select_related("report__agreement__provider")
        .order_by("report__agreement__title", "created_at")
    )
    pooled_responses = [r for a in agreements for r in a.responses.all()]
    questions = _questions(dashboards, returns, case_studies, evidence)
    return ProgrammeDashboard(
        programme=programme,
        dashboards=dashboards,
        rag_counts=rag_counts,
        reach=reach,
        total_value=sum((a.value for a in agreements), Decimal(0)),
        total_spent=total_spent,
        cost_per_participant=(round(total_spent / reach, 2) if reach and total_spent else None),
        questions=questions,
        pooled=instrument_results(pooled_responses),
        case_studies=case_studies,
        evidence=evidence,
    )


def _questions(dashboards, returns, case_studies, evidence) -> list[QuestionEvidence]:
    """The evidence gathered against each of the six evaluation questions."""
    gathered: dict[int, list[dict]] = {n: [] for n, _ in EVALUATION_QUESTIONS}
    for case_study in case_studies:
        gathered[1].append(
            {
                "kind": "Case study",
                "agreement": case_study.report.agreement,
                "title": case_study.title,
                "text": case_study.body,
                "quote": case_study.quote if case_study.consented else "",
                "consented": case_study.consented,
                "case_study": case_study,
            }
        )
    for item in evidence:
        gathered[1].append(
            {
                "kind": item.get_kind_display(),
                "agreement": item.report.agreement,
                "title": item.title,
                "text": item.description,
                "evidence": item,
            }
        )
    for d in dashboards:
        fixed_budget, fixed_spent = d.spend.by_type[CostType.FIXED]
        variable_budget, variable_spent = d.spend.by_type[CostType.VARIABLE]
        if d.spend.budget_total:
            gathered[2].append(
                {
                    "kind": "Costs",
                    "agreement": d.agreement,
                    "title": "Fixed and variable costs",
                    "text": f"Fixed £{fixed_spent:,.0f} of £{fixed_budget:,.0f}; variable £{variable_spent:,.0f} of £{variable_budget:,.0f}.",
                }
            )
        for result in d.results:
            if result.analysis is not None and result.analysis.pairs:
                a = result.analysis
                gathered[6].append(
                    {
                        "kind": result.instrument.short_name,
                        "agreement": d.agreement,
                        "title": f"Mean change {a.mean_change:+.2f} ({a.pairs} pairs)",
                        "text": _result_sentence(result),
                    }
                )
        for series in d.series:
            latest = series.latest
            if latest is not None:
                gathered[6].append(
                    {
                        "kind": "KPI",
                        "agreement": d.agreement,
                        "title": series.item.kpi.name,
                        "text": f"{latest.to_date} to {latest.period_label}: {latest.assessment.statutory.label.lower()} ({latest.assessment.rating.label.lower()}).",
                    }
                )
    for report in returns:
        for number, attribute in (
            (1, "narrative"),
            (3, "learning_commissioners"),
            (4, "learning_sector"),
            (5, "learning_delivery"),
        ):
            text = getattr(report, attribute)
            if text:
                gathered[number].append(
                    {
                        "kind": "Return",
                        "agreement": report.agreement,
                        "title": report.period.label,
                        "text": text,
                    }
                )
    return [QuestionEvidence(n, q, gathered[n]) for n, q in EVALUATION_QUESTIONS]


def _result_sentence(result: InstrumentResult) -> str:
    a = result.analysis
    if a.ci_low is None:
        return f"{a.pairs} participant with both scores: too few for a confidence interval."
    share = f"{a.improved_share:.0%}" if a.improved_share is not None else "none"
    warning = " Fewer than 30 pairs: treat with caution." if a.too_few_pairs else ""
    return (
        f"Baseline mean {a.baseline.mean:.2f}, follow-up mean {a.follow_up.mean:.2f}; change "
        f"{a.mean_change:+.2f} (95% CI {a.ci_low:+.2f} to {a.ci_high:+.2f}), p = {a.p_value:.3g}. "
        f"{share} improved by at least {a.threshold:g}.{warning}"
    )
