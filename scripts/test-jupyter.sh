#!/usr/bin/env bash
# The Quire kernel and .ipynb conversions against the Jupyter project's own tools: makes a
# virtual environment OUTSIDE the repository with jupyter_client, jupyter_kernel_test, nbclient
# and nbformat (pinned), installs the kernelspecs into a temporary Jupyter folder and runs
# Tests/jupyter. Needs python3 with venv and pip (scripts/install-deps.sh installs them) and a
# built quire (`swift build --product quire`; this script builds it if it is missing).
#
#   scripts/test-jupyter.sh [unittest arguments, e.g. test_quire_kernel.QuireKernelTests]
#
# QUIRE_JUPYTER_VENV chooses the environment's folder (default: ~/.cache/quire/jupyter-venv,
# reused when its packages are already there).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
quire=${QUIRE:-$root/.build/debug/quire}
[ -x "$quire" ] || swift build --product quire
venv=${QUIRE_JUPYTER_VENV:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/quire/jupyter-venv}
packages=(jupyter_client==8.10.0 jupyter_kernel_test==0.7.0 nbclient==0.11.0 nbformat==5.11.1)
if ! "$venv/bin/python" -c 'import jupyter_client, jupyter_kernel_test, nbclient, nbformat' 2>/dev/null; then
  echo "making the Jupyter test environment in $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${packages[@]}"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Jupyter finds kernels and writes connection files only under these folders.
export JUPYTER_PATH="$work/share/jupyter" JUPYTER_DATA_DIR="$work/data" JUPYTER_RUNTIME_DIR="$work/runtime"
export JUPYTER_CONFIG_DIR="$work/config" JUPYTER_PLATFORM_DIRS=1 QUIRE="$quire" QUIRE_ROOT="$root"
"$quire" kernel install --prefix "$work" >/dev/null
"$quire" kernel install --prefix "$work" --name quire-message --interrupt-mode message >/dev/null
cd "$root/Tests/jupyter"
if [ $# -eq 0 ]; then set -- discover -s . -p 'test_*.py'; fi
"$venv/bin/python" -m unittest "$@"
