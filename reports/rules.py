"""Who may ask for which report. Each kind checks its own permission against its target (the
selectors already hide targets a person may not see); the list of reports is each person's own.
"""

from __future__ import annotations

import rules

from accounts.rules import is_platform_admin
from commissioning.rules import is_commissioner_of_programme_owner

# Checked against a programme: its commissioners (and platform admins) report on it.
rules.add_perm(
    "reports.request_programme_report", is_commissioner_of_programme_owner | is_platform_admin
)
# Checked against an opportunity the person can already see (the selector decides that).
rules.add_perm("reports.request_tender_pack", rules.is_authenticated)
