"""Event pages: public (public.py), attendees (attendees.py) and organisers (manage.py)."""
