#!/usr/bin/env bash
# Makes the cross-engine image fixtures with the reference engine (Debian's
# docker.io 20.10) and writes them, with what that engine says about them, to
# berth-e2e/src/test/resources/fixtures/ (or the directory given).
#
#   scripts/make-fixtures.sh [OUT_DIR]
#
# It starts its own containerd and dockerd on private temporary paths with no
# networking (--bridge none, no iptables), so it collides with nothing, and stops
# them, unmounts and removes everything it made on any exit. Needs root, docker.io,
# containerd, runc, gcc (for the tiny /bin/op), setcap, zstd, jq, python3, curl and
# the docker CLI.
# Each run gives new image IDs (import and build stamp the time); the committed
# fixtures and their IDs are described in the fixtures README.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$repo/berth-e2e/src/test/resources/fixtures
out=${1:-$fixtures}
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in dockerd containerd runc docker gcc setcap zstd jq python3 curl tar; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "error: run as root (the reference engine needs it)" >&2; exit 1; }

work=$(mktemp -d /tmp/berth-fixtures.XXXXXX)
sock=$work/docker.sock
containerd_pid=
log() { printf '==> %s\n' "$*" >&2; }

# Stops what this script started, by process id only: dockerd (pidfile),
# containerd ($!), and any containerd shim whose command line names our
# private containerd socket. Then unmounts and removes the work directory.
cleanup() {
  local status=$?
  set +e
  if [ -S "$sock" ]; then
    ids=$(docker ps -aq 2>/dev/null)
    # shellcheck disable=SC2086 # one word per container id
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1
  fi
  stop_pid "$(cat "$work/docker.pid" 2>/dev/null)"
  stop_pid "$containerd_pid"
  for proc in /proc/[0-9]*; do
    if tr '\0' ' ' <"$proc/cmdline" 2>/dev/null | grep -qF -- "$work/containerd/"; then
      stop_pid "${proc#/proc/}"
    fi
  done
  # Innermost mounts first.
  awk -v w="$work" '$5 == w || index($5, w "/") == 1 { print $5 }' /proc/self/mountinfo |
    sort -r | while read -r mnt; do umount -l "$mnt"; done
  rm -rf "$work"
  exit "$status"
}
stop_pid() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DOCKER_HOST=unix://$sock DOCKER_CONFIG=$work/cli DOCKER_BUILDKIT=0
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH

log "starting containerd and dockerd 20.10 in $work"
mkdir -p "$work/containerd" "$work/cli"
cat >"$work/containerd/config.toml" <<EOF
version = 2
root = "$work/containerd/root"
state = "$work/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$work/containerd/containerd.sock"
[ttrpc]
  address = "$work/containerd/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$work/containerd/opt"
EOF
containerd --config "$work/containerd/config.toml" >"$work/containerd.log" 2>&1 &
containerd_pid=$!
echo '{}' >"$work/daemon.json"
dockerd --config-file "$work/daemon.json" \
  --containerd "$work/containerd/containerd.sock" \
  --data-root "$work/data" --exec-root "$work/exec" \
  -H "unix://$sock" --pidfile "$work/docker.pid" \
  --bridge none --iptables=false --ip-masq=false \
  --storage-driver overlay2 >"$work/dockerd.log" 2>&1 &
for _ in $(seq 1 150); do
  docker version >/dev/null 2>&1 && break
  sleep 0.2
done
if ! docker version >/dev/null 2>&1; then
  echo "error: dockerd did not come up; its log:" >&2
  tail -n 30 "$work/dockerd.log" >&2
  exit 1
fi
engine_version=$(docker version --format '{{.Server.Version}}')
log "reference engine $engine_version (storage driver $(docker info --format '{{.Driver}}'))"

# /bin/op: a few-kilobyte freestanding binary, so images can RUN and be run
# without carrying a shell.
gcc -Os -static -nostdlib -ffreestanding -fno-tree-loop-distribute-patterns \
  -fno-stack-protector -fno-pie -no-pie -fno-asynchronous-unwind-tables \
  -Wl,--build-id=none -s -o "$work/op" "$fixtures/src/op.c"

log "building the single-layer root filesystem"
fixed_mtime=1704067200 # 2024-01-01T00:00:00Z
root=$work/single-rootfs
umask 022
mkdir -p "$root"/{bin,dev,etc,home/user,run,srv,usr/bin,usr/share/fixture,var/empty}
install -m 0755 "$work/op" "$root/bin/op"
printf 'hello from the single-layer fixture\n' >"$root/etc/hello.txt"
ln "$root/etc/hello.txt" "$root/etc/hello-hardlink.txt"
ln -s hello.txt "$root/etc/hello-symlink"
ln -s /bin/op "$root/bin/op-absolute-symlink"
ln -s ../does/not/exist "$root/etc/dangling-symlink"
: >"$root/etc/empty"
printf 'a name with a space\n' >"$root/etc/with space.txt"
printf 'a non-ASCII name\n' >"$root/etc/ünïcødé.txt"
install -m 4755 "$work/op" "$root/usr/bin/setuid-op"
install -m 2755 "$work/op" "$root/usr/bin/setgid-op"
install -m 0755 "$work/op" "$root/usr/bin/cap-op"
setcap cap_net_raw+ep "$root/usr/bin/cap-op"                 # security.capability: Docker keeps it
python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.berth", b"fixture")' \
  "$root/etc/hello.txt"                                      # user.* xattr: Docker's layer tars drop it
mkfifo -m 0644 "$root/run/fifo"
mknod -m 0666 "$root/dev/null" c 1 3
mknod -m 0660 "$root/dev/loop-fixture" b 7 200
mkdir -m 1777 "$root/srv/sticky"
mkdir -m 0700 "$root/srv/private"
mkdir -m 2775 "$root/srv/setgid"
mkdir -p "$root/srv/readonly" && printf 'read only\n' >"$root/srv/readonly/file" && chmod 0555 "$root/srv/readonly"
mkdir -p "$root/srv/replaced" "$root/srv/gone-dir"
printf 'a\n' >"$root/srv/replaced/a"
printf 'b\n' >"$root/srv/replaced/b"
printf 'gone\n' >"$root/srv/gone-dir/file"
printf 'private to uid 1000\n' >"$root/home/user/secret" && chmod 0600 "$root/home/user/secret"
chown -R 1000:1000 "$root/home/user"
long_dir=$root/usr/share/fixture/$(printf 'd%.0s' $(seq 1 60))
long_name=$(printf 'long-file-name-%.0s' $(seq 1 7))end.txt # 110 characters
mkdir -p "$long_dir"
printf 'a path longer than 100 characters\n' >"$long_dir/$long_name"
ln -s "${long_dir#"$root"}/$long_name" "$root/usr/share/fixture/long-target-symlink"
(
  cd "$root"
  LC_ALL=C tar --create --file="$work/single-rootfs.tar" --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    --xattrs --xattrs-include='*' --sort=name --mtime="@$fixed_mtime" --numeric-owner .
)

log "docker import -> berth-fixture/single:1.0"
docker import -m 'berth single-layer fixture' \
  -c 'CMD ["/bin/op", "echo", "hello from single"]' \
  -c 'ENV GREETING=hello FIXTURE=single' \
  -c 'LABEL org.berth.fixture=single org.berth.kind="docker import"' \
  -c 'WORKDIR /srv' \
  -c 'EXPOSE 8080/tcp' \
  "$work/single-rootfs.tar" berth-fixture/single:1.0 >/dev/null
docker tag berth-fixture/single:1.0 berth-fixture/single:latest

log "docker build (legacy builder) -> berth-fixture/multi:1.0"
ctx=$work/multi-context
mkdir -p "$ctx/added/sub" "$work/payload/tree"
printf 'added by COPY\n' >"$ctx/added/one.txt"
printf 'nested\n' >"$ctx/added/sub/two.txt"
chmod 0640 "$ctx/added/sub/two.txt"
printf 'copied with --chown\n' >"$ctx/owned.txt"
printf 'extracted by ADD\n' >"$work/payload/tree/file.txt"
ln -s file.txt "$work/payload/tree/link"
tar -C "$work/payload" --sort=name --mtime="@$fixed_mtime" --owner=0 --group=0 --numeric-owner \
  -cf "$ctx/payload.tar" tree
touch -d "@$fixed_mtime" "$ctx/added/one.txt" "$ctx/added/sub/two.txt" "$ctx/owned.txt" "$ctx/added/sub" "$ctx/added"
cat >"$ctx/Dockerfile" <<'EOF'
FROM berth-fixture/single:1.0
LABEL org.berth.fixture=multi org.berth.kind="docker build"
ENV MULTI=1 PATH=/usr/bin:/bin
COPY added/ /opt/added/
COPY --chown=1000:1000 owned.txt /home/user/owned-by-copy.txt
ADD payload.tar /opt/extracted/
# A whiteout (.wh.hello.txt), a removed directory (.wh.gone-dir) and an opaque
# directory (srv/replaced/.wh..wh..opq): delete, then recreate, in one layer.
RUN ["/bin/op", "unlink", "/etc/hello.txt", \
     "unlink", "/srv/gone-dir/file", "rmdir", "/srv/gone-dir", \
     "unlink", "/srv/replaced/a", "unlink", "/srv/replaced/b", "rmdir", "/srv/replaced", \
     "mkdir", "/srv/replaced", "write", "/srv/replaced/new", "replaced contents"]
EXPOSE 53/udp
VOLUME /data
USER 1000:1000
WORKDIR /home/user
HEALTHCHECK --interval=30s --timeout=5s --retries=2 CMD ["/bin/op", "true"]
STOPSIGNAL SIGUSR1
ENTRYPOINT ["/bin/op"]
CMD ["echo", "hello from multi"]
EOF
docker build --network none -q -t berth-fixture/multi:1.0 "$ctx" >/dev/null

log "saving and recording"
docker save -o "$out/docker20-single.tar" berth-fixture/single:1.0 berth-fixture/single:latest
docker save -o "$out/docker20-multi.tar" berth-fixture/multi:1.0

# What the reference engine says about an image, beside its archive:
#   NAME.inspect.json  docker image inspect (CLI 28 against Engine 20.10, API 1.41)
#   NAME.history.json  GET /images/{id}/history, raw
#   NAME.history.txt   docker history --no-trunc with the time-independent columns
#   NAME.ids.json      image ID, tags, diff IDs, chain IDs, and the archive's layer paths
#   NAME.layers.txt    tar -tv of every layer in the saved archive, in order
#   NAME.run.txt       what `docker run` of the image prints for a few commands
record() {
  local name=$1 ref=$2 archive=$out/$1.tar
  local id
  id=$(docker image inspect --format '{{.Id}}' "$ref")
  docker image inspect "$ref" >"$out/$name.inspect.json"
  curl -fsS --unix-socket "$sock" "http://localhost/v1.41/images/$id/history" | jq . >"$out/$name.history.json"
  docker history --no-trunc --format '{{.ID}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}' "$ref" >"$out/$name.history.txt"
  python3 - "$archive" "$id" "$out/$name.inspect.json" >"$out/$name.ids.json" <<'PY'
import hashlib, json, sys, tarfile
archive, image_id, inspect = sys.argv[1:]
with tarfile.open(archive) as tar:
    manifest = json.load(tar.extractfile("manifest.json"))
    repositories = json.load(tar.extractfile("repositories"))
item = manifest[0]
diff_ids = json.load(open(inspect))[0]["RootFS"]["Layers"]
chain, chain_ids = None, []
for diff_id in diff_ids:
    chain = diff_id if chain is None else "sha256:" + hashlib.sha256(f"{chain} {diff_id}".encode()).hexdigest()
    chain_ids.append(chain)
json.dump({"Id": image_id, "RepoTags": item["RepoTags"], "DiffIds": diff_ids, "ChainIds": chain_ids,
           "Config": item["Config"], "Layers": item["Layers"], "Repositories": repositories},
          sys.stdout, indent=2)
print()
PY
  python3 - "$archive" >"$out/$name.layers.txt" <<'PY'
import io, json, sys, tarfile
with tarfile.open(sys.argv[1]) as tar:
    layers = json.load(tar.extractfile("manifest.json"))[0]["Layers"]
    for path in layers:
        data = tar.extractfile(path).read()
        print(f"# {path}")
        with tarfile.open(fileobj=io.BytesIO(data)) as layer:
            for m in layer.getmembers():
                kind = {tarfile.DIRTYPE: "d", tarfile.SYMTYPE: "l", tarfile.LNKTYPE: "h", tarfile.FIFOTYPE: "p",
                        tarfile.CHRTYPE: "c", tarfile.BLKTYPE: "b"}.get(m.type, "-")
                extra = ""
                if m.issym() or m.islnk():
                    extra = f" -> {m.linkname}"
                elif m.ischr() or m.isblk():
                    extra = f" {m.devmajor},{m.devminor}"
                xattrs = sorted(k[len("SCHILY.xattr."):] for k in m.pax_headers if k.startswith("SCHILY.xattr."))
                if xattrs:
                    extra += " xattrs=" + ",".join(xattrs)
                print(f"{kind} {m.mode:04o} {m.uid}:{m.gid} {m.size} {m.mtime} {m.name}{extra}")
PY
}
record docker20-single berth-fixture/single:1.0
record docker20-multi berth-fixture/multi:1.0

run_record() {
  local ref=$1
  shift
  printf '$ docker run --rm %s %s\n' "$ref" "$*"
  docker run --rm --network none "$ref" "$@" 2>&1
  printf '[exit %s]\n' "$?"
}
set +e
{
  run_record berth-fixture/single:1.0
  run_record berth-fixture/single:1.0 /bin/op pwd id cat /etc/hello-symlink
} >"$out/docker20-single.run.txt"
{
  run_record berth-fixture/multi:1.0
  run_record berth-fixture/multi:1.0 pwd id cat /srv/replaced/new cat /opt/extracted/tree/link
  run_record berth-fixture/multi:1.0 cat /etc/hello.txt
  run_record berth-fixture/multi:1.0 exit 3
} >"$out/docker20-multi.run.txt"
set -e

log "writing Docker 25+ layout archives"
python3 "$fixtures/src/docker25_layout.py" "$out/docker20-single.tar" "$out/docker25-single.tar"
python3 "$fixtures/src/docker25_layout.py" "$out/docker20-multi.tar" "$out/docker25-multi.tar"
python3 "$fixtures/src/docker25_layout.py" "$out/docker20-multi.tar" "$out/docker25-multi-compressed.tar" \
  --compress 1=gzip --compress 3=zstd

# The loader must give the same image back: check with the reference engine,
# which reads the OCI-layout archives through manifest.json and decompresses
# gzip layers itself. Engine 20.10 does not decompress zstd layers (its load
# fails with "unexpected EOF"), so the committed compressed archive is checked by
# its gzip-only twin here and by docker25_layout.py's round trip of every blob.
log "checking the Docker 25+ archives load back into the reference engine with the same IDs"
python3 "$fixtures/src/docker25_layout.py" "$out/docker20-multi.tar" "$work/docker25-multi-gzip.tar" --compress 1=gzip
single_id=$(jq -r .Id "$out/docker20-single.ids.json")
multi_id=$(jq -r .Id "$out/docker20-multi.ids.json")
for archive in "$out/docker25-single.tar" "$out/docker25-multi.tar" "$work/docker25-multi-gzip.tar"; do
  docker rmi -f berth-fixture/single:1.0 berth-fixture/single:latest berth-fixture/multi:1.0 >/dev/null 2>&1 || true
  docker load -q -i "$archive" >/dev/null
  case $archive in
    *single*) want=$single_id ref=berth-fixture/single:latest ;;
    *) want=$multi_id ref=berth-fixture/multi:1.0 ;;
  esac
  got=$(docker image inspect --format '{{.Id}}' "$ref")
  [ "$got" = "$want" ] || { echo "error: $archive loaded as $got, want $want" >&2; exit 1; }
done
out_text=$(docker run --rm --network none berth-fixture/multi:1.0 cat /opt/added/one.txt cat /opt/extracted/tree/file.txt)
[ "$out_text" = $'added by COPY\nextracted by ADD' ] || { echo "error: gzip layer read back wrong: $out_text" >&2; exit 1; }

chmod 0644 "$out"/*.tar

# The fixtures README, with the IDs of the archives just written.
index_digest() { tar -xOf "$out/$1.tar" index.json | jq -r '.manifests[0].digest'; }
layer_blob() { tar -xOf "$out/$1.tar" manifest.json | jq -r ".[0].Layers[$2]" | sed 's|blobs/sha256/|sha256:|'; }
write_readme() {
  local sid=$out/docker20-single.ids.json mid=$out/docker20-multi.ids.json
  cat <<EOF
# Cross-engine image fixtures

Images made by the reference engine, Docker Engine $engine_version (Debian's
\`docker.io\`, storage driver overlay2, driven by the Docker CLI $cli_version at API
1.41), saved with \`docker save\`, together with what that engine says about them.
The e2e tests load these archives into berth and compare berth's answers with the
recorded ones. Everything here is written by \`scripts/make-fixtures.sh\` (this file
too); the sources it builds from are in \`src/\`. Each run gives new image IDs,
because \`docker import\` and \`docker build\` stamp the current time into the
image config: regenerate all files together, never one.

## Files

| file | what it is |
| --- | --- |
| \`docker20-single.tar\` | \`docker save berth-fixture/single:1.0 berth-fixture/single:latest\`: Docker 20.10's legacy layout (\`manifest.json\`, \`<image id>.json\`, \`<v1 id>/{VERSION,json,layer.tar}\`, \`repositories\`); one layer, two tags |
| \`docker20-multi.tar\` | \`docker save berth-fixture/multi:1.0\`: the same layout, five layers |
| \`docker25-single.tar\`, \`docker25-multi.tar\` | the same images in the layout Docker 25 and later write (see below), layers uncompressed as Docker writes them |
| \`docker25-multi-compressed.tar\` | as \`docker25-multi.tar\`, but layer 1 stored gzip-compressed (\`application/vnd.oci.image.layer.v1.tar+gzip\`) and layer 3 zstd-compressed (\`...tar+zstd\`) |
| \`NAME.inspect.json\` | \`docker image inspect\` of the image |
| \`NAME.history.json\` | \`GET /v1.41/images/{id}/history\`, raw (Created in Unix seconds, Size in bytes) |
| \`NAME.history.txt\` | \`docker history --no-trunc --format '{{.ID}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}'\` |
| \`NAME.ids.json\` | image ID, RepoTags, diff IDs, chain IDs, the archive's \`Config\`/\`Layers\` paths and \`repositories\` |
| \`NAME.layers.txt\` | every layer tar of the archive, entry by entry: type, mode field (octal, as stored), uid:gid, size, mtime, name, link target or device numbers, xattr names |
| \`NAME.run.txt\` | \`docker run --rm\` of the image with a few commands: their output and exit status |
| \`SHA256SUMS\`, \`ENGINE_VERSION\` | digests of the archives; the reference engine's version |
| \`src/op.c\` | \`/bin/op\`, the 9 kB freestanding program inside the images (\`op echo\|env\|pwd\|id\|cat\|write\|mkdir\|rmdir\|unlink\|sleep\|true\|exit ...\`, several operations per call): lets a RUN step and e2e tests work without a shell |
| \`src/docker25_layout.py\` | rewrites a 20.10 archive into the Docker 25+ layout |

## Expected IDs

berth-fixture/single (tags \`1.0\` and \`latest\`)

- image ID: \`$(jq -r .Id "$sid")\`
- diff ID: \`$(jq -r '.DiffIds[0]' "$sid")\`
- Docker 25+ OCI manifest: \`$(index_digest docker25-single)\`

berth-fixture/multi (tag \`1.0\`)

- image ID: \`$(jq -r .Id "$mid")\`
- diff IDs, in order:
$(jq -r '.DiffIds | to_entries[] | "  \(.key). `\(.value)`"' "$mid")
- chain ID of the top layer: \`$(jq -r '.ChainIds[-1]' "$mid")\`
- Docker 25+ OCI manifest: \`$(index_digest docker25-multi)\`
- compressed variant's OCI manifest: \`$(index_digest docker25-multi-compressed)\`;
  its layer 1 blob (gzip): \`$(layer_blob docker25-multi-compressed 1)\`;
  its layer 3 blob (zstd): \`$(layer_blob docker25-multi-compressed 3)\`

All Docker 25+ archives keep the image ID: the config blob is the same bytes.

## How they were made

**single** is \`docker import\` of a small root filesystem tar (GNU tar, PAX format,
xattrs included, every mtime 2024-01-01T00:00:00Z), with
\`-m 'berth single-layer fixture'\` and the changes
\`CMD ["/bin/op", "echo", "hello from single"]\`, \`ENV GREETING=hello FIXTURE=single\`,
\`LABEL org.berth.fixture=single org.berth.kind="docker import"\`, \`WORKDIR /srv\`,
\`EXPOSE 8080/tcp\`, then \`docker tag\` to \`:latest\`. The tree holds one of every
kind of entry:

- regular files (\`etc/hello.txt\`, an empty \`etc/empty\`, \`etc/with space.txt\`, \`etc/ünïcødé.txt\`) and an executable \`bin/op\`
- a hard link (\`etc/hello-hardlink.txt\` and \`etc/hello.txt\`), relative, absolute and dangling symlinks
- setuid (4755) and setgid (2755) executables, \`usr/bin/cap-op\` with a \`security.capability\` xattr (cap_net_raw+ep), and a \`user.berth\` xattr on \`etc/hello.txt\`
- a fifo \`run/fifo\`, a character device \`dev/null\` (1,3), a block device \`dev/loop-fixture\` (7,200)
- directories with modes 1777, 0700, 2775 and 0555; \`home/user\` owned by 1000:1000 with a 0600 file
- a 112-character file name in a 60-character directory (a path over 100 characters, which needs PAX or GNU long names) and a symlink whose target is as long

**multi** is \`DOCKER_BUILDKIT=0 docker build --network none\` of this Dockerfile
(legacy builder; runc runs the RUN step):

\`\`\`Dockerfile
$(cat "$ctx/Dockerfile")
\`\`\`

Its layers: 0 the imported base, 1 \`COPY added/\`, 2 \`COPY --chown\`, 3 \`ADD payload.tar\`
(a tar, so extracted), 4 the RUN step, whose diff holds the whiteout
\`etc/.wh.hello.txt\`, the removed directory \`srv/.wh.gone-dir\` and the opaque
directory \`srv/replaced/\` with \`srv/replaced/.wh..wh..opq\` and a new file.

**The Docker 25+ layout** (\`src/docker25_layout.py\`) follows moby's
\`image/tarexport/save.go\` as of Docker 25 to 28 with the graphdriver image store:
\`oci-layout\` is \`{"imageLayoutVersion": "1.0.0"}\`; \`index.json\` is an OCI index with
one manifest descriptor per tag, annotated \`io.containerd.image.name\` (the full
name, e.g. \`docker.io/berth-fixture/multi:1.0\`) and
\`org.opencontainers.image.ref.name\` (the tag); \`blobs/sha256/\` holds the config,
every layer, the OCI manifest (\`application/vnd.oci.image.manifest.v1+json\`, config
\`application/vnd.oci.image.config.v1+json\`) and the legacy v1 layer JSONs Docker
still writes; \`manifest.json\` has \`Config\` and \`Layers\` as \`blobs/sha256/<hex>\`
paths and \`LayerSources\` with every layer's descriptor keyed by diff ID;
\`repositories\` maps the familiar name and tag to the top diff ID's hex. JSON is
compact with Go's field order. Docker's graphdriver store always writes layers
uncompressed; the compressed variant stores two of them compressed, as an export
from the containerd image store carries pulled layers, with \`Layers\`,
\`LayerSources\` and the OCI manifest naming the compressed blobs. The script checks
that the reference engine loads all three Docker 25+ archives back to the same
image IDs and reads the compressed layers correctly.

## What the reference engine does that berth must match (seen in these files)

- The imported layer is the import stream itself, byte for byte (Docker keeps it
  with tar-split): its entries are named \`./...\`, carry PAX headers and keep the
  \`user.berth\` xattr. Layers Docker computes (COPY, ADD, RUN) are written by Go's
  archive/tar: names without \`./\`, the file-type bits in the mode field (\`40755\`,
  \`100644\`, \`120777\`), only \`security.capability\` among xattrs, whiteout files
  with mode 0600 (\`.wh.NAME\`), and \`.wh..wh..opq\` with the directory's permission
  bits and mtime 0.
- \`history\` of an imported image: one entry, empty CreatedBy, the \`-m\` message
  as Comment, Size the sum of file sizes (not the tar size). The legacy builder's
  CreatedBy strings read \`/bin/sh -c #(nop)  CMD [...]\`, and even
  \`COPY --chown=1000:1000file:<sum> in ...\` (no space: a 20.10 quirk).
- The inspect and history JSON come from API 1.41. API 1.50 (what berth serves to
  the Docker CLI 28) drops \`Container\` and \`ContainerConfig\` (1.45) and
  \`VirtualSize\` (1.44) from image inspect: compare the fields both have.
EOF
}

(cd "$out" && sha256sum -- *.tar >SHA256SUMS)
printf '%s\n' "$engine_version" >"$out/ENGINE_VERSION"
cli_version=$(docker version --format '{{.Client.Version}}')
write_readme >"$out/README.md"
log "done: $(cd "$out" && ls -- *.tar | tr '\n' ' ')"
