"""Monitoring demo: the nine funded Gloucestershire arts and health projects (Table 4 and
Appendix 1 of the NEF report), with quarterly returns (some late, some queried), KPI targets,
SWEMWBS before and after for 30-60 participants each, case studies and evidence; Kent's
community mental health and wellbeing contract with the arts-access KPI; and a small Kent
innovation grant for the demo provider. If the panels demo already made Gloucestershire
agreements from awards, returns are added to those instead. Built through the services, each
side's actions by a named person: every Gloucestershire grant holder gets a demo sign-in
(DEMO_ACCOUNTS, printed by seed_demo), and Medway Maker Theatre reports as provider@example.org."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from accounts.demo import demo_account
from accounts.models import Organisation, User
from commissioning.models import Kpi, OutcomeArea, Programme
from monitoring.constants import ReturnStatus
from monitoring.models import Agreement, Return
from monitoring.services import agreements, evidence, responses, returns
from monitoring.services.agreements import BudgetLineInput

# (theme, provider, title, summary) from Table 4.
GLOUCESTERSHIRE_PROJECTS = [
    (
        "Early dementia",
        "Severn Vale Film Club",
        "Comedy and animation about early dementia",
        "A comedy and animation project working with the BME (black and minority ethnic) community to raise awareness of early signs of dementia and increase uptake of early support.",
    ),
    (
        "Advanced dementia",
        "Cheltenham Chamber Music Outreach",
        "Music therapy at the move into care",
        "A music therapy project for people living with dementia and their carers and support staff to improve resilience at transition between home and care homes.",
    ),
    (
        "Diabetes (1)",
        "Stonehouse Community Arts",
        "Drama with teenagers living with type 1 diabetes",
        "A drama based project with teenagers living with type 1 diabetes to increase confidence and diabetes self-management, including medication compliance. Delivered with a teenage creative arts intern who has type 1 diabetes.",
    ),
    (
        "Diabetes (2)",
        "Lydney Circus Skills",
        "Dance and film with teenagers living with type 1 diabetes",
        "A dance and film based project with teenagers living with type 1 diabetes to increase confidence and diabetes self-management, including medication compliance.",
    ),
    (
        "Chronic pain",
        "Cotswold Craft Guild Outreach",
        "Mixed media arts for men living with chronic pain",
        "A mixed media arts project for men of working age living with chronic pain, to learn arts based strategies of managing pain. Co-delivered with an expert pain patient.",
    ),
    (
        "Lung conditions",
        "Breathe Sing Gloucestershire",
        "A bespoke choir for people with COPD and asthma",
        "A bespoke choir for people with COPD and asthma referred by specialist respiratory physiotherapists, following discharge from pulmonary rehabilitation programmes. Delivered in conjunction with the British Lung Foundation.",
    ),
    (
        "Young people's mental health (1)",
        "Gloucester Docks Theatre",
        "Secrets and lies: drama for emotional resilience",
        "A drama based project called \u201csecrets and lies\u201d targeting young people at risk of self-harm, body image and pornography issues to increase emotional resilience.",
    ),
    (
        "Young people's mental health (2)",
        "Cinderford Youth Music",
        "Music and song-writing for managing stress",
        "A music and song-writing project working at both universal and targeted level to increase awareness and learn strategies for managing stressful situations.",
    ),
    (
        "Adults with complex mental health needs",
        "Gloucestershire Museum Makers",
        "Art psychotherapy in two museums",
        "An art psychotherapy project for 18- to 25-year-olds delivered in two museums, using both the space and artefacts as part of the therapeutic process.",
    ),
]
# One demo sign-in for each funded Gloucestershire project: the provider's reporting lead.
GLOUCESTERSHIRE_SIGN_INS = {
    "Severn Vale Film Club": ("films@severn-vale.example.org", "Amara Osei"),
    "Cheltenham Chamber Music Outreach": ("music@cheltenham-chamber.example.org", "Eleanor Price"),
    "Stonehouse Community Arts": ("drama@stonehouse-arts.example.org", "Jamie Cole"),
    "Lydney Circus Skills": ("dance@lydney-circus.example.org", "Priya Nair"),
    "Cotswold Craft Guild Outreach": ("crafts@cotswold-guild.example.org", "Tom Hughes"),
    "Breathe Sing Gloucestershire": ("choir@breathe-sing.example.org", "Ruth Adeyemi"),
    "Gloucester Docks Theatre": ("drama@docks-theatre.example.org", "Dan Whitfield"),
    "Cinderford Youth Music": ("studio@cinderford-music.example.org", "Kez Morgan"),
    "Gloucestershire Museum Makers": ("therapy@museum-makers.example.org", "Lena Fischer"),
}
DEMO_ACCOUNTS = [
    (
        GLOUCESTERSHIRE_SIGN_INS[provider][0],
        f"Provider, {provider}: grant for {theme[0].lower()}{theme[1:]}",
    )
    for theme, provider, _, _ in GLOUCESTERSHIRE_PROJECTS
]
KENT_PROVIDER_EMAIL = "provider@example.org"

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    + b"\x00" * 32
)


def _answers(total: int) -> list[int]:
    answers = [1] * 7
    remaining = total - 7
    for index in range(7):
        step = min(4, remaining)
        answers[index] += step
        remaining -= step
    return answers


def _swemwbs_csv(rng: random.Random, people: int, gain: float, start: datetime.date) -> str:
    rows = ["participant,time_point,collected_on," + ",".join(f"item_{n}" for n in range(1, 8))]
    for n in range(1, people + 1):
        before = max(7, min(35, round(rng.gauss(20, 3.5))))
        rows.append(
            f"P{n:03d},baseline,{start + datetime.timedelta(days=rng.randint(5, 30))},"
            + ",".join(map(str, _answers(before)))
        )
        if rng.random() < 0.9:
            after = max(7, min(35, round(before + rng.gauss(gain, 2.5))))
            rows.append(
                f"P{n:03d},follow_up,{start + datetime.timedelta(days=rng.randint(100, 150))},"
                + ",".join(map(str, _answers(after)))
            )
    return "\n".join(rows) + "\n"


def _backdate(report: Return, on: datetime.date) -> None:
    moment = datetime.datetime.combine(on, datetime.time(10), tzinfo=datetime.UTC)
    Return.objects.filter(pk=report.pk).update(first_submitted_at=moment, submitted_at=moment)


def _return(
    agreement: Agreement,
    number: int,
    commissioner: User,
    provider: User,
    *,
    late: bool,
    queried: bool,
    people: int,
    index: int,
) -> None:
    period = agreement.periods.get(number=number)
    if Return.objects.filter(period=period).exists():
        return
    report = returns.return_start(actor=provider, period=period)
    for item in agreement.kpis.select_related("kpi"):
        if item.calculated_from is not None:
            continue  # worked out from the SWEMWBS responses when the return started
        value = {
            "participants-engaged": people // 2 + index,
            "sessions-delivered": 10 + index % 3,
        }.get(item.kpi.slug, 10)
        returns.actual_record(
            actor=provider, report=report, agreement_kpi=item, value=Decimal(value)
        )
    returns.return_update(
        actor=provider,
        report=report,
        narrative=f"{people // 2 + index} people took part this quarter in weekly sessions at community venues. {agreement.summary}",
        learning_commissioners="Referrals came fastest where a named clinician championed the sessions.",
        learning_sector="Co-delivering with someone who lives with the condition built trust quickly.",
        learning_delivery="Sessions in community venues reached people who do not attend clinic-based groups.",
    )
    for line in agreement.budget_lines.all():
        returns.spend_record(
            actor=provider,
            report=report,
            budget_line=line,
            amount=(line.amount * Decimal(number) / Decimal(4)).quantize(Decimal("1")),
        )
    if number == 1:
        returns.case_study_add(
            actor=provider,
            report=report,
            title=f"A participant's story: {agreement.title}",
            body="Referred after a difficult year, they came to the first session reluctantly and have not missed one since.",
            quote="It's the one hour in the week when I feel like myself.",
            consented=True,
        )
        evidence.evidence_add(
            actor=provider,
            report=report,
            kind="video_link",
            title="Film of the sharing event",
            url="https://example.org/glos-arts-health/sharing",
            consented=True,
        )
        from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

        evidence.evidence_add(
            actor=provider,
            report=report,
            kind="photo",
            title="Rehearsal photo (faces visible)",
            upload=SimpleUploadedFile("rehearsal.png", PNG),
            identifiable=True,
            consented=False,
        )
    returns.return_submit(actor=provider, report=report)
    due = period.due_on
    _backdate(
        report, due + datetime.timedelta(days=12) if late else due - datetime.timedelta(days=3)
    )
    report.refresh_from_db()
    if queried:
        returns.return_query(
            actor=commissioner,
            report=report,
            comment="Could you say how many participants were referred by clinicians, and from which services?",
        )
    else:
        returns.return_accept(
            actor=commissioner, report=report, comment="Thank you: a clear return."
        )


def _kpis(agreement: Agreement, commissioner: User, people: int) -> None:
    """Reach, sessions and the mean SWEMWBS change (filled from the responses), each with
    minimum, expected and stretch targets; a KPI that already has targets is left alone."""
    for slug, low, mid, high in (
        ("participants-engaged", people - 10, people, people + 10),
        ("sessions-delivered", 36, 40, 46),
        ("swemwbs-mean-change", "0.5", "1", "2"),
    ):
        kpi = Kpi.objects.get(slug=slug)
        existing = agreement.kpis.filter(kpi=kpi).first()
        if existing is not None and existing.has_targets:
            continue
        if existing:
            agreements.agreement_vary(
                actor=commissioner,
                agreement=agreement,
                reason="Targets agreed at the start-up meeting",
                targets={existing.pk: (Decimal(low), Decimal(mid), Decimal(high))},
            )
        else:
            agreements.agreement_kpi_add(
                actor=commissioner,
                agreement=agreement,
                kpi=kpi,
                baseline=Decimal(0) if not kpi.instrument else None,
                minimum=Decimal(low),
                expected=Decimal(mid),
                stretch=Decimal(high),
            )


def _provider_user(provider: Organisation) -> User:
    """The named person who reports for the provider: its demo sign-in, or (for a provider the
    panels demo funded) its first member, or a reporting lead made for it."""
    if provider.name in GLOUCESTERSHIRE_SIGN_INS:
        email, full_name = GLOUCESTERSHIRE_SIGN_INS[provider.name]
        return demo_account(email, full_name, provider)
    membership = provider.memberships.select_related("user").order_by("pk").first()
    if membership is not None:
        return membership.user
    return demo_account(
        f"reports@{slugify(provider.name)}.example.org", f"{provider.name} reporting lead", provider
    )


def _gloucestershire() -> int:
    commissioner = User.objects.get(email="commissioner@gloucestershire.example.org")
    programme = Programme.objects.get(name="Arts and health innovation grants 2026")
    existing = list(Agreement.objects.filter(programme=programme).order_by("pk"))
    if not existing:
        health = OutcomeArea.objects.filter(name="Physical health").first()
        mental = OutcomeArea.objects.filter(name="Mental health").first()
        for theme, provider_name, title, summary in GLOUCESTERSHIRE_PROJECTS:
            provider = Organisation.objects.get(name=provider_name)
            value = Decimal(15000) if "dementia" not in theme.lower() else Decimal(14500)
            existing.append(
                agreements.agreement_create(
                    actor=commissioner,
                    programme=programme,
                    provider=provider,
                    title=title,
                    summary=summary,
                    kind="grant",
                    value=value,
                    starts_on=programme.start_date,
                    ends_on=programme.end_date,
                    outcomes=[
                        (
                            mental if "mental" in theme.lower() else health,
                            f"{theme}: people manage their condition better and feel well",
                        )
                    ],
                    budget_lines=[
                        BudgetLineInput("Artists' fees", "variable", value - Decimal(4500)),
                        BudgetLineInput("Venue hire", "fixed", Decimal(2500)),
                        BudgetLineInput(
                            "Evaluation and participant surveys", "fixed", Decimal(2000)
                        ),
                    ],
                )
            )
    for index, agreement in enumerate(existing):
        rng = random.Random(1000 + index)  # noqa: S311 - demo data, reproducible
        people = 30 + (index * 7) % 31
        reporter = _provider_user(agreement.provider)
        _kpis(agreement, commissioner, people)
        if not agreement.responses.exists():
            gain = [2.5, 1.8, 3.0, 1.2, 2.2, 3.4, 0.6, 1.6, 2.8][index % 9]
            responses.responses_import(
                actor=reporter,
                agreement=agreement,
                instrument="swemwbs",
                csv_text=_swemwbs_csv(rng, people, gain, agreement.starts_on),
                only_good_rows=False,
            )
        _return(
            agreement,
            1,
            commissioner,
            reporter,
            late=index in (2, 5),
            queried=False,
            people=people,
            index=index,
        )
        _return(
            agreement,
            2,
            commissioner,
            reporter,
            late=index in (4,),
            queried=index in (1, 6),
            people=people,
            index=index,
        )
    return len(existing)


def _kent() -> None:
    commissioner = User.objects.get(email="commissioner@kent.example.org")
    programme = Programme.objects.get(name="Community mental health and wellbeing service")
    if not Agreement.objects.filter(programme=programme, kind="contract").exists():
        contract = agreements.agreement_create(
            actor=commissioner,
            programme=programme,
            provider=Organisation.objects.get(name="Kent and Gloucestershire Arts in Health"),
            title="Community mental health and wellbeing service: strategic partner (east Kent)",
            summary="Builds and manages a diverse delivery network, including arts and cultural organisations, so that people connect to their communities and feel less lonely.",
            kind="contract",
            value=Decimal(4000000),
            starts_on=datetime.date(2026, 10, 1),
            ends_on=datetime.date(2029, 9, 30),
            outcomes=[
                (
                    OutcomeArea.objects.filter(name="Mental health").first(),
                    "People connect to their communities and feel less lonely",
                )
            ],
            budget_lines=[
                BudgetLineInput(
                    "Delivery network and innovation grants", "variable", Decimal(3200000)
                ),
                BudgetLineInput("Partnership management", "fixed", Decimal(600000)),
                BudgetLineInput("Evaluation", "fixed", Decimal(200000)),
            ],
        )
        agreements.agreement_kpi_add(
            actor=commissioner,
            agreement=contract,
            kpi=Kpi.objects.get(slug="access-arts-cultural-activities"),
            baseline=Decimal(0),
            minimum=Decimal(3000),
            expected=Decimal(3600),
            stretch=Decimal(4200),
        )
    if not Agreement.objects.filter(programme=programme, kind="grant").exists():
        grant = agreements.agreement_create(
            actor=commissioner,
            programme=programme,
            provider=Organisation.objects.get(name="Medway Maker Theatre"),
            title="Playmaking for connection: innovation grant",
            summary="Playmaking groups for isolated older people in Medway, re-granted from the innovation pot.",
            kind="grant",
            value=Decimal(12000),
            starts_on=datetime.date(2026, 7, 1),
            ends_on=datetime.date(2027, 6, 30),
            budget_lines=[
                BudgetLineInput("Artists' fees", "variable", Decimal(9000)),
                BudgetLineInput("Venue and evaluation", "fixed", Decimal(3000)),
            ],
        )
        agreements.agreement_kpi_add(
            actor=commissioner,
            agreement=grant,
            kpi=Kpi.objects.get(slug="access-arts-cultural-activities"),
            minimum=Decimal(40),
            expected=Decimal(50),
            stretch=Decimal(60),
        )
        reporter = User.objects.get(email=KENT_PROVIDER_EMAIL)
        rng = random.Random(77)  # noqa: S311 - demo data, reproducible
        responses.responses_import(
            actor=reporter,
            agreement=grant,
            instrument="swemwbs",
            csv_text=_swemwbs_csv(rng, 18, 1.5, grant.starts_on),
            only_good_rows=False,
        )
        _return(grant, 1, commissioner, reporter, late=False, queried=False, people=24, index=0)


@transaction.atomic
def seed() -> str:
    count = _gloucestershire()
    _kent()
    reported = Return.objects.exclude(status=ReturnStatus.DRAFT).count()
    return f"{count} Gloucestershire agreements and Kent's contract, {reported} returns"
