"""A review of rounds 36-38's readings with invented texts (never corpus texts): each case is (id, text, expected first
error code or None for none, expected verdict kind or None for "any"). PROBLEMS were answered wrong before the review's
fixes; RIGHT were answered right already."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import assert_answer, first_error, review_params

PROBLEMS = [
    # the change took 'killed' out of the failure words: a run the kernel or the shell killed (OOM) beside a working check is called ready
    ('killed_zsh', '>>> torch.cuda.is_available()\nTrue\n$ python train.py --batch-size 64\nLoading checkpoint shards: 100%|##########| 2/2\n[1]    48213 killed     python train.py --batch-size 64',
     None, 'cannot_tell'),
    ('killed_bash_script', '>>> torch.cuda.is_available()\nTrue\nrun.sh: line 3: 91234 Killed                  python train.py --config cfg.yaml',
     None, 'cannot_tell'),
    ('killed_mac9', '>>> torch.cuda.is_available()\nTrue\n$ python train.py\nKilled: 9',
     None, 'cannot_tell'),
    ('killed_colon9', '>>> torch.backends.mps.is_available()\nTrue\n$ python generate.py\nLoading model...\nzsh: killed     python generate.py',
     None, 'cannot_tell'),
    ('killed_oom_prose', 'The process gets killed by the OOM killer when loading the model. torch.cuda.is_available() returns True',
     None, 'cannot_tell'),
    # (already before the change) PyCharm's SIGKILL exit
    ('sigkill_pycharm', '>>> torch.cuda.is_available()\nTrue\nProcess finished with exit code 137 (interrupted by signal 9: SIGKILL)',
     None, 'cannot_tell'),
    # the new 'killed python' alternative reads what the person did
    ('killed_prose_ok', 'I killed python and restarted the kernel, now torch.cuda.is_available() returns True',
     None, 'ready'),
    # torchaudio on Windows with no version asked is no torchaudio before 0.7: the Python is what gets no wheel
    ('ta_win_noversion', 'C:\\Users\\me\\proj> pip install torchaudio\nERROR: Could not find a version that satisfies the requirement torchaudio (from versions: none)\nERROR: No matching distribution found for torchaudio',
     'PYTHON_UNSUPPORTED', 'not_ready'),
    ('ta_win_py313_only', 'Windows 11, Python 3.13.0\nC:\\Users\\me\\proj> pip install torchaudio\nERROR: Could not find a version that satisfies the requirement torchaudio (from versions: none)\nERROR: No matching distribution found for torchaudio',
     'PYTHON_UNSUPPORTED', 'not_ready'),
    # a version newer than every release (a typo, a future number) is not 'this Python gets releases up to …'
    ('tv_typo_version', '$ pip install torchvision==1.16.0\nERROR: Could not find a version that satisfies the requirement torchvision==1.16.0 (from versions: 0.15.0, 0.15.1, 0.15.2, 0.16.0, 0.16.1, 0.16.2, 0.17.0)\nERROR: No matching distribution found for torchvision==1.16.0',
     'INDEX_VARIANT_MISSING', 'not_ready'),
    ('tv_future_version', '$ pip install torchvision==0.30.0\nERROR: Could not find a version that satisfies the requirement torchvision==0.30.0 (from versions: 0.17.0, 0.17.1, 0.17.2, 0.18.0, 0.18.1, 0.19.0, 0.19.1, 0.20.0, 0.20.1)\nERROR: No matching distribution found for torchvision==0.30.0',
     'INDEX_VARIANT_MISSING', 'not_ready'),
    # 'Collecting torch==X (from pkg)' weighed against the torch pip installed, not the one it replaced (the log ends
    # paired); pip's uninstalling the CUDA build 2.3.0+cu121 for it is a conflict of its own (pip_replaces_gpu_build)
    ('collect_replaces_log', '$ pip install torchtext\nCollecting torchtext\nCollecting torch==2.2.1 (from torchtext)\n  Downloading torch-2.2.1-cp310-cp310-manylinux1_x86_64.whl (755.5 MB)\nInstalling collected packages: torch, torchtext\n  Attempting uninstall: torch\n    Found existing installation: torch 2.3.0+cu121\n    Uninstalling torch-2.3.0+cu121:\n      Successfully uninstalled torch-2.3.0+cu121\nSuccessfully installed torch-2.2.1 torchtext-0.17.1',
     'PACKAGE_CONFLICT', 'not_ready'),
    # a Slurm job that does get a GPU: nvidia-smi in the job, the GPU request told in words, options the reader misses
    ('slurm_gpu_given_smi', '#!/bin/bash\n#SBATCH --partition=ampere\n#SBATCH --time=1:00:00\nnvidia-smi\nsrun python train.py\n\n+-----------------------------------------------------------------------------+\n| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2     |\n|   0  NVIDIA A100-SXM4-80GB  On   | 00000000:07:00.0 Off |                    0 |\ntorch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_gpu_count_prose', 'I run srun python train.py on our cluster with 2 GPUs allocated to the job, nvidia-smi in the job lists them, but torch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_requested_prose', 'I launch with sbatch and request 1 GPU on the cluster, but in the job torch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_script_not_shown', 'I submit my job with `sbatch run.sh` (it asks for one V100 through gres) and inside the job torch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_tres', '#!/bin/bash\n#SBATCH --tres-per-task=gres/gpu:1\n#SBATCH --cpus-per-task=8\nsrun python train.py\ntorch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_G1_nospace', '#!/bin/bash\n#SBATCH -G1\n#SBATCH -t 60\nsrun python train.py\ntorch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    # conda's cudatoolkit from a suggestion not followed outranks the +cu102 the torch shown carries
    ('conda_suggested_not_run', 'Someone suggested `conda install pytorch cudatoolkit=11.3 -c pytorch` but I used pip: torch 1.10.0+cu102.\n| NVIDIA-SMI 440.33.01    Driver Version: 440.33.01    CUDA Version: 10.2     |\ntorch.cuda.is_available() returns False',
     None, 'cannot_tell'),
    # 'driver lower than required by CUDA X' in a question, advice, a solved report
    ('driver_below_q', 'How can I check whether my driver is lower than required for CUDA 12.1? torch.cuda.is_available() returns True, just curious.',
     None, 'ready'),
    ('driver_below_if', 'Note: if your driver version is older than required by CUDA 12.4, install the cu118 build instead. I have 550.54, torch 2.3.0+cu121, is_available() returns True.',
     None, 'ready'),
    ('driver_below_fixed', 'The driver was older than required by CUDA 12.1; I updated it to 550.54 and now torch.cuda.is_available() returns True',
     None, 'ready'),
    # a missing Windows companion wheel in a question / a denial
    ('tv_win_wheel_question', "Does torchvision 0.17.0 have no wheels for windows? I'm asking before I upgrade; right now torch 2.1.0+cu121 works and torch.cuda.is_available() returns True",
     None, 'ready'),
    ('tv_win_wheel_denied', 'I read that torchvision 0.11.2+cu111 has no Windows wheel, but that is wrong: pip installed it fine from the cu111 index and torch.cuda.is_available() returns True',
     None, 'ready'),
    # the capability warning's last line quoted in a question
    ('cap_last_line_question', 'What does "If you want to use the NVIDIA GeForce RTX 4090 GPU with PyTorch, please check the instructions at https://pytorch.org/get-started/locally/" mean? Everything else works and torch.cuda.is_available() returns True',
     None, None),
    # (a message told as a past trouble, fixed since, names no cause: build._as_told, round 46)
    ("cap_last_line_fixed", "I used to get 'If you want to use the NVIDIA GeForce RTX 5090 GPU with PyTorch, "
     "please check the instructions at https://pytorch.org/get-started/locally/' but after installing torch "
     "2.7.0+cu128 it is gone and training runs on the GPU.", None, "ready"),
]

RIGHT = [
    ('slurm_nogres', '#!/bin/bash\n#SBATCH --job-name=train\n#SBATCH --time=02:00:00\n#SBATCH --mem=32G\n\nsrun python train.py\n\nIn the log: torch.cuda.is_available() returns False',
     'DRIVER_MISSING', 'not_ready'),
    ('slurm_ask_howto', 'How do I ask Slurm for a GPU? My srun python train.py says torch.cuda.is_available() returns False',
     'DRIVER_MISSING', 'not_ready'),
    ('slurm_visible_devices', '#!/bin/bash\n#SBATCH --time=01:00:00\nexport CUDA_VISIBLE_DEVICES=0\nsrun python train.py\nCUDA_VISIBLE_DEVICES=0, but torch.cuda.device_count() is 0 and torch.cuda.is_available() returns False',
     'DRIVER_MISSING', 'not_ready'),
    ('slurm_gpus_per_node', '#!/bin/bash\n#SBATCH --gpus-per-node=1\n#SBATCH --time=02:00:00\nsrun python train.py\n\ntorch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_G1', '#!/bin/bash\n#SBATCH -G 1\nsrun python train.py\ntorch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_gres_a100', '#!/bin/bash\n#SBATCH --gres=gpu:a100:2\nsrun python train.py\ntorch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_p_gpu', '#!/bin/bash\n#SBATCH -p gpu\nsrun python train.py\ntorch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_salloc', 'salloc -G 1 -t 60\nsrun python train.py\ntorch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_G_upper_eq', '#!/bin/bash\n#SBATCH --gpus=a100:1\nsrun python train.py\ntorch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_gres_space_sbatch_cmd', 'sbatch --gres gpu:1 job.sh\nIn the job: torch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_srun_npu', "srun -p gpu-a100 --pty bash\n(venv) $ python -c 'import torch; print(torch.cuda.is_available())'\nFalse",
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_nvidia_smi_sees', "srun --pty bash\n$ nvidia-smi\n|   0  Tesla V100-SXM2-32GB     On   | 00000000:1A:00.0 Off |                    0 |\n$ python -c 'import torch; print(torch.__version__, torch.cuda.is_available())'\n2.1.0+cpu False",
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_cpu_build_lines', '#!/bin/bash\n#SBATCH --time=1:00:00\nsrun python check.py\n\nOutput:\ntorch 2.2.0+cpu\nCUDA available: False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('slurm_ready', '#!/bin/bash\n#SBATCH --time=01:00:00\nsrun python check.py\n\n>>> torch.cuda.is_available()\nTrue',
     None, 'ready'),
    ('sbatch_word_in_prose_ready', 'Submitted with sbatch, the job prints torch.cuda.is_available() True and trains on the A100, thanks!',
     None, 'ready'),
    ('ta_win_06', 'C:\\Users\\me\\proj> pip install torchaudio==0.6.0\nERROR: Could not find a version that satisfies the requirement torchaudio==0.6.0 (from versions: none)\nERROR: No matching distribution found for torchaudio==0.6.0',
     'PLATFORM_UNSUPPORTED', 'not_ready'),
    ('tv_py312_old', 'Python 3.12.1 on Ubuntu 22.04\n$ pip install torchvision==0.15.2\nERROR: Could not find a version that satisfies the requirement torchvision==0.15.2 (from versions: 0.17.0, 0.17.1, 0.17.2, 0.18.0, 0.18.1)\nERROR: No matching distribution found for torchvision==0.15.2',
     'PYTHON_UNSUPPORTED', 'not_ready'),
    ('tv_intel_mac', 'MacBook Pro 2019 (Intel i7), macOS 13\n$ pip install torchvision==0.18.0\nERROR: Could not find a version that satisfies the requirement torchvision==0.18.0 (from versions: 0.1.6, 0.1.7, 0.1.8, 0.1.9, 0.2.0, 0.2.1, 0.2.2, 0.2.2.post2, 0.2.2.post3, 0.15.0, 0.15.1, 0.15.2, 0.16.0, 0.16.1, 0.16.2, 0.17.0, 0.17.1, 0.17.2)\nERROR: No matching distribution found for torchvision==0.18.0',
     'PLATFORM_UNSUPPORTED', 'not_ready'),
    ('tv_cu_pypi', '$ pip install torchvision==0.16.0+cu121\nERROR: Could not find a version that satisfies the requirement torchvision==0.16.0+cu121 (from versions: 0.15.0, 0.15.1, 0.15.2, 0.16.0, 0.16.1)\nERROR: No matching distribution found for torchvision==0.16.0+cu121',
     'INDEX_VARIANT_MISSING', 'not_ready'),
    ('tv_source_build', 'ERROR: No matching distribution found for torchvision==0.6.0a0+82fd1c8 (from -r requirements.txt (line 3))',
     'INDEX_VARIANT_MISSING', 'not_ready'),
    ('tv_win_py32bit', 'Python 3.10.11 (tags/v3.10.11:7d4cc5a, Apr  5 2023, 00:38:17) [MSC v.1929 32 bit (Intel)] on win32\nC:\\Users\\me\\proj> pip install torchvision==0.16.0\nERROR: Could not find a version that satisfies the requirement torchvision==0.16.0 (from versions: none)\nERROR: No matching distribution found for torchvision==0.16.0',
     'PYTHON_UNSUPPORTED', 'not_ready'),
    ('jetson_tv', 'Jetson Orin Nano, JetPack 5.1.2, Python 3.8\n$ pip3 install torchvision==0.16.0\nERROR: Could not find a version that satisfies the requirement torchvision==0.16.0 (from versions: 0.1.6, 0.1.7, 0.1.8, 0.1.9, 0.2.0, 0.2.1, 0.2.2, 0.2.2.post2, 0.2.2.post3)\nERROR: No matching distribution found for torchvision==0.16.0',
     'PLATFORM_UNSUPPORTED', 'not_ready'),
    ('companion_mirror_lag', 'Using the Tsinghua mirror: pip install torchvision==0.20.1 -i https://pypi.tuna.tsinghua.edu.cn/simple\nERROR: Could not find a version that satisfies the requirement torchvision==0.20.1 (from versions: 0.17.0, 0.17.1, 0.17.2, 0.18.0, 0.18.1, 0.19.0, 0.19.1, 0.20.0)\nERROR: No matching distribution found for torchvision==0.20.1',
     'INDEX_VARIANT_MISSING', 'not_ready'),
    ('pip_pair_ok', 'Successfully installed torch-2.1.0 torchvision-0.16.0 torchaudio-2.1.0',
     None, 'cannot_tell'),
    ('pip_pair_ok_cu', 'Successfully installed torch-2.1.0+cu118 torchvision-0.16.0+cu118 torchaudio-2.1.0+cu118',
     None, 'cannot_tell'),
    ('pip_pair_bad', 'Successfully installed torch-2.2.0 torchvision-0.16.0',
     'PACKAGE_CONFLICT', 'not_ready'),
    ('pip_upgrade_log', 'Attempting uninstall: torch\n    Found existing installation: torch 2.0.1\n    Uninstalling torch-2.0.1:\n      Successfully uninstalled torch-2.0.1\nSuccessfully installed torch-2.1.0+cu121 torchvision-0.16.0+cu121',
     None, None),
    ('pip_upgrade_log_cpu', 'Attempting uninstall: torchvision\n    Found existing installation: torchvision 0.15.2\n    Uninstalling torchvision-0.15.2:\n      Successfully uninstalled torchvision-0.15.2\nAttempting uninstall: torch\n    Found existing installation: torch 2.0.1\n      Successfully uninstalled torch-2.0.1\nSuccessfully installed torch-2.1.2 torchvision-0.16.2',
     None, None),
    ('pip_pair_then_true', 'Successfully installed torch-2.3.1+cu121 torchvision-0.18.1+cu121 torchaudio-2.3.1+cu121\n>>> torch.cuda.is_available()\nTrue',
     None, 'ready'),
    ('pip_ta_212', 'Successfully installed torch-2.1.2 torchaudio-2.1.2 torchvision-0.16.2',
     None, None),
    ('pip_tv_then_prose_old', 'I had torch 1.13.1 before. Now: Successfully installed torch-2.1.0 torchvision-0.16.0',
     None, None),
    ('pip_different_envs', 'In my base env I have torch 2.2.0. In the new venv: Successfully installed torchvision-0.16.0 torch-2.1.0',
     None, None),
    ('pip_tv_only_with_list', 'torch 2.1.2+cu121\n$ pip install torchvision --no-deps\nSuccessfully installed torchvision-0.16.2',
     None, None),
    ('collect_inside', 'torch 2.3.0+cu121 is installed\nCollecting torch>=1.8 (from timm)\n  Using cached torch-2.3.0',
     None, None),
    ('collect_outside_piplist', '$ pip list | grep torch\ntorch                 2.3.0+cu121\n$ pip install xformers==0.0.23\nCollecting xformers==0.0.23\nCollecting torch==2.1.1 (from xformers==0.0.23)\n  Downloading torch-2.1.1-cp310-cp310-manylinux1_x86_64.whl (670.2 MB)',
     'PACKAGE_CONFLICT', 'not_ready'),
    ('collect_req_satisfied', "Collecting torch==2.1.0 (from mypkg)\n  Downloading torch-2.1.0-cp310-cp310-manylinux1_x86_64.whl\nSuccessfully installed torch-2.1.0 mypkg-1.0\n>>> import torch; torch.__version__\n'2.1.0+cu121'\n>>> torch.cuda.is_available()\nTrue",
     None, 'ready'),
    ('collect_fresh_env_true', 'Collecting torch==2.0.1 (from -r requirements.txt (line 1))\nCollecting torchvision==0.15.2 (from -r requirements.txt (line 2))\nCollecting torch==2.0.1 (from torchvision==0.15.2)\nSuccessfully installed torch-2.0.1 torchvision-0.15.2\ntorch.cuda.is_available() -> True',
     None, 'ready'),
    ('collect_win_replaces_cuda', 'C:\\Users\\me> pip install torchtext\nCollecting torch==2.2.1 (from torchtext)\n  Downloading torch-2.2.1-cp311-cp311-win_amd64.whl (198.6 MB)\n  Attempting uninstall: torch\n    Found existing installation: torch 2.3.0+cu121\n    Uninstalling torch-2.3.0+cu121:\n      Successfully uninstalled torch-2.3.0+cu121\nSuccessfully installed torch-2.2.1 torchtext-0.17.1\nNow torch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('ncc_version_mismatch', "docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error running hook #0: error running hook: exit status 1, stdout: , stderr: Auto-detected mode as 'legacy'\nnvidia-container-cli: initialization error: nvml error: driver/library version mismatch: unknown.",
     'DRIVER_MISSING', 'not_ready'),
    ('ncc_requirement', 'docker: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container process caused: process_linux.go:545: container init caused: Running hook #0:: error running hook: exit status 1, stdout: , stderr: nvidia-container-cli: requirement error: unsatisfied condition: cuda>=12.1, please update your driver to a newer version, or use an earlier cuda container: unknown.',
     'DRIVER_TOO_OLD', 'not_ready'),
    ('ncc_libnvml_wsl', "Ubuntu on WSL2, Windows 11, RTX 3060\n$ docker run --rm --gpus all nvidia/cuda:12.2.0-base-ubuntu22.04 nvidia-smi\ndocker: Error response from daemon: failed to create task for container: ... stderr: Auto-detected mode as 'legacy'\nnvidia-container-cli: initialization error: load library failed: libnvidia-ml.so.1: cannot open shared object file: no such file or directory: unknown.",
     'WSL_DRIVER', 'not_ready'),
    ('ncc_driver_error', '$ docker run --gpus all -it pytorch/pytorch:2.1.0-cuda12.1-cudnn8-runtime\ndocker: Error response from daemon: ... stderr: nvidia-container-cli: initialization error: driver error: failed to process request: unknown.',
     'DRIVER_MISSING', 'not_ready'),
    ('cap_last_line', '/opt/conda/lib/python3.10/site-packages/torch/cuda/__init__.py:173: UserWarning:\nIf you want to use the NVIDIA GeForce RTX 5080 GPU with PyTorch, please check the instructions at https://pytorch.org/get-started/locally/',
     'GPU_ARCH_UNSUPPORTED', 'not_ready'),
    ('elsewhere_basic', 'I am able to run the GPU version of pytorch on other projects, but in this one torch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('elsewhere_question', 'Can I use the GPU version of pytorch in other projects too, or only in this venv? Here torch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('killed_ownline', '>>> torch.cuda.is_available()\nTrue\n$ python train.py\nEpoch 1/10\nKilled',
     'DISK_OR_NETWORK', 'not_ready'),
    ('cpu_machine_real', "I'm running inference on a CPU machine (no GPU). AssertionError: Torch not compiled with CUDA enabled",
     'NO_NVIDIA_GPU', 'not_ready'),
    ('cpu_machine_moved', 'Training on a CPU machine was too slow, so I moved to my desktop with an RTX 3060, and there torch.cuda.is_available() returns False',
     'CPU_ONLY_WHEEL', 'not_ready'),
    ('cpu_machine_both', 'The script works on a CPU machine. On the GPU server (4x A100) I get RuntimeError: CUDA error: no kernel image is available for execution on the device',
     'GPU_ARCH_UNSUPPORTED', 'not_ready'),
    ('cpu_machine_deploy_ready', 'I want to deploy this on a CPU machine later; for now on my RTX 3090 torch.cuda.is_available() returns True',
     None, 'ready'),
    ('mmcv_impl', 'RuntimeError: nms_impl: implementation for device cuda:0 not found.',
     'PACKAGE_CONFLICT', 'not_ready'),
    ('driver_below_real', 'The NVIDIA driver on my server is lower than required by CUDA 12.1, and I cannot update it. torch.cuda.is_available() returns False',
     'DRIVER_TOO_OLD', 'not_ready'),
    ('conda_113_on_112', 'conda install pytorch==1.12.1 torchvision cudatoolkit=11.3 -c pytorch\n| NVIDIA-SMI 460.91.03    Driver Version: 460.91.03    CUDA Version: 11.2     |\ntorch.cuda.is_available() returns False',
     None, 'cannot_tell'),
    ('conda_102_on_101', 'conda install pytorch torchvision cudatoolkit=10.2 -c pytorch\n| NVIDIA-SMI 418.87.01    Driver Version: 418.87.01    CUDA Version: 10.1     |\ntorch.cuda.is_available() returns False',
     'DRIVER_TOO_OLD', 'not_ready'),
    ('conda_pc121_on_118', 'conda install pytorch torchvision pytorch-cuda=12.1 -c pytorch -c nvidia\n| NVIDIA-SMI 520.61.05    Driver Version: 520.61.05    CUDA Version: 11.8     |\ntorch.cuda.is_available() returns False',
     'DRIVER_TOO_OLD', 'not_ready'),
    ('conda_then_pip_cu', 'First I tried conda install pytorch cudatoolkit=11.8 -c pytorch, then replaced it with pip install torch --index-url https://download.pytorch.org/whl/cu118 ; torch.version.cuda prints 11.8\n| NVIDIA-SMI 470.82.01    Driver Version: 470.82.01    CUDA Version: 11.4     |\ntorch.cuda.is_available() returns False',
     None, 'cannot_tell'),
    ('words_true_cpu', 'torch.cuda.is_available() returns True, but my training still runs on the CPU and is very slow',
     None, 'ready'),
]


@pytest.mark.parametrize(("text", "first", "verdict"), review_params(PROBLEMS + RIGHT))
def test_review38(text: str, first: str | None, verdict: str | None) -> None:
    assert_answer(text, first, verdict)


def test_review38_container_cli_beside_a_working_host_driver_is_not_told_a_broken_driver() -> None:
    """nvidia-smi works on the host and Docker is a snap: libnvidia-ml.so.1 is there, Docker cannot load it
    (NVIDIA/nvidia-docker#1711, canonical/docker-snap#148); 'the NVIDIA driver isn't working' sends the person to
    reinstall a driver that works."""
    text = 'nvidia-smi on the host works fine (Driver Version: 535.129.03, CUDA Version: 12.2, RTX 4090).\nI installed docker with snap.\n$ docker run --gpus all nvidia/cuda:12.2.0-base-ubuntu22.04 nvidia-smi\ndocker: Error response from daemon: ... nvidia-container-cli: initialization error: load library failed: libnvidia-ml.so.1: cannot open shared object file: no such file or directory: unknown.'
    assert "driver isn't working" not in first_error(text).title
