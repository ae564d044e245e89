"""The shared vocabulary (outcome areas, art forms, beneficiary groups and areas) as CSV data."""
