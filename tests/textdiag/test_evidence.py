"""Facts written in prose or other tools' formats, each with a confidence and the span it came from."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import facts_of
from wizard.textdiag.clean import clean_text
from wizard.textdiag.evidence import extract_facts


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("Windows 11 laptop, rtx3060 laptop, driver 546.33", {"os": "windows", "os_release": "11",
                                                              "gpu_name": "NVIDIA GeForce RTX 3060 Laptop GPU",
                                                              "driver_version": "546.33"}),
        ("my GTX 1050ti on win10", {"gpu_name": "NVIDIA GeForce GTX 1050 Ti", "os": "windows", "os_release": "10"}),
        ("On my MacBook Pro with the M2 chip", {"os": "darwin", "machine": "arm64", "gpu_vendor": "apple"}),
        ("this error on Apple M1 even though the rest runs well", {"os": "darwin", "gpu_vendor": "apple"}),
        ("M1 even though the rest runs well", {"gpu_vendor": None}),
        ("Jetson Orin, JetPack 6", {"platform_board": "jetson", "machine": "aarch64"}),
        ("Ubuntu 22.04 under WSL2", {"os": "linux", "is_wsl": "true"}),
        ("Ubuntu from the Store, running in Windows Subsystem for Linux", {"os": "linux", "is_wsl": "true"}),
        ("在适用于 Linux 的 Windows 子系统中运行", {"os": "linux", "is_wsl": "true"}),
        ("I use Python 3.12 from python.org", {"python_version": "3.12"}),
        ("C:\\Users\\me> py -3.13 -m pip install torch", {"python_version": "3.13", "os": "windows"}),
        ("PS C:\\work> py.exe -3.9-64 train.py", {"python_version": "3.9", "python_bits": None}),
        ("py -3.8-32 -m pip install torch", {"python_version": "3.8", "python_bits": "32"}),
        ("Someone on reddit said to run py -3.12 instead", {"python_version": None}),
        ("C:\\Users\\me\\AppData\\Local\\Programs\\Python\\Python38-32\\python.exe", {"python_bits": "32"}),
        ("AMD Radeon RX 6800 XT", {"gpu_vendor": "amd"}),
        # Intel's GPUs by their marketing names, with or without "Intel" before them
        ("a Dell XPS 13 with Iris Xe graphics", {"gpu_vendor": "intel"}),
        ("Display: Intel(R) Iris(R) Xe Graphics", {"gpu_vendor": "intel"}),
        ("only UHD Graphics 620 in this laptop", {"gpu_vendor": "intel"}),
        # Lightning's collect_env_details (its bug-report template), Markdown bullets and tabs included
        ("* CUDA:\n\t- GPU:\n\t\t- Tesla T4\n\t- available:         True\n\t- version:           12.1\n"
         "* Lightning:\n\t- torch:             2.1.0+cu121\n",
         {"cuda_available": "true", "torch_cuda": "12.1", "torch_installed": "2.1.0+cu121"}),
        ("pip could not download anything, I think the firewall is blocking it", {"network_failure": "prose"}),
        # detectron2's collect_env table (tabulate) and OpenMMLab's collect_env print torch.cuda.is_available()
        ("PyTorch Debug Build    False\nCUDA available         True\nGPU 0,1                NVIDIA GeForce RTX 3090\n",
         {"cuda_available": "true"}),
        ("PyTorch debug build    False\nGPU available          False\nPillow                 10.0.1\n",
         {"cuda_available": "false"}),
        ("sys.platform: linux\nCUDA available: True\nGPU 0: NVIDIA A100-SXM4-40GB\n", {"cuda_available": "true"}),
        ("Hi! My GPU is unfortunately not by nvidia and so its not possible", {"no_nvidia_gpu": "true"}),
        ("my graphics card isn't an NVIDIA one", {"no_nvidia_gpu": "true"}),
        ("My laptop only has integrated graphics.", {"no_nvidia_gpu": "true"}),
        ("I am on a CPU-only machine, no GPU there", {"no_nvidia_gpu": "true"}),
        ("我的电脑只有核显，能用吗", {"no_nvidia_gpu": "true"}),
        ("没有N卡，是A卡", {"no_nvidia_gpu": "true", "gpu_vendor": "amd"}),
        # the other languages the wizard speaks
        ("Ich habe leider keine NVIDIA-Grafikkarte, nur Intel.", {"no_nvidia_gpu": "true"}),
        ("Je n'ai pas de carte graphique NVIDIA sur ce portable.", {"no_nvidia_gpu": "true"}),
        ("No tengo tarjeta gráfica NVIDIA, solo la integrada.", {"no_nvidia_gpu": "true"}),
        ("Não tenho placa de vídeo dedicada no notebook.", {"no_nvidia_gpu": "true"}),
        ("ノートPCなのでNVIDIAのGPUは搭載されていません。", {"no_nvidia_gpu": "true"}),
        ("노트북에 그래픽카드가 없습니다.", {"no_nvidia_gpu": "true"}),
        # torch.utils.bottleneck's Environment Summary
        ("PyTorch 1.10.0+cu113 compiled w/ CUDA 11.3\nRunning with Python 3.8 and CUDA 11.3.109\n",
         {"cuda_available": "true"}),
        ("PyTorch 2.1.0+cpu not compiled w/ CUDA\nRunning with Python 3.10 and \n", {"torch_build": "cpu"}),
        # Hugging Face's env reports and Lightning's device log
        ("- PyTorch version (GPU?): 1.13.1+cu117 (False)", {"torch_version": "1.13.1+cu117", "cuda_available": "false"}),
        ("- PyTorch version (accelerator?): 2.6.0 (NA)", {"torch_version": "2.6.0", "cuda_available": "false"}),
        ("gpu available: False, used: True", {"cuda_available": "false"}),
        ("_CudaDeviceProperties(name='NVIDIA GeForce RTX 3060', major=8, minor=6, total_memory=11938MB)",
         {"cuda_works": "true", "gpu_name": "NVIDIA GeForce RTX 3060", "capability": "8.6"}),
        # torch's ROCm build names its AMD device through torch.cuda too: working, but no NVIDIA GPU
        ("_CudaDeviceProperties(name='AMD Radeon RX 7900 XTX', major=11, minor=0, total_memory=24560MB)",
         {"cuda_works": "true", "gpu_vendor": "amd", "gpu_name": None}),
        # an issue template's OS field answered "mac" in lower case, in any language
        ("环境：mac\npyhton：3.12.9", {"os": "darwin"}),
        ("Hi, this fails.\n- OS: mac", {"os": "darwin"}),
    ],
)
def test_prose_and_product_names_become_facts(prose: str, expected: dict[str, str]) -> None:
    facts = facts_of(prose)
    assert {key: facts.get(key) for key in expected} == expected


def test_pip_commands_output_and_tables_give_versions_and_the_request() -> None:
    facts = facts_of(
        "pip install torch==2.1.0+cu121 --index-url https://download.pytorch.org/whl/cu121\n"
        "Successfully installed torch-2.1.0+cu121 torchvision-0.16.0+cu121\n"
        "numpy                     2.0.1\n"
    )
    assert facts["index_variant"] == "cu121" and facts["torch_installed"] == "2.1.0+cu121"
    assert facts["torch_variant"] == "cu121" and facts["torchvision_version"] == "0.16.0+cu121"
    assert facts["numpy_version"] == "2.0.1"


def test_a_yolo_banner_that_chose_the_cpu_names_the_running_torch() -> None:
    """Ultralytics/YOLOv5 select_device() prints torch.__version__ of the imported torch; a paste comparing a run on
    the GPU with one on the CPU reports the CPU one, so only that banner is read."""
    facts = facts_of(
        "Ultralytics YOLOv8.0.53 Python-3.9.1 torch-1.8.1+cu111 CUDA:0 (NVIDIA GeForce RTX 3070, 8192MiB)\n"
        "Ultralytics YOLOv8.0.54 Python-3.10.6 torch-2.0.0+cpu CPU\n"
    )
    assert facts["torch_version"] == "2.0.0+cpu"
    assert facts_of("YOLOv5 🚀 v7.0-1 Python-3.8.10 torch-1.13.1+cu117 CPU\n")["torch_version"] == "1.13.1+cu117"
    assert "torch_version" not in facts_of("Ultralytics 8.3.106 🚀 Python-3.13.3 torch-2.6.0+cu126 CUDA:0 (NVIDIA "
                                           "GeForce RTX 4080 SUPER, 16376MiB)\n")


def test_conda_list_row_names_the_build() -> None:
    facts = facts_of("pytorch                   2.1.0           py3.11_cuda12.1_cudnn8_0    pytorch\n")
    assert facts["torch_version"] == "2.1.0" and facts["torch_variant"] == "cu121"


def test_older_conda_package_names_are_torch_too() -> None:
    """pytorch-cpu / pytorch-nightly rows (the pytorch channel before 1.0), also quoted inline in Markdown."""
    facts = facts_of("``` pytorch-cpu               0.4.1           py36_cpuhe774522_1    pytorch ```\n")
    assert facts["torch_version"] == "0.4.1" and facts["torch_installed"] == "0.4.1" and facts["torch_build"] == "cpu"
    assert "torch_version" not in facts_of("pytorch-lightning         1.9.5           pyhd8ed1ab_0    conda-forge\n")


@pytest.mark.parametrize(
    "text",
    ["inferences_tts.ipynb, cell 1", "<ipython-input-10-eb42ca6e4af3> in <module>", "Cell In[3], line 1",
     "I run it in Jupyter Lab", "IPython 5.1.0 -- An enhanced Interactive Python."],
)
def test_jupyter_and_ipython_are_recognised(text: str) -> None:
    assert facts_of(text).get("runs_in_notebook") == "true"


def test_a_laptop_called_notebook_is_no_jupyter_notebook() -> None:
    assert "runs_in_notebook" not in facts_of("My notebook has a GTX 1650 and the kernel is 6.5")


def test_issue_template_fields() -> None:
    facts = facts_of(" - PyTorch Version (e.g., 1.0): 1.3\n - OS (e.g., Linux): Ubuntu 18.04\n - Python version: 3.7\n")
    assert (facts["torch_version"], facts["os"], facts["python_version"]) == ("1.3", "linux", "3.7")


def test_environment_variables_are_facts_but_proxy_values_are_never_kept() -> None:
    facts = facts_of(
        "export LD_LIBRARY_PATH=/usr/local/cuda-11.0/lib64\nCUDA_VISIBLE_DEVICES=''\n"
        "set HTTPS_PROXY=http://user:secret@proxy.corp:8080\n"
    )
    assert facts["ld_library_path"] == "/usr/local/cuda-11.0/lib64"
    assert facts["cuda_visible_devices"] == "(empty)"
    assert facts["proxy_set"] == "true" and "secret" not in " ".join(facts.values())


def test_where_python_output_lists_interpreters() -> None:
    facts = facts_of("C:\\> where python\nC:\\Users\\me\\miniconda3\\python.exe\n")
    assert facts["python_path"].endswith("python.exe")


def test_each_fact_carries_the_span_it_was_read_from() -> None:
    clean = clean_text("Laptop: Windows 11, RTX 4070, Python 3.11")
    for fact in extract_facts(clean):
        assert 0 <= fact.start < fact.end <= len(clean.text) and 0 < fact.confidence <= 1
    gpu = next(f for f in extract_facts(clean) if f.key == "gpu_name")
    assert clean.text[gpu.start:gpu.end] == "RTX 4070"


def test_binary_text_yields_no_facts() -> None:
    assert extract_facts(clean_text("\x00\x01\x02" * 1000)) == []


@pytest.mark.parametrize(
    "prose",
    [
        "my GPU is not detected by nvidia-smi",  # a driver problem, not another vendor's GPU
        "the CUDA available memory is low",  # "CUDA available" inside a sentence, not a collect_env row
        "Is the GPU available in the container?",
        "I installed the CPU-only build of torch",  # the build, not the machine
        "GPU available: True",  # any script's print (TensorFlow's too): only the toolboxes' own formats count
        "Die GPU ist keine Ausrede, ich habe eine RTX 3060",  # "keine" not about owning a GPU
        "Il n'y a pas de problème avec le GPU",  # "pas de" about a problem, not an NVIDIA GPU
        "CUDA対応GPUがないと動きません",  # "without a CUDA GPU it does not run": a condition, not this machine
        "GPU가 없으면 CPU로 실행됩니다",  # the same in Korean
        "it uses the integrated graphics instead of the RTX 3060",  # both GPUs there
        # bottleneck's line ends after "and" both without CUDA and without a known runtime version
        "PyTorch 1.10.0+cu113 DEBUG compiled w/ CUDA 11.3\nRunning with Python 3.8 and \n",
    ],
)
def test_look_alikes_say_nothing_about_the_gpu_vendor_or_cuda(prose: str) -> None:
    facts = facts_of(prose)
    assert "no_nvidia_gpu" not in facts and "cuda_available" not in facts


def test_torch_loads_cpu_only_advice_is_no_statement_about_the_machine() -> None:
    # torch/serialization.py prints it wherever CUDA is unavailable: "if you are running on ..." is a condition
    facts = facts_of(
        "RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you "
        "are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your "
        "storages to the CPU.")
    assert facts.get("cuda_available") == "false" and "no_nvidia_gpu" not in facts
    assert facts_of("I am on a CPU-only machine, please help")["no_nvidia_gpu"] == "true"


@pytest.mark.parametrize(
    ("notebook", "expected"),
    [
        # nbconvert / GitHub render a cell's code, a blank line or two, then its output
        ("In [3]:\nimport torch\n\ntorch.cuda.is_available()\n\n\nTrue\n", {"cuda_available": "true"}),
        ("In [3]:\ntorch.cuda.device_count()\n\n1\n", {"cuda_works": "true"}),
        ("In [4]:\ntorch.cuda.get_device_name(0)\n\n'Tesla V100-PCIE-32GB'\n", {"gpu_name": "NVIDIA Tesla V100-PCIE-32GB"}),
    ],
)
def test_a_rendered_notebook_output_after_blank_lines_is_read(notebook: str, expected: dict[str, str]) -> None:
    facts = facts_of(notebook)
    assert {key: facts.get(key) for key in expected} == expected


def test_a_value_far_below_the_call_is_not_its_output() -> None:
    # three blank lines and a paragraph later, a lone "1" is a page number or a list, not device_count()'s output
    assert "cuda_works" not in facts_of("torch.cuda.device_count()\n\n\n\n1\n")


@pytest.mark.parametrize("text", ["    /Users/btv/pysandbox/lib/python3.8/site-packages/setuptools/depends.py:2",
                                  "Platform: Darwin 23.1.0", "  File \"/opt/homebrew/lib/python3.12/x.py\""])
def test_macos_paths_and_words_say_macos(text: str) -> None:
    """os_mac: a /Users/ path, "Darwin" or Homebrew's prefix is macOS (they are not words _os_word knew)."""
    assert facts_of(text)["os"] == "darwin"


@pytest.mark.parametrize("text", ["(custom_env) me@MY-MBP ULTRA % pip install torch==2.1.0",
                                  "jane@Janes-MacBook-Air ~ % python3 -c \"import torch\""])
def test_the_macos_zsh_prompt_says_macos(text: str) -> None:
    """os_mac_zsh_prompt: macOS's /etc/zshrc prompt "%n@%m %1~ %# " before a command."""
    assert facts_of(text)["os"] == "darwin"


@pytest.mark.parametrize("text", ["me@box:~/proj$ pip install torch", "[me@box]~/proj% pip install torch",
                                  "box% pip install torch", "reached 50 % of the download", "me@host ~ % 42"])
def test_other_prompts_and_percentages_are_no_macos_prompt(text: str) -> None:
    assert facts_of(text).get("os") != "darwin"


def test_a_machine_a_package_requires_is_not_the_machine_the_text_runs_on() -> None:
    assert "machine" not in facts_of("Is there any ARM support? The pip install doesn't work because it requires x86_64")
    assert "machine" not in facts_of("the wheels are only built for amd64")
    assert facts_of("pip install fails on my x86_64 box")["machine"] == "x86_64"
