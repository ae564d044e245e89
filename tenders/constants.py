"""Choices for opportunities: the lowest layer of the tenders app."""

from django.db import models


class Route(models.TextChoices):
    """How an opportunity is bought or funded. Each route's rules are in tenders.routes."""

    GRANT = "grant", "Grant programme"
    INNOVATION_GRANT = "innovation_grant", "Innovation grant"
    OPEN = "open", "Open procedure (Procurement Act 2023)"
    COMPETITIVE_FLEXIBLE = (
        "competitive_flexible",
        "Competitive flexible procedure (Procurement Act 2023)",
    )
    DIRECT_AWARD = "direct_award", "Direct award (Procurement Act 2023)"
    BELOW_THRESHOLD = "below_threshold", "Below-threshold quotation"
    LIGHT_TOUCH = "light_touch", "Light-touch services (Procurement Act 2023)"
    PSR_DIRECT_A = "psr_direct_a", "Provider Selection Regime: direct award process A"
    PSR_DIRECT_B = "psr_direct_b", "Provider Selection Regime: direct award process B"
    PSR_DIRECT_C = "psr_direct_c", "Provider Selection Regime: direct award process C"
    PSR_MOST_SUITABLE = "psr_most_suitable", "Provider Selection Regime: most suitable provider"
    PSR_COMPETITIVE = "psr_competitive", "Provider Selection Regime: competitive process"
    SPOT_PURCHASE = "spot_purchase", "Spot purchase"
    FRAMEWORK_CALL_OFF = "framework_call_off", "Framework call-off"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Open for bids"
    CLOSED = "closed", "Closed"
    EVALUATION = "evaluation", "In evaluation"
    AWARDED = "awarded", "Awarded"
    NOT_AWARDED = "not_awarded", "Not awarded"
    CANCELLED = "cancelled", "Cancelled"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The only moves an opportunity can make; each is a service in tenders.services.lifecycle.
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.PUBLISHED, Status.CANCELLED},
    Status.PUBLISHED: {Status.CLOSED, Status.WITHDRAWN, Status.CANCELLED},
    Status.CLOSED: {Status.EVALUATION, Status.CANCELLED},
    Status.EVALUATION: {Status.AWARDED, Status.NOT_AWARDED, Status.CANCELLED},
    Status.AWARDED: set(),
    Status.NOT_AWARDED: set(),
    Status.CANCELLED: set(),
    Status.WITHDRAWN: set(),
}
PUBLIC_STATUSES = {
    Status.PUBLISHED,
    Status.CLOSED,
    Status.EVALUATION,
    Status.AWARDED,
    Status.NOT_AWARDED,
    Status.CANCELLED,
}


class SectionKey(models.TextChoices):
    BACKGROUND = "background", "Background and need"
    OUTCOMES = "outcomes", "Outcomes sought"
    DELIVERY = "delivery", "Who may deliver"
    KPIS = "kpis", "KPIs and evidence"
    BUDGET = "budget", "Budget"
    TIMELINE = "timeline", "Timeline"
    HOW_TO_BID = "how_to_bid", "How to bid"
    ASSESSMENT = "assessment", "How bids are assessed"


class CriterionKind(models.TextChoices):
    QUALITY = "quality", "Quality"
    PRICE = "price", "Price or cost"
    SOCIAL_VALUE = "social_value", "Social value"
    QUESTION = "question", "Grant question"
    PSR_KEY = "psr_key", "Provider Selection Regime key criterion"


# The Provider Selection Regime's five key criteria (NHS, 2024).
PSR_KEY_CRITERIA = [
    "Quality and innovation",
    "Value",
    "Integration, collaboration and service sustainability",
    "Improving access, reducing health inequalities and facilitating choice",
    "Social value",
]

DEFAULT_SCORING_SCALE = [
    {
        "score": 0,
        "label": "Unacceptable",
        "descriptor": "No answer, or the answer does not address the question.",
    },
    {"score": 1, "label": "Poor", "descriptor": "Major gaps or weaknesses; little evidence."},
    {"score": 2, "label": "Weak", "descriptor": "Some relevant points, but significant gaps."},
    {
        "score": 3,
        "label": "Satisfactory",
        "descriptor": "Addresses the question with some evidence; minor gaps.",
    },
    {"score": 4, "label": "Good", "descriptor": "A full answer with clear evidence."},
    {
        "score": 5,
        "label": "Excellent",
        "descriptor": "A full, convincing answer with strong evidence and innovation.",
    },
]


class QuestionStatus(models.TextChoices):
    OPEN = "open", "Waiting for an answer"
    PUBLISHED = "published", "Answered for everyone"
    PRIVATE = "private", "Answered privately"


# PPN 002 (2025): central government's minimum social-value weighting; below it is a warning.
SOCIAL_VALUE_MINIMUM_PERCENT = 10


class BidStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Eligibility(models.TextChoices):
    """The commissioner's pass/fail decision on a submitted bid, after the bids are opened."""

    PENDING = "pending", "Not decided"
    PASSED = "passed", "Passed"
    FAILED = "failed", "Failed"


class CostType(models.TextChoices):
    FIXED = "fixed", "Fixed"
    VARIABLE = "variable", "Variable"


class BidPartnerStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    CONFIRMED = "confirmed", "Taking part"
    DECLINED = "declined", "Declined"


# Attachments to bids: checked by content, with the size limits below.
BID_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
BID_ATTACHMENTS_MAX_COUNT = 10
