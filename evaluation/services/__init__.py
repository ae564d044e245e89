"""Writes for assessment panels, one module per stage: panels (set-up, invitations, the plan,
assignment), conflicts, scoring, moderation, and decisions (funding line, letters, standstill,
award)."""
