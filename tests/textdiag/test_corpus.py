"""The corpus of real pasted texts: each names the cause its public thread established.

The corpus is split once by a hash of the source URL (tests/textdiag/corpus_io.split_of). The tuning
half is checked text by text; the held-out half only through its figures (docs/textdiag-accuracy.md),
so nobody tunes signatures on its misses.
"""

from __future__ import annotations

import pytest

from tests.textdiag.accuracy import figures, outcome
from tests.textdiag.corpus_io import HEALTHY, HELD_OUT, TUNING, load_corpus, split_of
from wizard.snapshot import Snapshot
from wizard.textdiag import snapshot_from_text
from wizard.textdiag.vocabulary import KNOWN_CAUSES

CORPUS = load_corpus()
TUNING_HALF = [c for c in CORPUS if c.half == TUNING]
HELD_OUT_HALF = [c for c in CORPUS if c.half == HELD_OUT]

# Tuning-half texts whose established cause the text itself cannot show (the reason is in the thread's prose).
KNOWN_MISSES = {
    "8802-en-gh-pytorch-conda-create-without-soumith-channel": "conda's 'PackageNotFoundError: Package missing in current osx-64 channels: - pytorch' for a 'conda create' without the channel the installed package came from (soumith): the engine has no reading of conda's missing-package error",
    "8806-en-gh-icon-pytorch-cuda-113-not-on-channel": "the errors are screenshots; the text says only that no pytorch-cuda 11.3 could be found",
    "8808-en-gh-pytorch-conda-no-py311-build-1131": "a report that anaconda.org's pytorch channel has no Python 3.11 files for 1.13.1, with no error of the reporter's own",
    "8811-en-gh-pytorch-conda-old-version-caffe-gpu-pin": "one sentence: conda installs an old pytorch; that an installed caffe-gpu pinned it is only in the replies",
    "8812-en-gh-vision-no-py37-conda-build-downgrades-python": "conda's plan to downgrade Python 3.7 to 3.6 for torchvision's py36 build: the engine does not read a conda plan's DOWNGRADED section as no build for this Python",
    "8920-en-vllm-pascal-not-supported": "one line retelling vLLM's refusal ('nothing under CUDA Compute 7.0 can be used') without its words; the Pascal card is only in the title's question",
    "8685-en-mmdet-import-libtorch-cpu-so-cpu-pytorch": "'libtorch_cpu.so: cannot open shared object file' importing mmdet, nothing else: a torch library missing for mmcv's build reads as a companion built for another torch; that the installed torch was a CPU build is the reporter's later finding",
    "8687-en-mmcv-full-build-nvcc101-compute86-torch-cu110": "a failed 'pip install mmcv-full' whose build log is only a link (log.txt): the system nvcc 10.1 below torch's CUDA 11.0 is in that log and the replies",
    "8710-en-torchaudio-needs-torch04-hann-window": "\"module 'torch' has no attribute 'hann_window'\" importing torchaudio beside 'pytorch 0.3.1': an attribute missing from torch reads as another torch imported; that torchaudio needs torch >= 0.4 is the maintainer's answer",
    "8716-en-podcast-generator-mac-torch-cu121-no-matching-distribution": "torch==2.2.0+cu121 pinned on a Mac: read as the platform (PyTorch never published CUDA builds for macOS, as for every pinned +cu on a Mac); the thread's label is the variant missing from the index, which the collector noted could be read either way",
    "8724-en-k2-colab-built-cuda101-running-cuda102": "k2's own 'k2 was built using CUDA 10.1 / But you are using CUDA 10.2 to run it' in backquotes, retold: a companion built for another torch's CUDA; the engine has no reading of that message",
    "8781-en-gaga-usage-conda-cudatoolkit-installs-cpu": "a correction of a README's conda command (cudatoolkit=11.8 -c pytorch gives a CPU build) with no failure of the reporter's own shown",
    "8453-en-rocm-7900xt-docker-hiperrorinvaliddevice": "HIP's 'Error 101: hipErrorInvalidDevice' from hipGetDeviceCount on an RX 7900 XT: that the image's ROCm predates the card is the maintainer's answer",
    "8504-en-monodepth2-mac-intel-iris-install-cuda": "a question before any install (should I install CUDA for my Intel Iris?): no message and no attempt to place",
    "8550-en-gh-lightning-mps-accelerator-rosetta-conda": "Lightning's 'MPSAccelerator … not available' beside 'my M1 Pro reports platform i386' told in prose: an x86 Python under Rosetta is the maintainer's reading",
    "8556-en-gh-sam2-m1-macbook-cuda-extension": "a title-only 'with CUDA error' on an M1 MacBook: no error shown to place",
    "8250-en-audio-jetson-xavier-no-arm-wheel": "prose only ('I can't find the wheel of torchaudio 0.10.0' on a Jetson): no installer's output shows what is missing",
    "8251-en-torch-stable-html-2-4-cpu-missing": "'does not work' with no output: that torch_stable.html lists no 2.4 wheels is the replies' knowledge",
    "8400-en-maskrcnn-benchmark-cudnn-exec-failed-rtx2080ti-cuda90": "CUDNN_STATUS_EXECUTION_FAILED beside 'CUDA 9.0' told in prose: which CUDA the installed torch was built with is not shown",
    "8055-en-pytorch3d-win-wheel-pt210-vs-torch222-dll": "'DLL load failed while importing _C' (retold as 'the specified program cannot be found') with only pytorch3d's frames: a module named _C is torch's own as often, and the installed torch is not in the text",
    "7251-audioldm-rtx4090-cufft-internal-error-cu117": "cuFFT's CUFFT_INTERNAL_ERROR alone: the RTX 4090 and the CUDA 11.7 build that cannot drive it are only in the replies",
    "7258-ctranslate2-450-incompatible-torch-250-cu121-cudnn-cnn": "ctranslate2 failing to load cuDNN 9's libcudnn_cnn beside torch's own cuDNN: read as a missing CUDA library; that the ctranslate2 release and torch's cuDNN do not pair is the reporter's finding",
    "7302-autogptq-cuda-extension-not-installed-cuda-home": "'gives CUDA_HOME environment issue' told in prose, not the message; AutoGPTQ's 'CUDA extension not installed' names no cause",
    "7303-exllamav2-no-wheel-for-torch-2-4-comfyui": "a request for an exllamav2 wheel built for torch 2.4.0 and '(Import Failed)': the wheel's torch pairing is only in the wheel's name asked for",
    "7306-autoawq-pypi-no-python-3-12-wheel": "two sentences of prose ('Version on PyPi doesn't support Python 3.12') about another package, no Python or pip output",
    "7355-animatediff-cli-torch21-breaks-xformers-pin-201": "'Xformer<=0.23 doesn't support yet PyTorch v2.1' told in prose with the fix: a companion's support told in words is not read",
    "7400-mimickit-torch191-rtx4090-sm89": "torch==1.9.1 pinned beside an RTX 4090: its cu111 build's sm_86 kernels run on sm_89 (same major), so the pin alone does not establish the arch",
    "6901-pytorch-040-conda-forge-opencv-dll-cannot-run": "'DLL load failed: The operating system cannot run %1' after conda-forge's opencv came in: which package's DLLs clash is only in the reporter's later comparison",
    "6902-torchvision-windows-ci-detectron-ops-gpu-cudart-dependency": "WinError 126 for caffe2_detectron_ops_gpu.dll on a CI machine: that a nightly's new cudart dependency is missing is only in the maintainer's reading",
    "7000-wav2lip-py38-requirements-need-python36": "opencv's pin not found on Python 3.8 and torch 1.1.0 told in prose: the fix (Python 3.6) is told, the torch failure only in words",
    "7001-ml-gmpi-environment-yml-cudatoolkit102-macos": "conda's cudatoolkit 10.2 not found on a Mac: read as the channel lacking that build; that no CUDA exists for macOS is the maintainer's answer",
    "7002-jukebox-conda-cudatoolkit100-osx-channel": "cudatoolkit 10.0 on a Mac read as no CUDA for macOS; the thread found it on another channel (numba)",
    "7003-zh-pytorch-encoding-3090-cuda110-compute86": "nvcc 11.0's 'Unsupported gpu architecture compute_86' is read as the toolkit's (TOOLKIT_MISMATCH's words of a toolkit too old for the GPU); the thread labels it the GPU's",
    "7006-mmcv-full-127-colab-torch111-cu113-no-prebuilt": "mmcv-full built from source on Colab: that its wheel page lacks 1.2.7 for cu113/torch1.11 is only asked in prose",
    "7008-mmdetection-cuda-home-leading-colon-nvcc-not-found": "nvcc's path quoted without the start of the line (the title lost 'unable to execute'): the signature needs the whole message",
    "6652-jetson-orin-nano-cu126-torch26rc-torchvision-mismatch": "'torch-2.6.0rc and torchvision-2.5.0 ... ends up in version mismatch': torchvision's version told as 2.5.0 (no such torchvision exists), so no pairing rule can weigh it",
    "6705-libtorch-cu118-linked-with-cuda117-undefined-cudalaunchkernelexc": "a C++ LibTorch app: its CMake file names the local toolkit (cuda-11.7) beside a cu118 libtorch zip; LibTorch downloads and CMake paths are not read as a torch build and a toolkit",
    "6402-wan2gp-pascal-gtx10xx-torch271-no-sm61": "a question whether Pascal cards will be supported, with no torch shown installed: which build dropped sm_61 is only in the replies",
    "6554-xformers-0018-wheel-uninstalls-torch-1131": "the replacement told with pip as 'He' ('He always uninstalls my pytorch1.13.1'): a person as the subject is not read as the installer",
    "6600-source-build-cicc-signal11-tmp-full": "a source build's 'cicc died due to signal 11' and 'ptxas fatal: Internal error: writing file': a full temp folder is the maintainer's reading, no message says so",
    "6603-conda-pytorch-loads-system-libcudart": "LD_DEBUG's loader trace showing the system libcudart bound before the package's: not read",
    "036-collect-env-171-cpu-truncated": "the paste is cut before any GPU or driver line, so nothing shows a GPU",
    "085-poetry-cpu-variant-apple": "no error message at all: a pyproject asking for +cpu builds on an Apple M3; the "
    "failure is in a screenshot",
    "245-wsl2-devices-busy-build-20231": "a Windows build number beside a CUDA error, nothing says WSL; the cause (a "
    "Windows Insider build bug) is only in the thread",
    "306-colab-assert-cuda-not-available-runtime": "only 'is_available() is returning False' and a script; nothing names "
    "the machine or its GPU (that the Colab runtime had no GPU is only in the thread)",
    "476-macos-python38-beta-pypi-placeholder": "pip fell back to the 0.1.2 placeholder sdist, as it does for any Python "
    "or platform without wheels; nothing in the paste dates it (2019, when macOS x86_64 was served and Python 3.8 was "
    "not), so both readings stay: the platform first, the Python as also possible",
    "355-py311-intel-mac-ventura-prose": "prose only, no error message: that torch 1.13.1's Python 3.11 wheels were "
    "Linux-only is release data the catalogue does not hold per operating system",
    "541-zh-docker-deserialize-cuda-false-driver-gpt-sovits": "only torch.load's 'is_available() is False' inside a "
    "docker container started with --gpus all: no driver, CUDA or torch version; that a driver update fixed it is "
    "only in the thread",
    "763-zh-isat-rtx3060-always-cpu": "Chinese prose only: an RTX 3060 and 'the project always shows cpu', with the "
    "reporter's question whether torch is too old; that their CUDA 10.2 build lacks the RTX 30's kernels is only in "
    "their own fix later in the thread",
    "774-zh-aavt-cuda-accel-unavailable-env-cpu-torch": "the text shows is_available() True and torch 2.2.2+cu121 in "
    "the global Python; that the project's own env held a CPU build is only in the follow-up",
    "708-arm-pip-requires-x86-64-2017": "a 2017 question in prose ('Is there any ARM support ... requires x86_64'): "
    "'ARM' does not say which ARM, and 64-bit ARM Linux has had wheels since; that none existed then is only in the "
    "thread",
    "737-stylegan2-4gb-ram-torch-install-memory-error": "prose only: 'it gave me a memory error' is the reporter's "
    "retelling without Python's MemoryError or pip's output, and 'fills up the RAM' while installing names no tool "
    "message; a bare 'memory error' also means GPU out-of-memory in running code",
    "806-driver390-cuda92-devicequery": "prose only: 'driver 390' (no minor version) and 'Cuda 9.2' are the toolkit "
    "the reporter installed, not a torch build; no failure message, and the driver requirement is retold in words",
    # round 10 (collected without running the engine)
    "844-kohya-torch2-install-error-corrupt-pip-cache": "the launcher's 'Error running pip: install ... "
    "torch==2.0.1+cu118 ... --index-url' and no pip output; that a cached download was corrupt is only the "
    "maintainer's reading of a screenshot",
    "859-sentence-transformers-cuda100-torch150-false": "prose: 'CUDA version 10.0' (the toolkit's or the driver's?) "
    "and torch 1.5.0 with is_available() False, no OS; the CPU build and a missing driver stay possible, and that the "
    "default 1.5.0 wheel needs a newer driver is the maintainer's inference",
    "891-fooocus-gtx1060-disabled-device-manager": "prose retelling 'no cuda gp available' (torch's 'No CUDA GPUs are "
    "available' mistyped) beside a GTX 1060; that Windows had disabled the GPU is only the reporter's later finding",
    "898-zh-loogle-torch201-cu121-not-built": "a question in Chinese about torch 2.0.1+cu121, with no failure and no "
    "pip output: the build is named, not asked of pip",
    "906-torch-scatter-torch-cu90-nvcc-100": "prose: torch.version.cuda 9.0 against nvcc 10.0 matters only when an "
    "extension is built, which the text does not show (the issue is in torch-scatter's tracker)",
    "926-ja-voice-changer-gtx1660s-cuda-path-error": "a Japanese issue template without a log ('cudaのエラー'): that a "
    "system CUDA on PATH caused it is the reporter's own later finding",
    # round 11 (collected without running the engine; two torch wordings were generalized from its tuning half)
    "965-pip-nightly-cu110-typo-falls-back-pypi-140": "no error: pip quietly took PyPI's stable torch because the -f "
    "page named a nightly that did not exist; the text only says 'gives me 1.4.0'",
    "968-pip-python39-falls-to-torch012-nnwrap": "prose retelling pip's fallback to the 0.1.2 placeholder ('version "
    "0.12') on Python 3.9, without pip's output",
    "972-cu124-index-lost-cudnn-91070-resolutionimpossible": "a resolver failure on PyTorch's own index because a "
    "pinned cuDNN wheel was delisted: no code says that exactly",
    "975-conda-m1-pytorch-channel-repodata-no-torchaudio": "conda on an M1 Mac finding no torchaudio: the engine says the "
    "platform, the thread a broken channel repodata that the text cannot show",
    "981-zh-llamafactory-win11-cuda122-torch-not-gpu": "Chinese prose: 'has a CUDA environment but shows not detected', "
    "without saying what was not detected",
    # round 12 (collected without running the engine; measured once, then rules were generalized from its tuning half)
    "1010-big-sleep-win-torch171-cu110-old-torchvision": "a TypeError in the program's own code ('torch._C.Node' object "
    "is not subscriptable) after a hand-installed torch 1.7.1+cu110 / torchvision 0.8.2+cu110, a matching pair; the "
    "older torchvision the package's requirement left is only in the reporter's follow-up",
    "1011-win-python37-64bit-pypi-sdist-012post2-2020": "pip on Windows falling back to PyPI's 0.1.2.post2 placeholder: "
    "the engine names the platform (PyPI held no Windows wheel then), the thread the builds only PyTorch's own index "
    "had; both hold",
    # round 13 (collected without running the engine; measured once, then rules were generalized from its tuning half)
    "1083-easydiffusion-popos-1080ti-error-803": "CUDA error 803 (user-space driver and kernel module differ) is read as "
    "the driver not working; that a newer driver (not a reboot or a removed libcuda) fixed it is the reporter's finding",
    "1090-deepstack-windows-rtx-a5000-ampere-old-torch": "prose about an RTX A5000 and a link to a fix elsewhere: no "
    "message, no torch version of the bundled build",
    "1091-tabular-dl-readme-torch1111-cu111-no-such-build": "torch==1.11.1+cu111 never existed, but the knowledge base "
    "starts at 1.12 and torch_eras.json lists minor releases only: the engine cannot tell 1.11.1 from 1.11.0",
    "1092-conda-nightly-env-no-jupyter-notebook-base": "'the jupyter notebook does not work' with an issue template: no "
    "error; that the env had no Jupyter of its own is the reporter's later finding",
    "1120-voice-changer-gtx1050-laptop-no-gpu-driver-update": "Windows, GTX 1050 and 'only CPU offered' in a template: "
    "the CPU-only build is named as likelier, the driver as possible; that a driver update fixed it is found later",
    "1122-zh-lora-scripts-gui-py-system-python-torch231-cpu": "Chinese prose comparing the venv's torch 2.4.0 with the "
    "2.3.1 CPU build gui.py finds: two interpreters told in words, which the engine does not compare",
    "1127-py27-untrusted-http-mirror-no-torch-versions": "pip ignoring its untrusted http mirror is read "
    "(INDEX_VARIANT_MISSING among the errors), but Python 2.7 with no era shown is first: today no torch serves it",
    # round 14 (collected without running the engine; measured once, then rules were generalized from its tuning half)
    "1201-torchchat-install-requirements-linux-cpu-only": "'This makes sense for Mac, but on Linux ...' names both "
    "systems; the Mac is read as the machine, where 'not compiled with CUDA' means no NVIDIA GPU",
    "1202-model-angelo-v100-conda-autocast-cuda-unavailable": "a V100 in a mamba env on Linux with CUDA unusable and no "
    "build shown: the CPU-only build and the driver stay possible; the conda build is the reporter's later finding",
    # round 15 (the last measurement round: measured once at the end; four general readings came after, see the doc)
    "1245-pyenv-apple-silicon-py3111-no-matching-torch": "pip's no-match told in prose beside a collect_env of an M2 "
    "with Python 3.11.1 (Jan 2023): that torch had no cp311 macOS wheel until 2.0 is the date, which the text lacks",
    # round 16 (collected without running the engine; measured once, then rules were generalized from its tuning half)
    "1300-vllm022-libcudart12-importerror": "libcudart.so.12 missing while importing vLLM's own module, with no torch "
    "version shown: the engine reads a missing CUDA library; that vLLM 0.2.2 was built for a CUDA 12.1 torch other "
    "than the installed one is the maintainer's answer",
    "1303-macos-arm64-uv-cu124-index-no-wheels": "uv's resolver failure told in prose on an Apple Silicon Mac asking "
    "PyTorch's cu124 index for plain versions: no message to read; earlier texts label that situation "
    "INDEX_VARIANT_MISSING (359, 815), this one PLATFORM_UNSUPPORTED",
    "1370-torchserve-image-cuda101-pip-torch160-default-cu102": "a torchserve image for CUDA 10.1 whose Dockerfile "
    "pip-installs the default torch: no torch or driver version in the text, so the driver missing and too old stay "
    "possible; that the default was 1.6.0's CUDA 10.2 build is the reporter's finding",
    "1375-zh-tesla-k40m-new-version-support-question": "a one-line Chinese question whether the new version supports "
    "the Tesla K40m: no error, no torch version; that its capability 3.5 left the builds is the maintainer's answer",
    "1389-zh-yopo-jetson-xavier-nx-pip-cu121-index-cpu-torch": "a Jetson Xavier NX ('Jeston', JETPACK5.1.5) with "
    "torch from PyPI and PyTorch's index: labelled CPU_ONLY_WHEEL here, while earlier Jetson texts (1004, 1084, 1285) "
    "are PLATFORM_UNSUPPORTED, the reading the engine gives a Jetson it recognises",
    "1390-ultralytics-jetson-xavier-nx-venv-pip-torch-cuda-false": "the generic aarch64 torch on a Jetson Xavier NX: "
    "the engine names the platform (NVIDIA's JetPack builds), as earlier Jetson texts are labelled; this one is "
    "labelled CPU_ONLY_WHEEL",
    # round 17 (collected without running the engine; measured once, then rules were generalized from its tuning half)
    "1404-chatllama-azure-p100-no-gpu-available-driver": "the program's own 'No Gpu available' on an Azure VM with a "
    "Tesla P100 and no system, driver or torch shown: the CPU-only build is named as the commonest reason, the driver "
    "as possible; that the VM had no working driver is the reporter's later fix",
    "1438-es-intel-hd520-exe-asks-nvidia-driver": "Spanish prose: an Intel HD 520 and a program that asks for NVIDIA "
    "drivers, with no failure told in words the verdict reads ('me pide los drivers')",
    "1484-fedora39-python312-pip-install-pytorch-placeholder-nov2023": "`pip install pytorch` building the 'pytorch' "
    "placeholder sdist, cut before its own message, with Python 3.12 in the paths: that no torch served 3.12 in "
    "November 2023 is the date, which the text lacks",
    # round 18 (collected without running the engine; measured once, then rules were generalized from its tuning half)
    "1503-nerfstudio-pip-replaced-torch-cu102-device-incompatible": "prose: pip swapped in a CUDA 10.2 build and "
    "warned 'device incompatible', with no GPU named: which GPU the build lacks is the reporter's later finding",
    "1507-sam2-failed-building-editable-cuda-toolkit-121": "only pip's generic 'Failed building editable' for SAM 2's "
    "extension: that the CUDA toolkit did not match torch's is the reporter's own fix",
    "1553-zh-gptsovits-rtx5070-compat-disaster-nvidia50-package": "Chinese prose about an RTX 5070 and the project's "
    "'50-series package': no message and no torch version to compare with the card",
    "1571-uvr-rtx5080-gpu-conversion-stuck-5-percent": "an application stuck at 5 % on an RTX 5080, with no error: "
    "that its bundled torch lacked sm_120 is the maintainer's answer",
    "1575-tacc-cluster-conda-pytorch1101-cudatoolkit113-false": "a cluster's conda torch 1.10.1 with cudatoolkit 11.3 "
    "and is_available() False, with no driver version: the driver too old is the reporter's own reading",
    "1584-media-ai-server-torch212-cu132-torchaudio211-cu130": "a pull request's prose about torch 2.12 cu132 beside "
    "torchaudio 2.11 cu130: no error message to read",
    # round 19 (the final measurement round: measured once at the end, not tuned on)
    "1635-windows-pip-torch1011post2-from-versions-012": "pip lists only the 0.1.2 placeholders on Windows in 2019: "
    "that PyPI then had no Windows torch at all (PyTorch's own index had) is the date, which the text lacks",
    "1676-ballonstranslator-rtx4060-laptop-device-stays-cpu": "an RTX 4060 laptop whose program 'stands on cpu', told "
    "in words the statements do not read ('stands oc cpu')",
    "1679-macos15-m2-python313-torch241-no-cp313-wheel": "prose: torch 2.4.1 not installable on macOS with Python "
    "3.13, with no pip output",
    # round 20 (measured once at the very end; one reading written from its tuning half after that run)
    "1703-chatterbox-server-win10-python313-no-torch-version": "prose: Python 'v13,4 (Newest)' could not find the "
    "right torch, with no pip output and the version written in a way the reader does not take",
    "1704-rsxdalv-chatterbox-win11-default-torch-no-cuda-uv-cu128": "the post is mostly the fix the poster applied; "
    "the failure is told in no words the statements read",
    "1772-stableswarmui-amd-linux-install-script-cu121": "an AMD machine whose install script pulls a cu121 torch, "
    "told without a message or a GPU name the reader takes",
    "1773-dreammat-docker-image-cuda-not-found": "is_available() False after pulling a Docker image, with no run "
    "command shown: the CPU-only build and the driver stay possible",
    "1780-pytorch-31285-torch1120-cu102-no-kernel-image": "'Hit the same error' with versions only: the error itself "
    "is in the thread's first post, not in the excerpt",
    "1814-buzz-rtx3050-cuda118-faster-whisper-needs-cuda12": "a Windows app's transcription not on the GPU, told in "
    "words only; that faster-whisper lacked CUDA 12's libraries is the maintainer's answer in the thread",
    "1853-whisper-gui-rtx5080-sm120-conda-torch-cudnn-dll": "two problems in one post: cuDNN's sub-library not found "
    "comes first (a library before the build in the causal order), the sm_120 build warning is named as possible",
    "1905-pytorch-26664-torch120-cu92-vanished-from-index": "pip found no 1.2.0+cu92 because PyTorch's index had "
    "briefly lost those wheels: an incident on the server's side that no text of the person shows",
    "1907-pytorch-32369-conda-cuda101-requested-cpuonly-obtained": "two conda environments in one paste, the working "
    "one's collect_env first: the failing environment's cpuonly build is not the one the facts take",
    "1965-pytorch-47978-big-sur-pip-picks-torch-012-sdist": "pip of 2020 took no macOS wheel on Big Sur and fell to "
    "the 0.1.2 placeholder; read today, an Intel Mac's ceiling looks like the reason (only the thread's era says pip)",
    "1976-pytorch-7575-pycharm-script-named-torch-py": "the file name torch.py is only in the thread's screenshots",
    "2100-pytorch-62650-libtorch-ld-library-path-undefined-symbol": "libtorch's undefined symbol with LD_LIBRARY_PATH naming another libtorch: the path is shown, but which copy the loader took is only in the thread",
    "2101-pytorch-audio-1750-nightly-cu111-command-installs-rocm-torchaudio": "pip took a ROCm torchaudio from the nightly index for a cu111 command: the variant mix is visible only in the wheel names of the thread",
    "2104-pytorch-30532-tesla-k40m-conda-torch13-cu101-job-fails": "torch 1.3's binaries dropped compute capability 3.5; that release is older than the knowledge's arch lists",
    "2109-pytorch-vision-1228-latest-torchvision-nonexisting-windows": "torchvision 0.4's Windows packages were uploaded a day late: an incident on the index's side, told in one line",
    "2111-pytorch-18620-rtx2080ti-torch101-cuda90-matmul-cublas": "cuBLAS 9.0 on a Turing GPU fails although sm_70 code covers 7.5 by binary compatibility: only the thread's maintainers say the CUDA 9 libraries lack Turing",
    "2112-pytorch-21459-rtx2080-torch041-cu90-collect-env-cublas": "the same Turing-with-CUDA-9 library gap as 2111, beside a working collect_env",
    "2115-pytorch-audio-258-win10-pip-torchaudio-versions-none-2019": "the same era as 2114: torchaudio without Windows builds in 2019",
    "2116-pytorch-audio-1837-aarch64-torchaudio-none-numpy-api-0xe": "two problems in one post; the NumPy C-API message is read first, the missing aarch64 torchaudio is the thread's answer",
    "2123-pytorch-52662-windows-pip-torch171-find-links-gets-cpu-wheel": "the CPU wheel is shown, but that CUDA was wished is told only as 'check whether CUDA is available, then it is not'",
    "2174-dasiwa-uv-installer-rtx5070-torch-reset-cpu": "an installer's own log; that torch was reset to a CPU build is told only in the title",
    "2217-colab-torch1100-cu111-pypi-torchaudio-oserror": "torchaudio from PyPI (another CUDA variant) beside Colab's cu111 torch, with the OSError's message cut from the excerpt",
    "2218-speechbrain-colab-libcudart-102-torchaudio": "torchaudio built for CUDA 10.2 asks for libcudart.so.10.2 beside a cu111 torch: read as the CUDA library missing, not as the companion built for another CUDA",
    "2250-pyannote-diarization-cpu-only-gpu-no-longer-supported": "the GPU is said to be 'no longer supported' in words, beside a run on the CPU: read as the CPU build, the GPU's age is the thread's answer",
    "2308-framepack-rtx5060ti-sm120-pip-into-system-python313": "the sm_120 warning is shown, but the cause was pip installing into the system Python 3.13 instead of the program's own: two problems, the warning read first",
    "2351-dashai-uv-run-resyncs-cpu-torch-windows": "uv run uninstalling the CUDA build is shown only as 'Uninstalled 2 packages', without their names",
    "2358-pipenv-pyenv-macos-torch041-post2-not-found": "pipenv on macOS asking for a torch post release no index had: the index's gap is only in the thread",
    # rounds 25-27 (each measured once before its tuning half was read)
    "2455-zh-comfyui-mie-launcher-v8-cu130-4070super": "Chinese title only ('V8 cannot see the 4070 Super, V7 works'): "
    "that V8 ships a CUDA 13.0 build needing driver 580 is only in the thread",
    "2458-pytorch-15999-pip-vs-python27": "'No module named torch' on Python 2.7 read with today's releases (2.7 is "
    "served by none); that pip and python belonged to different interpreters is the thread's answer",
    "2466-mtp-go-machine-cuda111-only-needs-cu117": "prose 'my computer does not support this version of CUDA': the "
    "driver's ceiling and an old GPU read alike, nothing names either",
    "2470-zh-tuna-conda-mirror-only-cpu-pytorch": "the mirror's conda plan that resolves the CPU build is cut off in the "
    "post; the paste shows only the official channel's CUDA build",
    "2557-easyocr-win-py37-pip-builds-torch-sdist-tools-nnwrap-2020": "pip building torch from source on Windows with "
    "Python 3.7: in 2020 PyPI had no Windows wheels (the index was the gap), today it has; nothing in the text dates it",
    "2668-docker1903-container-nvidia-smi-ok-torch-false-uvm": "nvidia-smi working inside the container and "
    "is_available() False: read as the build; the missing /dev/nvidia-uvm device is only in the reporter's fix",
    "2704-espnet-vmware-debian10-no-nvidia-gpu-model-to-device": "a VMware guest and a traceback cut before its error: "
    "no CUDA failure is shown for the virtual machine reading to explain",
    "2705-dgl-cu102-libcudart-so11-torch1121-mismatch": "libcudart.so.11.0 missing beside dgl+cu102 and torch 1.12.1: "
    "which package asked for CUDA 11 is not in the text, so a missing CUDA library is read",
    "2710-boltz2-gb10-sm121-nightly-cu130-hangs": "the build lists compute_120 (PTX that a driver compiles for sm_121), "
    "so by the published rule the GB10 is covered; that the prebuilt kernels hang there is only in the thread",
    "2721-seamless-fairseq2n-torch201-ld-library-path-cuda110-get-engine": "cuDNN's 'GET was unable to find an engine' "
    "alone: that LD_LIBRARY_PATH pointed at CUDA 11.0 is only in the reporter's later comment",
    "2724-nemo-online-mic-asr-laptop-cpu-only-torch110-needs-cuda": "a +cpu build installed on purpose on a laptop said "
    "to have 'a CPU', and the program asking for CUDA: nothing says no NVIDIA GPU is in it",
    "2763-h2ogpt-windows-requirements-extra-index-no-gpu": "the program's 'No GPU' beside a requirements install with "
    "PyTorch's cu117 as an extra index: a CUDA index named keeps the CPU build from being the likeliest",
    "2767-fastchat-torch210-cu12-on-cuda114-machine": "prose: 'cuda=11.4 machines' and 'pytorch=2.1.0 (cuda=12)' name "
    "the driver's ceiling only as a CUDA version, which could as well be the toolkit's",
    "2811-lama-cleaner-pip-conflicting-deps-python-too-new": "pip's 'Cannot install lama-cleaner==… conflicting "
    "dependencies' cut before its cause; that no torch wheel fitted the Python is the maintainer's answer",
    "2815-ieu-esrgan-rtx3090-old-pytorch-no-ampere": "an RTX 3090 doing nothing, with no torch version or message: that "
    "the program's torch predates Ampere is only in the reporter's fix",
    # round 28 (measured once before its tuning half was read)
    "2850-krita-ai-diffusion-rx570-cuda-backend-no-nvidia-driver": "the error is in a screenshot; the text names no "
    "GPU and no message ('Found no NVIDIA driver' and the RX 570 are only in the thread)",
    "2851-krita-ai-diffusion-gtx950m-operation-not-supported": "CUDA's 'operation not supported' alone: that the GPU "
    "(a GTX 950M, named later in the thread) is too old is the maintainer's reading",
    "2853-sd-amdgpu-7800xt-torch-not-able-to-use-gpu": "an AMD card with the web UI's CUDA test failing, but the text "
    "names '--use-directml', another vendor's stack, so what ran is left open",
    "2859-wav2lip-hq-no-nvidia-driver-ubuntu-cpu-box": "torch's 'Found no NVIDIA driver' on an Ubuntu box that names no "
    "GPU: a missing driver first, no NVIDIA GPU as also possible (the machine having none is only in the thread)",
    "2863-deforum-local-bat-no-module-torch-conda-env-not-activated": "'No module named torch' and a sentence of advice: "
    "that the .bat ran another Python than the conda env's is only the reporter's fix",
    "2871-radiata-tensorrt-torch1131-vs-latest-xformers": "prose: xformers 'may conflict' with a torch 1.13 pin; no "
    "resolver or loader message shows the conflict",
    "2872-hallo-for-windows-no-module-torch-python312": "'No module named torch' after an install: that Python 3.12 got "
    "no working torch is the commenters' finding, the text names no Python",
    "2879-sd-amdgpu-torch-directml-none-python3115": "no torch-directml wheel for the Python: the catalogue holds "
    "torch's own Python range, not torch-directml's",
    "2909-whisper-asr-webservice-win-python311-torch-install-fails": "prose 'none of the commands are working' on "
    "Windows: the Python 3.11 of 2023 is only in the commenter's next comment",
    "2912-bark-no-gpu-being-used-torch200-cpu": "'2.0.0+cpu' beside 'it's just for CPU, not for CUDA': told as a "
    "finding, not a complaint the engine reads, and no CUDA wish is shown",
    "2916-vocal-remover-win-torch-130-only-012-on-pypi": "PyPI offering only the 0.1.2 placeholders: a Python no "
    "release serves today, or in 2019 Windows wheels only on PyTorch's index; nothing in the text dates it",
    "2920-alltalk-finetune-whisper-float16-cpu-torch": "the traceback stops before faster-whisper's float16 error; "
    "that torch was a CPU build is only in the thread",
    "2958-microduck-dgx-spark-aarch64-pypi-torch-cpu-select-gpus": "an IndexError in the program's own GPU selection on "
    "a DGX Spark: that PyPI's aarch64 torch was a CPU build is the pull request's finding",
    "2961-directml-torch-directml-no-versions-python312": "no torch-directml wheel, and the Python (3.12) is only in "
    "the reporter's reply",
    # round 29
    "3050-rvc-rtx4080-two-cuda-paths-no-gpu-found": "prose: the GPU not found beside two CUDA toolkits on PATH; no "
    "loader message names a library, so the CPU build is read as likeliest (the PATH was the reporter's fix)",
    # round 30
    "3156-zh-tuna-conda-without-c-pytorch-anaconda-cpu-build": "only conda info and the mirror's channels are shown; "
    "that the plan without -c pytorch took Anaconda's CPU build is in a reply comparing the two plans",
    "3213-pytorch-ncclcommresume-nccl-cu12-beside-cu13": "an NCCL symbol missing beside two nvidia-nccl packages: read "
    "as another library first on the path (LIB_PATH_CONFLICT, as round 6's 970 is labelled); labelled here as the "
    "wrong nvidia-* package",
    "3251-forge-neo-stabilitymatrix-update-not-able-to-access-cuda": "Forge's CUDA check after an update, on a machine "
    "where it worked the day before: the CPU build and the driver both stay possible (Forge installs PyTorch's CUDA "
    "build itself); the update that replaced torch is in the thread",
    # round 31
    "3312-pytorch-537-titan-x-pascal-conda-slow-first-cuda": "a first .cuda() call taking two minutes, no error: that "
    "the PTX was JIT-compiled for a GPU the binaries had no cubin for is the maintainer's reading",
    "3319-ufold-rtx3090-torch140-cudnn-execution-failed": "cuDNN's EXECUTION_FAILED with torch 1.4.0 and no GPU "
    "named: that the card was an RTX 3090 is only in the thread",
    "3321-fgnn-rtx3080ti-torch151-cu101-cudnn-execution-failed": "cuDNN's EXECUTION_FAILED with a cu101 build and no "
    "GPU named: the RTX 3080 Ti is only in the thread",
    "3332-pytorch-3dunet-conda-env-ipython-from-base-import-torch": "the import error is a screenshot; that ipython "
    "came from another environment is the maintainer's answer",
    "3354-colab-pytorch-160-cu102-unable-to-find-gpu": "'Torch 1.6.0 is unable to find the GPU' on Colab: that Colab's "
    "driver then ran CUDA 10.1 below PyPI's cu102 build is the Colab team's answer",
    "3364-odysseus-docker-compose-gpu-not-recognized-no-device-reservation": "Docker Compose and the GPU not "
    "recognized, with the device reservation the post adds as its fix: the container without GPU access is not read "
    "from a compose file",
    "3366-cresset-compose-deploy-devices-needs-runtime-nvidia": "only the compose snippet and 'runtime: nvidia' as the "
    "fix: no failure message is shown",
    "3406-flux-jupyter-torchvision-nms-operator-suggestion": "only an assistant's suggestion about the nms operator is "
    "pasted, not torch's error",
    "3422-pytorch-707-pip-install-pytorch-placeholder-2017": "pip building PyPI's 'pytorch' placeholder sdist of 2017 "
    "on Python 3.5: that PyTorch was not on PyPI yet is the date, which the text lacks",
    # round 32
    "3456-triton-nightly-driver470-a10-kernel-image-invalid": "Triton's 'device kernel image is invalid' on driver 470: "
    "that newer Triton nightlies compile with a CUDA the driver cannot load is the reporter's finding",
    "3463-unsloth-macos-no-pytorch-cuda-121": "a one-line question that no pytorch-cuda exists for macOS, the rest a "
    "screenshot: no failure message to read",
    "3479-exllamav2-windows-flash-attn-dll-prebuilt-vs-torch": "'DLL load failed while importing flash_attn_2_cuda' "
    "without the torch version: that the prebuilt wheel was for another torch is a commenter's finding",
    "3503-aimet-dockerfile-torchaudio-rocm-with-cu116-torch": "torchaudio 0.13.1+rocm5.2 pinned beside a torch whose "
    "CUDA build the text does not show: the pair's mismatch is not read",
    "3505-pytorch-130-windows-wheel-missing-cublas-dll": "'DLL load failed' importing torch 1.3.0 on Windows reads as "
    "the VC++ runtime; that the 1.3.0 wheel lacked cuBLAS's DLLs is the post's own finding, told in prose",
    "3508-zh-fish-speech-api-server-no-cuda-torch": "Chinese title and a screenshot: 'errors whether CPU or GPU is "
    "chosen' names no build",
    "3516-pyannote-2018-pins-torch-04-not-on-pypi": "prose: torch==0.4 not found while 0.4.1 is; a release older than "
    "the era tables is not judged",
    "3518-speechbrain-colab-torchaudio-0100-pypi-temporary-fix": "a maintainer's note that torchaudio 0.10 cannot be "
    "imported on Colab, no error text",
    "3523-rtvc-2019-macbook-no-nvidia-pytorch-not-configured-cuda": "the toolbox's own 'PyTorch installation is not "
    "configured to use CUDA' on a Mac named only by its /Users path in the thread",
    "3562-hunyuan3d2-amd-card-cpu-torch-shape-only": "a question which steps to skip on an AMD card, no failure: nothing "
    "to answer with a cause",
    "3567-wanvideowrapper-pinokio-mac-bitsandbytes-no-gpu": "bitsandbytes compiled without GPU support on a Mac: the "
    "Mac is only in the /Users path, and bitsandbytes' warning says nothing of torch",
    "3570-stabilitymatrix-comfyui-gtx1060-sm61-needs-cu126": "'my GPU doesn't support the latest compute capabilities' "
    "retold in prose: a reading of it also took questions and other tools' limits, so none is made",
    "3571-comfyui-nix-gtx1080-pascal-cuda12-build": "'built with CUDA 12.x' and a GTX 1080: which CUDA 12 build (cu126 "
    "keeps Pascal, cu128 does not) is not said",
    # round 33
    "3655-zh-pdf-extract-kit-detectron2-c-dll-load-failed": "detectron2's _C failing with 'the specified module could "
    "not be found' (WinError 126): a missing DLL, which the VC++ runtime explains as well as a build for another torch",
    "3661-lightweight-pose-3d-no-cuda-device-found-visible-devices": "'no CUDA device found' with no "
    "CUDA_VISIBLE_DEVICES shown: the mask is the maintainer's guess the reporter confirmed",
    "3662-easyocr-windows-torchvision-loop-torch-0-1-2-only": "pip lists only PyPI's 0.1.2 placeholders on Windows "
    "(2020): a Python no release serves today, or the index of the day; nothing in the text dates it",
    "3671-mokuro-is-available-true-but-manga-ocr-using-cpu-other-python": "is_available() True in a REPL and a program "
    "on the CPU: that the program runs from another Python is the maintainer's reading",
    "3672-zh-ballonstranslator-amd-card-hip-not-linked": "torch's 'not linked with support for hip devices' on an AMD "
    "card: the CUDA build cannot use it, which the engine does not name NO_NVIDIA_GPU",
    "3700-zh-pdf-extract-kit-cuda114-torch-mismatch-cu113": "the driver's CUDA 11.4 in the title and the reporter's fix, "
    "but no error: the build that failed (2.3.1+cu121) is only in prose",
    "3705-zh-rvc-3070-venv-cannot-train": "a ValueError of the program's own and a question about the venv: the CPU "
    "build is a later user's explanation",
    "3754-360extractor-rtx4070s-torch280-cpu-local-torch-py": "the app's log shows torch 2.8.0+cpu, but the poster's "
    "own test script named torch.py shadows torch, which is read first (it stops any check of the build)",
    "3800-zh-llmdet-libcudart-so101-wrong-mmcv": "libcudart.so.10.1 missing beside CUDA 12.1 told in Chinese: that the "
    "library belongs to an mmcv built for CUDA 10.1, not to torch, is the maintainer's reading",
    "3868-codeformer-always-cpu-not-gpu-prose": "prose only ('I use the CPU ... rather than the GPU') with no torch, OS "
    "or GPU named: the CPU build is a later commenter's fix",
    "3869-csnakes-requirements-extra-index-cu118-unpinned-torch-cpu": "'when debug torch cpu version installed': the "
    "statement after 'when' reads as a condition, not as what happened",
    "3905-real-esrgan-inference-stuck-model-forward-cpu-torch": "an inference that hangs, with no message and no "
    "torch, OS or GPU named: the CPU build is a later commenter's finding",
    "3920-chatterbox-audiobook-installer-cu121-rtx50": "'RTX 50xx' and the installer's cu121 told in prose, no message: "
    "the arch list of a build named only by its CUDA version is not compared with a generation",
    "4022-nemo-colab-torch190-torchaudio090-release-breaks-notebooks": "prose about a new torch and torchaudio release "
    "breaking notebooks, no error shown: the mismatched pair is the reporter's reading",
    "4054-coc-python-vim-runs-usr-bin-python-not-anaconda-torch": "the error messages are screenshots; 'from vim … error',"
    " 'from my terminal it works' told in that order and of vim, an editor the terminal-versus-editor reading does not "
    "name",
    "4070-wsl-guide-distro-still-wsl1-set-version-2": "feedback on a guide, the problem told solved: a distribution left "
    "on WSL 1 is the reporter's own finding",
    "4104-pytorch-50982-windows-pip-torchvision-022post3-old": "prose: pip on Windows installing torchvision "
    "0.2.2.post3, no pip output: that the Windows builds were on PyTorch's index only is the maintainer's answer",
    "4156-kohya-runpod-cudnn-870-found-850-after-update": "a torchvision CUDA mismatch told as solved before the cuDNN "
    "error that remains: both are read and the solved one ranks first",
    "4169-forge-cannot-install-torch-not-able-to-use-gpu-title": "the title only: 'Torch is not able to use GPU' on "
    "install, the old driver only in the thread",
    "4203-zh-imagetrans-manga-ocr-run-bat-bundled-python-cpu": "Chinese question: CUDA with one way of starting, the "
    "CPU with run.bat; that run.bat's bundled Python has a CPU build is the maintainer's answer",
    "4218-zh-cnocr-torch-cuda-install-conflict-torch-lt-113": "a Chinese title only ('installing conflicted'): cnocr's "
    "torch<1.13 requirement is the maintainer's answer",
    "4252-oem-fewshot-requirements-torch1102-cu113-no-index": "pip's no-wheel for torch==1.10.2+cu113 alone: a release "
    "that served only older Pythons makes today's Python the likelier reason; the dropped -f line is in the thread",
    "4354-deformable-detr-msda-cudasetupargument-cuda90": "an extension's undefined CUDA runtime symbol reads as a "
    "library on the path; that it was built with the system's CUDA 9.0 for a CUDA 9.2 torch is the reporter's fix",
    "4401-whisper-asr-webservice-whisperx-testing-torchaudio-load-lib": "a traceback cut before torchaudio's loader "
    "error: that torchaudio was a CUDA build beside a CPU torch is the maintainer's fix commit",
    "4404-alltalk-tts-1050ti-textgen-env-voice-model-cpu-mode": "an application's CPU mode told in prose: that the "
    "environment's torch was a non-CUDA build is the reporter's later finding",
    "4407-monika-ai-pygmalion-chatbot-not-compiled-cuda-amd-gpu": "torch's CUDA assertion alone: the AMD GPU is only "
    "in the maintainer's question and the reporter's answer",
    "4410-fish-speech-docker-cu126-blackwell-driver590": "'RTX 5000 series' in a title beside nvidia-smi: the image's "
    "cu126 build is not in the excerpt",
    "4415-piper-train-rtx4090-cufft-internal-error-torch-below-2": "a training traceback cut before cuFFT's error: the "
    "RTX 4090 and torch < 2 are in the title only",
    "4463-falcon-ocr-docker-rtx5090-error-500-named-symbol": "cudaGetDeviceCount's 'Error 500: named symbol not found' "
    "reads as the driver; that the image's torch lacks sm_120 is the reporter's diagnosis",
    "4468-d-align-docker-setup-no-cuda-runtime-found": "cpp_extension's 'No CUDA runtime is found' inside a container "
    "without 'docker run': that the container was started without the GPU is the maintainer's checklist",
    "4455-synapse-srun-no-gpu-requested-is-available-false": "a pull request's 'Requests a GPU now' reads as the job "
    "asking for a GPU (a job that asks for one is never told it has none), so the srun run's False stays unexplained",
    "2114-pytorch-audio-436-windows-torchaudio-no-version-2020": "torchaudio asked for without a version on Windows: "
    "that no Windows torchaudio existed yet (before 0.7, 2020) is the thread's date, which the text does not give",
    "4502-dream-textures-macbook-intel-iris-arm64-dylib": "dyld's message is cut before 'incompatible architecture "
    "(have arm64, need x86_64)': a 2020 MacBook Pro is an Intel Mac or an M1, and the add-on's arm64 build is the "
    "maintainer's answer",
    "4507-gimp-ml-python311-no-fitting-pytorch-ubuntu": "prose: Python 3.11 and 'no pytorch version which fits': the "
    "plugin's torch 1.8.1 pin is in another thread",
    "4510-brignet-blender31-python310-torch181-cuda-wheels": "prose about Blender 3.1's Python 3.10 and a torch 1.8.1 "
    "dependency, with no pip output",
    "4551-robust-e-nerf-cudatoolkit-dev-1131-no-win64-build": "conda's ResolvePackageNotFound cut before the package "
    "it names: that cudatoolkit-dev has no win-64 build is the maintainer's answer",
    "4553-snorkel-env-yml-pytorch-cpu-resolvepackagenotfound-2018": "conda's pytorch-cpu not found on an unnamed system:"
    " conda's not-found reads as the platform first; the old package name is the reporter's fix",
    "4557-pyha-conda-environment-missing-torch": "one sentence of a developer's ('Torch needs to be added to the list'), "
    "no error",
    "4606-kumatea-aarch64-termux-android-import-error": "the error is a screenshot: Termux on Android (ARM64, no "
    "glibc) is only named",
    "4613-gauss-gym-rtx5090-isaacgym-python38-no-sm120-wheel": "a question about plans for the RTX 5090 (Isaac Gym's "
    "Python < 3.9), no failure reported",
    "4954-voicebox-windows-2x-rtx5070-no-gpu-cpu-backend-default": "'No GPU' beside two RTX 5070s reads as the newest "
    "architecture, most likely; that the app ships a CPU backend by default is the maintainer's answer",
    "4965-koboldai-united-update-nvfuser-codegen-dll-winerror127-b-drive-runtime": "WinError 127 loading torch's own "
    "nvfuser_codegen.dll reads as a CUDA library; that the in-place update left a mixed torch is the maintainer's reading",
    "4972-dream-textures-blender30-shortcut-addon-deps-for-33-torch-python-dll-winerror126": "WinError 126 loading "
    "torch_python.dll under Blender 3.0's add-on folder reads as the VC++ runtime; that the shortcut started the old "
    "Blender is the reporter's later finding",
    "5014-zh-hant-rvc-3060ti-not-detected-feature256": "an RVC FileNotFoundError and a question whether the 3060 Ti is "
    "too new: the CPU build is the maintainer's answer",
    "5021-zh-comfyui-docker-error-500-named-symbol-docker-desktop": "CUDA error 500 read as the driver; that it ran in "
    "Docker Desktop's WSL 2 backend is only in the thread",
    "5055-rocm-4872-7900xtx-windows-hip-sdk-no-pytorch": "a question how to install PyTorch for the HIP SDK on Windows: "
    "that no ROCm build exists for native Windows is AMD's answer",
    "5063-pytorch-53452-rocm-wheel-libtinfo5-arch-5700xt": "libtinfo.so.5 (a system library, not CUDA's) missing when "
    "torch's _C loads: no signature for a system library",
    "5067-zluda-rx6600-gfx1032-no-cuda-gpus-available": "ZLUDA on an RX 6600 reads as no NVIDIA GPU; that the HIP SDK "
    "lacks gfx1032 is the maintainer's finding",
    "4800-mindsdb-colab-lightwood-torch-110-post2-no-matching-distribution": "pip's 'torch>=1.1.0.post2 (from "
    "lightwood...)' above every listed version reads as this Python's ceiling; that no torch 1.1.0.post2 was ever "
    "published is the maintainer's finding",
    "4805-fooocus-colab-gpu-time-exceeded-runtime-error-driver": "the error is only in a screenshot; the used-up Colab GPU "
    "time is the maintainer's answer",
    "4852-mace-039-pulls-torch251-over-1130-cu117-cpu-only": "the CUDA check printed is of the torch before mace's install "
    "replaced it; the replacement is told in prose ('automatically installed torch-2.5.1')",
    "4858-cellpose-titan-x-cu118-gpu-not-detected-driver-broken": "the broken driver (nvidia-smi failing) is only in the "
    "thread; the text shows installs and a GPU name",
    "4859-plantseg-mamba-pytorch-cuda117-cudatoolkit-runs-on-cpu": "a mamba command with pytorch-cuda beside 'using CPU': "
    "that it resolved a CPU build is the maintainer's reading",
    "4860-esmfold-macos-no-module-openfold-no-cuda-gpu": "'No module named openfold' under macOS paths: that the Mac has "
    "no CUDA GPU is the reporter's later answer",
    "4902-aks-a10-vgpu-unlicensed-cuda-busy": "'busy or unavailable' and NVML's Unknown Error read as the driver; the "
    "vGPU licence is only in the thread (labelled a failed CUDA operation)",
    "4653-pytorch-ocl-wheel-requires-torch24-wrong-metadata": "pip's 'requirement torch==2.4 (from pytorch-ocl) (from "
    "versions: 2.5.0 ...)' is read as no torch for this Python; that the extension's wheel named the wrong torch is the "
    "maintainer's finding",
    "4701-ko-anpr-yolov5-conda-winerror126-korean": "a Korean WinError 126 while torch loads its DLLs reads as the Visual "
    "C++ runtime; the maintainer's answer (a damaged conda torch) is not in the text",
    "4702-ru-sunone-aimbot-torchvision-no-gpu-nms-postprocess": "the traceback is cut before torchvision's nms line; a CPU "
    "torchvision beside the CUDA torch is the maintainer's reading",
    "4704-ko-diff-svc-rtx2060-slow-training-gpu-3-percent": "slow training and 3 % GPU load told in Korean prose, with no "
    "torch build shown: the CPU build is the thread's answer",
    "4712-ko-nsml-tf111-torch04-image-segfault-import-both": "a segmentation fault importing TensorFlow 1.11 and torch 0.4 "
    "together: the image's package pairing is only in the thread",
    "4750-pixi-pytorch-cuda-only-no-torch-module": "'import torch doesn't find the module' told in prose after adding only "
    "pytorch-cuda: that pytorch itself was never added is the commenter's finding",
    "4768-poetry-macos-torch-1130-nvidia-cu11-no-candidates": "poetry installing nvidia-*-cu11 wheels on a Mac: torch "
    "1.13.0's wheels declaring different dependencies per platform is the poetry maintainer's finding",
    "5109-openmm-torch-cuda-build-with-cpu-pytorch": "conda paired a CUDA build of openmm-torch with conda-forge's "
    "CPU pytorch on a machine without NVIDIA GPUs: the text's own 'does not have NVIDIA GPUs' outranks the two "
    "build strings, which no reading compares",
    "5118-torch-scatter-209-no-wheel-torch181-cu102": "only prose ('torch-scatter was compiled with the wrong "
    "version of cuda') tells that pip built it from source; no build log shows it",
    "5119-cryodrgn-no-gpus-detected-headnode-cpu-pytorch": "the program's 'Use cuda False' / 'No GPUs detected' and "
    "a fix told as a conda command (pytorch-gpu); nothing shows the CPU build itself",
    "5151-poetry-torch-201-no-nvidia-deps": "poetry leaving torch 2.0.1's nvidia-* libraries out (PyPI metadata) is "
    "told in a pyproject without any error",
    "5157-condaforge-pytorch-gpu-241-py310-cuda120-missing": "a conda-forge variant missing from the channel, told "
    "in prose with a files page link; nothing reads conda-forge's variant lists",
    "5167-poetry-mac-m1-torch113-nvidia-deps-no-candidates": "poetry's 'Unable to find installation candidates for "
    "nvidia-cublas-cu11' on macOS: torch 1.13.0's metadata without platform markers is one release's bug, not read",
    "5205-gpustack-vllm-image-compat-libcuda-error803": "error 803 inside an image: that the image's own compat "
    "libcuda shadows the host driver is only in the thread",
    "5209-runpod-containers-pytorch-image-no-driver-own-pc": "'Found no NVIDIA driver' with nothing else but a "
    "container image named in the title: off Linux the engine reads no NVIDIA GPU first",
    "5220-adelaidet-docker-demo-no-gpu-zh": "'Found no NVIDIA driver' in a Docker demo, the machine said to have a "
    "GPU in Chinese ('我的机子上是有的'), which is not read as an NVIDIA GPU told",
    "5263-textgen-wsl-load-in-8bit-bnb-libcuda-not-found-lib-wsl": "the excerpt stops at bitsandbytes' libcudart "
    "warning; that libcuda.so is in /usr/lib/wsl/lib, off the library path, is only in the answer",
    "5313-uk-nyshporka-intel-mac-torchvision-020-no-wheel": "uv's 'no compatible package for macosx_13_0_x86_64' "
    "retold in Ukrainian prose; the retold platform tag is not read as pip's or uv's own message",
    "5314-redditvideomakerbot-macos12-no-matching-torch": "macOS 12 without its chip: that it is an Intel Mac (no "
    "wheels after 2.2.2) is only in a commenter's answer; the Python switch in the text reads as the Python",
    "5317-granblue-automation-torch1120-cu116-wrong-python": "pip of another Python installed into (removing the "
    "other Pythons fixed it): nothing in the excerpt shows which Python pip ran",
    "5351-zh-rwkv-runner-py310-cpu-torch-model-on-cpu": "the versions told are the CUDA builds the person meant to "
    "have; that the bundled py310 held a CPU build is only in the maintainer's answer",
    "5362-pt-bombcrypto-linux-no-module-named-torch-python310": "'No module named torch' after an install that "
    "failed for Python 3.10: the Python is not in the text, only in the replies",
    "5453-sdnext-ipex-c10-xpu-dll-oneapi-missing": "the paste stops inside SD.Next's boxed traceback before the "
    "error; only the title names c10_xpu.dll",
    "5597-unicore-requires-cuda-102-has-101": "the person's CUDA 10.1 beside a package that asks for 10.2, told in "
    "prose with no build's message: which CUDA is the toolkit and that kernels are being built is only in the thread",
    "5740-intel-macos-wheels-later-versions-capped-222": "an Intel Mac's 2.2.2 ceiling is named as a warning; the "
    "version the program requires (2.6.0) is told without the word torch beside it",
    "5742-linux-aarch64-no-cuda-wheels-on-pypi-240": "a feature request for aarch64 CUDA wheels with no error and no "
    "build shown",
    "5745-cpu-find-links-flag-pulls-cuda-libraries": "requirements with -f .../whl/cpu pull nvidia-* packages: that "
    "-f does not choose PyTorch's CPU index is the maintainer's answer, not a message",
    "5822-ptan-book-torch130-no-matching-distribution": "pip's list holds only the 0.1.2 placeholders and the system "
    "is not told: PyPI's placeholder-only Windows era is read as this Python",
    "5823-d2l-103-python312-numpy-impimporter": "pkgutil's missing ImpImporter while pip builds a dependency: that "
    "the package pins a NumPy with no Python 3.12 build is only in the thread",
    "5831-macad-gym-carla-cpu-only-machine": "a question whether the project runs without a GPU, with no message and "
    "no machine facts",
    "5835-fastai-v1-pip-install-pulls-torch-041": "'pip install fastai gets torch 0.4.1' is a normal install in "
    "words; that another package's requirement brought the wrong torch is the maintainer's answer",
    "5836-fastai-old-conda-torchvision-installs-pytorch-041": "conda installing pytorch 0.4.1 for torchvision is "
    "told without a resolver's message",
    "5900-accelerate-gpu-ids-1-cuda-not-available": "torch's autocast warning that CUDA is not available beside a "
    "test that shows it available: the program's own setting (accelerate's gpu_ids) is only in the thread; the "
    "verdict asks (never ready)",
    "6001-roop-unleashed-vega-64-cudacall": "onnxruntime's CudaCall failure beside 'my GPU (Vega 64)': a Radeon "
    "named by its model alone is not read as AMD's",
    "6005-invokeai-launcher-gtx980ti-torch-too-new": "the fix told in the post names the working build (2.5.0 from "
    "cu124); the build that failed on the GTX 980 Ti is not shown",
    "6011-dream-textures-blender-30-addon-syntaxerror": "a SyntaxError inside Blender 3.0's bundled Python: that the "
    "add-on needs Blender 3.1's Python is the maintainer's answer",
    "6094-rpi4-pip-torchvision-no-module-torch-utils-hipify": "'No module named torch.utils.hipify' on a Raspberry "
    "Pi 4 reads as torchvision against another torch; that pip found no ARM wheels is only in the thread",
    "6165-rocm-gfx803-libmpi-cxx-missing": "a ROCm build's missing libmpi_cxx: a library of the build's own machine, "
    "which no catalogue entry names",
    "6168-transformerengine-torch25-cudnn-h-missing-nersc": "TransformerEngine's build missing cudnn.h on a cluster: "
    "the module to load is only in the thread",
    "6170-ipex-xpu-windows-a770m-torch-1130a0-not-found": "IPEX's patched torch==1.13.0a0 not found on Windows: that "
    "Intel published no Windows wheels for it is the maintainer's answer",
    "6172-torch-tensorrt-100-conda-torch-111-import-fails": "torch-tensorrt built for another torch, with its import "
    "error cut before the symbol",
    "6174-torch-tensorrt-jetson-xavier-ld-library-path": "a question about LD_LIBRARY_PATH for TensorRT on a Jetson, "
    "with no error shown",
    "6243-mmdetection-driver-381-cuda8-question": "a question about driver 381 and CUDA 8 with no build or error "
    "shown",
    "6264-torchvision-normalize-float32-with-torch031-py27": "torch 0.3.1 under Python 2.7 with a torchvision that "
    "needs 0.4.1: the old Python is read before the pair",
    "6320-zh-echomimic-facenet-reinstalls-cpu-torch": "'Torch not compiled with CUDA enabled' in ComfyUI: that a "
    "node's requirement brought the CPU build is the maintainer's answer",
    "6327-zh-moss-ttsd-flash-attn-2-8-1-kernel-image-invalid": "'device kernel image is invalid' from flash-attn "
    "2.8.1: that its compressed binaries need driver 550 is the maintainer's answer",
}
# Tuning-half healthy pastes whose text itself reports an error (the thread established it was a mistake).
KNOWN_HEALTHY_MISSES = {
    "8201-en-ultralytics-classify-export-torch230-a100": "Ultralytics' banner shows CUDA working beside 'the error below was shown', whose error is cut from the paste: the verdict asks for it",
    "7900-en-gh-grid-sampler-fallback-segfault-v100": "a segmentation fault beside a working collect_env: a crash can be the setup's (libraries that do not pair); that a private op's invalid arguments caused it is the maintainers' triage",
    "7906-en-gh-torchaudio-resampler-not-on-cuda-device": "the title 'Error when using Resampler on GPU' names the GPU beside the program's own device error (cut at 'should be the sam'): which error the title reports is open",
    "6405-healthy-sageattention-script-cu130-torch-available": "an install script's preflight ('Torch: 2.9.1+cu130 (CUDA 13.0, available=True)') beside 'your script no longer works (see error below)': an error is reported, so not ready",
    "6555-accelerate-gpu-ids-ignored-launch-bug": "an accelerate config only; the GPUs running is told in prose about the wrong ids",
    "1504-healthy-sentence-transformers-device-cpu-until-encode": "the library reports its device as cpu before encode "
    "moves the model, with no is_available() or device line showing CUDA working",
    "1313-healthy-collect-env-4090-nightly-cu116-compile-sm89": "torch.compile's ptxas error ('Value sm_89 is not "
    "defined for option gpu-name') beside a working collect_env: a failure naming the GPU architecture is never read "
    "as the program's own",
    "244-healthy-is-available-true-tx2": "the text reports an error ('I got an error', 'Cuda is not available') beside "
    "is_available() True; that the error was the reporter's own mistake is only in the thread",
    "473-healthy-uv-add-torch-cu124-tesla-t4": "only torch's version (2.5.1+cu124) and nvidia-smi are shown, no "
    "is_available() or tensor on the GPU; that it works is the poster's word ('I actually can get Pytorch ... working')",
    "326-healthy-bottleneck-2080-slow-training": "torch.utils.bottleneck's summary shows a CUDA build, not that CUDA is "
    "available (its 'Running with Python 3.8 and' line is empty both when CUDA is unavailable and when the runtime "
    "version is unknown); the GPU use is only in the thread's profile",
    "1815-healthy-hr-endless-sampler-torch291-cu130-rtx4090": "a ComfyUI node's crash beside torch 2.9.1+cu130 and an "
    "RTX 4090: that the GPU renders is told only as 'chunk 1 renders beautifully', no tool shows CUDA working",
    "1824-healthy-ultralytics-intel-mac-torch222-cpu-onnx-segfault": "a segmentation fault while exporting to ONNX on "
    "an Intel Mac: a crash of the process is read as the setup's, so the verdict stays 'cannot tell'",
    "2053-healthy-sd-scripts-accelerate-fp16-requires-gpu-4090": "accelerate's 'fp16 mixed precision requires a GPU' "
    "beside is_available() True: the traceback's own code line ('requirement=\"a GPU\"' in a raise) names the GPU",
    "2060-healthy-efficientdet-device-side-assert-dataset-classes": "a device-side assert on a working GPU, but the "
    "person adds 'I tried without GPU, but I still get an error': a failure line naming the GPU",
    "2061-healthy-mixup-using-cuda-loss-data-index-0dim": "the program's own 'Using CUDA..' is the only sign of the GPU "
    "working, too loose to read as one",
    "2200-healthy-mmseg-cityscapes-dotfiles-p40-env": "mmseg's environment table shows CUDA available; the dataset error beside it names the setup's words",
    "2205-healthy-espnet-maintainer-3060ti-torch171-cu110": "ESPnet's check_install ticks torch cuda=11.0, which is no sign that CUDA ran on the GPU",
    "2210-healthy-mmpose-cpu-install-demo-default-cuda": "a CPU build installed on purpose, and the demo's default device asks for CUDA: 'Torch not compiled with CUDA enabled' reads as a CPU build where CUDA was wanted",
    "2257-healthy-sam2-rocm-wsl-rx7900xt-pip-pulls-torch": "a ROCm setup on WSL working, beside pip pulling PyPI's torch over it: the CPU-or-CUDA torch pip pulled is read as the problem",
    "2362-zh-healthy-pix2text-cnstd-cuda-check-order-bug": "a library's own check of CUDA in the wrong order, told in Chinese beside CUDA errors: the setup's words keep the verdict from 'ready'",
    "2468-zh-healthy-chattts-gpu-inference-still-slow": "'already inferring on the GPU, but it feels slow' in Chinese: "
    "a person's word that the GPU runs is not read as the setup shown working",
    "2469-zh-healthy-dasr-two-1080ti-low-memory-training": "GPU memory in use on two 1080 Ti told in Chinese prose, no "
    "tool's output: a person's account is not read as CUDA shown working",
    "2801-healthy-segment-anything-gpu-barely-used": "is_available() True beside 'segment anything doesn't use GPU': "
    "the complaint (the script never moved the model) keeps the verdict from 'ready'",
    # round 30
    "3158-zh-healthy-llamafactory-env-a800-torch231-cu121": "llamafactory-cli env shows the GPU build seeing an A800, "
    "but the post reports an error (a screenshot) at the web UI's start: an unplaced failure keeps 'cannot tell'",
    "3217-healthy-nerfstudio-windows-task-manager-gpu-0-percent": "Task Manager's GPU 0 % on Windows: its default "
    "graphs do not show CUDA work, so the wizard asks for nvidia-smi ('cannot tell'); that the GPU was busy is only in "
    "the thread's nvidia-smi",
    # round 32
    "3509-healthy-sam2-windows-cu121-flash-attention-warning": "torch's SDPA warning raised on a CUDA tensor shows CUDA "
    "working, but the post calls it an error and shows no exception: 'cannot tell'",
    "3510-healthy-cogvideox-wrapper-windows-flash-attention-warning": "only torch's 'not compiled with flash attention' "
    "warning, without where it was raised: nothing shows CUDA working",
    # round 33
    "3625-healthy-legged-gym-rtx3060-torch1120-cu116-killed": "a collect_env beside a 'Killed' training run (memory): "
    "the kernel's OOM kill is reported as a failure, so not 'ready'",
    "2051-healthy-ultralytics-labels-a800-banner": "Ultralytics' banner shows CUDA:0 working, but the failure told "
    "('completely wrong', 'what could be the problem') shows no error to judge whose it is",
    "3664-healthy-mmpose-keyerror-keypoints-visible-rtx3090-cu113": "mmpose's environment table beside a KeyError: the "
    "table shows no CUDA working by a tool the engine reads",
    "2260-healthy-pyannote-two-gpus-nemo-on-gpu-pipeline-cpu": "CUDA working told only in words (NeMo on the GPU) "
    "beside a pipeline on the CPU: what works may be another Python, so not 'ready'",
    "4216-healthy-craft-text-detector-is-available-true-gpu-used": "is_available() True told in words beside 'cuda = "
    "True … does not work': a failure told without its error keeps the verdict from 'ready'",
    "4259-healthy-darts-quadro-m4000-cuda-not-valid-distributedtype": "the device name printed beside darts' own "
    "ValueError ('cuda' is not a valid DistributedType), which names CUDA: not 'ready'",
    "4319-healthy-triposg-windows-torch260-cu124-is-available-true": "CUDA errors of an extension (LNK1181, invalid "
    "argument) beside 'verified via torch.cuda.is_available() == True': errors that name CUDA are never the program's",
    "4472-healthy-gcvit-slurm-8xa100-torch1102-cu113": "a working setup told in prose (eight A100s, 'gpu is fast') "
    "with no tool's output: not 'ready'",
    "4612-healthy-lerobot-pi05-a800-torch270-cu118-apptainer": "a working setup told in an experiment's notes (torch "
    "2.7.0+cu118, 'PyTorch reported 79.32 GiB'), no tool's output of CUDA working",
    "4963-healthy-real-video-enhancer-rtx3060-laptop-pytorch-backend-system-cuda-warning-ffmpeg-fail": "the app's 'Using "
    "GPU: NVIDIA GeForce RTX 3060 Laptop GPU' is not read as CUDA working, and the FFmpeg traceback is a failure",
    "5009-zh-healthy-chattts-ui-torch212-cu118-gpu-4095mb-left": "the app logs 'use cpu' (its own memory threshold): read "
    "as the program on the CPU",
    "4811-healthy-kohya-colab-jaxlib-falling-back-to-cpu-warning-training-on-gpu": "JAX's 'Falling back to cpu' retold "
    "as the title reads as the program on the CPU; that training uses the GPU is the reporter's word",
    "4812-healthy-kaggle-t4x2-multigpu-ddp-train-py-worked": "a training script and 'It worked with Kaggle T4x2': no "
    "output shows CUDA working",
    "4857-healthy-nnunetv2-grid-t4-vgpu-conda-pytorch-cuda121": "nnU-Net's 'using pin_memory on device 0' and epoch "
    "times show training, not read as CUDA working",
    "4661-healthy-grouped-mm-bf16-torch213-nightly-cu132": "only collect_env's package list (a cu132 nightly) is shown: "
    "no GPU and nothing that shows CUDA working",
    "4708-ko-healthy-one-click-vits-rtx4090-win11-gpu-used-steps": "that the RTX 4090 trains is told only in Korean prose "
    "('GPU가 사용되고'), not shown by a tool",
    "5257-healthy-opencompass-humaneval-infer-ok-quadro-p4000-torch201-cu118": "OpenCompass's environment shows CUDA "
    "available beside 'eval failed' in the title, whose error is not shown: the verdict asks for it",
    "5270-healthy-autoawq-a100-cuda121-torch231-benchmark-deepseek-coder": "benchmark numbers and versions in prose; "
    "no tool shows CUDA working",
    "5271-healthy-swift-win10-a5000-torch201-cu118-awq-infer-slow-zh": "slow inference told in Chinese beside "
    "versions in prose; no tool shows CUDA working",
    "5311-healthy-ez-corridorkey-rtx4090-torch291-cu128-preview-bug": "the app's system info lists a CUDA build and "
    "the GPU, which is no sign CUDA ran",
    "5319-healthy-demucs-rtx3060-laptop-6gb-cuda-oom": "CUDA's out of memory on a working GPU, but the person's line "
    "about 12 GB detected as 6 GB names the GPU and its memory, so the failure is not called the program's",
    "5355-zh-healthy-lora-scripts-torch200-cu118-3060-laptop-p40-detected": "the launcher log shows both GPUs "
    "detected, but '日志显示错误如下' announces an error the log does not show: the verdict asks for it",
    "5356-zh-healthy-chatglm-efficient-tuning-4gpu-tensors-split-cuda0-cuda1": "tensors on cuda:0 and cuda:1 is the "
    "program's placement, but the Chinese line introducing the error names the server's GPUs, so the failure is "
    "not called the program's",
    "5402-zh-damodev-healthy-rtx5080-torch27-cu128-win11": "a blog's list of versions in Chinese prose; no tool "
    "shows CUDA working",
    "5463-healthy-rocm-gfx803-torch230-rocm61-built-manually": "a ROCm setup told working in prose, with an image as "
    "proof; no tool's output",
    "5661-healthy-discuss-pytorch-several-cuda-toolkits-cu102-lts": "a question about several CUDA toolkits beside "
    "an install command; nothing shows CUDA working",
    "5905-healthy-fastchat-8xv100-bf16-not-supported": "transformers' 'Your setup doesn't support bf16/gpu' names "
    "torch and CUDA versions, so the failure is not called the program's; the V100's missing bf16 is only in the "
    "thread",
    "5907-healthy-diffusers-env-sdxl-lora-resume-checkpoint": "diffusers' env shows CUDA available, but the title's "
    "error on --resume_from_checkpoint is not shown: the verdict asks for it",
    "6013-healthy-roop-unleashed-3090-cuda118-codeformer-slow": "'GPU doesn't seem to work' on Windows with an "
    "NVIDIA card names the CPU-only build as most likely; that an option made it slow is only in the thread",
    "6014-healthy-rife-inference-stops-torch1100-cu113": "an inference that stops, beside the torch build the "
    "reporter suspected; nothing shows CUDA working",
}
# Measured on the held-out half at the end of round 9 (docs/textdiag-accuracy.md: 192/249 top-1 = 77.1 %,
# 194/249 among errors/warnings = 77.9 %, 16 of 18 healthy pastes ready); a change that lowers them is a regression.
# (Round 5 measured 88.9 % / 89.7 % on 126 texts; the 123 texts of rounds 6 to 9 are harder: see the doc.)
# measured 783/1191 (65.7 %) at round 39 (its tuning half read): the held-out texts of rounds 2-33 read 678/1001 (672
# at the end of round 33), and rounds 34 to 39 added 190 fresh held-out texts, read at 101/190 when each round was run
# once (105/190 now): the fresh rounds pull the whole half down
HELD_OUT_TOP1_FLOOR = 0.625  # measured 970/1551 (62.5 %) after round 60 (its 13 fresh held-out texts: 5 at their one run), 964/1538 (62.7 %) after round 59 (its 16 fresh held-out texts: 7 at their one run), 956/1522 (62.8 %) after round 58 (its 8 fresh held-out texts: 2 at their one run), 954/1514 (63.0 %) after round 57 (its 6 fresh held-out texts: 6 at their one run), 948/1508 (62.9 %) after round 56 (its 10 fresh held-out texts: 5 at their one run), 943/1498 (63.0 %) after round 55 (its 15 fresh held-out texts: 9 at their one run), 934/1483 (63.0 %) after round 53 (rounds 49-53: 52 fresh held-out texts, 23 at their one run, 24 now; the 1431 of the start 909 → 910), 928/1465 after round 52, 909/1431 (63.5 %) after round 48 (its 35 fresh held-out texts read 11 at their one run), 895/1396 (64.1 %) after round 47 (892 at its fresh texts' one run), 881/1368 (64.4 %) after round 45, 860/1328 after round 43 (843/1287 before)
HELD_OUT_TOP_ANY_FLOOR = 0.645  # measured 1001/1551 (64.5 %) after round 60, 995/1538 (64.7 %) after round 59, 988/1522 (64.9 %) after round 58, 985/1514 (65.1 %) after round 57, 979/1508 (64.9 %) after round 56, 974/1498 (65.0 %) after round 55, 965/1483 (65.1 %) after round 53, 959/1465 (65.5 %) after round 52, 938/1431 (65.5 %) after round 48, 923/1396 (66.1 %) after round 47, 908/1368 (66.4 %) after round 45, 887/1328 after round 43, 868/1287 (67.4 %) at round 42, 807/1191 (67.8 %) at round 39 (688/1001, 68.7 %, at the end of round 33)
HELD_OUT_HEALTHY_MISSES_ALLOWED = 78  # measured 78 of 142 after round 59 (its four fresh held-out healthy pastes: one ready at their one run), 75 of 138 after round 58 (its three fresh held-out healthy pastes: none ready at their one run), 72 of 135 after round 56 (its two fresh held-out healthy pastes: neither ready at their one run), 70 of 133 after round 55 (its two fresh held-out healthy pastes: one ready at their one run), 69 of 131 after round 53 (the ten fresh held-out healthy pastes of rounds 49-53: four ready; the 121 of the start unchanged), 67 of 129 after round 52, 63 of 121 after round 47 (its three fresh held-out healthy pastes: one ready), 61 of 118 after round 45, 59 of 116 after round 44, 57 of 114 after round 43, 54 of 108 at round 42 (49 of 96 at round 39, 50 of those 96 now;
# four of the twelve held-out healthy pastes of rounds 40 to 42 are called ready)
# measured 2 at the end of round 29 (one failure report of round 23's held-out half and one of round 27's, never read);
# 1 since round 37's readings (CUDA working told only in words beside a program on the CPU is no longer "ready"), so
# the target of 0 is not met and this counts the one left
# (docs/textdiag-accuracy.md)
HELD_OUT_FAILURES_READY_ALLOWED = 1


def test_corpus_is_large_and_well_formed() -> None:
    assert len(CORPUS) >= 100
    for item in CORPUS:
        assert item.source.startswith("https://"), item.name
        assert item.cause in KNOWN_CAUSES | {HEALTHY}, item.name
        assert item.note and item.text.strip(), item.name
    assert len({c.source for c in CORPUS}) == len(CORPUS), "every text comes from a distinct thread"
    assert len({c.cause for c in CORPUS}) >= 15  # the corpus covers most causes, not one
    assert sum(c.healthy for c in CORPUS) >= 2


def test_the_split_is_by_url_hash_and_roughly_even() -> None:
    assert split_of("https://github.com/pytorch/pytorch/issues/1022") == split_of(
        "https://github.com/pytorch/pytorch/issues/1022 "
    )
    assert {c.half for c in CORPUS} == {TUNING, HELD_OUT}
    assert abs(len(TUNING_HALF) - len(HELD_OUT_HALF)) <= len(CORPUS) // 4


@pytest.mark.parametrize("item", [c for c in TUNING_HALF if not c.healthy], ids=lambda c: c.name)
def test_tuning_text_names_the_cause_first(item, request) -> None:
    if item.name in KNOWN_MISSES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_MISSES[item.name], strict=True))
    result = outcome(item)
    assert result.first == item.cause, (result.first, result.flagged)


@pytest.mark.parametrize("item", TUNING_HALF, ids=lambda c: c.name)
def test_no_failure_is_called_ready_and_healthy_pastes_are(item, request) -> None:
    if item.name in KNOWN_HEALTHY_MISSES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_HEALTHY_MISSES[item.name], strict=True))
    result = outcome(item)
    if item.healthy:
        assert result.verdict == "ready", result.flagged
    else:
        assert result.verdict != "ready"


@pytest.mark.parametrize("item", CORPUS, ids=lambda c: c.name)
def test_corpus_snapshots_round_trip_and_are_text_snapshots(item) -> None:
    snapshot = snapshot_from_text(item.text)
    assert snapshot.source == "text"
    assert Snapshot.from_json(snapshot.to_json()) == snapshot


def test_held_out_figures_meet_their_floor() -> None:
    """The figure that counts: computed, never inspected text by text here."""
    result = figures(HELD_OUT_HALF)
    # only counts reach the assertion messages: a failure must not list held-out texts (nobody tunes on them)
    failures_ready, total = result.failures_called_ready, result.total
    healthy_ready, healthy = sum(o.verdict == "ready" for o in result.healthy), len(result.healthy)
    top1, top_any = result.top1, result.top_any
    assert failures_ready <= HELD_OUT_FAILURES_READY_ALLOWED, f"held-out failures called ready {failures_ready}"
    assert healthy_ready >= healthy - HELD_OUT_HEALTHY_MISSES_ALLOWED, f"held-out healthy ready {healthy_ready}/{healthy}"
    assert top1 / total >= HELD_OUT_TOP1_FLOOR, f"held-out top-1 {top1}/{total}"
    assert top_any / total >= HELD_OUT_TOP_ANY_FLOOR, f"held-out top-any {top_any}/{total}"
