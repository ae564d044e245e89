from django.contrib import admin

from tenders.models import Clause, Criterion, Lot, Opportunity, Question, Release


class LotInline(admin.TabularInline):
    model = Lot
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    """For looking things up: changes go through the site so they are versioned and released."""

    list_display = ["reference", "title", "organisation", "route", "status", "closes_at"]
    list_filter = ["status", "route"]
    search_fields = ["reference", "title", "organisation__name"]
    readonly_fields = ["status", "published_at", "version"]
    inlines = [LotInline, CriterionInline]


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "source"]
    list_filter = ["section"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "organisation", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """Releases are immutable once emitted."""

    list_display = ["release_id", "ocid", "date"]
    search_fields = ["release_id", "ocid"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
