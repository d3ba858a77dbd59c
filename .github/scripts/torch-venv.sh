#!/usr/bin/env bash
# Create a venv with torch $TORCH_VERSION (CPU build) at $1 and tell later steps where it is:
# TSW_TEST_TORCH_PYTHON (read by tests/conftest.py) and TSW_TORCH_PYTHON in $GITHUB_ENV.
# Where no wheel exists (macOS on Intel has none after torch 2.2) it only warns: the tests that
# need torch then skip with the reason, and the smoke tests check a venv without torch.
set -euo pipefail
venv=$1
version=${TORCH_VERSION:?TORCH_VERSION is not set}
python -m venv "$venv"
case "$(uname -s)" in
    MINGW*|MSYS*|CYGWIN*) target="$venv/Scripts/python.exe" ;;
    *) target="$venv/bin/python" ;;
esac
if [ "$(uname -s)" = Darwin ]; then
    index_url=https://pypi.org/simple  # PyPI's macOS wheels are the CPU/MPS builds users get
else
    index_url=https://download.pytorch.org/whl/cpu  # PyPI's Linux wheel would pull the CUDA libraries
fi
if "$target" -m pip install -q "torch==$version" --index-url "$index_url"; then
    {
        echo "TSW_TEST_TORCH_PYTHON=$target"
        echo "TSW_TORCH_PYTHON=$target"
        echo "TSW_TORCH_EXPECTED=$version"
    } >> "$GITHUB_ENV"
    "$target" -c "import torch; print('torch', torch.__version__, 'mps' if torch.backends.mps.is_available() else 'no mps')"
else
    echo "::warning::torch $version has no wheel for this platform/Python; tests needing it will skip"
    {
        echo "TSW_TORCH_PYTHON=$target"
        echo "TSW_TORCH_EXPECTED="
    } >> "$GITHUB_ENV"
fi
