"""Choices for provider profiles: the lowest layer of the providers app."""

from django.db import models


class LegalForm(models.TextChoices):
    CIO = "cio", "Charitable incorporated organisation (CIO)"
    CHARITABLE_COMPANY = "charitable_company", "Charitable company"
    COMPANY_LIMITED_BY_GUARANTEE = "clg", "Company limited by guarantee"
    CIC = "cic", "Community interest company (CIC)"
    COMMUNITY_BENEFIT_SOCIETY = "cbs", "Community benefit society"
    UNINCORPORATED = "unincorporated", "Unincorporated association or group"
    LIMITED_COMPANY = "ltd", "Private limited company"
    SOLE_TRADER = "sole_trader", "Sole trader"
    PARTNERSHIP = "partnership", "Partnership"
    PUBLIC_BODY = "public_body", "Public body"
    OTHER = "other", "Other"


class TurnoverBand(models.TextChoices):
    UNDER_10K = "under_10k", "Under £10,000"
    FROM_10K = "10k_100k", "£10,000 to £100,000"
    FROM_100K = "100k_500k", "£100,000 to £500,000"
    FROM_500K = "500k_1m", "£500,000 to £1 million"
    FROM_1M = "1m_10m", "£1 million to £10 million"
    OVER_10M = "over_10m", "Over £10 million"


class StaffBand(models.TextChoices):
    NONE = "0", "No paid staff"
    MICRO = "1_9", "1 to 9"
    SMALL = "10_49", "10 to 49"
    MEDIUM = "50_249", "50 to 249"
    LARGE = "250_plus", "250 or more"


class VolunteerBand(models.TextChoices):
    NONE = "0", "No volunteers"
    FEW = "1_9", "1 to 9"
    SOME = "10_49", "10 to 49"
    MANY = "50_plus", "50 or more"


class Setting(models.TextChoices):
    THEATRES = "theatres", "Theatres and arts venues"
    LIBRARIES = "libraries", "Libraries"
    MUSEUMS = "museums", "Museums and galleries"
    CARE_HOMES = "care_homes", "Care homes"
    HOSPITALS = "hospitals", "Hospitals and hospices"
    SCHOOLS = "schools", "Schools and colleges"
    COMMUNITY_CENTRES = "community_centres", "Community centres"
    OUTDOORS = "outdoors", "Outdoors"
    ONLINE = "online", "Online"


class SupportNeed(models.TextChoices):
    BID_WRITING = "bid_writing", "Bid writing"
    EVALUATION = "evaluation", "Evaluation and monitoring"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    HEALTH_SERVICES = "health_services", "Working with health services"
    MENTAL_HEALTH_FIRST_AID = "mhfa", "Mental Health First Aid"


class ValueBand(models.TextChoices):
    UNDER_10K = "under_10k", "Under £10,000"
    FROM_10K = "10k_50k", "£10,000 to £50,000"
    FROM_50K = "50k_250k", "£50,000 to £250,000"
    FROM_250K = "250k_1m", "£250,000 to £1 million"
    OVER_1M = "over_1m", "Over £1 million"


class DocumentKind(models.TextChoices):
    PUBLIC_LIABILITY = "public_liability", "Public liability insurance"
    SAFEGUARDING_POLICY = "safeguarding_policy", "Safeguarding policy"
    DBS_POLICY = "dbs_policy", "DBS checking policy"
    ACCOUNTS = "accounts", "Annual accounts"
    OTHER = "other", "Other document"


class ConsortiumMemberStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"


# Documents are flagged this many days before they expire, and the provider is reminded.
DOCUMENT_REMINDER_DAYS = 30
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A Word or OpenDocument file is a zip archive: refuse one that expands past this, or by more
# than this ratio (a zip bomb). Real documents compress a few times, not a hundred.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Detected by content, never by the file name.
ALLOWED_UPLOAD_TYPES = {
    "application/pdf": "PDF",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "image/webp": "WebP image",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
}
