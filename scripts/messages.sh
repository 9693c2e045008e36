#!/usr/bin/env bash
# Refreshes the English catalogues: one for the project (bureau/, templates/) and one per app that
# keeps its own locale/ folder. Translations already written are kept by makemessages.
set -euo pipefail
cd "$(dirname "$0")/.."
apps=(firms casework partybuild inspections)
ignore=(--ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench)
for app in "${apps[@]}"; do ignore+=(--ignore="$app"); done
.venv/bin/python manage.py makemessages -l en --no-location --no-wrap "${ignore[@]}" -v0
for app in "${apps[@]}"; do
  [[ -d $app/locale ]] || continue
  (cd "$app" && DJANGO_SETTINGS_MODULE=bureau.settings PYTHONPATH=.. ../.venv/bin/django-admin makemessages \
    -l en --no-location --no-wrap --ignore=migrations -v0)
done
