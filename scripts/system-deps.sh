#!/usr/bin/env bash
# Install the Debian packages the test suite needs, when missing and when we may (root + apt).
#   libicu-dev pkg-config  build PyICU for followthemoney (FollowTheMoney export)
#   postgresql             a real PostgreSQL for the store tests
#   chromium               a real headless browser for the web tests
#   tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd   OCR of scanned pages (Tesseract 5)
#   fonts-dejavu-core      the monospaced face of the generated typewriter test pages
set -euo pipefail
need=()
for pkg in libicu-dev pkg-config postgresql chromium tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: missing ${need[*]}; install them with your package manager (tests needing them will be skipped)" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
