from django.contrib import admin

from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea, Programme


@admin.register(OutcomeArea, ArtForm, BeneficiaryGroup)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "code"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "status", "budget", "start_date", "end_date"]
    list_filter = ["status"]
    search_fields = ["name", "organisation__name"]
    filter_horizontal = ["outcome_areas", "areas", "team"]
