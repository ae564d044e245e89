from django.contrib import admin

from providers.models import (
    Activity,
    Consortium,
    ConsortiumMember,
    ProviderDocument,
    ProviderProfile,
    Shortlist,
)


class ActivityInline(admin.StackedInline):
    model = Activity
    extra = 0


class DocumentInline(admin.TabularInline):
    model = ProviderDocument
    extra = 0
    readonly_fields = ["file_type", "reminded_at"]


@admin.register(ProviderProfile)
class ProviderProfileAdmin(admin.ModelAdmin):
    """For looking things up; changes that must reach the search index go through the site."""

    list_display = ["organisation", "is_listed", "contact_name", "updated_at"]
    list_filter = ["is_listed", "staff_band"]
    search_fields = ["organisation__name", "contact_name", "contact_email"]
    readonly_fields = ["organisation", "is_listed", "listed_at"]
    filter_horizontal = ["art_forms", "outcome_areas", "beneficiary_groups", "areas_served"]
    inlines = [ActivityInline, DocumentInline]


class ConsortiumMemberInline(admin.TabularInline):
    model = ConsortiumMember
    extra = 0


@admin.register(Consortium)
class ConsortiumAdmin(admin.ModelAdmin):
    list_display = ["name", "lead", "created_at"]
    search_fields = ["name", "lead__name"]
    inlines = [ConsortiumMemberInline]


@admin.register(Shortlist)
class ShortlistAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "created_by", "created_at"]
    search_fields = ["name", "organisation__name"]
