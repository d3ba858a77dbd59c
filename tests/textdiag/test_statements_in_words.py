"""What people state about their setup in words, in the nine languages read (wizard.textdiag.statements): the GPU
unused / not detected / CUDA unavailable (fact gpu_unused), the CPU build of torch told (fact torch_build_told), and
the OS named in words. Only statements of what happens count: never a question, a wish, an advice, a conditional,
a line of code, or torch's own message.
"""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import facts_of


@pytest.mark.parametrize("said", [
    # English
    "It doesn't use my GPU at all",
    "PyTorch is not using the GPU",
    "the GPU is not being used",
    "GPU not detected",
    "My GPU is not recognized by torch",
    "my RTX 3060 is not being used",
    "It runs on the CPU",
    "it always runs on CPU",
    "it still uses the CPU",
    "CUDA is not available",
    "cuda not available",
    "I can't use the GPU",
    "it could not detect my GPU",
    "no GPU detected",
    "no compatible GPUs were discovered",
    "GPU usage stays at 0%",
    "Why is torch not using my GPU?",  # a why-question presupposes what it asks about
    "When I run the script, it only uses the CPU",  # the person's own action, then what happened
    "Please help me my GPU is not detected",  # a plea for help is no advice
    "It doesn't use the GPU when I run train.py",  # "when" with the person's own action
    "Still running on CPU",
    "¿Por qué PyTorch no usa la GPU?",
    "Pourquoi PyTorch n'utilise pas le GPU ?",
    "Warum erkennt PyTorch meine GPU nicht?",
    "Почему torch не видит видеокарту?",
    "なぜGPUが使われないのでしょうか",
    "it's training on the CPU",
    "请问为什么GPU识别不到",
    "识别不到GPU什么原因",  # 什么 (what) is no question particle
    "Once again it doesn't use the GPU",
    "CUDA not available - defaulting to CPU. Note: This module is much faster with a GPU.",  # an application's log
    # Chinese
    "我的程序只用CPU",
    "训练一直用的是cpu",
    "每次运行项目都显示是cpu",
    "没有用到GPU",
    "用不了GPU",
    "无法使用GPU",
    "识别不到GPU",
    "GPU识别不到",
    "检测不到显卡",
    "cuda不可用",
    "GPU占用率一直是0",
    # Japanese
    "GPUが使われない",
    "CPUで動いています",
    "GPUを認識しない",
    "CUDAが使えない",
    "GPUが認識されていません",
    # Korean
    "GPU를 사용하지 않아요",
    "CPU로만 돌아갑니다",
    "GPU 인식이 안 돼요",
    "CUDA를 사용할 수 없습니다",
    "왜 GPU를 사용하지 않나요?",
    # Russian
    "Программа не использует видеокарту",
    "всё работает на процессоре",
    "torch не видит видеокарту",
    "CUDA недоступна",
    "Как использовать видеокарту, а не процессор?",  # (how to make it use the GPU: it runs on the CPU)
    "считает на процессоре вместо видеокарты",
    # Spanish
    "usa la CPU en lugar de la GPU",
    "PyTorch no usa la GPU",
    "no detecta la GPU",
    "CUDA no está disponible",
    # Portuguese (Brazil)
    "usa a CPU em vez da GPU",
    "o PyTorch não usa a GPU",
    "não reconhece a GPU",
    "CUDA não está disponível",
    # German
    "nutzt nur die CPU",
    "PyTorch verwendet nicht die GPU",
    "GPU wird nicht erkannt",
    "CUDA ist nicht verfügbar",
    # French
    "utilise le CPU au lieu du GPU",
    "PyTorch n'utilise pas le GPU",
    "ne détecte pas le GPU",
    "CUDA n'est pas disponible",
    # and the same told other ways
    "Torch is not detecting my GPU",
    "It is running on CPU only",
    "程序只跑在CPU上",
    "cudaが使えず困っています",
    "GPU가 안 잡혀요",
    "обучение идёт на CPU",
    "no me detecta la GPU",
    "o PyTorch não está usando a GPU",
    "es läuft alles auf der CPU",
    "PyTorch ne reconnaît pas ma carte graphique",
])
def test_the_gpu_unused_stated_in_each_language_is_a_fact(said: str) -> None:
    assert facts_of(said).get("gpu_unused") == "true"


@pytest.mark.parametrize("not_stated", [
    # questions, wishes, advice
    "How do I make it use the GPU?",
    "It should use the GPU",
    "It should not run on the CPU",
    "I want it to not run on the CPU",
    "Make sure the GPU is detected",
    "Make sure the GPU is not being used by another process",
    "Does it not use the GPU?",
    # conditionals, in the fact's own clause or opening the sentence
    "If CUDA is not available, it falls back to the CPU.",
    "if I can't use the GPU, training takes days",
    "The model will not use the GPU unless you pass device=0",
    "It falls back to the CPU if CUDA is not available",
    # capability and generic statements, not what happened
    "You can run it on CPU",
    "Training on CPU is slow",
    "This model runs on CPU as well",
    "It runs on CPU and GPU",
    "也能在CPU上运行",
    "работает на CPU тоже",
    "corre en la CPU también",
    "roda na CPU também",
    "läuft auf der CPU auch",
    "tourne sur le CPU aussi",
    # CMake about the toolkit, a package's version: not the device
    "-- Could NOT find CUDA (missing: CUDA_TOOLKIT_ROOT_DIR CUDA_NVCC_EXECUTABLE)",
    "I'm not using the GPU version",
    # contrast, not the GPU unused
    "It runs fine on CPU but crashes on GPU",
    # code
    'device = "cuda" if torch.cuda.is_available() else "cpu"',
    '    print("CUDA is not available")',
    # torch's own messages (signatures read them)
    "RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you "
    "are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your "
    "storages to the CPU.",
    "UserWarning: User provided device_type of 'cuda', but CUDA is not available. Disabling",
    "UserWarning: torch.cuda.amp.GradScaler is enabled, but CUDA is not available.  Disabling.",
    "RuntimeError: No CUDA GPUs are available",
    "AssertionError: Torch not compiled with CUDA enabled",
    # "no GPU" is another fact (no_nvidia_gpu), not the GPU unused
    "我的电脑没有GPU",
    "GPUがない",
    # Chinese: a conditional, an advice, a yes/no question
    "如果cuda不可用就用cpu",
    "cuda不可用时会使用CPU",
    "可以在cpu上跑",
    "怎么才能不用CPU",
    "是不是没有用到GPU吗",
    # Japanese: a conditional, a question
    "GPUが使えない場合はCPUで実行されます",
    "GPUが使えないですか？",
    # Korean: a conditional, a yes/no question, an advice
    "GPU를 사용하지 않으면 느립니다",
    "GPU를 사용하지 않나요?",
    "CPU로 실행하세요",
    # the other languages' conditionals and advice
    "Если CUDA недоступна, используйте CPU",
    "Si CUDA no está disponible, usa la CPU",
    "Se a GPU não for detectada, usa a CPU",
    "Wenn CUDA nicht verfügbar ist, nutzt es die CPU",
    "Si CUDA n'est pas disponible, utilise le CPU",
    "Asegúrate de que la GPU no se usa en otro proceso",
    # yes/no questions in Spanish, French, German
    "¿PyTorch no usa la GPU?",
    "Est-ce que PyTorch n'utilise pas le GPU ?",
    "Erkennt PyTorch die GPU nicht?",
    "Stelle sicher, dass die GPU nicht genutzt wird",
    # the GPU free of other programs
    "nvidia-smi shows the GPU is not used by any other process",
    "The GPU is not being used by another program while I train",
    # working now: "it runs on the GPU, not the CPU"
    "Теперь работает на видеокарте, а не процессоре",
])
def test_questions_wishes_advice_conditionals_code_and_torchs_messages_are_no_such_fact(not_stated: str) -> None:
    assert "gpu_unused" not in facts_of(not_stated)


@pytest.mark.parametrize("told", [
    "torch.cuda.is_available()가 False를 반환합니다",
    "torch.cuda.is_available() 결과가 False입니다",
    "torch.cuda.is_available() возвращает False",
    "torch.cuda.is_available() devuelve False",
    "torch.cuda.is_available() retorna False",
    "torch.cuda.is_available() gibt False zurück",
    "torch.cuda.is_available() renvoie False",
])
def test_is_available_false_told_in_korean_russian_spanish_portuguese_german_french(told: str) -> None:
    assert facts_of(told).get("cuda_available") == "false"


def test_mps_told_in_spanish_and_a_bare_check_in_code_are_not_cuda_unavailable() -> None:
    assert "cuda_available" not in facts_of("torch.backends.mps.is_available() devuelve False")
    assert "cuda_available" not in facts_of("if not torch.cuda.is_available(): print('no')")


@pytest.mark.parametrize("told", [
    "my torch is the cpu version",
    "I installed pytorch gpu version with the official command, only to find it turned to the cpu version.",
    "I always get the CPU version",
    "I have the CPU version of torch",
    "my torch was not compiled with CUDA",
    "my torch has no CUDA",
    "torch is missing CUDA support",
    "我的torch没有cuda",
    "装的是cpu版本的torch",
    "我的torch是cpu版本",
    "用的是cpu版本",
    "CPU版のPyTorchが入っています",
    "PyTorchがCPU版になっていました",
    "torch가 CPU 버전입니다",
    "CPU 버전 torch가 설치되어 있어요",
    "у меня стоит версия torch для CPU",
    "установилась CPU-версия torch",
    "torch собран без CUDA",
    "instalé la versión de CPU de torch",
    "torch no tiene CUDA",
    "la versión de CPU de torch se instaló",
    "instalei a versão CPU do torch",
    "o torch está sem CUDA",
    "Ich habe die CPU-Version von torch installiert",
    "torch ist die CPU-Version",
    "j'ai installé la version CPU de torch",
    "torch est la version CPU",
])
def test_the_cpu_build_told_in_each_language_is_a_fact(told: str) -> None:
    assert facts_of(told).get("torch_build_told") == "cpu"


@pytest.mark.parametrize("not_told", [
    "install the CUDA version instead of the CPU version",
    "You should install the CPU version of torch",
    "Is my torch the cpu version?",
    "How do I get the CPU version?",
    "AssertionError: Torch not compiled with CUDA enabled",  # torch's own message: a signature's
    "请安装cpu版本的torch",
    "不要装cpu版本",
    "CPU版のPyTorchをインストールしてください",
    "CPU 버전으로 설치하세요",
    "Установите версию torch для CPU",
    "Instala la versión de CPU de torch",
    "Quiero instalar la versión de CPU",
    "no instalé la versión de CPU",
    "Instale a versão CPU do torch",
    "Installiere die CPU-Version von torch",
    "Ich habe nicht die CPU-Version installiert",
    "Es sollte die CPU-Version installiert werden",
    "Installez la version CPU de torch",
])
def test_an_advice_a_wish_a_denial_or_a_question_about_the_cpu_build_is_no_such_fact(not_told: str) -> None:
    assert "torch_build_told" not in facts_of(not_told)


@pytest.mark.parametrize(("text", "os", "release"), [
    ("我在windows上安装torch", "windows", None),
    ("win10系统，显卡3060", "windows", "10"),
    ("Windows 11で動かしています", "windows", "11"),
    ("Windows10環境", "windows", "10"),
    ("윈도우 11에서 실행", "windows", "11"),
    ("ウィンドウズで実行", "windows", None),
    ("на винде", "windows", None),
    ("Виндовс 11", "windows", "11"),
    ("ubuntu系统", "linux", None),
    ("Ubuntu 22.04で", "linux", "Ubuntu 22.04"),
    ("우분투에서", "linux", None),
    ("на убунту", "linux", None),
    ("macOSで", "darwin", None),
    ("맥북에서", "darwin", None),
    ("на маке", "darwin", None),
    ("mac系统", "darwin", None),
    ("用的是苹果电脑", "darwin", None),
    ("en Windows 11", "windows", "11"),
    ("unter Windows", "windows", None),
])
def test_the_os_named_beside_cjk_text_and_in_korean_japanese_russian_words(text: str, os: str,
                                                                          release: str | None) -> None:
    facts = facts_of(text)
    assert facts.get("os") == os and facts.get("os_release") == release


def test_wsl_beside_cjk_text_is_wsl() -> None:
    assert facts_of("在WSL2中运行").get("is_wsl") == "true"


def test_a_lower_case_mac_alone_is_no_os() -> None:
    assert "os" not in facts_of("mac address 00:1a:2b:3c:4d:5e")
