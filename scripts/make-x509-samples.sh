#!/usr/bin/env bash
# make-x509-samples.sh — build the dpsbulk TEST X.509 material with openssl.
#
# Usage:   scripts/make-x509-samples.sh [--force]
#          (run from anywhere; paths are relative to the repository root)
# Needs:   bash, openssl (1.1.1 or 3.x), GNU date, base64.
#
# What it makes (all TEST ONLY: the private keys are published in the repository):
#   samples/x509/root-ca.pem                 "dpsbulk Test Root CA", EC P-256, 25 years
#   samples/x509/intermediate-ca.pem         "dpsbulk Test Factory Line 7 CA", CA:TRUE pathlen 0, 24 years
#   samples/x509/ca-chain.pem                intermediate then root (what a group enrollment or a device sends)
#   samples/x509/devices/x509-line7-0002NN.pem   device leaves 000201..000206, CN = registration ID,
#                                            digitalSignature + clientAuth, 20 years from today
#   samples/x509/keys/...                    the matching private keys, each marked TEST ONLY
#   samples/factory-x509.csv                 a 6-device import manifest that uses the certificates above
#   Tests/DPSValidationTests/Fixtures/x509/  edge cases (expired, not yet valid, CN mismatch, no CN, CN > 64,
#                                            CA used as a leaf, chain, broken base64, private key, CSR, bare base64
#                                            DER) plus openssl-facts.tsv: what openssl itself says about every
#                                            fixture certificate (thumbprints, serial, subject, issuer, dates),
#                                            so the Swift tests compare against an independent implementation.
#
# Idempotent: keys and certificates are generated only when the CA material is missing (or with --force, which
# regenerates everything: new keys, new serials, new thumbprints). Every derived file (copies, chain, bare base64,
# openssl-facts.tsv, the CSV) is rebuilt from the certificates on every run, so a second run changes nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMPLES="$ROOT/samples/x509"
KEYS="$SAMPLES/keys"
FIX="$ROOT/Tests/DPSValidationTests/Fixtures/x509"
CSV="$ROOT/samples/factory-x509.csv"
# 000201-000206 are factory-x509.csv's devices, 000210 is mixed.jsonl's X.509 device (the samples validate together).
DEVICES=(x509-line7-000201 x509-line7-000202 x509-line7-000203 x509-line7-000204 x509-line7-000205 x509-line7-000206
    x509-line7-000210)
ORG="/C=US/O=dpsbulk Test/OU=Factory Line 7"

FORCE=0
case "${1:-}" in
    --force) FORCE=1 ;;
    "") ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

command -v openssl >/dev/null || { echo "error: openssl is not installed" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The comment put in front of every published private key (openssl skips text before -----BEGIN).
TEST_ONLY_BANNER="# TEST ONLY - dpsbulk sample key, published in a public repository. Never trust it, never use it in production."

# A minimal `openssl ca` setup: the only reliable way with OpenSSL 3.0 to give a certificate an explicit
# validity window (-startdate/-enddate), e.g. one entirely in the past. The string table section lifts
# OpenSSL's 64-character limit on commonName so that the "CN longer than 64" fixture can exist at all.
write_ca_config() {
    mkdir -p "$WORK/ca/newcerts"
    : > "$WORK/ca/index.txt"
    echo 1000 > "$WORK/ca/serial" # unused: serials are random (rand_serial), but openssl ca wants the file
    cat > "$WORK/ca.cnf" <<EOF
openssl_conf = openssl_init
[ openssl_init ]
stbl_section = string_table
[ string_table ]
commonName = min:1,max:256

[ ca ]
default_ca = dpsbulk_ca
[ dpsbulk_ca ]
dir             = $WORK/ca
database        = \$dir/index.txt
new_certs_dir   = \$dir/newcerts
serial          = \$dir/serial
rand_serial     = yes
default_md      = sha256
policy          = policy_any
unique_subject  = no
preserve        = yes
email_in_dn     = no
copy_extensions = none
[ policy_any ]
countryName            = optional
organizationName       = optional
organizationalUnitName = optional
commonName             = optional

[ req ]
distinguished_name = req_dn
[ req_dn ]

[ ext_root ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ ext_intermediate ]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ ext_leaf ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

# A "device" certificate that is wrongly marked as a CA (for the leaf-is-CA warning).
[ ext_leaf_ca ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, digitalSignature, keyCertSign
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
EOF
    export OPENSSL_CONF="$WORK/ca.cnf"
}

new_key() { # new_key OUT [banner]
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/key.tmp" 2>/dev/null
    if [ "${2:-}" = banner ]; then
        { echo "$TEST_ONLY_BANNER"; cat "$WORK/key.tmp"; } > "$1"
    else
        cp "$WORK/key.tmp" "$1"
    fi
    chmod 600 "$1"
}

# sign KEY SUBJECT EXTENSIONS OUT VALIDITY...  (VALIDITY is -days N or -startdate X -enddate Y)
sign() {
    local key="$1" subject="$2" ext="$3" out="$4"
    shift 4
    rm -f "$WORK/req.csr"
    openssl req -new -config "$WORK/ca.cnf" -key "$key" -subj "$subject" -out "$WORK/req.csr" || return 1
    openssl ca -batch -config "$WORK/ca.cnf" -name dpsbulk_ca -rand_serial -notext -md sha256 \
        -cert "$SAMPLES/intermediate-ca.pem" -keyfile "$KEYS/intermediate-ca.key.pem" \
        -extensions "$ext" -in "$WORK/req.csr" -out "$out" "$@" 2>"$WORK/ca.log" \
        || { cat "$WORK/ca.log" >&2; return 1; }
}

generate_all() {
    echo "generating new keys and certificates (TEST ONLY)"
    rm -rf "$SAMPLES/devices" "$KEYS"
    mkdir -p "$SAMPLES/devices" "$KEYS/devices" "$FIX"
    write_ca_config

    # Root CA: self-signed, 25 years.
    new_key "$KEYS/root-ca.key.pem" banner
    openssl req -new -x509 -config "$WORK/ca.cnf" -key "$KEYS/root-ca.key.pem" -sha256 -days 9131 \
        -subj "/C=US/O=dpsbulk Test/CN=dpsbulk Test Root CA" -extensions ext_root -out "$SAMPLES/root-ca.pem"

    # Intermediate CA: signed by the root, 24 years, may sign leaves only (pathlen 0).
    new_key "$KEYS/intermediate-ca.key.pem" banner
    openssl req -new -config "$WORK/ca.cnf" -key "$KEYS/intermediate-ca.key.pem" \
        -subj "/C=US/O=dpsbulk Test/CN=dpsbulk Test Factory Line 7 CA" -out "$WORK/int.csr"
    openssl ca -batch -config "$WORK/ca.cnf" -name dpsbulk_ca -rand_serial -notext -md sha256 \
        -cert "$SAMPLES/root-ca.pem" -keyfile "$KEYS/root-ca.key.pem" -days 8766 \
        -extensions ext_intermediate -in "$WORK/int.csr" -out "$SAMPLES/intermediate-ca.pem" 2>"$WORK/ca.log" \
        || { cat "$WORK/ca.log" >&2; exit 1; }

    # Device leaves: CN = registration ID, 20 years from today.
    for id in "${DEVICES[@]}"; do
        new_key "$KEYS/devices/$id.key.pem" banner
        sign "$KEYS/devices/$id.key.pem" "$ORG/CN=$id" ext_leaf "$SAMPLES/devices/$id.pem" -days 7305
    done

    # Edge-case fixtures (throwaway keys, not kept).
    new_key "$WORK/edge.key"
    sign "$WORK/edge.key" "$ORG/CN=x509-line7-000901" ext_leaf "$FIX/leaf-expired.pem" \
        -startdate 20200101000000Z -enddate 20210101000000Z
    sign "$WORK/edge.key" "$ORG/CN=x509-line7-000902" ext_leaf "$FIX/leaf-not-yet-valid.pem" \
        -startdate 20990101000000Z -enddate 21000101000000Z
    # Issued for CN x509-line7-000299 but meant for registration ID x509-line7-000207 (see README.md there).
    sign "$WORK/edge.key" "$ORG/CN=x509-line7-000299" ext_leaf "$FIX/leaf-cn-mismatch.pem" -days 7305
    sign "$WORK/edge.key" "$ORG" ext_leaf "$FIX/leaf-no-cn.pem" -days 7305
    sign "$WORK/edge.key" "$ORG/CN=x509-line7-$(printf 'a%.0s' {1..59})" ext_leaf "$FIX/leaf-long-cn.pem" -days 7305 \
        || { echo "note: this openssl refuses a CN over 64 characters; leaf-long-cn.pem skipped" >&2; rm -f "$FIX/leaf-long-cn.pem"; }
    sign "$WORK/edge.key" "$ORG/CN=x509-line7-000903" ext_leaf_ca "$FIX/leaf-is-ca.pem" -days 7305

    # Not certificates at all.
    new_key "$FIX/private-key.pem"
    chmod 644 "$FIX/private-key.pem"
    openssl req -new -config "$WORK/ca.cnf" -key "$FIX/private-key.pem" -subj "$ORG/CN=x509-line7-000904" \
        -out "$FIX/csr.pem"
}

if [ "$FORCE" = 1 ] || [ ! -f "$SAMPLES/root-ca.pem" ] || [ ! -f "$SAMPLES/intermediate-ca.pem" ] \
    || [ ! -f "$KEYS/intermediate-ca.key.pem" ] || [ ! -f "$FIX/leaf-expired.pem" ]; then
    generate_all
else
    echo "keys and certificates exist: keeping them (use --force to regenerate)"
    mkdir -p "$SAMPLES/devices" "$KEYS/devices" "$FIX"
    write_ca_config
    for id in "${DEVICES[@]}"; do # add any missing device
        [ -f "$SAMPLES/devices/$id.pem" ] && continue
        new_key "$KEYS/devices/$id.key.pem" banner
        sign "$KEYS/devices/$id.key.pem" "$ORG/CN=$id" ext_leaf "$SAMPLES/devices/$id.pem" -days 7305
    done
fi

# ---- derived files: rebuilt on every run ------------------------------------------------------------------

cat "$SAMPLES/intermediate-ca.pem" "$SAMPLES/root-ca.pem" > "$SAMPLES/ca-chain.pem"

cp "$SAMPLES/root-ca.pem" "$FIX/root-ca.pem"
cp "$SAMPLES/intermediate-ca.pem" "$FIX/intermediate-ca.pem"
cp "$SAMPLES/devices/x509-line7-000201.pem" "$FIX/leaf-valid.pem"
# The same leaf as bare base64 DER on one line (DPS accepts that form too), and with Windows line endings.
openssl x509 -in "$FIX/leaf-valid.pem" -outform DER | base64 -w0 > "$FIX/leaf-valid.b64"
sed 's/$/\r/' "$FIX/leaf-valid.pem" > "$FIX/leaf-valid-crlf.pem"
# Two certificates in one file: the leaf followed by its issuer.
cat "$SAMPLES/devices/x509-line7-000202.pem" "$SAMPLES/intermediate-ca.pem" > "$FIX/chain-leaf-intermediate.pem"
# A CERTIFICATE block whose base64 is broken: an invalid character and a line cut short.
{
    echo "-----BEGIN CERTIFICATE-----"
    sed -n '2p' "$FIX/leaf-valid.pem"
    sed -n '3p' "$FIX/leaf-valid.pem" | sed 's/^\(.\{10\}\)./\1!/'
    sed -n '4p' "$FIX/leaf-valid.pem" | cut -c1-37
    echo "-----END CERTIFICATE-----"
} > "$FIX/garbage.pem"

# What openssl says about each fixture certificate: the independent reference for the Swift tests.
# Columns: file, sha1, sha256 (uppercase hex, no colons), serial (as openssl prints it), subject and issuer
# (RFC 4514 order, ", " separated, as DPS shows them), notBefore, notAfter (Unix seconds), CA (from
# basicConstraints: TRUE/FALSE).
NAMEOPT="esc_2253,esc_ctrl,esc_msb,utf8,dump_nostr,dump_unknown,dump_der,sep_comma_plus_space,dn_rev,sname"
facts() {
    local f="$1" sha1 sha256 serial subject issuer nb na ca
    sha1="$(openssl x509 -in "$f" -noout -fingerprint -sha1 | sed 's/^.*=//; s/://g')"
    sha256="$(openssl x509 -in "$f" -noout -fingerprint -sha256 | sed 's/^.*=//; s/://g')"
    serial="$(openssl x509 -in "$f" -noout -serial | sed 's/^serial=//')"
    subject="$(openssl x509 -in "$f" -noout -subject -nameopt "$NAMEOPT" | sed 's/^subject=//')"
    issuer="$(openssl x509 -in "$f" -noout -issuer -nameopt "$NAMEOPT" | sed 's/^issuer=//')"
    nb="$(date -u -d "$(openssl x509 -in "$f" -noout -startdate | sed 's/^notBefore=//')" +%s)"
    na="$(date -u -d "$(openssl x509 -in "$f" -noout -enddate | sed 's/^notAfter=//')" +%s)"
    if openssl x509 -in "$f" -noout -text | grep -q 'CA:TRUE'; then ca=TRUE; else ca=FALSE; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$f")" "$sha1" "$sha256" "$serial" "$subject" "$issuer" "$nb" "$na" "$ca"
}
{
    printf 'file\tsha1\tsha256\tserial\tsubject\tissuer\tnotBefore\tnotAfter\tca\n'
    for f in root-ca intermediate-ca leaf-valid leaf-expired leaf-not-yet-valid leaf-cn-mismatch leaf-no-cn \
        leaf-long-cn leaf-is-ca; do
        [ -f "$FIX/$f.pem" ] && facts "$FIX/$f.pem"
    done
} > "$FIX/openssl-facts.tsv"

# ---- the sample manifest ----------------------------------------------------------------------------------
# Rows 1-5 point at the device certificate files (paths relative to the CSV); row 6 carries its PEM inline
# in a quoted multi-line cell. initialTwin cells are CSV-quoted JSON (inner quotes doubled) or empty.
{
    echo 'registrationId,deviceId,attestation,certificate,iotHubHostName,provisioningStatus,initialTwin'
    echo 'x509-line7-000201,x509-line7-000201,x509,x509/devices/x509-line7-000201.pem,factory-hub.azure-devices.net,enabled,"{""tags"":{""line"":""7"",""station"":""press-01""},""properties"":{""desired"":{""telemetryIntervalSeconds"":30}}}"'
    echo 'x509-line7-000202,x509-line7-000202,x509,x509/devices/x509-line7-000202.pem,factory-hub.azure-devices.net,enabled,'
    echo 'x509-line7-000203,line7-press-000203,x509,x509/devices/x509-line7-000203.pem,factory-hub.azure-devices.net,enabled,"{""tags"":{""line"":""7"",""station"":""press-03""}}"'
    echo 'x509-line7-000204,x509-line7-000204,x509,x509/devices/x509-line7-000204.pem,factory-hub.azure-devices.net,disabled,'
    echo 'x509-line7-000205,x509-line7-000205,x509,x509/devices/x509-line7-000205.pem,factory-hub.azure-devices.net,enabled,"{""properties"":{""desired"":{""telemetryIntervalSeconds"":60,""firmware"":{""channel"":""stable""}}}}"'
    printf 'x509-line7-000206,x509-line7-000206,x509,"%s",factory-hub.azure-devices.net,enabled,\n' \
        "$(cat "$SAMPLES/devices/x509-line7-000206.pem")"
} > "$CSV"

echo "done:"
echo "  $SAMPLES (CA chain, ${#DEVICES[@]} devices, TEST ONLY keys)"
echo "  $FIX"
echo "  $CSV"
