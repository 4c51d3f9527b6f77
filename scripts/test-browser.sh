#!/usr/bin/env bash
# A browser test: JupyterLab on loopback, headless Chromium opens the .ipynb of
# notebooks/01-mobile-price, runs all cells with the Quire kernel, and the page must show a Quire
# table and the first figure (Tests/jupyter/test_browser.py). A screenshot of the page is kept in
# $QUIRE_ARTEFACTS (default: $TMPDIR/quire-artefacts); its path is printed.
#
# Uses the virtual environment of scripts/test-jupyter.sh (QUIRE_JUPYTER_VENV) and adds
# jupyterlab to it (pip, pinned). Chromium is Debian's `chromium` package, installed with apt-get
# when missing and running as root; otherwise, and when there is no pip or apt to install with,
# the test is skipped with a message saying what is missing (exit status 0).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
quire=${QUIRE:-$root/.build/debug/quire}
[ -x "$quire" ] || swift build --product quire
venv=${QUIRE_JUPYTER_VENV:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/quire/jupyter-venv}
packages=(jupyter_client==8.10.0 jupyter_kernel_test==0.7.0 nbclient==0.11.0 nbformat==5.11.1 jupyterlab==4.6.6)
skip() { echo "test-browser: SKIPPED: $*"; exit 0; }

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium"
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; } ||
      skip "apt-get could not install chromium"
    chromium=$(command -v chromium)
  else
    skip "no Chromium, and no root or apt-get to install it (apt-get install chromium)"
  fi
fi
if ! "$venv/bin/python" -c 'import jupyterlab, jupyter_client, nbformat, websocket' 2>/dev/null; then
  echo "adding jupyterlab to the Jupyter test environment in $venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || skip "python3 cannot make a virtual environment"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${packages[@]}" || skip "pip could not install jupyterlab"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export JUPYTER_PATH="$work/share/jupyter" JUPYTER_DATA_DIR="$work/data" JUPYTER_RUNTIME_DIR="$work/runtime"
export JUPYTER_PLATFORM_DIRS=1 QUIRE="$quire" QUIRE_ROOT="$root" CHROMIUM="$chromium" QUIRE_BROWSER_TEST=1
export QUIRE_ARTEFACTS=${QUIRE_ARTEFACTS:-${TMPDIR:-/tmp}/quire-artefacts}
"$quire" kernel install --prefix "$work" >/dev/null
cd "$root/Tests/jupyter"
"$venv/bin/python" -m unittest -v test_browser
