"""Who may ask for which report. Each kind checks its own permission against its target (the
selectors already hide targets a person may not see); the list of reports is each person's own.
"""

from __future__ import annotations

import rules

from accounts.rules import is_platform_admin
from commissioning.rules import is_commissioner_of_programme_owner
from engagement import rules as engagement_rules
from evaluation.rules import is_panel_chair, is_panel_manager
from monitoring.rules import is_party

# Checked against a programme: its commissioners (and platform admins) report on it.
rules.add_perm(
    "reports.request_programme_report", is_commissioner_of_programme_owner | is_platform_admin
)
# Checked against an opportunity the person can already see (the selector decides that).
rules.add_perm("reports.request_tender_pack", rules.is_authenticated)
# Checked against an agreement the person can already see: either party (and platform admins).
rules.add_perm("reports.request_agreement_report", is_party | is_platform_admin)
# Checked against a panel: its chair and the commissioners of its opportunity, as the panel's
# own report page.
rules.add_perm("reports.request_panel_report", is_panel_chair | is_panel_manager)
# Checked against an event: whoever may see its "who's in the room" board.
rules.add_perm("reports.request_event_room", engagement_rules.can_view_board)
