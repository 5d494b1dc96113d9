#!/usr/bin/env bash
# Run the test suite inside a Debian root made with debootstrap (`make test-trixie`, `make test-sid`).
#
# Usage (as root): tools/debian_root.sh SUITE [make target ...]      default target: test
#
# The root is cached in $RSEI_ROOTS/SUITE (default /var/cache/rsei-roots/SUITE) and reused while its stamp
# (suite, mirror, variant, package list) matches; otherwise it is rebuilt from scratch. Each run copies the
# checkout (tracked and untracked, not ignored files) to /work/rsei-toolbox in the root, binds ../shared/data
# read-only at /work/shared/data when it exists, and runs `make test` there, which makes its own venv over
# the root's Debian packages. Everything runs in a private mount and PID namespace when `unshare` can make
# one, so mounts and left-over processes go away with the run; a trap unmounts them in any case.
#
# Environment: ROOT_PKGS  Debian packages to install (the Makefile passes make + its APT_PKGS)
#              DEBIAN_MIRROR (default http://deb.debian.org/debian), RSEI_ROOTS (cache folder),
#              TESTS (passed to make inside: which tests to run).
set -euo pipefail

SUITE=${1:?usage: debian_root.sh SUITE [make target ...]}
shift
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(test)

SRC=$(cd "$(dirname "$0")/.." && pwd)
ROOTS=${RSEI_ROOTS:-/var/cache/rsei-roots}
ROOT=$ROOTS/$SUITE
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PKGS=${ROOT_PKGS:-make qgis python3-qgis qgis-providers python3-rasterio python3-scipy python3-matplotlib python3-venv python3-pip xvfb xauth zip}
APT_OPTS=()
case $SUITE in
  # The mirror serves dated snapshots: unstable's Release files are past their Valid-Until.
  sid|unstable) APT_OPTS=(-o Acquire::Check-Valid-Until=false) ;;
esac
STAMP_TEXT="suite=$SUITE mirror=$MIRROR variant=minbase packages=$(echo "$PKGS" | tr -s ' \t\n' '\n' | sort -u | tr '\n' ' ')"
STAMP=$ROOT/.rsei-root-stamp
DEST=/work/rsei-toolbox          # the checkout inside the root; the data goes to ../shared/data next to it
DATA=$SRC/../shared/data

log() { printf '[%s %s] %s\n' "$SUITE" "$(date +%H:%M:%S)" "$*" >&2; }

if [ "$(id -u)" != 0 ]; then
  echo "debian_root.sh: needs root (debootstrap, mount, chroot); the Makefile runs it with sudo" >&2
  exit 2
fi

# A private mount + PID namespace: the kernel drops its mounts and kills its processes when the run ends.
# unshare --fork ignores SIGTERM and SIGINT, so this shell stays and passes them on to the script inside.
if [ -z "${RSEI_ROOT_NS:-}" ] && unshare --mount --pid --fork --propagation private true 2>/dev/null; then
  RSEI_ROOT_NS=1 unshare --mount --pid --fork --propagation private "$0" "$SUITE" "${TARGETS[@]}" &
  NS=$!
  forward() { kill -"$1" $(ps -o pid= --ppid "$NS") 2>/dev/null || true; }
  trap 'forward TERM' TERM
  trap 'forward INT' INT
  while :; do
    status=0
    wait "$NS" || status=$?
    kill -0 "$NS" 2>/dev/null || exit "$status"    # still running: wait was cut short by a signal
  done
fi

MOUNTS=()
cleanup() {
  local status=$? m
  for m in "${MOUNTS[@]}"; do          # newest first
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "debian_root.sh: could not unmount $m" >&2
  done
  MOUNTS=()
  exit "$status"
}
CHILD=
on_signal() {  # stop what runs in the root (its own process group), then clean up
  if [ -n "$CHILD" ]; then kill -TERM -- "-$CHILD" 2>/dev/null || kill -TERM "$CHILD" 2>/dev/null; wait "$CHILD"; fi
  exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

mount_at() {  # mount_at TARGET mount-args...: mount, and remember it for the cleanup (newest first)
  local target=$1
  shift
  mkdir -p "$target"
  mount "$@" "$target"
  MOUNTS=("$target" "${MOUNTS[@]}")
}

mounted_under() { findmnt -rn -o TARGET | awk -v r="$1" 'index($0, r "/") == 1 || $0 == r' | grep -q .; }

enter_root() {  # the mounts a chroot needs, and the host's name server and CA bundle
  mount_at "$ROOT/proc" -t proc proc
  mount_at "$ROOT/dev" --bind /dev
  mount_at "$ROOT/dev/pts" --bind /dev/pts
  mount_at "$ROOT/dev/shm" -t tmpfs -o mode=1777 tmpfs
  cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
  # Without the host's bundle pip inside fails with "self-signed certificate in certificate chain".
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    mkdir -p "$ROOT/etc/ssl/certs"
    cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
  fi
}

leave_root() {
  local m
  for m in "${MOUNTS[@]}"; do umount "$m" || umount -l "$m"; done
  MOUNTS=()
}

in_root() {  # a command in the root, in its own process group, waited for so that a signal stops it at once
  setsid chroot "$ROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin ${TESTS:+TESTS="$TESTS"} "$@" &
  CHILD=$!
  local status=0
  wait "$CHILD" || status=$?
  CHILD=
  return $status
}

build_root() {
  command -v debootstrap >/dev/null || {
    log "installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
  }
  if [ -e "$ROOT" ]; then
    if mounted_under "$ROOT"; then
      echo "debian_root.sh: something is mounted under $ROOT; not removing it" >&2
      exit 1
    fi
    log "removing the old root (its stamp does not match)"
    rm -rf --one-file-system "$ROOT"
  fi
  mkdir -p "$ROOTS"
  log "debootstrap $SUITE into $ROOT"
  debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR"
  enter_root
  log "installing: $PKGS"
  # shellcheck disable=SC2086  # the package list is split on purpose
  in_root apt-get "${APT_OPTS[@]}" update -qq
  # shellcheck disable=SC2086
  in_root apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends $PKGS
  in_root apt-get clean
  leave_root
  echo "$STAMP_TEXT" > "$STAMP"
  log "root ready ($(du -sh --one-file-system "$ROOT" | cut -f1))"
}

mkdir -p "$ROOTS"
exec 9>"$ROOTS/$SUITE.lock"
flock 9                                  # one run per root at a time

START=$SECONDS
if [ "$(cat "$STAMP" 2>/dev/null)" != "$STAMP_TEXT" ]; then
  build_root
  log "root built in $((SECONDS - START)) s"
else
  log "reusing $ROOT"
fi

# A fresh copy of the checkout: what git would commit (tracked and untracked, not ignored), or, outside
# git, everything but the local set-up.
if mounted_under "$ROOT$DEST"; then echo "debian_root.sh: something is mounted under $ROOT$DEST" >&2; exit 1; fi
rm -rf --one-file-system "$ROOT$DEST"
mkdir -p "$ROOT$DEST"
if git -C "$SRC" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$SRC" && git ls-files -z --cached --others --exclude-standard \
     | while IFS= read -r -d '' f; do
         case $f in .venv|.venv/*|.apt-ready|.runtime|.runtime/*) continue ;; esac
         if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
       done \
     | tar --null -T - -cf -) | tar -C "$ROOT$DEST" -xf -
else
  tar -C "$SRC" --exclude=./.git --exclude=./.venv --exclude=./.apt-ready --exclude=./.runtime -cf - . \
    | tar -C "$ROOT$DEST" -xf -
fi

enter_root
if [ -d "$DATA" ]; then
  mount_at "$ROOT/work/shared/data" --bind "$DATA"
  mount -o remount,bind,ro "$ROOT/work/shared/data"
else
  log "no $DATA: the tests that need it are skipped"
fi

log "$(in_root sh -c '. /etc/os-release; echo "$PRETTY_NAME"'), QGIS $(in_root dpkg-query -W -f '${Version}' qgis)"
TEST_START=$SECONDS
set +e
in_root make -C "$DEST" "${TARGETS[@]}"
status=$?
set -e
log "make ${TARGETS[*]} exited $status after $((SECONDS - TEST_START)) s (whole run $((SECONDS - START)) s)"
exit $status
