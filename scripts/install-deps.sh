#!/usr/bin/env bash
# Installs the system packages Quire builds against, if any is missing (Debian).
set -euo pipefail
# python3 runs scripts/mutate-golden.py; the fuzzer and ASan runtimes come with the Swift toolchain
# (/opt/swift/usr/lib/clang/*/lib/linux/libclang_rt.{fuzzer,asan}-x86_64.a), so no clang package is needed.
# libzmq3-dev and libssl-dev serve the Jupyter kernel (ZeroMQ sockets, HMAC signing); python3-venv makes
# the environment of scripts/test-jupyter.sh. libopenblas-dev gives the matrix products (GEMM) of the
# neural networks and the text encoder.
packages=(libedit-dev libcairo2-dev libpng-dev libjpeg-dev libturbojpeg0-dev zlib1g-dev libsvm-dev fonts-dejavu-core pkg-config python3
  libzmq3-dev libssl-dev python3-venv libopenblas-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
