#!/usr/bin/env bash
# Builds a busybox root filesystem tarball from Debian's busybox-static.
#
#   scripts/make-busybox-rootfs.sh OUT.tar
#
# The layout follows Docker's official busybox image (docker-library/busybox):
# every applet is a hard link to the one binary (that image runs
# `busybox --install` without -s), passwd/group/shadow come from buildroot's
# skeleton, /tmp is 1777 and /root 0700. Two deliberate differences: applets sit
# at the paths `busybox --list-full` names (bin, sbin, usr/bin, usr/sbin) rather
# than all in /bin, and every entry is owned by 0:0. Empty /proc, /sys and /dev
# are included as mount points; /etc/hostname, hosts and resolv.conf are not
# (the official image ships none: the engine bind-mounts its own).
#
# The output is deterministic: sorted entries, one fixed mtime
# (SOURCE_DATE_EPOCH, else the busybox binary's own mtime), numeric 0:0 owners,
# GNU tar format, so the same busybox binary always gives the same digest.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT.tar" >&2
  exit 2
fi
out=$1
busybox=${BUSYBOX:-/bin/busybox}

if [ ! -x "$busybox" ] || ! "$busybox" --list-full >/dev/null 2>&1; then
  echo "error: $busybox is missing or not a full busybox; install it with: apt-get install busybox-static" >&2
  exit 1
fi

epoch=${SOURCE_DATE_EPOCH:-$(stat -c %Y "$busybox")}

stage=$(mktemp -d "${TMPDIR:-/tmp}/busybox-rootfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root=$stage/rootfs
umask 022
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,etc,home,proc,root,sys,tmp,var/spool/mail,var/www}
chmod 0700 "$root/root"
chmod 1777 "$root/tmp"

cp "$busybox" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"

# One hard link per applet. linuxrc (an initrd entry point at /) is left out,
# as in the official image.
while IFS= read -r applet; do
  case $applet in
    linuxrc | bin/busybox | '') continue ;;
  esac
  mkdir -p "$root/$(dirname "$applet")"
  ln -f "$root/bin/busybox" "$root/$applet"
done < <("$busybox" --list-full | LC_ALL=C sort)

cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF

cat >"$root/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nobody:x:65534:
EOF

# Locked root password, as the official image has since CVE-2019-5021.
cut -d: -f1 "$root/etc/passwd" | sed 's/$/:*:::::::/' >"$root/etc/shadow"
chmod 0600 "$root/etc/shadow"

tmp_out=$stage/out.tar
(
  cd "$root"
  # shellcheck disable=SC2046 # top-level names are plain words
  LC_ALL=C tar --create --file="$tmp_out" --format=gnu \
    --sort=name --mtime="@$epoch" \
    --owner=0 --group=0 --numeric-owner \
    $(LC_ALL=C ls -A | LC_ALL=C sort)
)
mkdir -p "$(dirname "$out")"
mv "$tmp_out" "$out"
