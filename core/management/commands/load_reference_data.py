"""`manage.py load_reference_data`: put back the reference data the migrations load — the shared
vocabulary (areas, outcome areas, art forms, …), the KPI library and the clause library —
where something emptied it (a restore of a partial dump, or the bench's generator, which
truncates organisations and with them the commissioner-extended KPI library). Idempotent."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load (or reload) the vocabulary, KPI library and clause library. Idempotent."

    def handle(self, *args, **options) -> None:
        from commissioning.vocabulary.loader import load_kpis, load_vocabulary  # noqa: PLC0415
        from commissioning.vocabulary.snapshot import vocabulary_changed  # noqa: PLC0415
        from tenders.clauses import CLAUSES  # noqa: PLC0415
        from tenders.models import Clause  # noqa: PLC0415

        load_vocabulary()
        load_kpis()
        vocabulary_changed()  # the loader may write past the ORM's signals
        for data in CLAUSES:
            Clause.objects.update_or_create(slug=data["slug"], defaults=data)
        self.stdout.write("Reference data loaded: vocabulary, KPI library, clause library.")
