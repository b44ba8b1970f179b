#!/usr/bin/env bash
# make-tpm-fixtures.sh — regenerate the TPM fixtures and TPM sample keys from a real software TPM.
#
# What it does
#   Starts `swtpm` (Debian packages: swtpm swtpm-tools tpm2-tools) on a fresh temporary state directory,
#   listening on 127.0.0.1 only, and talks to it with tpm2-tools over the swtpm TCTI. For each simulated TPM it
#   runs TPM2_Startup and writes marshalled, big-endian TPM2B_PUBLIC structures (2-byte size prefix, then
#   TPMT_PUBLIC) as one-line standard base64 (`base64 -w0`), which is exactly what DPS expects in
#   attestation.tpm.endorsementKey / storageRootKey:
#
#   Tests/DPSValidationTests/Fixtures/tpm/
#     ek-rsa2048.b64     RSA-2048 EK, TCG template L-1   (tpm2_createek -G rsa -u ...)
#     ek-ecc-p256.b64    ECC P-256 EK, TCG template L-2  (tpm2_createek -G ecc -u ...)
#     srk-rsa2048.b64    RSA-2048 storage root key under the owner hierarchy (tpm2_createprimary -C o -G rsa2048)
#     srk-ecc-p256.b64   ECC P-256 storage root key under the owner hierarchy
#     ek-rsa3072.b64     RSA-3072 EK (high-range style, only if this tpm2-tools supports -G rsa3072)
#     device-0N-ek.b64, device-0N-srk.b64   N = 1..6, one distinct simulated TPM each (fresh state dir)
#     wrong-ek-rsa2048-spki-der.b64   the RSA EK as base64 DER SubjectPublicKeyInfo (tpm2_readpublic -f der): a
#                                     common wrong input, for the diagnosis tests
#     wrong-ek-rsa2048.pem            the RSA EK as a PEM public key (tpm2_readpublic -f pem): likewise
#   samples/tpm/
#     device-0N-ek.b64, device-0N-srk.b64   copies of the device keys
#   samples/factory-tpm.csv                 a 6-row factory manifest using those keys (rewritten every run so it
#                                           always matches samples/tpm/; needs DEVICES >= 6)
#
#   Every file is checked before it is written: its first two bytes must equal (file size - 2).
#
# Usage
#   scripts/make-tpm-fixtures.sh            # from anywhere; paths are relative to the repository root
#   DEVICES=6 PORT_BASE=23210 scripts/make-tpm-fixtures.sh
#
# Idempotent: every run regenerates all files from scratch (the simulated TPMs are new each time, so the key
# material changes; the structures do not). The simulator is always killed on exit (trap), and the temporary
# state directories are removed. Nothing listens on anything but 127.0.0.1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FIXTURES="$ROOT/Tests/DPSValidationTests/Fixtures/tpm"
SAMPLES="$ROOT/samples/tpm"
DEVICES="${DEVICES:-6}"
PORT_BASE="${PORT_BASE:-23210}"

for tool in swtpm tpm2_startup tpm2_createek tpm2_createprimary tpm2_readpublic base64 od; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool not found; run: apt-get update && apt-get install -y swtpm swtpm-tools tpm2-tools" >&2
        exit 1
    }
done

WORK="$(mktemp -d -t tpm-fixtures.XXXXXX)"
SWTPM_PID=""

stop_tpm() {
    if [[ -n "$SWTPM_PID" ]] && kill -0 "$SWTPM_PID" 2>/dev/null; then
        kill "$SWTPM_PID" 2>/dev/null || true
        wait "$SWTPM_PID" 2>/dev/null || true
    fi
    SWTPM_PID=""
}
cleanup() {
    stop_tpm
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# start_tpm NAME: a fresh TPM 2.0 with its own state directory, on 127.0.0.1:PORT (server) and PORT+1 (control).
start_tpm() {
    local name="$1"
    local state="$WORK/$name"
    mkdir -p "$state"
    swtpm socket --tpm2 \
        --tpmstate dir="$state" \
        --server type=tcp,port="$PORT_BASE",bindaddr=127.0.0.1 \
        --ctrl type=tcp,port="$((PORT_BASE + 1))",bindaddr=127.0.0.1 \
        --flags not-need-init,startup-clear \
        --log file="$state/swtpm.log" &
    SWTPM_PID=$!
    export TPM2TOOLS_TCTI="swtpm:host=127.0.0.1,port=$PORT_BASE"
    local i
    for i in $(seq 1 50); do
        if tpm2_startup -c >/dev/null 2>&1 || tpm2_getrandom 1 >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    echo "error: swtpm did not come up; see $state/swtpm.log" >&2
    exit 1
}

# check_tpm2b FILE: the first two bytes (big-endian) must be the size of the rest.
check_tpm2b() {
    local file="$1"
    local total prefix
    total=$(stat -c %s "$file")
    prefix=$(od -An -tu1 -N2 "$file" | awk '{ print $1 * 256 + $2 }')
    if [[ "$prefix" -ne $((total - 2)) ]]; then
        echo "error: $file is not a TPM2B_PUBLIC (size prefix $prefix, file $total bytes)" >&2
        exit 1
    fi
}

# emit FILE DEST: check and write one-line base64 (with a trailing newline).
emit() {
    check_tpm2b "$1"
    base64 -w0 "$1" >"$2"
    echo >>"$2"
    echo "wrote ${2#"$ROOT"/} ($(stat -c %s "$1") bytes)"
}

# srk DIR ALG: storage primary key under the owner hierarchy; public part as TPM2B_PUBLIC.
make_srk() {
    local dir="$1" alg="$2"
    tpm2_createprimary -Q -C o -g sha256 -G "$alg" \
        -a 'fixedtpm|fixedparent|sensitivedataorigin|userwithauth|noda|restricted|decrypt' \
        -c "$dir/srk-$alg.ctx"
    tpm2_readpublic -Q -c "$dir/srk-$alg.ctx" -f tss -o "$dir/srk-$alg.pub"
    tpm2_flushcontext -t >/dev/null 2>&1 || true
}

mkdir -p "$FIXTURES" "$SAMPLES"
rm -f "$FIXTURES"/*.b64 "$FIXTURES"/*.pem "$SAMPLES"/*.b64

# 1. The reference TPM: EKs of both standard templates and SRKs.
start_tpm reference
REF="$WORK/reference"
tpm2_createek -G rsa -u "$REF/ek-rsa.pub" -c "$REF/ek-rsa.ctx"
# The same EK in the wrong formats people paste: DER SubjectPublicKeyInfo and PEM.
tpm2_readpublic -Q -c "$REF/ek-rsa.ctx" -f der -o "$REF/ek-rsa.der"
tpm2_readpublic -Q -c "$REF/ek-rsa.ctx" -f pem -o "$REF/ek-rsa.pem"
tpm2_flushcontext -t >/dev/null 2>&1 || true
tpm2_createek -G ecc -u "$REF/ek-ecc.pub" -c "$REF/ek-ecc.ctx"
tpm2_flushcontext -t >/dev/null 2>&1 || true
make_srk "$REF" rsa2048
make_srk "$REF" ecc256
emit "$REF/ek-rsa.pub" "$FIXTURES/ek-rsa2048.b64"
emit "$REF/ek-ecc.pub" "$FIXTURES/ek-ecc-p256.b64"
emit "$REF/srk-rsa2048.pub" "$FIXTURES/srk-rsa2048.b64"
emit "$REF/srk-ecc256.pub" "$FIXTURES/srk-ecc-p256.b64"
base64 -w0 "$REF/ek-rsa.der" >"$FIXTURES/wrong-ek-rsa2048-spki-der.b64" && echo >>"$FIXTURES/wrong-ek-rsa2048-spki-der.b64"
cp "$REF/ek-rsa.pem" "$FIXTURES/wrong-ek-rsa2048.pem"
echo "wrote wrong-format copies of the RSA EK (DER SPKI as base64, PEM)"
if tpm2_createek -G rsa3072 -u "$REF/ek-rsa3072.pub" -c "$REF/ek-rsa3072.ctx" >/dev/null 2>&1; then
    emit "$REF/ek-rsa3072.pub" "$FIXTURES/ek-rsa3072.b64"
    tpm2_flushcontext -t >/dev/null 2>&1 || true
fi
stop_tpm

# 2. Distinct devices: one fresh simulated TPM each.
for n in $(seq 1 "$DEVICES"); do
    name=$(printf 'device-%02d' "$n")
    start_tpm "$name"
    dir="$WORK/$name"
    tpm2_createek -G rsa -u "$dir/ek.pub" -c "$dir/ek.ctx"
    tpm2_flushcontext -t >/dev/null 2>&1 || true
    make_srk "$dir" rsa2048
    emit "$dir/ek.pub" "$FIXTURES/$name-ek.b64"
    emit "$dir/srk-rsa2048.pub" "$FIXTURES/$name-srk.b64"
    cp "$FIXTURES/$name-ek.b64" "$FIXTURES/$name-srk.b64" "$SAMPLES/"
    stop_tpm
done

# 3. The sample factory manifest, from the device keys just made (SRK on some rows, one device disabled).
twin() { # twin BATCH INTERVAL: an initialTwin JSON object as a CSV cell (inner quotes doubled).
    printf '"{""tags"":{""line"":""3"",""batch"":""%s""},""properties"":{""desired"":{""telemetryInterval"":%s}}}"' "$1" "$2"
}
if [[ "$DEVICES" -ge 6 ]]; then
    CSV="$ROOT/samples/factory-tpm.csv"
    {
        echo "registrationId,deviceId,attestation,endorsementKey,storageRootKey,iotHubHostName,provisioningStatus,initialTwin"
        #   n  srk status    initialTwin
        for row in "1 y enabled $(twin 2026-11 30)" \
            "2 y enabled $(twin 2026-11 30)" \
            "3 n enabled -" \
            '4 y disabled "{""tags"":{""line"":""3"",""batch"":""2026-11"",""hold"":""rework""}}"' \
            "5 n enabled $(twin 2026-11 60)" \
            "6 y enabled -"; do
            read -r n srk status cell <<<"$row"
            [[ "$cell" == "-" ]] && cell=""
            id=$(printf 'tpm-line3-%06d' $((100 + n)))
            ek=$(cat "$SAMPLES/device-0$n-ek.b64")
            srkcell=""
            [[ "$srk" == y ]] && srkcell=$(cat "$SAMPLES/device-0$n-srk.b64")
            echo "$id,$id,tpm,$ek,$srkcell,factory-hub.azure-devices.net,$status,$cell"
        done
    } >"$CSV"
    echo "wrote ${CSV#"$ROOT"/} (6 devices)"
fi

echo "done: $(ls "$FIXTURES" | wc -l) fixtures in ${FIXTURES#"$ROOT"/}, $(ls "$SAMPLES" | wc -l) keys in ${SAMPLES#"$ROOT"/}"
