# Stage 1: build the front-end assets (GOV.UK Frontend, HTMX) with Node.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./frontend
COPY static ./static
RUN npm run build

# Stage 2: the Python application. WeasyPrint needs Pango from Debian.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 app
WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock
COPY --chown=app:app . .
COPY --from=assets --chown=app:app /app/static/dist ./static/dist
# collectstatic needs settings but no database: a throwaway key and an unused URL are enough.
RUN SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown app:app /app/media /app/.data 2>/dev/null || true
USER app
EXPOSE 8000
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]
