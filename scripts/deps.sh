# Sourced by scripts/run and scripts/test: installs the Debian packages Dump It! needs,
# only those that are missing (idempotent, quiet, no prompt).

# The C libraries, fonts and tools every build needs.
DUMPIT_BUILD_PACKAGES=(
  pkg-config libcairo2-dev libpango1.0-dev
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libsqlite3-dev zlib1g-dev
  fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core
)
# What the tests add: ffprobe as an independent checker, a real browser and its driver,
# PostgreSQL and nginx for the fleet (the tests start their own throwaway instances).
DUMPIT_TEST_PACKAGES=(ffmpeg chromium chromium-driver python3-venv postgresql nginx sqlite3 openssl eslint)

dumpit_install_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
