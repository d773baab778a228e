#!/usr/bin/env bash
# Installs the HSS agent on this host and enrolls it with the control plane that served this
# script. The console shows the command with a fresh token and the CA's fingerprint:
#
#   curl -fsSL http://<control plane>:4000/agent/install.sh | sudo bash -s -- --token <T> --ca-sha256 <fp>
#
# The control plane fills in the values below when it serves the script.
set -euo pipefail

HSS_URL='@HSS_URL@'
GATEWAY_URL='@GATEWAY_URL@'
PACKAGE_SHA256='@PACKAGE_SHA256@'
# "yes": the gateway's certificate comes from a private CA that this host must pin.
PRIVATE_CA='@PRIVATE_CA@'

PREFIX=/opt/hss-agent
STATE_DIR=/var/lib/hss-agent
TOKEN=''
CA_SHA256=''
START=yes

usage() {
  cat <<EOF
Usage: install.sh --token TOKEN [--ca-sha256 FINGERPRINT] [options]

  --token TOKEN          an enrollment token from the console (hss_e_…)
  --ca-sha256 FP         SHA-256 of the control plane's CA certificate, as the console shows it;
                         the install stops unless the CA served by ${HSS_URL} has it
  --prefix DIR           where the agent is installed (default /opt/hss-agent)
  --state-dir DIR        the agent's credential, spool and policy (default /var/lib/hss-agent)
  --gateway URL          the agent gateway (default ${GATEWAY_URL})
  --no-start             install and enroll, but do not install or start the systemd service
EOF
}

fail() {
  printf 'hss-agent install: %s\n' "$*" >&2
  exit 1
}
say() { printf '==> %s\n' "$*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --token) TOKEN="${2-}"; shift 2 || fail '--token needs a value.' ;;
    --token=*) TOKEN="${1#*=}"; shift ;;
    --ca-sha256) CA_SHA256="${2-}"; shift 2 || fail '--ca-sha256 needs a value.' ;;
    --ca-sha256=*) CA_SHA256="${1#*=}"; shift ;;
    --prefix) PREFIX="${2-}"; shift 2 || fail '--prefix needs a value.' ;;
    --prefix=*) PREFIX="${1#*=}"; shift ;;
    --state-dir) STATE_DIR="${2-}"; shift 2 || fail '--state-dir needs a value.' ;;
    --state-dir=*) STATE_DIR="${1#*=}"; shift ;;
    --gateway) GATEWAY_URL="${2-}"; shift 2 || fail '--gateway needs a value.' ;;
    --gateway=*) GATEWAY_URL="${1#*=}"; shift ;;
    --no-start) START=no; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option $1" ;;
  esac
done

# Everything is checked before anything is written.
[ -n "$TOKEN" ] || { usage >&2; fail 'an enrollment token is required: --token hss_e_… (create one in the console, Install agent).'; }
[[ "$TOKEN" =~ ^hss_e_[A-Za-z0-9_-]{20,}$ ]] ||
  fail '--token does not look like an enrollment token (hss_e_ followed by 43 letters, digits, - or _); copy it again from the console.'
[[ "$PREFIX" = /* && "$STATE_DIR" = /* ]] || fail '--prefix and --state-dir must be absolute paths.'
[[ "$GATEWAY_URL" =~ ^wss?://[^[:space:]/]+/?$ ]] || fail "--gateway must be ws://HOST:PORT or wss://HOST:PORT, not \"$GATEWAY_URL\"."
if [ "$PRIVATE_CA" = yes ]; then
  [ -n "$CA_SHA256" ] ||
    fail "--ca-sha256 is required: the control plane's agent channel uses its own CA, and this host must pin it (the console's install command includes the fingerprint)."
  CA_SHA256=$(printf '%s' "$CA_SHA256" | tr -d ':' | tr 'A-F' 'a-f')
  [[ "$CA_SHA256" =~ ^[0-9a-f]{64}$ ]] || fail '--ca-sha256 must be 64 hexadecimal digits (colons allowed).'
fi

command -v node >/dev/null 2>&1 ||
  fail 'Node.js 20 or newer is required and "node" is not on the PATH; install it (e.g. apt-get install nodejs, or from nodejs.org) and run this again.'
NODE=$(command -v node)
"$NODE" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  fail "Node.js 20 or newer is required; $NODE is $("$NODE" --version). Upgrade it and run this again."
command -v curl >/dev/null 2>&1 || fail 'curl is required.'
command -v tar >/dev/null 2>&1 || fail 'tar is required.'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sha256() { "$NODE" -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$1"; }

if [ "$PRIVATE_CA" = yes ]; then
  say "fetching the control plane's CA certificate from $HSS_URL/agent/ca.pem"
  curl -fsS "$HSS_URL/agent/ca.pem" -o "$work/ca.pem" || fail "could not download $HSS_URL/agent/ca.pem."
  served=$("$NODE" -e 'try { process.stdout.write(new (require("crypto").X509Certificate)(require("fs").readFileSync(process.argv[1])).fingerprint256.replaceAll(":", "").toLowerCase()) } catch { process.exit(1) }' "$work/ca.pem") ||
    fail "$HSS_URL/agent/ca.pem is not a certificate; nothing was installed."
  [ "$served" = "$CA_SHA256" ] ||
    fail "the CA certificate served by $HSS_URL has SHA-256 $served, not the $CA_SHA256 given with --ca-sha256. Refusing to trust it: check the fingerprint in the console (or someone is between this host and the control plane). Nothing was installed."
  say "the CA matches the pinned fingerprint"
fi

say "downloading the agent from $HSS_URL/agent/hss-agent.tar.gz"
curl -fsS "$HSS_URL/agent/hss-agent.tar.gz" -o "$work/hss-agent.tar.gz" || fail "could not download $HSS_URL/agent/hss-agent.tar.gz."
[ "$(sha256 "$work/hss-agent.tar.gz")" = "$PACKAGE_SHA256" ] ||
  fail 'the downloaded agent package is not the one this script was made for (its SHA-256 differs); run the install command again. Nothing was installed.'
mkdir -p "$work/package"
tar -xzf "$work/hss-agent.tar.gz" -C "$work/package" --strip-components=1 --no-same-owner

say "installing into $PREFIX"
mkdir -p "$PREFIX" "$STATE_DIR" 2>/dev/null || fail "cannot create $PREFIX or $STATE_DIR: run as root (sudo), or choose --prefix and --state-dir you can write."
chmod 700 "$STATE_DIR"
rm -rf "$PREFIX/dist" "$PREFIX/policies" "$PREFIX/packaging"
cp -R "$work/package/." "$PREFIX/"
if [ "$PRIVATE_CA" = yes ]; then install -m 0644 "$work/ca.pem" "$PREFIX/ca.pem"; fi
mkdir -p "$PREFIX/bin"
cat >"$PREFIX/bin/hss-agent" <<EOF
#!/bin/sh
# The HSS agent, installed by install.sh from $HSS_URL.
export HSS_AGENT_STATE_DIR="\${HSS_AGENT_STATE_DIR:-$STATE_DIR}"
exec "$NODE" "$PREFIX/dist/hss-agent.mjs" "\$@"
EOF
chmod 755 "$PREFIX/bin/hss-agent"

say "enrolling with $GATEWAY_URL"
ca_args=()
if [ "$PRIVATE_CA" = yes ]; then ca_args=(--ca "$PREFIX/ca.pem"); fi
"$PREFIX/bin/hss-agent" enroll --server "$GATEWAY_URL" --token "$TOKEN" "${ca_args[@]}" --state "$STATE_DIR" ||
  fail "enrollment failed (see above); the agent is installed in $PREFIX: get a new token from the console and run the install command again."

if [ "$START" = no ]; then
  say "installed and enrolled; not starting it (--no-start). Run it with: $PREFIX/bin/hss-agent run"
elif [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  unit=/etc/systemd/system/hss-agent.service
  sed -e "s|^ExecStart=.*|ExecStart=$PREFIX/bin/hss-agent run|" \
    -e "s|^Environment=HSS_AGENT_STATE_DIR=.*|Environment=HSS_AGENT_STATE_DIR=$STATE_DIR|" \
    "$PREFIX/packaging/hss-agent.service" >"$unit"
  # systemd's StateDirectory= is always below /var/lib; another state folder is the agent's own.
  if [ "$STATE_DIR" != /var/lib/hss-agent ]; then sed -i -e '/^StateDirectory/d' "$unit"; fi
  systemctl daemon-reload
  systemctl enable --now hss-agent.service
  systemctl restart hss-agent.service
  say "installed, enrolled and started (systemctl status hss-agent; $PREFIX/bin/hss-agent status)"
else
  say "installed and enrolled; systemd is not running on this host, so no service was installed. Run it with: $PREFIX/bin/hss-agent run"
fi
