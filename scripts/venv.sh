#!/usr/bin/env bash
# Make .venv point at a virtualenv for the current dependency set.
#
# A venv with torch is ~6 GB, so it lives in a cache folder outside the clone, keyed by a hash of
# the dependency lines of pyproject.toml (core + inference + dev), and is built only when absent.
# A venv is used only once its build finished (marker file), so an interrupted build is redone.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
CACHE=${MASKLET_CACHE:-$HOME/.cache/masklet}
hash=$("$PYTHON" scripts/requirements.py inference dev | sha256sum | cut -c1-16)
venv="$CACHE/venv-$hash"

if [ ! -f "$venv/.complete" ]; then
    echo "==> building virtualenv $venv (first run for this dependency set; takes a few minutes)"
    rm -rf "$venv"
    mkdir -p "$CACHE"
    "$PYTHON" -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade "pip<26.2" setuptools wheel
    # torch first, so that nothing below pulls another build of it.
    "$venv/bin/pip" install --quiet torch==2.14.1 torchvision==0.29.1
    reqs=$(mktemp)
    "$PYTHON" scripts/requirements.py inference dev | grep -v -E '^(sam2|torch|torchvision|vos-benchmark)\b' >"$reqs"
    "$venv/bin/pip" install --quiet -r "$reqs"
    rm -f "$reqs"
    # vos-benchmark (tests only) declares opencv-python, the GUI build, which would shadow our
    # opencv-python-headless: install it alone, without its dependencies (it needs numpy, Pillow,
    # scikit-image and tqdm, all installed above).
    "$venv/bin/pip" install --quiet --no-deps \
        "$("$PYTHON" scripts/requirements.py inference dev | grep -E '^vos-benchmark\b')"
    # sam2's CUDA extension is optional (hole filling); we do our own post-processing.
    SAM2_BUILD_CUDA=0 "$venv/bin/pip" install --quiet --no-build-isolation sam2==1.1.0
    touch "$venv/.complete"
fi

if [ "$(readlink .venv 2>/dev/null)" != "$venv" ]; then
    rm -rf .venv
    ln -s "$venv" .venv
fi
echo "==> .venv -> $venv"
