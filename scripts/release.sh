#!/usr/bin/env bash
# Builds the release binary that installs anywhere, checks it, and writes it with its man page and shell
# completions to dist/:
#   scripts/release.sh
# - `swift build -c release --static-swift-stdlib`: the Swift runtime and Foundation are linked into the binary;
#   what it still loads comes from the distribution (libc, libstdc++, libsqlite3, zlib).
# - Checks: `ldd` names no library of the toolchain and no Swift runtime library; then, in a mount namespace where
#   an empty directory hides the toolchain and with a cleared environment (no LD_LIBRARY_PATH), the binary prints
#   its version (naming this commit), validates the samples together and imports one into the embedded emulator.
# - dist/dpsbulk stripped, its symbols and debug information in dist/dpsbulk.debug; dist/dpsbulk.1 from
#   swift-argument-parser's manual plugin; dist/completions/ for bash, zsh and fish.
# Environment: DPSBULK_RELEASE_SCRATCH (the build folder, default .build), TOOLCHAIN (the directory to hide,
# default the one holding `swift`). The hidden-toolchain check needs `unshare` and `mount` (util-linux) and root or
# user namespaces; where no mount namespace can be made (a container without the privilege) it traces the dynamic
# loader instead: every file it opens, dlopen included, must lie outside the toolchain.
# DPSBULK_RELEASE_CHECK_BOTH=1 runs the traced check too. Exit 0 when every check passes, 1 when one fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="${DPSBULK_RELEASE_SCRATCH:-.build}"
toolchain="${TOOLCHAIN:-$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")}"
started=$(date +%s)
fail() {
    echo "release check FAILED: $*" >&2
    exit 1
}

echo "== building (release, static Swift standard library) in $scratch"
build=(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product dpsbulk)
# SwiftPM runs build-tool plugins only when it plans the build anew, and reuses its plan while no target changed:
# without the plan, the BuildVersion plugin stamps the commit of this checkout even after a commit of docs only.
rm -f "$scratch"/release/description.json "$scratch"/*/release/description.json
"${build[@]}"
binary="$("${build[@]}" --show-bin-path)/dpsbulk"
rm -rf dist
mkdir -p dist/completions
# The symbols and debug information go to dist/dpsbulk.debug (linked by name, as gdb and the Swift backtracer look
# for it); the binary to install is stripped: about half the size.
objcopy --only-keep-debug "$binary" dist/dpsbulk.debug
strip --strip-all -o dist/dpsbulk "$binary"
(cd dist && objcopy --add-gnu-debuglink=dpsbulk.debug dpsbulk)
echo "built in $(($(date +%s) - started)) s: dist/dpsbulk $(du -h dist/dpsbulk | cut -f1) ($(stat -c %s dist/dpsbulk) bytes)," \
    "unstripped $(du -h "$binary" | cut -f1), dist/dpsbulk.debug $(du -h dist/dpsbulk.debug | cut -f1)"

echo "== ldd dist/dpsbulk"
libraries="$(ldd dist/dpsbulk)"
echo "$libraries"
if grep -F -- "$toolchain" <<<"$libraries"; then fail "the binary loads libraries from the toolchain ($toolchain)"; fi
if grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found' <<<"$libraries"; then
    fail "the binary needs a Swift runtime library or a library that is missing"
fi

commit="$(git describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)"
trial="$(mktemp -d)"
trap 'rm -rf "$trial"' EXIT
mkdir -p "$trial/empty" "$trial/run/home"
cp dist/dpsbulk "$trial/dpsbulk"
cp -R samples "$trial/run/samples"
# check.sh MODE: "hidden" mounts an empty directory over the toolchain (in the mount namespace it runs in) and
# checks that it is gone; "traced" (where no namespace can be made) leaves it and has the dynamic loader log every
# file it opens (LD_DEBUG=files, dlopen included), which must name nothing under the toolchain.
cat >"$trial/check.sh" <<'EOF'
set -eu
mode="$1" toolchain="$2" trial="$3" commit="$4"
if [ "$mode" = hidden ]; then
    mount --bind "$trial/empty" "$toolchain"
    [ -z "$(ls -A "$toolchain")" ] || { echo "$toolchain is still visible" >&2; exit 1; }
    ! command -v swift >/dev/null 2>&1 || { echo "swift is still on PATH" >&2; exit 1; }
    trace=""
else
    trace="LD_DEBUG=files LD_DEBUG_OUTPUT=$trial/ld"
fi
cd "$trial/run"
run() { env -i PATH=/usr/bin:/bin HOME="$trial/run/home" $trace "$trial/dpsbulk" "$@"; }
version="$(run --version)"
echo "dpsbulk --version: $version"
case "$version" in *"commit $commit"*) ;; *) echo "the version does not name commit $commit" >&2; exit 1 ;; esac
run validate samples/factory-tpm.csv samples/factory-x509.csv samples/factory-symmetric.csv samples/mixed.jsonl \
    >validate.out || { cat validate.out >&2; echo "validate failed" >&2; exit 1; }
tail -n 1 validate.out
run import --emulator --quiet samples/factory-tpm.csv
run export --emulator --quiet --out exported/backup.jsonl
[ "$(wc -l <exported/backup.jsonl)" -eq 6 ] || { echo "the export does not hold the 6 imported devices" >&2; exit 1; }
if [ "$mode" = traced ]; then
    ls "$trial"/ld.* >/dev/null 2>&1 || { echo "the loader wrote no trace" >&2; exit 1; }
    if grep -h -F "$toolchain" "$trial"/ld.*; then echo "the loader opened files of $toolchain" >&2; exit 1; fi
    echo "the loader opened $(grep -h 'file=' "$trial"/ld.* | sed 's/.*file=\([^ ]*\).*/\1/' | sort -u | wc -l)" \
        "files, none of $toolchain"
fi
EOF
as_root=()
[ "$(id -u)" = 0 ] || as_root=(--map-root-user)
if unshare "${as_root[@]}" --mount --propagation private true 2>/dev/null; then
    echo "== running with $toolchain hidden (mount namespace)"
    unshare "${as_root[@]}" --mount --propagation private sh "$trial/check.sh" hidden "$toolchain" "$trial" "$commit" \
        || fail "the binary does not run without the toolchain"
else
    echo "== no mount namespace here: running with the loader traced instead (LD_DEBUG=files)"
    sh "$trial/check.sh" traced "$toolchain" "$trial" "$commit" || fail "the binary needs the toolchain"
fi
if [ "${DPSBULK_RELEASE_CHECK_BOTH:-0}" = 1 ]; then # both ways, to see that each works here
    echo "== and with the loader traced"
    rm -rf "$trial/run" && mkdir -p "$trial/run/home" && cp -R samples "$trial/run/samples" # a fresh start
    sh "$trial/check.sh" traced "$toolchain" "$trial" "$commit" || fail "the binary needs the toolchain"
fi

echo "== man page and completions"
# In debug configuration: the manual is the same, and the test command's debug build (in .build) is reused.
swift package plugin generate-manual --configuration debug >"$trial/manual.log" 2>&1 \
    || { cat "$trial/manual.log" >&2; fail "swift package plugin generate-manual"; }
cp .build/plugins/GenerateManual/outputs/dpsbulk/dpsbulk.1 dist/dpsbulk.1
grep -q '^\.Nm dpsbulk' dist/dpsbulk.1 || fail "dist/dpsbulk.1 is not dpsbulk's man page"
dist/dpsbulk --generate-completion-script bash >dist/completions/dpsbulk.bash
dist/dpsbulk --generate-completion-script zsh >dist/completions/_dpsbulk
dist/dpsbulk --generate-completion-script fish >dist/completions/dpsbulk.fish
bash -n dist/completions/dpsbulk.bash || fail "the bash completion script does not parse"
for file in dist/completions/dpsbulk.bash dist/completions/_dpsbulk dist/completions/dpsbulk.fish; do
    grep -q 'migrate' "$file" || fail "$file does not complete the subcommands"
done
ls -l dist dist/completions
echo "release checks passed in $(($(date +%s) - started)) s: dist/dpsbulk ($(du -h dist/dpsbulk | cut -f1))"
