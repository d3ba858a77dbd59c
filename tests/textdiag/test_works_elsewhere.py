"""CUDA stated working on this machine for something other than the failing program (fact gpu_works_elsewhere,
wizard.textdiag.statements): another program, project or web UI, another environment or the terminal, or nvidia-smi
showing the GPU, in the nine languages read. A helpdesk reads it as the GPU and its driver being fine. Never a game,
the past, a denial, a wish, a question, a conditional or a line of code; and the two widenings of the complaint
(fact gpu_unused): "no GPU (is being) used" and Chinese "GPU加速用不了".
"""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import facts_of, findings_of


def _works_elsewhere(text: str) -> bool:
    return facts_of(text).get("gpu_works_elsewhere") == "true"


@pytest.mark.parametrize("said", [
    # another program, project or web UI
    "Stable Diffusion webui detects my GPU without any problem",
    "it works fine with other open-source projects",
    "other AI programs use the GPU",
    "I can run other pytorch projects on my GPU, but this one does not detect CUDA.",
    "My GPU works fine for other anaconda projects where GPU is needed.",
    "A1111 uses my GPU without issues",
    "The GPU is detected in Automatic1111",
    "I use my GPU with ComfyUI every day",
    "I have no problem running other models on my GPU",
    "Other projects work fine",
    # another environment, the terminal
    "in my base env torch.cuda.is_available() returns True",
    "torch.cuda.is_available() returns True in the base environment",
    "CUDA works in another conda environment",
    "it works in the terminal but not in the notebook",
    "CUDA is available in the terminal",
    "It's working in my other conda env",
    "the same code runs on GPU in another environment",
    # a tool that shows the driver working, in words
    "nvidia-smi shows my GPU fine",
    "nvidia-smi works fine",
    "CUDA is installed correctly and works",
    "CUDA works fine in my other venv, but not in this one",
    "TensorFlow detects my GPU without problems",
])
def test_cuda_working_elsewhere_stated_in_english_is_a_fact(said: str) -> None:
    assert _works_elsewhere(said)


@pytest.mark.parametrize("said", [
    # Chinese
    "其他项目都能正常使用GPU",
    "在其他项目中可以正常使用GPU",
    "其他的项目跑gpu没问题",
    "显卡在其他软件上可以正常使用",
    "webui是正常的",
    "stable diffusion可以正常使用显卡",
    "在base环境里是True",
    "base环境下cuda可用",
    "在命令行里torch.cuda.is_available()返回True",
    "nvidia-smi能正常显示显卡",
    "驱动已装好，nvidia-smi显示正常",
    # Japanese
    "他のプロジェクトではGPUが使えます",
    "別の環境では問題なく動きます",
    "ベース環境ではTrue",
    "WebUIでは普通にGPUを使ってくれます",
    "他のソフトではGPUが普通に使えています",
    "nvidia-smiではGPUが認識されています",
    # Korean
    "다른 프로젝트에서는 GPU를 잘 사용합니다",
    "다른 환경에서는 잘 돌아가요",
    "webui에서는 잘 돌아갑니다",
    "nvidia-smi에서는 GPU가 잘 보입니다",
    # Russian
    "в других проектах видеокарта работает",
    "другие программы видят видеокарту",
    "в base окружении True",
    "Stable Diffusion видит видеокарту",
    "nvidia-smi видит видеокарту",
    # Spanish
    "en otros proyectos la GPU funciona bien",
    "otros programas usan la GPU",
    "en otro entorno CUDA funciona",
    "en otro entorno, torch.cuda.is_available() devuelve True",
    # Portuguese (Brazil)
    "em outros projetos a GPU funciona",
    "outros programas usam a GPU",
    "no ambiente base retorna True",
    "o nvidia-smi mostra a GPU",
    # German
    "in anderen Projekten funktioniert die GPU",
    "In einer anderen Conda-Umgebung funktioniert CUDA",
    "Andere Programme erkennen die Grafikkarte problemlos",
    "in der base-Umgebung gibt torch.cuda.is_available() True zurück",
    # French
    "d'autres projets utilisent le GPU",
    "dans d'autres environnements CUDA fonctionne",
    "Dans un autre environnement, torch.cuda.is_available() renvoie True",
    "nvidia-smi affiche le GPU",
])
def test_cuda_working_elsewhere_stated_in_the_other_eight_languages_is_a_fact(said: str) -> None:
    assert _works_elsewhere(said)


@pytest.mark.parametrize("not_stated", [
    # games and the display say nothing of CUDA; another machine is not this one
    "games run fine",
    "my GPU works fine in games",
    "it works fine on my other laptop",
    "на другом компьютере работает",
    "en otra PC funciona",
    # the past is another story
    "it used to work",
    "it worked yesterday",
    "it used to work in the other environment",
    "CUDA worked in another env yesterday",
    "之前其他项目都能正常使用GPU",
    "他のプロジェクトではGPUが使えました",
    "раньше в других проектах видеокарта работала",
    # a wish, a question, a conditional, code
    "I want it to work like in A1111",
    "Does CUDA work in other environments?",
    "If it works in the base env, the driver is fine",
    'print("CUDA works in another env")',
    "其他项目都能正常使用GPU吗",
    "如果其他项目都能正常使用GPU的话",
    "¿en otros proyectos la GPU funciona?",
    "Funktioniert die GPU in anderen Projekten?",
    "Si d'autres projets utilisent le GPU, le pilote va bien",
    # advice
    "Make sure CUDA works in the base env",
    "You should check whether other programs use the GPU",
    "请确认其他项目能正常使用GPU",
    # a denial: it fails elsewhere too
    "I don't think other projects use the GPU",
    "other projects don't use the GPU either",
    "it doesn't work with other projects",
    "CUDA is not available in my base env either",
    "It's not working in my other conda env either",
    "nvidia-smi doesn't show my GPU",
    "其他项目也用不了GPU",
    "他のプロジェクトでもGPUが使えない",
    "WebUIではGPUを使ってくれない",
    "다른 프로젝트에서도 GPU를 사용하지 않아요",
    "다른 프로젝트에서도 GPU를 사용할 수 없어요",
    "в других проектах видеокарта не работает",
    "en otros proyectos la GPU no funciona",
    "otros programas no usan la GPU",
    "in anderen Projekten funktioniert die GPU nicht",
    "Andere Programme erkennen die Grafikkarte auch nicht",
    "d'autres projets n'utilisent pas le GPU",
    # nvidia-smi showing an error, not the GPU
    "nvidia-smi显示找不到驱动",
    "nvidia-smi показывает ошибку",
    "nvidia-smi muestra un error",
    "nvidia-smi zeigt einen Fehler",
    "nvidia-smi funktioniert nicht",
    "nvidia-smi affiche une erreur",
    # the failing program itself on the CPU, another process holding the GPU, other work on the CPU
    "Auto1111 uses CPU instead of GPU",
    "automatic1111 keeps using my CPU instead of my GPU",
    "A different process uses the GPU",
    "Other projects work fine on CPU",
])
def test_a_game_the_past_a_denial_a_wish_a_question_a_conditional_or_code_is_no_such_fact(not_stated: str) -> None:
    assert not _works_elsewhere(not_stated)


@pytest.mark.parametrize("complaint", [
    "CUDA is not available",
    "It doesn't use my GPU",
    "PyTorch runs on the CPU instead of the GPU",
    "GPU not detected",
    "我的程序只用CPU",
    "GPUが使われない",
    "Программа не использует видеокарту",
])
def test_a_plain_complaint_alone_says_nothing_of_cuda_working_elsewhere(complaint: str) -> None:
    facts = facts_of(complaint)
    assert facts.get("gpu_unused") == "true" and "gpu_works_elsewhere" not in facts


def test_the_complaint_and_cuda_working_elsewhere_in_one_text_are_both_read() -> None:
    facts = facts_of("CUDA works fine with my other projects, but this program runs on the CPU")
    assert facts.get("gpu_works_elsewhere") == "true" and facts.get("gpu_unused") == "true"


def test_the_statement_is_found_after_a_long_log() -> None:
    log = "epoch 3 step 1200 loss 0.2345 lr 0.0001 grad_norm 1.02\n" * 20_000
    assert _works_elsewhere(log + "Other AI programs use the GPU, only this one runs on the CPU.\n")


@pytest.mark.parametrize("said", [
    "No GPU being used",
    "no GPU is being used",
    "no GPU used",
    "CUDA加速不可用",
    "GPU加速用不了",
    "无法使用GPU加速",
    "没有用到GPU加速",
])
def test_no_gpu_used_and_the_gpu_acceleration_unusable_in_chinese_state_the_gpu_unused(said: str) -> None:
    assert facts_of(said).get("gpu_unused") == "true"


def test_no_gpu_used_by_another_process_is_not_the_gpu_unused() -> None:
    assert "gpu_unused" not in facts_of("no GPU is used by any other process")


def test_torch_importing_everywhere_is_no_such_reading() -> None:
    assert "ENV_MISMATCH" not in [f.code for f in findings_of("import torch works in the terminal and in jupyter")]


def test_sd_next_and_kohya_logging_a_detected_gpu_is_cuda_working() -> None:
    line = "17:52:02-404548 INFO     Torch detected GPU: Tesla T4 VRAM 15102 Arch (7, 5) Cores 40"
    assert facts_of(line).get("cuda_works") == "true"
