# One image for web (gunicorn), the Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 \
    libpangoft2-1.0-0 gettext curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
COPY --from=assets /app/node_modules ./node_modules
# collectstatic and compilemessages need settings that production would refuse to start without.
RUN SECRET_KEY=build-only-$(head -c 48 /dev/urandom | base64 | tr -d '\n') ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput -v0 \
 && SECRET_KEY=build-only-$(head -c 48 /dev/urandom | base64 | tr -d '\n') ALLOWED_HOSTS=build \
    python manage.py compilemessages --ignore=node_modules -v0 \
 && useradd --system --home /app portal && mkdir -p /data/media && chown portal /data/media
USER portal
ENV MEDIA_ROOT=/data/media PORTAL_VAR_DIR=/data
EXPOSE 8000
CMD ["gunicorn", "bureau.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
