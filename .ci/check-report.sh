#!/usr/bin/env bash
# Opens an HTML report in a real headless browser (Debian's chromium, driven by playwright-core), fails on any
# console error, page error or network request, checks that the page is self-contained, and saves a full-page
# screenshot (a CI artifact).
#   .ci/check-report.sh REPORT.html [SCREENSHOT.png]      default screenshot: cli/target/report.png
# Installs chromium with apt-get when missing (as root), and playwright-core with npm into cli/target/browser-check
# (npm's cache too): nothing is kept outside the repository's target folders.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
report="${1:?usage: .ci/check-report.sh REPORT.html [SCREENSHOT.png]}"
shot="${2:-$root/cli/target/report.png}"
playwright_version="1.56.1"
[ -s "$report" ] || { echo "check-report: $report is missing or empty"; exit 1; }

if [ -z "${SEGMINT_CHROMIUM:-}" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "check-report: installing Debian's chromium"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
    else
      echo "check-report: chromium is missing; install it (sudo apt-get install -y chromium) or set SEGMINT_CHROMIUM"
      exit 1
    fi
  fi
  SEGMINT_CHROMIUM="$(command -v chromium)"
fi
command -v node >/dev/null 2>&1 || { echo "check-report: Node.js 18+ is needed (node not found)"; exit 1; }

tools="$root/cli/target/browser-check"
if [ ! -f "$tools/node_modules/playwright-core/package.json" ] \
    || ! grep -q "\"version\": \"$playwright_version\"" "$tools/node_modules/playwright-core/package.json"; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    --cache "$tools/npm-cache" "playwright-core@$playwright_version" >/dev/null) \
    || { echo "check-report: npm could not install playwright-core@$playwright_version"; exit 1; }
fi
mkdir -p "$(dirname "$shot")"
profile="$(mktemp -d "$tools/profile-XXXXXX")"
trap 'rm -rf "$profile"' EXIT
SEGMINT_TOOLS="$tools" SEGMINT_CHROMIUM="$SEGMINT_CHROMIUM" node "$root/.ci/check-report.cjs" "$report" "$shot" "$profile"
