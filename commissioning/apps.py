from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save

from commissioning.vocabulary.snapshot import VOCABULARIES, vocabulary_changed


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = "Commissioning vocabulary and programmes"

    def ready(self) -> None:
        for model_name, _parameter in VOCABULARIES.values():
            model = self.get_model(model_name)
            for signal in (post_save, post_delete):
                signal.connect(vocabulary_changed, sender=model, dispatch_uid=f"vocab-{model_name}")
        post_migrate.connect(vocabulary_changed, sender=self, dispatch_uid="vocab-migrate")
