#!/usr/bin/env bash
# Refresh GOV.UK Frontend in static/govuk/ from the npm package and rebuild our CSS.
# Run it when changing the version below or static/src/*.scss; commit what it writes.
set -euo pipefail
VERSION=6.6.0
SASS_VERSION=1.108.2
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "govuk-frontend@$VERSION" "sass@$SASS_VERSION"
dist=node_modules/govuk-frontend/dist/govuk

rm -rf "$here/static/govuk"
mkdir -p "$here/static/govuk/assets/images"
# Only what the CSS refers to: GOV.UK's own icons and fonts are not for council services.
cp "$dist/assets/images/govuk-crest.svg" "$here/static/govuk/assets/images/"
cp "$dist/govuk-frontend.min.js" "$dist/govuk-frontend.min.js.map" "$here/static/govuk/"
node_modules/.bin/sass --no-source-map --style=compressed --load-path=node_modules \
  "$here/static/src/resident-voice.scss" "$here/static/govuk/resident-voice.css"
echo "$VERSION" > "$here/static/govuk/VERSION"
echo "GOV.UK Frontend $VERSION copied to static/govuk/"
