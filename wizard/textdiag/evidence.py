"""Facts written in prose or in other tools' formats: one extractor, typed facts with a confidence and a span.

A helpdesk reads more than the error line: "Windows 11, RTX3060 laptop, driver 546.33", a
``pip list`` table, the ``pip install`` command that was run, an issue template's "- OS: Ubuntu"
bullet, ``where python`` output, an ``export LD_LIBRARY_PATH=`` line. Each rule below recognises
one such format, the way the tool prints it or people write it, and yields :class:`TextFact`s in
the same key vocabulary as the collect_env parser and the error catalogue (wizard.textdiag.vocabulary),
so the snapshot builder treats them alike. Confidence says how directly the text states the fact
(1.0: a tool printed it; 0.5: a path or an everyday word suggests it); the builder keeps, per key,
the most confident value, and facts parsed from collect_env always win over prose.

Cost: every rule has literal needles; a rule's regex runs only when a needle occurs, only on the
head and the tail of the text, and for a bounded number of matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from wizard.textdiag.asked import asked_about
from wizard.textdiag.clean import CleanText
from wizard.textdiag.statements import STATEMENT_RULES, stated
from wizard.verdict import TENSORS_ON_TWO_DEVICES

SCAN_HEAD = 200_000  # characters of the (cleaned) text examined from its start (a long paste is a log; its facts …
SCAN_TAIL = 150_000  # … sit in its first and last few thousand lines: prose around the error, never the middle)
MAX_HITS = 12  # matches kept per rule
MAX_WINDOWS = 64  # lines examined per needle of a rule
RULE_BUDGET_CHARS = 16_000  # characters a rule examines per scan window in all (long lines full of needles stay cheap)
WINDOW_BEFORE = 400  # characters before a needle examined on a very long line (a rule's fact sits near its needle)
WINDOW_AFTER = 1200  # and after it
MAX_BLANK_LINES = 2  # blank lines between a needle's line and the line that may carry its value


@dataclass(frozen=True)
class TextFact:
    """One fact read from the text: ``key`` of the fact vocabulary, its normalised value, how sure, and where."""

    key: str
    value: str
    confidence: float  # 0..1
    start: int  # span in the cleaned text (CleanText.text), what the GUI highlights
    end: int
    rule: str  # which rule found it (for the details view and tests)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


Normaliser = Callable[[re.Match[str]], "dict[str, str]"]


@dataclass(frozen=True)
class Rule:
    name: str
    needles: tuple[str, ...]  # ASCII lower-case literals (or exact non-ASCII), any of which must occur
    regex: re.Pattern[str]
    facts: Normaliser
    confidence: float


def _group(name: str, transform: Callable[[str], str] = str.strip) -> Normaliser:
    def facts(found: re.Match[str]) -> dict[str, str]:
        value = found.group(name)
        return {name: transform(value)} if value else {}

    return facts


def _const(**values: str) -> Normaliser:
    return lambda _found: dict(values)


def _python_from(found: re.Match[str]) -> dict[str, str]:
    major, minor = found.group("major"), found.group("minor")
    return {"python_version": f"{major}.{minor}"} if major in ("2", "3") and len(minor) <= 2 else {}


def _python_compact(found: re.Match[str]) -> dict[str, str]:
    digits = found.group("digits")
    if _line_rejects_the_wheel(found):
        return {}  # (the tag of a wheel pip refused or skipped is the Python it does not fit, not this one)
    return {"python_version": f"3.{digits[1:]}"} if digits.startswith("3") and len(digits) in (2, 3) else {}


def _line_rejects_the_wheel(found: re.Match[str]) -> bool:
    """The match is on a line where pip refuses or skips a wheel ("….whl is not a supported wheel on this platform",
    "Skipping link: none of the wheel's tags match: cp38-cp38-win_amd64")."""
    line = _line_of_match(found)
    return "is not a supported wheel" in line or "none of the wheel's tags" in line


def _os_word(found: re.Match[str]) -> dict[str, str]:
    word = found.group(0).lower()
    if word.startswith(("win", "microsoft windows")):
        release = re.search(r"(?:windows|win)[ -]?(7|8\.1|8|10|11|xp|vista)\b", word)
        return {"os": "windows", **({"os_release": release.group(1)} if release else {})}
    if "wsl" in word:
        return {"os": "linux", "is_wsl": "true"}
    if word.startswith(("mac", "os x", "osx")) or "macbook" in word or "imac" in word:
        return {"os": "darwin"}
    return {"os": "linux"}


def _os_word_i18n(found: re.Match[str]) -> dict[str, str]:
    if found.group("windows"):
        return {"os": "windows", **({"os_release": found.group("release")} if found.group("release") else {})}
    return {"os": "linux"} if found.group("linux") else {"os": "darwin"}


def _wsl_word(found: re.Match[str]) -> dict[str, str]:
    return {"os": "linux", "is_wsl": "true"}


def _wsl_version(found: re.Match[str]) -> dict[str, str]:
    version = found.group("a") or found.group("b") or found.group("d") or ("1" if found.group("c") else "")
    return {"wsl_version": version, "is_wsl": "true", "os": "linux"} if version else {}


def _apple_chip(found: re.Match[str]) -> dict[str, str]:
    return {"os": "darwin", "machine": "arm64", "gpu_vendor": "apple"}


def _tensors_on_two_devices(found: re.Match[str]) -> dict[str, str]:
    """Only where one of the two devices is CUDA's (an input and a weight both on the CPU, of two dtypes, is no proof)."""
    return {"cuda_works": "true"} if "cuda" in found.group(0).lower() else {}


def _intel_mac(found: re.Match[str]) -> dict[str, str]:
    return {"os": "darwin", "machine": "x86_64"}


# "it requires x86_64", "wheels are only built for amd64": the machine a package needs, not the one the text runs on.
_REQUIRED_MACHINE = re.compile(r"\b(?:requires?|required|needs?|only (?:supports?|for)|(?:built|compiled) for)\W{0,3}$",
                               re.I)


def _machine(found: re.Match[str]) -> dict[str, str]:
    if _REQUIRED_MACHINE.search(found.string[max(0, found.start() - 30):found.start()]):
        return {}
    word = found.group("machine").lower().replace("raspberrypi", "raspberry pi")
    # (Orin, Xavier NX / AGX Xavier, TX1 / TX2: the Jetson modules; not "xavier" alone, torch's xavier_uniform_ init)
    word = "jetson" if word in ("jetpack", "l4t", "orin", "tx1", "tx2", "xavier nx", "agx xavier", "xavier agx") else word
    mapping = {"amd64": "x86_64", "x86_64": "x86_64", "x64": "x86_64", "arm64": "arm64", "aarch64": "aarch64",
               "armv7l": "armv7l", "armv6l": "armv6l", "riscv64": "riscv64", "ppc64le": "ppc64le", "s390x": "s390x",
               "jetson": "aarch64", "raspberry pi": "armv7l", "i686": "i686", "i386": "i686"}
    machine = mapping.get(word, word)
    extra = {"os": "linux"} if word in ("jetson", "raspberry pi", "riscv64", "ppc64le", "armv7l", "armv6l") else {}
    if word == "jetson":
        extra["platform_board"] = "jetson"
    return {"machine": machine, **extra}


def _raspberry_pi(found: re.Match[str]) -> dict[str, str]:
    """A Raspberry Pi: 32-bit ARM unless the text says its system is 64-bit or names a Pi 5 (whose Raspberry Pi OS is
    64-bit by default, as the Pi 4's is since 2022)."""
    sixty_four = found.group("bits") or found.group("model") == "5"
    return {"machine": "aarch64", "os": "linux"} if sixty_four else _machine(found)


_SUPER_MODELS = frozenset({"1650", "1660", "2060", "2070", "2080", "4070", "4080"})


def _nvidia_gpu(found: re.Match[str]) -> dict[str, str]:
    family = found.group("family").upper()
    number = found.group("number")
    if family == "GTX" and len(number) == 4 and number[:2] in ("20", "30", "40", "50"):
        family = "RTX"  # "GTX 3090": every GeForce numbered 20xx to 50xx is an RTX
    suffix = (found.group("suffix") or "").strip()
    mobile = (found.group("mobile") or "").upper()
    # "M" closes the model number of the notebook parts up to the 900M series ("GTX 960M" is not a GTX 960, "GTX
    # 680MX" not a GTX 680); after an RTX or a four-digit number it only says "laptop" ("RTX 3060M").
    numbered_notebook = bool(mobile) and family != "RTX" and len(number) == 3
    model = number + mobile if numbered_notebook else number
    laptop = " Laptop GPU" if not numbered_notebook and (found.group("laptop") or mobile) else ""
    prefix = "GeForce " if family in ("RTX", "GTX", "GT", "MX") else ""
    space = "" if family == "MX" else " "  # NVIDIA writes "MX150", people "MX 150"
    # a glued "s" is SUPER on the models sold as SUPER ("1660s", "2070S"), a plural elsewhere ("two RTX 3090s")
    suffix_words = {"ti": " Ti", "super": " SUPER", "d": "D", "s": " SUPER" if number in _SUPER_MODELS else ""}
    name = f"NVIDIA {prefix}{family}{space}{model}{suffix_words.get(suffix.lower(), '')}{laptop}"
    return {"gpu_name": name, "gpu_vendor": "nvidia"}


# A bare GeForce number with "Ti" or "SUPER" glued or next to it ("1050ti", "3060 Ti") names the card without "GTX"
# or "RTX": the number tells which (7xx, 9xx, 10xx and 16xx are GTX, 20xx to 50xx RTX).
_BARE_GEFORCE = r"(?:7[5-8]0|9[5-8]0)(?=[ -]?ti\b)|10[5-8]0|16[56]0|20[5-8]0|30[5-9]0|40[5-9]0|50[5-9]0"  # no "950 SUPER"


def _bare_geforce(found: re.Match[str]) -> dict[str, str]:
    number = found.group("number")
    family = "GTX" if len(number) == 3 or number.startswith(("10", "16")) else "RTX"
    suffix = " Ti" if found.group("suffix").lower() == "ti" else " SUPER"
    return {"gpu_name": f"NVIDIA GeForce {family} {number}{suffix}", "gpu_vendor": "nvidia"}


def _card_number(found: re.Match[str]) -> dict[str, str]:
    """"我的显卡是4080", "my graphics card is a 3060": a GeForce number said to be the card, without RTX/GTX."""
    number = found.group("number")
    family = "GTX" if number.startswith(("10", "16")) else "RTX"
    return {"gpu_name": f"NVIDIA GeForce {family} {number}", "gpu_vendor": "nvidia"}


def _geforce_notebook(found: re.Match[str]) -> dict[str, str]:
    """"GeForce 940MX", "geforce 840m", "940mx": the notebook GPUs named by a number alone."""
    return {"gpu_name": f"NVIDIA GeForce {found.group('number')}{found.group('mobile').upper()}", "gpu_vendor": "nvidia"}


def _datacenter_gpu(found: re.Match[str]) -> dict[str, str]:
    name = re.sub(r"\s+", " ", found.group("name")).strip()
    prefix = "NVIDIA GeForce " if name.upper().startswith("GTX ") else "NVIDIA "  # "GTX Titan X"
    return {"gpu_name": prefix + name, "gpu_vendor": "nvidia"}


_LSPCI_VENDORS = {"nvidia": "nvidia", "intel": "intel", "advanced micro devices": "amd", "amd": "amd", "ati": "amd"}


def _vendor(vendor: str) -> Normaliser:
    return lambda _found: {"gpu_vendor": vendor}


def _dist_pair(found: re.Match[str]) -> dict[str, str]:
    name = found.group("name").lower().replace("_", "-")
    version = re.sub(r"[ \t]", "", found.group("version"))  # ("2.8.0 + cu129" as pip writes it: "2.8.0+cu129")
    # "torch_named": a torch version the text names (a pin, a request, a wheel file), not proof it is installed
    key = {"torch": "torch_named", "pytorch": "torch_named", "torchvision": "torchvision_version",
           "torchaudio": "torchaudio_version", "numpy": "numpy_version"}.get(name)
    if not key:
        return {}
    facts = {key: version}
    if key == "torch_named":
        variant = re.search(r"\+(cu\d{2,3}|cpu|rocm[\d.]{1,8}|xpu)", version)
        if variant:
            facts["torch_variant"] = variant.group(1)
            if variant.group(1) != "cpu":
                facts["cuda_build_named"] = "true"
    return facts


def _wheel_page(found: re.Match[str]) -> dict[str, str]:
    version = found.group("version") or found.group("dgl_version")
    variant = (found.group("variant") or found.group("dgl_variant")).lower()
    return {"wheel_page_torch": f"{version}+{variant}"}


def _conda_pytorch(found: re.Match[str]) -> dict[str, str]:
    facts = {"torch_version": found.group("version")}
    build = found.group("build").lower()
    cuda = re.search(r"cuda(\d{1,2})\.?(\d)", build)
    if cuda:
        facts["torch_variant"] = f"cu{cuda.group(1)}{cuda.group(2)}"
        facts["torch_cuda"] = f"{cuda.group(1)}.{cuda.group(2)}"  # conda's build string names the installed build
        facts["cuda_build_named"] = "true"
    elif "cpu" in build:
        facts["torch_variant"] = "cpu"
        facts["torch_build"] = "cpu"
    return facts


def _pip_request(found: re.Match[str]) -> dict[str, str]:
    spec = found.group("spec").strip()
    facts = {"requested": spec}
    index = re.search(r"download\.pytorch\.org/whl/(?:nightly/|test/)?(cu\d{2,3}|cpu|rocm[\d.]{1,8}|xpu)\b", spec)
    if index:
        facts["index_variant"] = index.group(1)
        if index.group(1) != "cpu":
            facts["cuda_build_named"] = "true"
    return facts


def _env_var(found: re.Match[str]) -> dict[str, str]:
    name = found.group("name").upper()
    quoted = found.group("double_quoted") if found.group("double_quoted") is not None else found.group("single_quoted")
    value = (quoted if quoted is not None else found.group("value") or "").strip().strip("'\"")
    if name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        return {"proxy_set": "true"}  # never the value: it may hold a password
    if name == "CUDA_VISIBLE_DEVICES" and quoted is None:  # ("CUDA_VISIBLE_DEVICES=5 python x.py": the shell's word)
        raw = found.group("value") or ""
        if re.match(r"[$%]|[A-Za-z_](?!PU-|IG-)", raw):
            return {}  # ("=$GPU", "=%GPU%", "= args.gpu": set from a variable, whose value the text does not show)
        value = "" if raw[:1].isspace() else re.match(r"[A-Za-z0-9,:-]*", raw).group(0)
    key = {"LD_LIBRARY_PATH": "ld_library_path", "CUDA_VISIBLE_DEVICES": "cuda_visible_devices",
           "PYTHONPATH": "pythonpath", "CUDA_HOME": "cuda_home", "CUDA_PATH": "cuda_home",
           "TORCH_CUDA_ARCH_LIST": "torch_cuda_arch_list"}[name]
    return {key: value[:500] if value else "(empty)"}


def _interpreter_path(found: re.Match[str]) -> dict[str, str]:
    return {"python_path": found.group("path").strip()}


# a denial, a wish or a requirement before an NVIDIA GPU told ("I don't have an RTX card", "should I buy an RTX card",
# "fails looking for an NVIDIA GPU", "requires an NVIDIA GPU"): no GPU of this machine
# Windows' Task Manager in the languages read, and the GPU beside it in either order
_TASK_MANAGER = (r"(?:task\s?-?manager|任务管理器|工作管理員|タスクマネージャー?|диспетчер[а-яё]{0,3}\sзадач|administrador\sde\s"
                 r"tareas|gerenciador\sde\starefas|gestionnaire\sdes\st[âa]ches|aufgaben-?manager|작업\s?관리자)")
_GPU_WORD = r"(?:gpu|graphics|显卡|顯示卡|グラフィック|видеокарт|grafikkarte|tarjeta\sgr|placa\sde\sv|carte\sgr|그래픽)"
# when a program last worked ("yesterday", "before the update", "until today")
_BEFORE_NOW = r"(?:yesterday|before\sthe\s(?:update|upgrade)|until\s(?:yesterday|today|the\s(?:update|upgrade)))"
_DENIED_BEFORE = re.compile(r"\b(?:no|not|don'?t|doesn'?t|didn'?t|without|never|lack|lacks|buy|need|needs|want|wish|should|"
                            r"look(?:ing|s|ed)?\sfor|search\w{0,3}\sfor|requir\w{0,4}|expect\w{0,4}|support\w{0,3}|only|"
                            r"instead\sof|compatible\swith|designed\sfor)\b[^.,;!?\n]{0,30}$", re.I)


def _ipex_in_use(found: re.Match[str]) -> dict[str, str]:
    """IPEX's version, unless the text says it was removed ("I removed ipex 2.1.10")."""
    before = found.string[max(0, found.start() - 24):found.start()]
    return {} if re.search(r"(?:remov|uninstall|delet|drop)\w{0,4}\s(?:the\s)?$", before, re.I) else {
        "ipex_version": found.group("ipex_version")}


def _python_launcher(found: re.Match[str]) -> dict[str, str]:
    facts = _python_from(found)
    return {**facts, "python_bits": "32"} if facts and found.group("bits") == "-32" else facts


def _bits(found: re.Match[str]) -> dict[str, str]:
    return {"python_bits": "32"}


# True told in the past ("returned True before I updated") or as a code comment (a tutorial's "# True") is no working
# setup now: only False is read from those
_PAST_OR_EXPECTED = re.compile(r"\b(?:returned|gave|was|showed|printed|kept)\b")


def _version_and_cuda_print(found: re.Match[str]) -> dict[str, str]:
    """torch.__version__ and torch.version.cuda printed: None is a CPU build's answer, and a ROCm build's too (its HIP
    version is torch.version.hip), so a +rocm label keeps its build."""
    version, cuda = found.group("torch_version"), found.group("cuda")
    if cuda != "None":
        return {"torch_version": version, "torch_cuda": cuda}
    return {"torch_version": version} if "+rocm" in version else {"torch_version": version, "torch_build": "cpu"}


# what each expression of a one-line check prints, as (the fact it tells, the shape of its printed value)
_PRINTED_EXPRESSIONS = {
    "torch.__version__": ("torch_version", r"\d{1,2}\.\d{1,3}\.\d{1,3}(?:(?:a|b|rc|\.dev)\d{1,10})?(?:\+[a-z0-9.]{2,16})?"),
    "torch.version.cuda": ("torch_cuda", r"None|\d{1,2}\.\d{1,2}"),
    "torch.cuda.is_available()": ("cuda_available", r"True|False"),
    "torchvision.__version__": ("torchvision_version", r"\d{1,2}\.\d{1,3}\.\d{1,3}(?:\+[a-z0-9.]{2,16})?"),
    "torch.cuda.device_count()": ("device_count", r"\d{1,2}"),
    "torch.backends.mps.is_available()": ("mps_available", r"True|False"),
    "platform.machine()": ("machine", r"x86_64|AMD64|arm64|aarch64|ARM64|i686|armv7l"),
    "CUDA_VISIBLE_DEVICES": ("cuda_visible_devices", r"None|-?\d{1,2}(?:,\d{1,2}){0,15}|GPU-[\w-]{4,40}"),
}
# the variable read in the same print: os.environ.get('CUDA_VISIBLE_DEVICES'), os.getenv(…), os.environ[…]
_VISIBLE_DEVICES_ARGUMENT = r"os\.(?:environ\.get|getenv)\([\"']CUDA_VISIBLE_DEVICES[\"']\)|os\.environ\[[\"']CUDA_VISIBLE_DEVICES[\"']\]"
_VISIBLE_DEVICES_READ = re.compile(_VISIBLE_DEVICES_ARGUMENT)


def _check_print_values(found: re.Match[str]) -> dict[str, str]:
    """print(torch.__version__, torch.version.cuda, torch.cuda.is_available(), …) and the line it printed, read value by
    value ("2.4.1+cpu None False"): only where every argument is one of the known expressions and the line has one
    value of its shape for each (print separates them by a space)."""
    arguments = [_VISIBLE_DEVICES_READ.sub("CUDA_VISIBLE_DEVICES", argument.strip())
                 for argument in found.group("arguments").split(",")]
    values = found.group("values").split()
    if len(arguments) < 3 or len(arguments) != len(values) or any(a not in _PRINTED_EXPRESSIONS for a in arguments):
        return {}  # (two arguments: the rules for those pairs read them)
    facts: dict[str, str] = {}
    for argument, value in zip(arguments, values):
        key, shape = _PRINTED_EXPRESSIONS[argument]
        if not re.fullmatch(shape, value):
            return {}
        facts[key] = value.lower() if key in ("cuda_available", "mps_available") else value
    if facts.get("torch_cuda") == "None":
        del facts["torch_cuda"]  # (a CPU build's answer, or a ROCm build's: its label tells which)
        if "+rocm" not in facts.get("torch_version", ""):
            facts["torch_build"] = "cpu"
    facts.pop("device_count", None)
    if facts.get("cuda_visible_devices") == "None":
        del facts["cuda_visible_devices"]  # (not set)
    return facts


def _smi_query_driver(found: re.Match[str]) -> dict[str, str]:
    """The driver_version (and name) columns of nvidia-smi's CSV query, read under its header (as many values as field
    names)."""
    header = [name.strip().lower() for name in found.group("header").split(",")]
    row = [value.strip() for value in found.group("row").split(",")]
    if "driver_version" not in header or len(row) != len(header):
        return {}
    value = row[header.index("driver_version")]
    if not re.fullmatch(r"[3-9]\d{2}\.\d{1,3}(?:\.\d{1,3})?", value):
        return {}
    name = row[header.index("name")] if "name" in header else ""
    named = {"gpu_name": name} if re.match(r"(?:NVIDIA|Tesla|Quadro|GeForce|TITAN) ", name) else {}
    return {"driver_version": value, **named}


def _amd_gpu(found: re.Match[str]) -> dict[str, str]:
    """An AMD GPU named; a Radeon RX card by its model ("RX 7900 XTX", "6700XT") is a discrete card, the machine's GPU
    (not a Ryzen's integrated graphics, beside which laptops often have an NVIDIA GPU)."""
    discrete = re.search(r"RX ?[5-9]\d{2,3}|\d{3}0 ?XTX?", found.group(0), re.I) is not None
    # the model, also where "Radeon" matched before it ("Radeon RX 7900 XTX"): what the gfx table knows it by
    model = _AMD_MODEL.match(found.string, found.start(), min(found.end() + 24, len(found.string)))
    named = {"amd_gpu_name": f"AMD Radeon {re.sub(r'(?i)^RX ?', 'RX ', model.group('model')).upper()}"} if model else {}
    return {"gpu_vendor": "amd", **({"discrete_gpu_named": "true"} if discrete or named else {}), **named}


_AMD_MODEL = re.compile(r"(?:Radeon\s{1,2})?(?P<model>RX ?[5-9]\d{2,3}(?: ?(?:XTX|XT|GRE|M|S))?)\b", re.I)


def _intel_gpu(found: re.Match[str]) -> dict[str, str]:
    """An Intel GPU named: its name is kept (XPU builds support some: Arc A/B, Core Ultra's Arc; knowledge.xpu_gpus),
    without the ® and ™ marks; "Intel Arc" alone names no model."""
    arc = found.groupdict().get("arc") or found.groupdict().get("arc_model")
    if arc:  # (an Arc A or B card by its model: a discrete card, the machine's GPU)
        return {"gpu_vendor": "intel", "intel_gpu_name": f"Intel Arc {arc.upper()}", "discrete_gpu_named": "true"}
    name = re.sub(r"\((?:R|TM)\)|[®™]| R(?= )", "", found.group(0)).strip()
    named = name.lower() not in ("intel arc", "intel graphics", "intel r") and len(name) > 8
    return {"gpu_vendor": "intel", **({"intel_gpu_name": name} if named else {})}


def _cuda_available(found: re.Match[str]) -> dict[str, str]:
    """torch.cuda.is_available(), torch.backends.mps.is_available() (torch.mps.is_available()) or
    torch.xpu.is_available() as printed."""
    groups = found.groupdict()
    backend = (groups.get("backend") or "").lower()
    key = "mps_available" if "mps" in backend else "xpu_available" if "xpu" in backend else "cuda_available"
    value = found.group("value").lower()
    if value == "true" and (groups.get("comment") or _PAST_OR_EXPECTED.search((groups.get("verb") or "").lower())):
        return {}
    return {key: value}


def _yes_no_available(found: re.Match[str]) -> dict[str, str]:
    """A tool's "CUDA available" field, printed as True/False or Yes/No."""
    return {"cuda_available": "true" if found.group("value") in ("True", "Yes") else "false"}


def _device_print(found: re.Match[str]) -> dict[str, str]:
    name = (found.group("name") or "").strip()
    if name:
        return {"cuda_works": "true", "gpu_name": name if name.upper().startswith("NVIDIA") else f"NVIDIA {name}",
                "gpu_vendor": "nvidia"}
    return {"cuda_works": "true"}


def _device_in_use(groups: dict[str, str | None]) -> dict[str, str]:
    """A tool printed the CUDA device it runs on, by name: CUDA initialised there. An AMD name is torch's ROCm build
    (its devices are torch.cuda's too), so only NVIDIA names set the vendor and the GPU name."""
    raw = groups.get("name") or groups.get("name2") or groups.get("name3") or ""
    name = re.sub(r"\s+", " ", raw).strip()
    if re.search(r"\b(?:AMD|Radeon|Instinct)\b", name, re.I):
        return {"cuda_works": "true"}
    facts = {"cuda_works": "true", "gpu_vendor": "nvidia",
             "gpu_name": name if name.upper().startswith("NVIDIA") else f"NVIDIA {name}"}
    if groups.get("major") and groups.get("minor"):
        facts["capability"] = f"{groups['major']}.{groups['minor']}"
    return facts


def _check_output(found: re.Match[str]) -> dict[str, str]:
    facts = _cuda_available(found)
    if found.group("torch_version"):
        facts["torch_version"] = found.group("torch_version")
    return facts


_NEGATION = re.compile(r"(?:\bnot|n't|\bnever|\bno longer|\bfails? to|\bcannot)\W{0,3}(?:\w{1,12}\W{1,3}){0,2}$", re.I)


_ADVICE_OR_DENIAL_BEFORE = re.compile(r"\b(?:no|not|without|n['’]t|install|update|upgrade|download|get|use|need|needs|"
                                      r"require|requires|try|check)\W{1,3}(?:\w{1,12}\W{1,3}){0,1}$", re.I)


# "works fine in colab", "but in colab it runs": Colab or Kaggle as the place where it works, not where it fails
_WORKS_THERE_BEFORE = re.compile(r"\b(?:works?|worked|working|fine|ok|okay|but|whereas|unlike)\b[^.\n]{0,30}$",
                                 re.I)


def _conda_channels(found: re.Match[str]) -> dict[str, str]:
    channels = re.findall(r"(?:^|\s)(?:-c|--channel)[ =]{1,3}([\w./:-]{1,120})", found.group(0))
    return {"conda_channels": " ".join(channel.rstrip("/").rsplit("/", 1)[-1].lower() for channel in channels)} if channels else {}


_CONDA_SUBDIRS = {"linux-64": ("linux", "x86_64"), "linux-aarch64": ("linux", "aarch64"),
                  "linux-ppc64le": ("linux", "ppc64le"), "win-64": ("windows", "x86_64"), "win-32": ("windows", "x86"),
                  "osx-64": ("darwin", "x86_64"), "osx-arm64": ("darwin", "arm64")}


def _conda_subdir(found: re.Match[str]) -> dict[str, str]:
    os_name, machine = _CONDA_SUBDIRS[found.group("subdir").lower()]
    return {"os": os_name, "python_bits": "32"} if machine == "x86" else {"os": os_name, "machine": machine}


def _hosted_notebook(found: re.Match[str]) -> dict[str, str]:
    if _WORKS_THERE_BEFORE.search(found.string[max(0, found.start() - 40):found.start()]):
        return {}
    return {"hosted_notebook": "kaggle" if "kaggle" in found.group(0).lower() else "colab"}


def _nvidia_driver_owned(found: re.Match[str]) -> dict[str, str]:
    """An NVIDIA driver the person has (so an NVIDIA GPU), as stated: not advice, a denial, a question."""
    before = found.string[max(0, found.start() - 30):found.start()]
    if _ADVICE_OR_DENIAL_BEFORE.search(before) or not stated(found):
        return {}
    return {"gpu_vendor": "nvidia"}


# a gerund after a preposition or a trouble word names an activity, not what happens: "a problem with running CUDA on
# the GPU", "for running on the GPU", "trying running it on GPU"
_ACTIVITY_BEFORE = re.compile(r"\b(?:with|for|of|about|by|when|while|before|after|trying|try|problems?|issues?|errors?|"
                              r"trouble|help|how\sto|want\sto|wanted\sto|need\sto|able\sto)\W{1,3}$", re.I)


# what a program or someone else says, retold: "The program says there is no GPU in my system"
_REPORTED_SPEECH_BEFORE = re.compile(r"\b(?:says?|said|saying|tells?\s(?:me|us)|told\s(?:me|us)|reports?|claims?|thinks?|"
                                     r"complains?|shows?|displays?)\b(?:\s(?:that|me|us))?[\s:,\"'“]{0,4}$", re.I)


def _no_gpu_owned(found: re.Match[str]) -> dict[str, str]:
    """The machine told without a GPU, by its owner: not what a program says ("the program says there is no GPU in my
    system, but nvidia-smi shows my card")."""
    before = found.string[max(0, found.start() - 40):found.start()]
    return {} if _REPORTED_SPEECH_BEFORE.search(before) else {"no_nvidia_gpu": "true"}


# a CUDA library told missing as a guess or a past trouble, not a finding: "I think the CUDA DLLs are missing?",
# "Earlier the cuDNN DLLs were missing, I fixed that"
_GUESS_OR_PAST = re.compile(r"\b(?:i\sthink|maybe|perhaps|probably|might|guess|earlier|before|previously|used\sto|fixed|"
                            r"solved|resolved)\b|\?", re.I)


def _cuda_library_missing_found(found: re.Match[str]) -> dict[str, str]:
    """A CUDA library told missing as what the person found, not a guess, a question or a past trouble."""
    before, after = _clause_around(found)
    return {} if _GUESS_OR_PAST.search(before + after) else {"cuda_lib_told_missing": "true"}


def _clause_around(found: re.Match[str]) -> tuple[str, str]:
    """The match's sentence before and after it (to a line's end or a sentence's end)."""
    text = found.string
    start = max(text.rfind("\n", 0, found.start()), text.rfind(". ", 0, found.start())) + 1
    ends = [i for i in (text.find("\n", found.end()), text.find(". ", found.end())) if i >= 0]
    return text[start:found.start()], text[found.end():min(ends) if ends else len(text)]


def _works_on_gpu(found: re.Match[str]) -> dict[str, str]:
    """"runs fine on the GPU", "successful on CUDA", "works on MPS": unless negated just before, or an activity named
    ("a problem with running CUDA on GPU")."""
    before = found.string[max(0, found.start() - 40):found.start()]
    if _NEGATION.search(before) or re.search(r"\b(?:not|n't)\b", found.group(0), re.I):
        return {}
    if _ACTIVITY_BEFORE.search(before):
        return {}
    target = (found.group("target") or found.group("target2")).lower()
    return {"mps_available": "true"} if target == "mps" else {"cuda_works": "true", "working_told": "true"}


def _unless_asked(facts: Callable[[re.Match[str]], dict[str, str]]) -> Callable[[re.Match[str]], dict[str, str]]:
    """The rule's facts, unless the message is only asked about or imagined (wizard.textdiag.asked): a quoted
    allocator message in a question shows no GPU working on this machine."""
    def read(found: re.Match[str]) -> dict[str, str]:
        return {} if asked_about(found.string, found.start(), found.end()) else facts(found)
    return read


def _tensor_on_device(found: re.Match[str]) -> dict[str, str]:
    """A tensor printed with device='cuda:0' (or 'mps:0', 'xpu:0'): an operation ran on that device."""
    device = found.group("device").lower()
    if device in ("mps", "xpu"):
        return {f"{device}_available": "true"}
    return {"cuda_works": "true", "tensor_on_gpu": "true"}


def _lightning_cuda(found: re.Match[str]) -> dict[str, str]:
    """Lightning's collect_env_details "CUDA" block: torch.cuda.is_available() and torch.version.cuda (its GPU list
    above them is read by the GPU rules)."""
    facts = {"cuda_available": found.group("value").lower()}
    if found.group("cuda") != "None":
        facts["torch_cuda"] = found.group("cuda")
    return facts


def _hf_env_torch(found: re.Match[str]) -> dict[str, str]:
    """transformers/diffusers env: the imported torch and whether torch.cuda.is_available() ("True"/"CUDA")."""
    version, value = found.group("version"), found.group("value").lower()
    facts = {"torch_version": version, "torch_installed": version}
    if value in ("true", "cuda"):
        facts["cuda_available"] = "true"
    elif value in ("false", "na", "n/a", "cpu"):  # XPU, NPU, HPU, MPS: another accelerator, nothing about CUDA
        facts["cuda_available"] = "false"
    return facts


def _system_env_field(found: re.Match[str]) -> dict[str, str]:
    """One field of torch.utils.collect_env's SystemEnv written as JSON (Stable Diffusion web UI's sysinfo "Torch env
    info", and other tools that dump get_env_info()._asdict()): the same facts as collect_env's own lines."""
    key, value = found.group("key"), found.group("value")
    if key == "torch_version":
        return {"torch_version": value, "torch_installed": value}
    if key == "is_cuda_available":
        return {"cuda_available": value.lower()} if value in ("True", "False") else {}
    if key == "cuda_compiled_version":
        return {"torch_cuda": value}
    if key == "nvidia_driver_version":
        return {"driver_version": value}
    if key == "python_version":
        python = re.match(r"([23]\.\d{1,2})\b", value)
        return {"python_version": python.group(1)} if python else {}
    gpu = re.match(r"GPU 0: (NVIDIA [^\n(\\]{2,60}?)(?: \(UUID|\\n|$)", value)  # (JSON writes the next GPU after "\n")
    return {"gpu_name": gpu.group(1)} if gpu else {}


def _lightning_device(found: re.Match[str]) -> dict[str, str]:
    """Lightning's "GPU available: True (cuda|mps)": which backend torch reported available ("False": neither)."""
    if (found.group("kind") or "").lower() == "mps":
        return {"mps_available": found.group("value").lower()}
    return {"cuda_available": found.group("value").lower()}


_DRIVER_WORDS = ("driver", "驱动", "驅動", "ドライバ", "드라이버", "драйвер")  # "NVIDIA驱动版本", "версия драйвера"
# the version after a field's label ("2.2.2+cu121", "v3.10", "536.23"), not one a requirement names ("torch version 2.0
# or later", "requires CUDA version 11.8")
_FIELD_VALUE = (r"[ \t]{0,2}v?(?P<value>\d{1,3}\.\d{1,3}(?:\.\d{1,3})?(?:\.?(?:dev|a|b|rc)\d{1,8})?"
                r"(?:\+[a-z0-9]{2,12}(?:\.[a-z0-9]{1,8})?)?)(?!\w|\.\d)"
                r"(?![ \t]?(?:or (?:higher|later|newer|above|greater|up)|and (?:higher|later|above|up)|is (?:required|"
                r"needed|recommended|supported)|required|needed|\+(?![a-z])))")
_REQUIREMENT_BEFORE = re.compile(r"\b(?:requires?|required|needs?|needed|minimum|at least|supports?|supported|compatible"
                                 r"|built (?:for|with)|tested (?:with|on)|recommended|upgrade to|update to|install|"
                                 r"installing|download|downloading)\W{0,3}(?:\w{1,12}\W{1,3}){0,2}$", re.I)


# words of a line that installs, pins or asks for a version, or sets one build against another (xFormers' "built for:
# PyTorch 2.1.0+cu121 ... (you have 2.1.0+cpu)"), rather than telling the one installed
_NOT_INSTALLED_WORDS = ("install", "==", "http", ".whl", "matching", "requir", "from versions", "--index", "-f ", "download",
                        "built for", "built with", "compiled", "expect", "you have",
                        # another time, another machine, a choice or advice
                        "had ", " was ", "were ", "before", "old ", "previous", "other ", "another", "tried", " or ",
                        "which", "should", "recommend", "docs", "worked", "used to", "upgrad", "downgrad", "instead")


_LOCAL_BUILD = re.compile(r"\d\+(?:cpu|cu\d{2,3}|rocm)")


def _line_of_match(found: re.Match[str]) -> str:
    """The whole line the match stands on, lower-cased."""
    start = found.string.rfind("\n", 0, found.start()) + 1
    end = found.string.find("\n", found.end())
    return found.string[start:end if end >= 0 else len(found.string)].lower()


def _installed_build_told(found: re.Match[str]) -> dict[str, str]:
    """The torch build a line tells as installed, unless that line installs, pins or requires it."""
    line = _line_of_match(found)
    if any(word in line for word in _NOT_INSTALLED_WORDS) or len(_LOCAL_BUILD.findall(line)) > 1:
        return {}  # (two builds in one line: which is installed is not said)
    version = found.group("torch_version")
    return {"torch_version": version, "torch_installed": version}


def _version_field(found: re.Match[str]) -> dict[str, str]:
    """A version field within a line ("my pytorch version is 2.0.1", "CUDA version 10.0"), labelled in another
    language or after a full-width colon ("torch版本：2.2.2+cu121", "CUDA バージョン: 12.1", "驱动版本：536.23",
    "версия Python: 3.10", "versión de CUDA: 11.8"): the facts of _template_field's label, for what the person has
    (not a version a requirement or an install command names)."""
    before = found.string[max(0, found.start() - 40):found.start()]
    line_before = found.string[max(0, found.start() - 200):found.start()].rpartition("\n")[2].lower()
    if _REQUIREMENT_BEFORE.search(before) or "nvidia-smi" in line_before or "driver version" in line_before:
        return {}  # (nvidia-smi's "CUDA Version", in its header or retold, is the driver's: read by smi_cuda_prose)
    label = (found.group("label") or found.group("label_after") or "").lower().replace(" ", "")
    version = found.group("value") or found.group("value_after")
    if any(word in label for word in _DRIVER_WORDS):
        driver = re.fullmatch(r"[3-9]\d{2}\.\d{1,3}(?:\.\d{1,3})?", version)
        return {"driver_version": driver.group(0)} if driver else {}
    if label in ("torch", "pytorch"):
        return {"torch_version": version, "torch_installed": version}
    if label == "python":
        return _template_field_facts("python version", version) if re.match(r"[23]\.\d", version) else {}
    rest_of_line = found.string[found.end():found.end() + 80].partition("\n")[0]  # ("12.8 (Driver 570.181)")
    return _template_field_facts("cuda version", version + rest_of_line) if label == "cuda" else {}


# the build noted after the version in the field: "1.5.0 (CPU toolkit)", "2.0.1, CPU only", "1.13 - cpu"
_CPU_BUILD_NOTE = re.compile(r"[\s,;:(\[-]{1,4}(?:the\s)?cpu(?:[- ]only)?(?:\s(?:version|build|toolkit|variant))?\s?[)\]]?\s*$", re.I)


def _template_field(found: re.Match[str]) -> dict[str, str]:
    """GitHub issue templates: "- PyTorch Version (e.g., 1.0): 1.3", "- OS (e.g., Linux): Ubuntu 18.04"."""
    return _template_field_facts(found.group("label").lower(), found.group("value").strip())


def _template_field_facts(label: str, value: str) -> dict[str, str]:
    """The facts of one issue-template field, by its lower-cased label."""
    if not value or value.lower() in ("n/a", "na", "none", "-", "?"):
        return {}
    if label.startswith("pytorch") or label == "torch version":
        version = re.search(r"\d{1,2}\.\d{1,2}(?:\.\d{1,3})?(?:\+\w{2,12})?", value)
        if not version:
            return {}
        facts = {"torch_version": version.group(0), "torch_installed": version.group(0)}
        if "+" not in version.group(0) and _CPU_BUILD_NOTE.match(value, version.end()):
            facts["torch_build"] = "cpu"  # ("1.5.0 (CPU toolkit)", "2.1.0 cpu only": the build the field names)
        return facts
    if label.startswith("python"):
        version = re.search(r"([23])\.(\d{1,2})", value)
        return {"python_version": f"{version.group(1)}.{version.group(2)}"} if version else {}
    if label.startswith("os"):
        lowered = value.lower()
        if "win" in lowered:
            return {"os": "windows"}
        if "mac" in lowered or "darwin" in lowered:
            return {"os": "darwin"}
        if re.search(r"linux|ubuntu|debian|centos|fedora|rhel|arch|suse|mint", lowered):
            return {"os": "linux"}
        return {}
    if label.startswith("cuda"):
        version = re.search(r"\d{1,2}\.\d", value)
        if version and re.match(r"[\s,;]{0,3}[(\[]?\s?(?:nvidia\s)?driver\b", value[version.end():], re.I):
            return {"driver_cuda": version.group(0)}  # ("12.8 (Driver 570.181)": nvidia-smi's, the driver's)
        return {"toolkit_version": version.group(0)} if version else {}
    if label.startswith("gpu"):
        vendors = {vendor for vendor, words in _TEMPLATE_GPU_VENDORS if words.search(value)}
        # (one vendor named in the GPU field, "AMD Raven", "Intel Iris Plus", "Apple M1"; both an iGPU and an NVIDIA
        # card named leave it to the GPU rules)
        return {"gpu_text": value[:200], **({"gpu_vendor": vendors.pop()} if len(vendors) == 1 else {})}
    return {}


# the vendor a GPU field of an issue template names by its maker's or its product line's name
_TEMPLATE_GPU_VENDORS = (
    ("nvidia", re.compile(r"\b(?:nvidia|geforce|rtx|gtx|quadro|tesla|titan)\b", re.I)),
    ("amd", re.compile(r"\b(?:amd|radeon|instinct)\b", re.I)),
    ("intel", re.compile(r"\b(?:intel|iris|arc)\b", re.I)),
    ("apple", re.compile(r"\b(?:apple|m[1-5](?: pro| max| ultra)?)\b", re.I)),
)


_I = re.IGNORECASE
# just before a statement: a belief, a possibility, a denial or an advice, not what happened ("I thought it was
# installed into the wrong environment", "the installer can install to the system python", "不要装到系统环境")
_NOT_TOLD_AS_DONE = re.compile(r"(?:\b(?:thought|think|wonder(?:ed)?|maybe|perhaps|if|whether|can|could|would|should|might|"
                               r"may|will|not|never|n't|don't|do\snot)\b|请问|是否|不要|别|应该|要不要|可以)"
                               r"\W{0,3}(?:\w{1,14}\W{1,3}){0,3}$", _I)

RULES: tuple[Rule, ...] = (
    # ---- operating system and CPU, in everyday words and product names
    Rule("os_wsl", ("wsl", "microsoft-standard", "/mnt/c/", "windows subsystem for linux", "linux 的 windows 子系统",
                    "linux 子系统"),
         # first, so "Windows Subsystem for Linux" reads as WSL, not Windows; the product's name written out in English
         # and in Windows' Chinese ("适用于 Linux 的 Windows 子系统") counts too
         # (not "non-WSL", as nvidia-container-cli logs "a non-WSL environment" on every host that is not WSL)
         re.compile(r"(?<!non-)\bWSL ?2?\b|microsoft-standard-WSL2|/mnt/c/|Windows Subsystem for Linux|Linux ?的 ?Windows ?子系统"
                    r"|Linux ?子系统", _I | re.ASCII),
         _wsl_word, 0.8),
    # ("win10" glued to a CJK word counts: "在win10上", "win11で")
    Rule("os_windows", ("windows", "win1", "win7", "win8", "win 1", "win 7", "win 8"),
         re.compile(r"\b(?:microsoft windows|windows)(?: server)?[ -]?(?:7|8\.1|8|10|11|xp|vista)?\b"
                    r"|(?<![A-Za-z0-9_])win ?(?:7|8|10|11)(?![\d.])", _I | re.ASCII),
         _os_word, 0.7),
    # Windows paths: a drive letter with a folder ("D:\\sd\\venv\\", a "(venv) E:\\code>" prompt), AppData, a venv's
    # Scripts folder (POSIX venvs have bin/), a Windows wheel tag, the Python banner's "on win32"
    Rule("os_windows_path", (":\\", "appdata", "\\scripts\\", "win_amd64", "win32"),
         re.compile(r"\b[A-Z]:\\(?:Users|Program Files|ProgramData|Windows|Python\d{0,3})\b|\\AppData\\|\bwin_amd64\b|\bon win32\b"
                    r"|(?<![\w\\/])[A-Z]:\\(?:[\w .()-]{1,80}\\|[\w.-]{0,80}>)|\\Scripts\\(?:activate|python|pip)", _I),
         _const(os="windows"), 0.6),
    # the interpreter's banner or sys.version names the compiler it was built with: "[MSC v.1929 64 bit (AMD64)]" is
    # python.org's Windows build (PC/pyconfig.h's COMPILER; Linux and macOS builds say "[GCC ...]" or "[Clang ...]")
    Rule("os_windows_python_compiler", ("[msc v.",),
         re.compile(r"\[MSC v\.\d{4} (?:32|64) bit \((?:AMD64|Intel|ARM64)\)\]", _I),
         _const(os="windows"), 0.8),
    # Windows-only names: batch files and executables ("webui-user.bat", "python.exe"), and the Windows loader's wording
    # in Python's import error ("DLL load failed while importing _C": Python/dynload_win.c)
    Rule("os_windows_files", (".bat", ".cmd", ".exe", "dll load failed"),
         re.compile(r"(?<![\w/.-])[\w-]{1,60}\.(?:bat|cmd|exe)\b(?!\.)|\bDLL load failed\b", _I),
         _const(os="windows"), 0.5),
    # which WSL: a ticked issue-template box ("- [x] WSL 1", read as its answer alone on a line), `wsl -l -v` ("* Ubuntu  Running  1"), the WSL 1 kernel
    # string ("4.4.0-19041-Microsoft"; WSL 2's is "…-microsoft-standard-WSL2"), or prose ("I'm using WSL 1")
    Rule("wsl_version", ("wsl", "microsoft", "running", "stopped"),
         # (clean.py leaves a ticked box's answer alone on its line, the unticked ones gone: "WSL 1")
         re.compile(r"^[ \t]{0,8}(?:[-*] )?(?:\[[xX]\] )?WSL ?(?P<a>[12])[ \t]*$"
                    r"|^\*?[ \t]{0,4}[A-Za-z][\w.-]{0,40}[ \t]{1,20}(?:Running|Stopped)[ \t]{1,20}(?P<b>[12])[ \t]*$"
                    r"|\b4\.4\.0-\d{4,5}-(?P<c>Microsoft)\b"
                    r"|\b(?:using|on|in|with|under|running) WSL ?(?P<d>[12])\b(?![.\d])", re.M),
         _wsl_version, 0.9),
    # a Python traceback's frame ('  File "/Users/me/app/main.py", line 8, in <module>') is where the failing program
    # ran: its path's form names that machine's OS above any OS the prose names (often another machine's: "it runs
    # on my Linux server, but on the laptop ..."). macOS's home folders are /Users/<name>, Homebrew's prefix on Apple
    # silicon /opt/homebrew, python.org's framework /Library/Frameworks/Python.framework, its temporary folders
    # /var/folders (where pip builds); Linux's homes are
    # /home/<name> and /root, Debian's system packages /usr/lib/python3/dist-packages; Windows' a drive letter.
    # dyld's third line of a bind failure names where it looked: "Expected in: /usr/lib/libSystem.B.dylib" (newer dyld:
    # "Expected in: <UUID> /usr/lib/libc++.1.dylib"): a library of macOS itself lacks the symbol, so the binary was built
    # for a newer macOS than this one (Apple's dyld: "Symbol not found: … Referenced from: … Expected in: …")
    Rule("dyld_expected_in_system", ("expected in:",),
         # (not anchored to a line: dyld's three lines reach us joined when a traceback's "ImportError: dlopen(…" opens
         # them; macOS 12 on pads the line: "Expected in:     <UUID> /usr/lib/libc++.1.dylib")
         re.compile(r"\bExpected in:[ \t]{1,12}['\"]?(?:<[0-9A-Fa-f-]{36}>[ \t]{1,4})?(?:/usr/lib/|/System/Library/)"),
         _const(dyld_system_library="true"), 0.8),
    # a CUDA library told missing in words: "cuDNN DLLs are missing", "the cublas libraries were not included",
    # "missing the cuDNN DLLs" (what the person found, as the loader's own "cudnn64_9.dll not found" would say)
    Rule("cuda_library_told_missing", ("cudnn", "cublas", "cudart", "cufft", "cusparse", "nvrtc", "cuda dll", "cuda lib"),
         re.compile(r"\b(?:cudnn|cublas(?:lt)?|cudart|cufft|cusparse|cusolver|curand|nvrtc|nvjitlink|cuda)\s?(?:dlls?|libraries|"
                    r"libs?)\s(?:are|is|were|was|seem\sto\sbe)\s(?:missing|not\s(?:found|included|shipped|bundled|there))\b"
                    r"|\bmissing\s(?:the\s|its\s)?(?:cudnn|cublas|cudart|cuda)\s(?:dlls?|libraries|libs?)\b", _I),
         _cuda_library_missing_found, 0.7),
    Rule("os_traceback_path", ('file "',),
         re.compile(r'^[ \t]{0,8}File "(?:(?P<darwin>/Users/[^/"\n]{1,80}/|/opt/homebrew/|/Library/Frameworks/Python\.framework/|(?:/private)?/var/folders/)'
                    r'|(?P<linux>/home/[^/"\n]{1,80}/|/root/|/usr/lib/python3/dist-packages/)|(?P<windows>[A-Za-z]:\\))'
                    r'[^"\n]{0,400}", line \d{1,7}', re.M),
         lambda found: {"os": next(name for name in ("darwin", "linux", "windows") if found.group(name))}, 0.8),
    Rule("os_linux", ("ubuntu", "debian", "centos", "fedora", "linux", "rhel", "rocky", "arch linux", "mint", "suse"),
         re.compile(r"\b(?:ubuntu|debian|centos|fedora|red hat|rhel|rocky linux|arch linux|linux mint|opensuse|linux)\b", _I | re.ASCII),
         _os_word, 0.6),
    Rule("os_release_distro", ("ubuntu", "debian", "centos"),
         re.compile(r"\b(?P<os_release>(?:ubuntu|debian|centos)[ -]?\d{1,2}(?:\.\d{1,2})?)\b", _I | re.ASCII), _group("os_release"), 0.7),
    # Alpine Linux, whose C library is musl (no PyTorch wheel loads there): a Dockerfile's alpine base image, Alpine's
    # own release file or name, its package manager's install command
    Rule("os_alpine", ("alpine", "apk add"),
         re.compile(r"^\s{0,8}FROM\s{1,4}(?:--platform=\S{1,40}\s{1,4})?(?:[\w.-]{1,60}/)?[\w.-]{0,60}:[\w.-]{0,40}alpine"
                    r"|^\s{0,8}FROM\s{1,4}alpine\b|/etc/alpine-release|\bAlpine Linux\b|^\s{0,8}(?:RUN\s{1,4})?apk\s{1,4}add\b",
                    _I | re.M),
         _const(os="linux", libc="musl"), 0.8),
    Rule("os_linux_path", ("/home/", "/usr/lib", "/usr/local/lib", "/opt/conda", "manylinux", "linux-gnu"),
         re.compile(r"(?:^|[\s\"'(])/(?:home|usr/lib|usr/local/lib|opt/conda)/|\bmanylinux|x86_64-linux-gnu", _I),
         _const(os="linux"), 0.5),
    # (/private/var/folders/… and /var/folders/…: macOS's per-user temporary folder, where pip builds a package)
    Rule("os_mac", ("macos", "mac os", "macbook", "imac", "os x", "osx", "mac mini", "darwin", "/users/", "homebrew",
                    "macosx_", "mac", "/library/frameworks/python", "/var/folders/"),
         re.compile(r"\b(?:macOS|mac ?os(?: x)?|OS ?X|MacBook(?: Pro| Air)?|iMac|Mac mini|Mac Studio|darwin)\b|"
                    r"(?-i:\bMacs?\b)|(?:^|[\s\"'(])/Users/\w|/opt/homebrew/|\bmacosx_\d|/Library/Frameworks/Python"
                    r"|(?:^|[\s\"'(])(?:/private)?/var/folders/\w\w/", _I | re.ASCII),
         _const(os="darwin"), 0.6),  # every word and path this rule knows is macOS's (/Users/, darwin, homebrew)
    # the OS written in Korean, Japanese and Russian ("윈도우 11", "ウィンドウズ", "на винде", "убунту", "맥북"), a
    # lower-case "mac" the Chinese and Japanese way ("mac系统", "mac电脑", "macで") and 苹果电脑 (an Apple computer).
    # (The rules above match the Latin names only between ASCII word boundaries, so "win10系统", "在windows上" and
    # "Windows 11で" are read there.)
    Rule("os_word_i18n", ("윈도", "ウィンドウズ", "ウインドウズ", "винд", "линукс", "убунт", "리눅스", "우분투", "맥북", "맥os",
                          "맥 os", "맥에서", "макбук", "макос", "на маке", "мак", "mac", "苹果"),
         re.compile(r"(?P<windows>윈도우|윈도즈|ウィンドウズ|ウインドウズ|\bвинд(?:а|е|у|ой|ы|овс\w{0,2}|оус\w{0,2})\b)"
                    r"(?:\s?(?P<release>7|8\.1|8|10|11)(?![\d.]))?"
                    r"|(?P<linux>리눅스|우분투|\bлинукс\w{0,2}|\bубунт[уеаы]\b)"
                    r"|(?P<mac>맥북|맥\s?os|맥미니|아이맥|맥에서|\bмакбук\w{0,3}|\bмакос\w{0,2}|\bна\sмак(?:е|ах)\b|(?-i:\bМак\b)"
                    r"|(?<![A-Za-z0-9])mac(?=\s?(?:系统|電腦|电脑|笔记本|上|で|環境|에서))|苹果(?:电脑|笔记本|系统))", _I),
         _os_word_i18n, 0.7),
    # An issue template's OS field answered "mac" (lower case, which on its own may be a MAC address): "OS: mac",
    # "环境：mac", "システム: mac".
    Rule("os_field_mac", ("mac",),
         re.compile(r"(?m)^[ \t*\-]{0,8}(?:os|system|platform|environment|env|operating system|环境|系统|平台|操作系统|"
                    r"環境|システム)[ \t*]{0,4}[:：][ \t]{0,4}mac\b", _I),
         _const(os="darwin"), 0.6),
    # macOS's own zsh prompt (zsh is the default shell since Catalina): /etc/zshrc sets PS1="%n@%m %1~ %# ", so a
    # pasted command reads "me@MY-MBP ULTRA % pip install ..." (a venv or conda env prepends "(name) "). Other
    # systems' defaults differ: Ubuntu's zsh "%m%# ", Fedora's "[%n@%m]%~%# ", bash's "user@host:~$".
    Rule("os_mac_zsh_prompt", (" % ",),
         re.compile(r"^(?:\([\w.-]{1,40}\) )?[A-Za-z0-9_][\w.-]{0,31}@[A-Za-z0-9][\w.-]{0,62} (?:~|/|[^\s/%@:]{1,64}) % "
                    r"(?=[a-z])", re.M),
         _const(os="darwin"), 0.5),
    Rule("apple_chip", ("m1", "m2", "m3", "m4", "m5", "m6", "apple silicon", "macosx_11_0_arm64"),
         # "Apple M1" names the chip by itself; a bare "M1" only before a word that makes it the chip ("M2 chip")
         # (in Chinese and Japanese glued to the words around it: "苹果M1芯片", "M2チップ")
         re.compile(r"\bApple M[1-6](?: Pro| Max| Ultra)?\b|(?:苹果|蘋果|アップル)\s?M[1-6](?![0-9])|"
                    r"(?<![A-Za-z0-9])(?<!酷睿)(?<!core )M[1-6](?: ?(?:Pro|Max|Ultra))? ?(?:芯片|晶片|チップ|칩)|"
                    r"(?<!core )\bM[1-6](?: Pro| Max| Ultra)?\b(?= ?(?:chip|mac|macbook|pro|max|ultra|air|mini|$|[,.;:)]))|"
                    # (after the Mac's name: "MacBook Pro M2", "Mac mini M4")
                    r"(?:(?<=macbook )|(?<=macbook pro )|(?<=macbook air )|(?<=mac mini )|(?<=imac ))M[1-6]\b|"
                    r"\bApple silicon\b", _I),
         _apple_chip, 0.7),
    Rule("intel_mac", ("intel mac", "intel-based mac", "macosx_", "mac intel", "intel imac", "intel core"),
         re.compile(r"\bIntel(?:-based)? (?:Mac|iMac|MacBook)\w*|\bmac(?:book)?(?: pro)? intel\b|macosx_\d{1,2}_\d_x86_64", _I),
         _intel_mac, 0.8),
    # a Mac model told with its year or "(Intel)": Macs up to their 2019 models have Intel processors (the first Apple
    # silicon Macs, M1, came in November 2020; 2020's models exist with either), as Apple's "Mac computers with Apple
    # silicon" support page lists them
    Rule("intel_mac_model", ("macbook", "imac", "mac mini", "mac pro"),
         re.compile(r"\b(?:MacBook(?: Pro| Air)?|iMac(?: Pro)?|Mac ?mini|Mac Pro)\b[^\n]{0,24}?"
                    r"(?:\b20(?:0[6-9]|1\d)\b(?![-./]\d)|\bIntel\b)", _I),
         _intel_mac, 0.7),
    # Homebrew's prefix: /usr/local on an Intel Mac, /opt/homebrew on Apple silicon, /home/linuxbrew on Linux
    # (docs.brew.sh/Installation); under /usr/local its Python is an Intel build, on an Intel Mac or under Rosetta on
    # Apple silicon alike (less sure than an Apple chip the text names, which then decides the machine)
    Rule("homebrew_intel_prefix", ("/usr/local/cellar/", "/usr/local/homebrew/"),
         re.compile(r"(?:^|[\s\"'(])/usr/local/(?:Cellar|Homebrew)/", _I),
         _intel_mac, 0.6),
    Rule("machine_triplet", ("linux-gnueabi", "linux_armv", "aarch64-linux-gnu", "riscv64-linux-gnu"),
         re.compile(r"\b(?P<machine>arm)-linux-gnueabi(?:hf)?\b|linux_(?P<machine2>armv7l|armv6l)\b", _I),
         lambda m: {"machine": m.group("machine2") or "armv7l", "os": "linux"}, 0.8),
    # (a Jetson also by its SDK, JetPack, or its OS image, L4T: "JetPack 6.1", "l4t-pytorch", "Jetsons")
    # (a Raspberry Pi named alone says a 32-bit ARM system less surely than a machine word does: Raspberry Pi OS has
    # had a 64-bit (aarch64) edition since 2022, the default on a Pi 4 or 5; "aarch64" in the same text decides)
    Rule("raspberry_pi", ("raspberry",),
         re.compile(r"(?<![A-Za-z0-9_])(?P<machine>raspberry ?pi)(?: ?(?P<model>\d)\b)?(?P<bits>[^\n]{0,60}?\b64[- ]?bit\b)?", _I),
         _raspberry_pi, 0.5),
    Rule("machine_word", ("aarch64", "arm64", "armv7", "armv6", "riscv64", "ppc64le", "s390x", "jetson",
                          "x86_64", "amd64", "i686", "i386", "jetpack", "l4t", "orin", "tx1", "tx2", "xavier"),
         re.compile(r"(?<![A-Za-z0-9_])(?P<machine>aarch64|arm64|armv7l|armv6l|riscv64|ppc64le|s390x|jetson|"
                    r"x86_64|amd64|i686|i386|jetpack|l4t|orin|tx[12]|xavier nx|agx xavier|xavier agx)"
                    r"(?:s\b|\b|(?=[-_])|(?=[\u4e00-\u9fff]))", _I),
         _machine, 0.7),
    # ---- GPUs, written the way people write them: "rtx3060", "GTX 1050ti", "RTX 4090 Laptop", "MX150"
    Rule("gpu_geforce", ("rtx", "gtx", "gt ", "gt-", *(f"gt{d}" for d in "1234567"), "mx ", "mx-",
                         *(f"mx{d}" for d in "12345")),
         # (a CJK word glued on either side is no letter of the name: "我的显卡是RTX 4070", "4070显卡")
         re.compile(r"(?<![A-Za-z0-9_])(?:nvidia[ -]?)?(?:geforce[ -]?)?(?P<family>RTX|GTX|GT|MX)[ -]?(?P<number>\d{3,4})"
                    # (not a generation: "RTX 5000 series", "RTX 3000系列")
                    r"(?!(?<=[2-5]000)[ -]?(?:series|系列|系))"
                    r"(?P<mobile>MX?(?![a-z]))?(?P<suffix> ?(?:ti|super)|d|s)?(?![A-Za-z0-9_])"
                    r"(?P<laptop> ?(?:laptop|mobile|max-q))?", _I),
         _nvidia_gpu, 0.8),
    Rule("gpu_geforce_bare", ("0ti", "0 ti", "0-ti", "0super", "0 super"),
         re.compile(r"(?<![\w.-])(?<!(?:rtx|gtx) )(?P<number>" + _BARE_GEFORCE + r")[ -]?(?P<suffix>ti|super)\b", _I),
         _bare_geforce, 0.6),
    # a GeForce number said to be the card: "我的显卡是4080", "my graphics card is a 3060", "グラボは4070" (the card's
    # word right before it, so a year, a port or a batch size is not read)
    Rule("gpu_card_number", ("显卡", "graphics card", "video card", "グラボ", "그래픽", "видеокарт"),
         re.compile(r"(?:显卡|graphics\scard|video\scard|グラボ|グラフィックボード|그래픽\s?카드|видеокарт[аы])\s?"
                    r"(?:是|为|:|：|is(?:\san?)?|は|는|-)?\s?(?P<number>10[5-8]0|16[56]0|20[5-8]0|30[5-9]0|40[5-9]0|50[5-9]0)"
                    r"(?![\d.]|[a-z])", _I),  # (not "1080p")
         _card_number, 0.6),
    Rule("gpu_geforce_notebook", ("geforce", "0mx"),
         re.compile(r"\b(?:geforce[ -]?(?=[4-9]\d0MX?\b)|(?=9[2-4]0MX\b))(?P<number>[4-9]\d0)(?P<mobile>MX?)\b", _I),
         _geforce_notebook, 0.7),
    Rule("gpu_datacenter", ("tesla", "quadro", "a100", "h100", "h200", "v100", "a10g", "titan", "t4", "l4", "rtx a", "b200",
                            "gh200", "a6000", "a5000", "a4000"),
         re.compile(r"\b(?:nvidia )?(?P<name>Tesla [A-Z]?\d{1,4}\w{0,4}|Quadro [A-Z]{0,3} ?\d{2,4}\w{0,3}|(?:GTX )?TITAN ?(?:RTX|V|Xp?|Black|Z)|"
                    r"(?:RTX )?A[1-9]000|[AHB]100(?:[- ](?:SXM|PCIe)\w{0,6})?|H200|B200|GH200|V100|A10G|A30|A40|L40S?|"
                    r"Tesla T4|T4|L4)\b", _I),
         _datacenter_gpu, 0.6),
    Rule("gpu_amd", ("radeon", "amd gpu", "amd 显卡", "amd显卡", "rx 5", "rx 6", "rx 7", "rx 9", "rx5", "rx6", "rx7", "rx9",
                     "amd graphics", "amd card", "rocm", "a卡", "0 xt", "0xt"),
         # "A卡" is the everyday Chinese word for an AMD graphics card (and "N卡" for an NVIDIA one); a model may carry its
         # suffix glued on ("RX 7900XTX", "RX 6700XT"); not a Ryzen processor's name ("AMD Ryzen 7 5800H with Radeon
         # Graphics": its integrated graphics, beside which laptops often have an NVIDIA GPU)
         # (a four-digit model with AMD's "XT"/"XTX" suffix needs no "RX": "7800 xt", "6700XT"; NVIDIA names none so; a
         # CJK word glued before the name is no letter of it: "使用AMD显卡")
         re.compile(r"\b(?<!with )Radeon\b|(?<![A-Za-z0-9])AMD(?: (?:GPU|graphics|card)| ?显卡)|(?<![A-Za-z0-9])RX ?[5-9]\d{2,3}(?: ?(?:XTX|XT|GRE))?\b|(?<![A-Za-z])(?<!不是)(?<!没有)A卡"
                    r"|(?<![\w-])[5-9]\d{2}0 ?XTX?\b", _I),
         _amd_gpu, 0.7),
    # the AMD GPU's gfx target as rocminfo lists its agent ("  Name:                    gfx1100") or amd-smi / a ROCm
    # message names it ("AMDGPU target gfx1031", "arch: gfx90a"): the kernel's own name, which the ROCm builds list
    Rule("amd_gfx_shown", ("gfx",),
         re.compile(r"^[ \t]{0,8}Name:[ \t]{1,30}(?P<gfx>gfx(?:9\d{2}|1[0-2]\d{2}|90a))[ \t]*$"
                    r"|\b(?:target|arch|architecture|gcnArchName)[ :='\"]{1,4}(?P<gfx2>gfx(?:9\d{2}|1[0-2]\d{2}|90a))\b", re.M | _I),
         lambda m: {"amd_gfx": (m.group("gfx") or m.group("gfx2")).lower(), "gpu_vendor": "amd"}, 0.8),
    # Intel's GPUs by their marketing names, with or without "Intel" before them ("Iris Xe graphics", "UHD Graphics 620")
    # (and retold out of order: "intel graphics 520 hd", "Intel Graphics" as Windows names the newer integrated ones,
    # "Intel i5 Graphics card")
    Rule("gpu_intel", ("intel arc", "iris xe", "iris(r) xe", "iris plus", "intel uhd", "uhd graphics", "intel hd graphics",
                       "lris", "iris r xe", "intel r ",
                       "intel(r) uhd", "intel(r) iris", "intel(r) hd", "intel graphics", "intel(r) graphics", "graphics",
                       "arc a", "arc b", "arc(tm) ", "arc™ "),
         # (the ® retyped as "(R)" or " R", "Iris" misread as "lris" from a screenshot's font)
         # (an Arc card's model, "Intel Arc A770", "Intel(R) Arc(TM) B580", is kept: it tells whether XPU builds fit)
         re.compile(r"\bIntel(?:\(R\)| R)? (?:Arc(?:\(TM\)|™)?(?: (?P<arc>[AB]\d{3}M?)\b)?|[Il]ris(?:\(R\)| R)?(?: Xe| Plus)?|UHD|"
                    r"HD Graphics|Graphics(?: \d{3})?|[\w-]{1,12} Graphics(?: card)?)\b"
                    r"|\b[Il]ris(?:\(R\)| R)? (?:Xe|Plus)\b|\bUHD Graphics(?: \d{3})?\b"
                    # (an Arc card by its model alone, "Arc A770", "Arc B580": Intel's Alchemist and Battlemage names)
                    r"|\bArc(?:\(TM\)|™)? (?P<arc_model>[AB][3-9]\d0M?)\b", _I), _intel_gpu, 0.7),
    # lspci's display devices ("00:02.0 VGA compatible controller: Intel Corporation …", "01:00.0 3D controller: NVIDIA
    # Corporation …"): an NVIDIA line outweighs the integrated GPU listed beside it (an Optimus laptop has both)
    # "N卡", the everyday Chinese word for an NVIDIA graphics card (beside "A卡" for AMD's); not denied ("没有N卡")
    Rule("gpu_nvidia_slang_zh", ("n卡",),
         re.compile(r"(?<![A-Za-z])(?<!不是)(?<!没有)(?<!没)N卡", _I), _vendor("nvidia"), 0.75),
    Rule("lspci_nvidia", ("controller: nvidia",),
         re.compile(r"(?:VGA compatible controller|3D controller|Display controller): NVIDIA\b", _I),
         _vendor("nvidia"), 0.95),
    Rule("lspci_display", ("vga compatible controller", "3d controller", "display controller"),
         re.compile(r"(?:VGA compatible controller|3D controller|Display controller): (?P<vendor>NVIDIA|Intel|"
                    r"Advanced Micro Devices|AMD|ATI)\b", _I),
         lambda m: {"gpu_vendor": _LSPCI_VENDORS[m.group("vendor").lower()]}, 0.9),
    # ---- driver and the CUDA version nvidia-smi shows
    Rule("smi_header", ("driver version", "cuda version"),
         re.compile(r"Driver Version: (?P<driver_version>\d{3}\.\d{1,3}(?:\.\d{1,3})?)(?:\s{1,40}CUDA Version: "
                    r"(?P<driver_cuda>\d{1,2}\.\d))?", _I),
         lambda m: {k: v for k, v in m.groupdict().items() if v}, 1.0),
    # nvidia-smi's query of named fields, "nvidia-smi --query-gpu=name,driver_version --format=csv": a header line of the
    # field names and a line of values under it, comma-separated
    Rule("smi_query_csv", ("driver_version",),
         re.compile(r"^[ \t]*(?P<header>[\w. \[\]]{1,60}(?:, ?[\w. \[\]]{1,60}){0,12})[ \t]*\r?\n[ \t]*"
                    r"(?P<row>[^\n,]{1,120}(?:, ?[^\n,]{1,120}){0,12})[ \t]*$", re.M),
         _smi_query_driver, 0.9),
    # the same query with "--format=csv,noheader": the field names are the command's own, the values the next line
    Rule("smi_query_csv_noheader", ("driver_version",),
         re.compile(r"--query-gpu[= ](?P<header>[\w.]{1,60}(?:,[\w.]{1,60}){0,12})[^\n]{0,80}noheader[^\n]{0,40}\r?\n"
                    r"[ \t]*(?P<row>[^\n,]{1,120}(?:, ?[^\n,]{1,120}){0,12})[ \t]*$", re.M),
         _smi_query_driver, 0.9),
    # nvidia-smi's CUDA column told in prose: "nvidia-smi shows CUDA Version: 11.4", "nvidia-smi says CUDA 12.2"
    Rule("smi_cuda_prose", ("nvidia-smi",),
         re.compile(r"\bnvidia-smi\W{0,3}(?:(?:shows?|showed|says|said|reports?|reported|gives?|gave|output|prints?|"
                    r"printed|displays?|lists?)\W{1,3})(?:(?:the|a|me|that|driver|version|\d{3}\.\d{1,3}(?:\.\d{1,3})?|and|with)"
                    r"\W{1,3}){0,4}cuda(?:\sversion)?\W{0,3}(?P<driver_cuda>\d{1,2}\.\d)\b", _I),
         _group("driver_cuda"), 0.8),
    Rule("driver_prose", ("driver",),
         re.compile(r"\bdriver(?: version)?(?: is| =|:)? ?v?(?P<driver_version>[3-9]\d{2}\.\d{1,3}(?:\.\d{1,3})?)\b", _I),
         _group("driver_version"), 0.7),
    # the person has an NVIDIA driver, so an NVIDIA GPU: "my NVIDIA driver", "appropriate python and Nvidia driver
    # version", "I updated the NVIDIA drivers", "nvidia driver is up to date" (not torch's "Found no NVIDIA driver", a
    # denial, or advice: "install the latest NVIDIA driver")
    Rule("nvidia_driver_owned", ("nvidia driver", "nvidia gpu driver", "geforce driver"),
         re.compile(r"\b(?:my|our|the\s(?:latest|newest|current|installed|updated|appropriate|correct|right|proper))\s"
                    r"(?:nvidia|geforce)\s(?:gpu\s)?drivers?\b"
                    r"|\b(?:appropriate|correct|proper|latest|newest|updated|up-to-date)\s(?:\w{1,12}\s(?:and|&)\s)?"
                    r"nvidia\s(?:gpu\s)?drivers?\b"
                    r"|\b(?:i|we|i['’]ve|we['’]ve|have|has)\s(?:already\s|just\s)?(?:updated|installed|reinstalled|upgraded)\s"
                    r"(?:my\s|the\s)?(?:latest\s|newest\s)?nvidia\s(?:gpu\s)?drivers?\b"
                    r"|\bnvidia\s(?:gpu\s)?drivers?\s(?:is|are)\s(?:already\s)?(?:installed|up\sto\sdate|updated|the\slatest)\b",
                    _I),
         _nvidia_driver_owned, 0.5),
    # NVIDIA's Linux driver installed inside WSL 2, which NVIDIA's CUDA on WSL guide says never to do: "I installed the
    # GPU driver, cudatoolkit and cudnn in wsl too", "sudo apt install nvidia-driver-535" run inside WSL
    Rule("linux_driver_in_wsl", ("wsl",),
         re.compile(r"\b(?<!never )(?<!not )(?:re)?install(?:ed|ing)\s(?:[\w,]{1,20}\s){0,6}?(?:nvidia|gpu|linux)\s"
                    r"(?:gpu\s|linux\s|display\s)?drivers?\b"
                    r"[^.\n]{0,80}?\b(?:in|inside|within|into)\s(?:the\s|my\s)?wsl\s?2?\b", _I),
         lambda m: {"linux_driver_in_wsl": "true"} if stated(m) else {}, 0.7),
    # where the code runs: an editor's own interpreter setting ("in VS Code", "from PyCharm"), like a notebook's kernel
    Rule("editor_marks", ("vs code", "vscode", "visual studio code", "pycharm", "spyder"),
         re.compile(r"\b(?:in|from|inside|with|using|run\sit\sin)\s(?:the\s|my\s)?(?:vs\s?code|visual\sstudio\scode|pycharm|"
                    r"spyder)\b", _I),
         _const(runs_in_editor="true"), 0.7),
    # a desktop virtual machine (VMware Workstation/Player, VirtualBox): no NVIDIA GPU reaches its guest (no GPU
    # passthrough for CUDA), whatever the host has
    # a hosted notebook: Google Colab (google.colab, its /content working folder, colab.research.google.com) or a Kaggle
    # notebook (/kaggle/working, /kaggle/input): their images ship PyTorch's CUDA build; the GPU is the runtime's choice
    Rule("hosted_notebook", ("colab", "/content/", "kaggle"),
         re.compile(r"\bgoogle\.colab\b|colab\.research\.google\.com|File \"/content/|\b(?:in|on) (?:google )?colab\b"
                    r"|(?<![\w/])/kaggle/(?:working|input)\b|\b(?:in|on) (?:a )?kaggle(?: notebook)?\b", _I),
         _hosted_notebook, 0.8),
    # "'import torch' worked on the terminal but it didn't work on the Jupyter", "torch imports fine in cmd but not in
    # VS Code": the module found by one Python and not by another (a kernel or an editor runs its own interpreter)
    Rule("import_works_in_terminal", ("terminal", "command line", "cmd", "console", "shell", "command prompt"),
         re.compile(r"\b(?:import(?:ing)?\s['`\"]?(?:py)?torch['`\"]?|(?:py)?torch\s(?:imports?|is\simported))\s"
                    r"(?:(?:works?|worked|is\sworking|runs?|ran|succeeds|succeeded)\s)?(?:(?:fine|well|ok|okay|perfectly)\s)?"
                    r"(?:in|on|from)\s(?:the\s|my\s|a\s)?(?:terminal|command\s(?:line|prompt)|cmd|console|shell|python\sshell)"
                    r"\b[^\n]{0,30}?\b(?:but|while|whereas)\s(?:it\s|the\simport\s)?(?:(?:does|did|is|was)\s?n[o'’]?t"
                    r"(?:\swork(?:ing)?)?|not|fails?|failed)\s(?:in|on|from|with|inside)\s(?:the\s|my\s|a\s)?"
                    r"(?:jupyter|notebook|vs\s?code|pycharm|spyder|ipython)\b", _I),
         _const(import_works_in_terminal="true"), 0.7),
    # the editor first, the terminal after: "I use pycharm to import torch, cannot use it. But I use cmd to import
    # torch, it can work."
    Rule("import_fails_in_editor_works_in_terminal", ("pycharm", "jupyter", "notebook", "vscode", "vs code", "spyder"),
         re.compile(r"\b(?:pycharm|jupyter|notebook|vs\s?code|spyder)\b[^\n]{0,80}?\b(?:can\s?n[o'’]?t|cannot|fails?|failed|"
                    r"does\s?n[o'’]?t\swork|not\swork(?:ing)?)\b[\s\S]{0,120}?\b(?:cmd|terminal|command\s(?:line|prompt)|"
                    r"console|shell)\b[^\n]{0,60}?\b(?:works?|worked|can\swork|fine|ok)\b", _I),
         _const(import_works_in_terminal="true"), 0.6),
    Rule("desktop_vm", ("vmware", "virtualbox", "virtual box"),
         re.compile(r"\b(?:vmware|virtual\s?box)\b(?!\s(?:esxi|vsphere))", _I),
         _const(desktop_vm="true"), 0.7),
    # torch not installed, told: "torch was missing when I ran the example", "torch missing from requirements.txt",
    # "pytorch is not installed" (not "torch is missing CUDA support": that is a build, read by the statements)
    # "pip list shows torch 2.1.0", "pip show torch says 2.1.0": pip told in prose that torch is installed
    Rule("pip_list_told", ("pip list", "pip3 list", "pip show", "pip3 show", "pip freeze", "pip3 freeze"),
         re.compile(r"\bpip3?\s(?:list|show|freeze)\b[^\n]{0,40}?\btorch\b[\s=:]{1,4}(?:is\s|says\s|version\s)?"
                    r"(?P<version>\d{1,2}\.\d{1,3}(?:\.\d{1,3})?(?:\+[a-z0-9.]{2,12})?)", _I),
         lambda m: {"torch_installed": m.group("version")}, 0.7),
    # the GPU's load read in Windows' Task Manager ("According to the task manager, the load of my GPU is 0%"): its GPU
    # graphs show the 3D, Copy and Video engines by default, CUDA work only on a graph switched to "Cuda" or
    # "Compute_0" (Microsoft's "GPUs in the Task Manager"), so an idle GPU there is no sign the program runs on the CPU
    Rule("gpu_load_in_task_manager", ("task manager", "taskmanager", "task-manager", "任务管理器", "工作管理員", "タスクマネージャ",
                                      "диспетчер", "administrador de tareas", "gerenciador de tarefas",
                                      "gestionnaire des tâches", "aufgaben-manager", "작업 관리자"),
         re.compile(f"{_TASK_MANAGER}[^\\n]{{0,120}}?{_GPU_WORD}|{_GPU_WORD}[^\\n]{{0,120}}?{_TASK_MANAGER}", _I),
         _const(gpu_load_seen="task_manager"), 0.6),
    # "Yesterday, it was working perfectly", "it worked fine before the update": the program ran on this machine before
    # (a program whose start asserts CUDA then had a GPU and a driver that answered)
    Rule("worked_before_told", ("yesterday", "was working", "worked", "used to work", "was running"),
         re.compile(r"(?:\b(?:it|this|everything|that|all)\s|^[ \t]{0,8}|[.!?]\s{1,3})(?:was\s(?:working|running)|worked|ran|"
                    r"used\sto\s(?:work|run))(?:\s(?:perfectly|fine|well|great|ok(?:ay)?|flawlessly))?\s"
                    r"(?:" + _BEFORE_NOW + r"|last\s(?:week|night))\b"
                    r"|\b" + _BEFORE_NOW + r",?\s(?:it|everything|this)\s(?:was\s(?:working|running)|worked|ran)\b",
                    _I | re.M),
         lambda m: {"worked_before": "true"} if stated(m) else {}, 0.6),
    # the install went to another Python than the program's: "torch got installed into the system python", "pip
    # installed it to the wrong environment", 装到了系统环境 (a bare `pip` on PATH belongs to another Python than the
    # program's own; packaging.python.org's "Ensure you can run pip": run pip as `python -m pip` with that Python)
    # the driver told below what a CUDA version needs ("the NVIDIA driver version on Replicate nodes is less than
    # required by CUDA 11.3"), the comparison NVIDIA's release notes make (each toolkit's minimum driver)
    Rule("driver_below_cuda_told", ("driver",),
         re.compile(r"\bdriver(?:\sversion)?(?:\son\s[\w ]{1,30}?)?\s(?:is|was|seems\sto\sbe)\s(?:less|lower|older)\sthan\s"
                    r"(?:the\sone\s|what\s(?:is\s)?)?(?:required|needed)\s(?:by|for)\sCUDA\s?\d{1,2}(?:\.\d)?", _I),
         lambda m: {"driver_below_told": "true"} if stated(m, _NOT_TOLD_AS_DONE) else {}, 0.6),
    Rule("installed_elsewhere_told", ("installed", "装到"),
         re.compile(r"\binstalled\s(?:it\s|them\s|torch\s|pytorch\s|everything\s)?(?:in|into|to|under|for)\s(?:the\s|my\s|a\s|an\s)?"
                    r"(?:system|global|base|wrong|another|other|different|separate)(?:'s)?\s(?:python|environment|env|"
                    r"interpreter|site-packages|conda\senv(?:ironment)?|venv)\b"
                    r"|装到了?(?:系统|全局|别的|其他|其它|另一个|另外的|错误的|错的)(?:的)?\s?(?:python|环境|解释器|目录)"
                    r"(?![^\n。，,？?]{0,12}还是)", _I),
         lambda m: {"installed_elsewhere_told": "true"} if stated(m, _NOT_TOLD_AS_DONE) else {}, 0.6),
    Rule("torch_missing_told", ("missing", "not installed"),
         re.compile(r"\b(?:py)?torch\s(?:(?:was|is)\s(?:still\s)?)?(?:missing|not\sinstalled)\b"
                    r"(?!\s(?:cuda|gpu|support|the\s|a\s|some|dll|librar|symbol|module\s\w|attribute|with|from\s(?:the\s)?"
                    r"(?:gpu|cuda)))", _I),
         lambda m: {"torch_missing_told": "true"} if stated(m) else {}, 0.6),
    Rule("apt_nvidia_driver", ("nvidia-driver-",),
         re.compile(r"\bapt(?:-get)?\s(?:-y\s)?install\s(?:-y\s)?(?:[\w.+-]{1,40}\s){0,4}?nvidia-driver-\d{3}", _I),
         _const(linux_driver_installed="true"), 0.8),
    Rule("driver_bare", ("nvidia ", "geforce", "game ready", "studio driver"),
         re.compile(r"\b(?:nvidia|geforce|game ready|studio)(?: driver)? (?P<driver_version>[3-9]\d{2}\.\d{2})\b", _I),
         _group("driver_version"), 0.5),
    # ---- Python: "Python 3.11.4", "python3.12", "Python312", "cp311", "py3.10", "python=3.9"
    Rule("python_words", ("python",),
         re.compile(r"\bpython(?: version)?[ :=]{0,3}v?(?P<major>[23])\.(?P<minor>\d{1,2})\b(?!\.\d{1,3}\.)", _I),
         _python_from, 0.8),
    Rule("python_compact", ("python3", "cp3", "py3"),
         re.compile(r"\b(?:Python|cp|py)(?P<digits>3\d{1,2})\b", _I), _python_compact, 0.6),
    # the Windows launcher picking an installed Python ("py -3.13 -m pip install torch", "py -3.10-32"; Python's docs,
    # "Using Python on Windows", Python Launcher): the version is the interpreter the command runs
    # (a command as run: at a line's start or after a prompt, not "someone said to run py -3.12"; "-32" picks the 32-bit one)
    Rule("python_launcher", ("py -3", "py.exe -3"),
         re.compile(r"(?:^[ \t]{0,8}|[>$][ \t]{0,2})py(?:\.exe)? -(?P<major>3)\.(?P<minor>\d{1,2})(?P<bits>-(?:32|64))?"
                    r"(?![\w.])", _I | re.M),
         _python_launcher, 0.7),
    Rule("python_32bit", ("32-bit", "32 bit", "-32\\", "-32/", "(intel)]", "win32.whl", "x86)"),
         re.compile(r"\b32[- ]bit\b|Python3\d{1,2}-32[\\/]|\[MSC v\.\d{4} 32 bit \(Intel\)\]|\(x86\)\\Python", _I),
         _bits, 0.8),
    # what the usual "is my Python 64-bit?" checks print, as printed (a line of its own, not quoted advice):
    # platform.architecture()'s "('32bit', 'WindowsPE')", struct.calcsize('P') * 8 answering 32 on the next line; the
    # interpreter's own answer, so it tells a 32-bit Python even where its version is not shown (on Windows, where a
    # 64-bit one can be installed; Linux's "('32bit', 'ELF')" is a 32-bit system, armv7l or i686, which no Python fixes)
    # (and sys.maxsize > 2**32 answering False: the check Python's platform docs recommend; markdown cleaning may have
    # taken its ** for bold)
    Rule("python_32bit_checked", ("'32bit'", "calcsize", "maxsize"),
         re.compile(r"^(?:>>>)?[ \t]{0,8}\('32bit', 'WindowsPE'\)[ \t]*$"
                    r"|(?:calcsize\([\"']P[\"']\) ?\* ?8|8 ?\* ?(?:struct\.)?calcsize\([\"']P[\"']\))\)?[\"')]{0,3}"
                    r"[ \t]*\r?\n(?:>>>)?[ \t]{0,4}32[ \t]*$"
                    r"|maxsize ?> ?2 ?(?:\*\* ?)?32\)?[\"')]{0,3}[ \t]*\r?\n(?:>>>)?[ \t]{0,4}False[ \t]*$", re.M),
         _const(python_bits="32", python_bits_checked="true"), 0.9),
    # uv's pip interface, not a project: "uv pip install …" run, or its resolver's "… and you require torch>=2.7" (a
    # project's report says "your project depends on"): installing again with the right index is the fix there
    Rule("uv_pip_interface", ("uv pip install", "uv.exe pip install", "you require"),
         re.compile(r"\buv(?:\.exe)? pip install\b|\band you require\s(?:torch|torchvision|torchaudio)\b", _I),
         _const(uv_pip_interface="true"), 0.8),
    # uv's pip interface shown running, not only named ("told me to try uv pip install"): the command on its own line
    # (after a shell prompt, a notebook's "!"), or uv's own output ("Installed 14 packages in 3.2s", which pip words as
    # "Successfully installed"; "Using Python 3.12.7 environment at: .venv"); where the fix is installed the same way
    Rule("uv_pip_ran", ("uv pip install", "uv.exe pip install", "packages in ", "package in ", "environment at"),
         re.compile(r"^[ \t]*(?:[^\n\"'“”]{0,80}?[$>%#][ \t]?|!)?uv(?:\.exe)? pip install\b"
                    # (told as done: "Ran `uv pip install …`", "installed it with uv pip install …", "uv pip install … で
                    # インストールしました", "用 uv pip install … 安装")
                    r"|\b(?:ran|used|installed (?:it |them |torch )?(?:with|via|using)|用|使用)[ \t]{1,3}[`'\"“]?uv(?:\.exe)? pip install\b"
                    r"|\buv(?:\.exe)? pip install\b[^\n]{0,300}?[`'\"”]?[ \t]?(?:でインストール|で入れ|安装了|装的)"
                    r"|^[ \t]*Installed \d{1,4} packages? in [\d.]{1,8} ?m?s\b"
                    r"|^[ \t]*Using (?:CPython|Python) \d\.\d{1,2}(?:\.\d{1,2})? environment at:?", _I | re.M),
         _const(uv_pip_ran="true"), 0.8),
    # a uv project shown at work: its commands on their own line ("uv add torch", "uv sync", "uv run …" after a prompt) or
    # its resolver's "your project depends on": the project's pyproject.toml decides what `uv run` installs (it syncs
    # the environment to the lock first), so a package put in with pip or `uv pip` is undone there
    Rule("uv_project_ran", ("uv add", "uv sync", "uv run", "uv init", "uv lock", "project depends on"),
         re.compile(r"^[ \t]*(?:[^\n\"'“”]{0,80}?[$>%#][ \t]?)?uv(?:\.exe)? (?:add|sync|init|lock|run)\b"
                    r"|\byour project depends on\b", _I | re.M),
         _const(uv_project_ran="true"), 0.8),
    # ---- torch / torchvision / torchaudio / numpy versions: pip install, pip list, pip freeze, pip show, conda list
    Rule("pip_request", ("pip install", "pip3 install", "uv pip install", "uv add", "pip.exe install"),
         re.compile(r"\b(?:pip3?|pip\.exe|uv pip|uv) (?:install|add) (?P<spec>[^\n]{0,400}?\btorch\b[^\n]{0,400})", _I),
         _pip_request, 0.9),
    # Intel Extension for PyTorch's version ("ipex 2.8", "intel-extension-for-pytorch==2.2.0", "2.1.10+xpu"): each
    # release works with the torch release of the same major.minor only (its own import check)
    Rule("ipex_version", ("ipex", "intel-extension-for-pytorch", "intel_extension_for_pytorch"),
         re.compile(r"(?<![\w-])(?:ipex|intel[-_]extension[-_]for[-_]pytorch)(?:==|[ \t]{1,20}|[ \t]?:[ \t]?|-)v?"
                    r"(?P<ipex_version>\d{1,2}\.\d{1,2})(?:\.\d{1,3})?(?:\+[a-z]{1,6})?(?![\w.])", _I),
         _ipex_in_use, 0.8),
    # an NVIDIA GPU told without a model the GPU rules know: "an RTX card", "and NVIDIA T500", "an NVIDIA GPU" (stated:
    # not "I don't have an RTX card", "should I buy an RTX card?")
    Rule("nvidia_gpu_told", ("rtx", "gtx", "geforce", "quadro", "nvidia"),
         re.compile(r"\b(?:an?|my|the|this|one|and)\s(?:nvidia\s)?(?:geforce\s)?(?:rtx|gtx|quadro|geforce)\s(?:card|gpu|"
                    r"graphics(?:\scard)?)\b|\b(?:an?|my|the|and)\s(?:(?:discrete|dedicated)\s)?nvidia\s(?:gpu|graphics(?:\s"
                    r"card)?|card|dgpu|(?:t|a|rtx\sa?)\d{3,5}\w{0,4})\b", _I),
         lambda m: {"nvidia_gpu_told": "true"} if stated(m, _DENIED_BEFORE) else {}, 0.6),
    # a traceback's code line importing a package's compiled module ("from detectron2 import _C"): the module a DLL
    # error that names none was loading
    Rule("extension_import_line", ("import _c", "_ext", "_ops"),
         re.compile(r"^[ \t]{0,8}from[ \t](?P<package>(?!torch\b)[A-Za-z][\w.]{0,60})[ \t]import[ \t]"
                    r"(?P<module>_C|_ext|\w{1,40}_(?:ext|ops|kernels?))\b", re.M),
         lambda m: {"extension_import": f"{m.group('package')}.{m.group('module')}"}, 0.7),
    # a traceback frame of a package calling torch.ops.load_library (torch_scatter's __init__.py, and other torch
    # extensions that load their compiled library that way): the package whose library the next error is about
    # (the rule reads a line and the next: the frame's line names the package's folder, so that is its needle)
    Rule("ops_load_library_caller", ("site-packages", "dist-packages"),
         re.compile(r"(?:site|dist)-packages[\\/](?P<package>[A-Za-z_][\w]{0,40})[\\/][^\"\n]{0,200}\.py\"?, line \d{1,6}, "
                    r"in [^\n]{1,80}\n"
                    r"[ \t]{0,12}torch\.ops\.load_library\("),
         lambda m: {"ops_library_package": m.group("package")}, 0.8),
    # a Python or pip run with sudo ("sudo python3 setup.py develop", "sudo -H pip3 install"): root's interpreter and home
    Rule("sudo_python", ("sudo python", "sudo pip", "sudo -h ", "sudo -e "),
         # (as run: at a line's start, after a prompt, or "run sudo …"; not advice: "don't use sudo pip install")
         re.compile(r"(?:^[ \t]{0,8}|[$#>][ \t]{0,2}|\b(?:run|running|ran|try|tried|but|with|using|then)\s)sudo\s(?:-[EH]\s){0,2}"
                    r"(?:python\d?(?:\.\d{1,2})?|pip\d?(?:\.\d{1,2})?)(?![\w.-])", _I | re.M),
         _const(sudo_python="true"), 0.8),
    # torch's SDPA on a CUDA tensor warning that this build has no flash attention (Windows builds, older GPUs):
    # aten/src/ATen/native/transformers/cuda/sdp_utils.cpp only runs for tensors on a CUDA device, so CUDA works
    Rule("sdpa_cuda_warning", ("not compiled with flash attention",),
         re.compile(r"(?:UserWarning:[ \t]{0,3}|^[ \t]{0,8})1?Torch was not compiled with flash attention\.?[ \t]{0,3}"
                    r"\(Triggered internally at [^\n)]{0,300}?"
                    r"[\\/]transformers[\\/]cuda[\\/]", _I | re.M),
         _const(cuda_works="true"), 0.8),
    Rule("dist_pin", ("torch", "numpy"),
         # (a CJK word glued before the name is no letter of it: "装了torch 2.5.1+cu124"; a companion's wheel page
         # "whl/torch-2.4.0+cu121.html" names the torch its wheels are for: wheel_page_torch)
         re.compile(r"(?<![A-Za-z0-9_.-])(?!torch-[\d.]{3,12}(?:\+\w{2,10}\.html|/(?:cu\d{2,3}|cpu)/repo\.html))"
                    r"(?P<name>torch|pytorch|torchvision|torchaudio|numpy)(?:==|-| \(|\s{1,40})"
                    r"v?(?P<version>\d{1,2}\.\d{1,3}(?:\.\d{1,3})?(?:\.post\d{1,3})?(?:[ab]\d{1,3}|rc\d{1,3}|\.dev\d{1,10})?"
                    r"(?:[ \t]?\+[ \t]?(?:cu\d{2,3}|cpu|rocm[\d.]{1,8}|xpu)\b|\+[a-z0-9.]{2,16})?)(?!\w|\.\w)", _I),
         _dist_pair, 0.8),  # (people write the build apart too: "PyTorch 2.8.0 + cu129")
    # conda list rows ("pytorch-cpu" and "pytorch-nightly(-cpu)" are the pytorch channel's older package names), also
    # quoted inline (``` pytorch-cpu  0.4.1 ... ```: the cleaner drops the backticks, the space stays)
    Rule("conda_pytorch", ("pytorch ", "pytorch-cpu", "pytorch-nightly"),
         re.compile(r"^[ \t]{0,4}pytorch(?:-nightly)?(?:-cpu)?\s{1,40}(?P<version>\d{1,2}\.\d{1,3}(?:\.\d{1,3})?)\s{1,40}"
                    r"(?P<build>\S{1,80})", _I | re.M),
         _conda_pytorch, 0.9),
    # conda's transaction plan replacing a CUDA build of pytorch with a CPU one ("pytorch  pytorch::pytorch-1.12.1-
    # py3.10_cuda11~ --> pkgs/main::pytorch-1.12.1-cpu_py310h9dbd814_1", under "will be UPDATED/DOWNGRADED/SUPERSEDED"):
    # installing something else swaps the CUDA build out
    Rule("conda_plan_cuda_to_cpu", ("-->",),
         re.compile(r"^[ \t]{0,8}pytorch[ \t]{1,40}\S{0,60}pytorch-\d[\w.]{0,20}-\S{0,40}cuda\S{0,40}[ \t]{1,8}-->[ \t]{1,8}"
                    r"\S{0,60}pytorch-\d[\w.]{0,20}-\S{0,20}cpu\S{0,40}", re.M | re.I),
         _const(torch_build_told="cpu", conda_cpu_build="true"), 0.9),
    # Anaconda's defaults channel chose the pytorch package's variant through a metapackage, "_pytorch_select" with
    # build "cpu_0" or "gpu_0": its conda list row says which build is installed
    Rule("conda_pytorch_select", ("_pytorch_select",),
         re.compile(r"^[ \t]{0,4}_pytorch_select\s{1,40}\d[\d.]{0,10}\s{1,40}(?P<build>cpu|gpu)_\d{1,3}\b", re.M),
         lambda m: {"torch_build": "cpu"} if m.group("build") == "cpu" else {}, 0.9),
    # PyTorch Lightning's Trainer(gpus=...) on a machine where torch sees no GPU (its parse_gpu_ids: "You requested GPUs:
    # [0]\n But your machine only has: []"): torch.cuda.device_count() is 0, as is_available() False says
    Rule("lightning_machine_has_no_gpus", ("but your machine only has: []",),
         re.compile(r"But your machine only has: \[\]"),
         _const(cuda_available="false"), 0.8),
    Rule("pip_show", ("name: torch",),
         re.compile(r"^Name: torch\nVersion: (?P<torch_version>\S{1,40})", re.M),
         lambda m: {"torch_version": m.group("torch_version"), "torch_installed": m.group("torch_version")}, 1.0),
    # torch shown as installed (not merely asked for): pip's success line, pip list/freeze and conda list rows
    Rule("torch_installed", ("successfully installed", "torch ", "torch==", "pytorch-cpu", "pytorch-nightly"),
         re.compile(r"Successfully installed [^\n]{0,2000}?\btorch-(?P<a>\d{1,2}\.\d{1,3}(?:\.\d{1,3})?(?:\+[a-z0-9.]{2,16})?)"
                    r"|^[ \t]{0,4}(?:torch|pytorch(?:-nightly)?(?:-cpu)?) {2,40}(?P<b>\d{1,2}\.\d{1,3}(?:\.\d{1,3})?(?:\+[a-z0-9.]{2,16})?)\b"
                    r"|^torch==(?P<c>\d{1,2}\.\d{1,3}(?:\.\d{1,3})?(?:\+[a-z0-9.]{2,16})?)$", _I | re.M),
         lambda m: {"torch_installed": m.group("a") or m.group("b") or m.group("c")}, 0.9),
    # pip's success line names the local version of what it installed ("torch-2.3.1+cu121"); a bare "torch-2.3.1" is
    # the PyPI wheel, which on Windows is a CPU-only build (build._installed_cpu_wheel decides with the OS)
    Rule("pip_installed_torch_plain", ("successfully installed",),
         re.compile(r"Successfully installed [^\n]{0,2000}?\btorch-(?P<version>\d{1,2}\.\d{1,3}(?:\.\d{1,3})?)(?=[ \t]|$)",
                    _I | re.M),
         lambda m: {"torch_pip_installed": m.group("version")}, 0.9),
    # the companions pip's success line names: what is installed beside torch now (a pair the release tables compare)
    *(Rule(f"pip_installed_{name}", ("successfully installed",),
           re.compile(r"Successfully installed [^\n]{0,2000}?\b" + name + r"-(?P<version>\d{1,2}\.\d{1,3}(?:\.\d{1,3})?"
                      r"(?:\+[a-z0-9.]{2,16})?)(?=[ \t]|$)", _I | re.M),
           lambda m, key=f"{name}_installed": {key: m.group("version")}, 0.9)
      for name in ("torchvision", "torchaudio")),
    # a line holding only a version with PyTorch's local build suffix, as people answer "which torch?" ("2.1.2+cpu"):
    # only PyTorch's index versions carry "+cpu" / "+cuNNN" / "+rocmN" (torchaudio 2.x shares torch's numbers and build)
    Rule("torch_version_alone", ("+cpu", "+cu", "+rocm"),
         re.compile(r"^[ \t]{0,8}['\"]?(?P<torch_version>[12]\.\d{1,2}\.\d{1,2}\+(?:cpu|cu\d{2,3}|rocm\d{1,2}(?:\.\d{1,2}){0,2}))"
                    r"['\"]?[ \t]*$", re.M),
         lambda m: {"torch_version": m.group("torch_version"), "torch_installed": m.group("torch_version")}, 0.6),
    # a line naming torch with a version carrying PyTorch's local build suffix in it ("checked Pytorch ... it's just for
    # CPU (2.0.0+cpu)", "my torch is 2.1.0+cu118"): what is installed, unless the line installs, pins or requires it
    Rule("torch_build_in_a_torch_line", ("+cpu", "+cu"),
         re.compile(r"\b(?:py)?torch\b[^\n]{0,100}?[\s(\[`'\"](?P<torch_version>[12]\.\d{1,2}\.\d{1,2}\+(?:cpu|cu[89]\d|cu1\d\d))"
                    r"(?![\w.+])", _I),
         _installed_build_told, 0.5),
    # a torch installed, by its metadata folder: "site-packages\\torch-2.8.0+cu129.dist-info" (pip's RECORD lives there)
    Rule("torch_dist_info", (".dist-info",),
         re.compile(r"(?:^|[\\/\s'\"])torch-(?P<version>\d{1,2}\.\d{1,3}\.\d{1,3}(?:\+[a-z0-9.]{2,16})?)\.dist-info\b", _I),
         lambda m: {"torch_version": m.group("version"), "torch_installed": m.group("version")}, 0.8),
    Rule("torch_version_print", ("__version__",),
         # (also told after the command: 'print(torch.__version__)"` gives me "1.10.2+cu102"')
         re.compile(r"torch\.__version__\)?(?:['\"`]{0,3}\s{1,3}(?:gives|gave|returns|returned|prints|printed|shows|showed|"
                    r"outputs|says|is)(?: me)?:?)?\s{0,4}\n?(?:Out\[\d{1,4}\]: ?)?['\"`]?"
                    r"(?P<torch_version>\d{1,2}\.\d{1,3}\.\d{1,3}(?:\+[a-z0-9.]{2,16})?)", _I),
         _group("torch_version"), 0.9),
    # the one-line check of the build: python -c "import torch; print(torch.__version__, torch.version.cuda)" prints
    # "2.2.1+cpu None" (torch.version.cuda is None in a CPU build) or "2.3.1+cu121 12.1" on the next line
    Rule("torch_version_cuda_print", ("torch.version.cuda",),
         re.compile(r"print\(torch\.__version__, ?torch\.version\.cuda\)\)?[\"'`]{0,3}[ \t]*\r?\n(?:>>>)?[ \t]{0,8}"
                    r"(?P<torch_version>\d{1,2}\.\d{1,3}\.\d{1,3}(?:\+[a-z0-9.]{2,16})?)[ \t]{1,4}"
                    r"(?P<cuda>None|\d{1,2}\.\d{1,2})[ \t]*$", re.M),
         _version_and_cuda_print, 0.9),
    # the same one-line check with three or more of the usual expressions: print(torch.__version__, torch.version.cuda,
    # torch.cuda.is_available()) printing "2.4.1+cpu None False" on the next line
    Rule("check_print_values", ("print(torch.",),
         re.compile(r"print\((?P<arguments>torch(?:vision)?\.[\w.()]{3,40}(?:, ?(?:torch(?:vision)?\.[\w.()]{3,40}|"
                    r"platform\.machine\(\)|" + _VISIBLE_DEVICES_ARGUMENT + r")){2,5})\)\)?"
                    r"[\"'`]{0,3}[ \t]*\r?\n(?:>>>)?[ \t]{0,8}(?P<values>[\w.+-]{1,40}(?:[ \t]{1,4}[\w.+,-]{1,40}){2,5})[ \t]*$",
                    re.M),
         _check_print_values, 0.9),
    # Ultralytics' (and YOLOv5's) select_device() banner, printed after import: "Ultralytics 8.0.54 🚀 Python-3.10.6
    # torch-2.0.0+cpu CPU" names torch.__version__ of the running torch, then the device it chose: "CUDA:0 (name, MiB)",
    # "MPS" or "CPU". Only the CPU banner is read: it is the run that did not use the GPU, the one a paste comparing a
    # working and a failing run reports (ultralytics/utils/torch_utils.py, yolov5/utils/torch_utils.py)
    Rule("yolo_device_banner", ("python-",),
         re.compile(r"\bPython-\d\.\d{1,2}\.\d{1,2} torch-(?P<torch_version>\d{1,2}\.\d{1,3}\.\d{1,3}"
                    r"(?:(?:a|b|rc|\.dev)\d{1,10})?(?:\+[a-z0-9.]{2,16})?) CPU\b"),
         _group("torch_version"), 0.9),
    # torch.version.cuda printed as None: torch imported and is a build without CUDA (a CPU or ROCm build)
    Rule("torch_version_cuda_none", ("version.cuda",),
         re.compile(r"torch\.version\.cuda\)?\s{0,4}\n?(?:>>> ?)?(?:Out\[\d{1,4}\]: ?)?None\b"),
         _const(torch_build="cpu"), 0.9),
    # torch.version.cuda printed with a version (a REPL, a print, told after the call or, in prose, before it: "pytorch
    # point to cuda 9.0.176 (type torch.version.cuda in terminal)"): the CUDA the installed build was made with
    Rule("torch_version_cuda_print", ("version.cuda",),
         re.compile(r"torch\.version\.cuda\)?\)?(?:[ \t]{0,4}\n(?:>>> ?)?(?:Out\[\d{1,4}\]: ?)?|[ \t]{0,2}(?:[:=]|->)[ \t]{0,2}|"
                    r"\s(?:(?:gives|gave|returns?|returned|shows?|showed|prints?|printed|outputs?)\s))['\"]?"
                    r"(?P<torch_cuda>\d{1,2}\.\d{1,2})(?:\.\d{1,4})?['\"]?(?![\w.])(?![ \t]{0,2}(?:or\s(?:newer|higher|later|above)|\+))"
                    r"|\bcuda\s(?P<torch_cuda2>\d{1,2}\.\d{1,2})(?:\.\d{1,4})?\s\((?:type|typed|via|from|per|by)?\s?"
                    r"(?:\w{1,10}\s)?torch\.version\.cuda\b", _I),
         lambda m: {"torch_cuda": m.group("torch_cuda") or m.group("torch_cuda2")} if stated(m) or "\n" in m.group(0) else {},
         0.8),
    # a torch wheel from PyPI for Windows or macOS: PyPI publishes only CPU builds there (the CUDA builds come from
    # download.pytorch.org and carry "+cuXYZ" in the file name)
    Rule("pypi_cpu_wheel", ("-win_amd64.whl", "macosx_"),
         re.compile(r"\btorch-(?P<version>\d{1,2}\.\d{1,3}\.\d{1,3})-cp\d{2,3}-(?:cp\d{2,3}t?|none)-"
                    r"(?:win_amd64|macosx_\d{1,2}_\d{1,2}_(?:x86_64|arm64|universal2))\.whl"),
         lambda m: {"torch_cpu_wheel": m.group("version")}, 0.8),
    # torch.cuda.is_available() / torch.backends.mps.is_available() and what it printed, in a REPL, a notebook
    # (Out[n]:), a print("...:", ...) line, or prose ("returns True", "torch prints true from is_available()")
    Rule("cuda_available_print", ("is_available()",),
         re.compile(r"(?P<backend>\bmps\b|backends\.mps|\bxpu\b)?(?:\.is_available|is_available)\(\)['\"`]?\)?\)?['\"`]?\s{0,4}\n?"
                    r"(?:>>> ?)?(?:Out\[\d{1,4}\]: ?)?(?:[\w .?]{1,40}[:?] ?)?"
                    r"(?:(?:(?:it|this|that|which|and) )?(?P<verb>(?:(?:always|still|only|just|now|keeps?|kept) )?(?:returns?|returning|returned|gives?|"
                    r"giving|gave|is(?: returning| giving)?|was|shows?|showing|showed|prints?|printing|printed|outputs?|"
                    # (glued "=" only before False: "is_available()=True" is as often a wish as an f-string's output)
                    r"evaluates to)) (?:me |as )?|= |=(?=False\b)|-> |: |(?P<comment># ?)"
                    # (the verb in Chinese, Russian, Spanish, Portuguese and French: "返回为True", "возвращает False")
                    # (and in traditional characters)
                    r"|(?:(?:返回|傳回)(?:值)?(?:为|為|是|了)?|(?:结果|結果)(?:为|為|是)|(?:输出|輸出|显示|顯示)(?:为|為|是)?|"
                    r"возвращает|выда[её]т|devuelve|"
                    r"retorna|devolve|renvoie|retourne) ?)?['\"`]?"
                    r"(?P<value>True|False)\b", _I),
         _cuda_available, 0.8),
    # the answer confirmed in Chinese with only "is" after the call: "也確認過torch.cuda.is_available()為true" (a bare
    # "is" without the confirming verb is as often a question or a wish: "为什么…是False", "应该是True")
    Rule("cuda_available_confirmed_zh", ("is_available()",),
         re.compile(r"(?:确认|確認|检查|檢查)(?:过|過|了)?\s?(?:torch\.cuda\.)?is_available\(\)\)?\s?(?:为|為|是)\s?"
                    r"(?P<value>True|False)\b", _I),
         _cuda_available, 0.8),
    # the output line of a one-line check: python -c "import torch; print(torch.__version__, torch.cuda.is_available())"
    # prints "2.3.1+cu121 True"; print(torch.cuda.is_available(), torch.cuda.get_device_name(0)) "True NVIDIA …"
    Rule("check_output_line", ("is_available()",),
         re.compile(r"(?P<backend>\bmps\b|backends\.mps|\bxpu\b)?(?:\.is_available|is_available)\(\)[^\n]{0,80}\n"
                    r"(?:(?P<torch_version>\d{1,2}\.\d{1,3}\.\d{1,3}(?:\+[a-z0-9.]{2,16})?)[ \t]{1,4})?"
                    r"(?P<value>True|False)(?:[ \t]{1,4}[^\n]{0,80})?$", re.M),
         _check_output, 0.8),
    # torch.cuda.get_device_name(0) printed a name / device_count() a count >= 1: CUDA initialised on that GPU
    # (both raise or print 0 when it cannot); the name also names the GPU. A notebook rendered to text or markdown
    # (nbconvert, GitHub, a blog) puts one blank line between a cell's code and its output.
    Rule("device_name_print", ("get_device_name(", "device_count()"),
         re.compile(r"get_device_name\(\d{0,2}\)\)?\)?[ \t]{0,4}\n(?:[ \t]*\n){0,2}(?:Out\[\d{1,4}\]: ?)?['\"]?"
                    r"(?P<name>(?:NVIDIA |Tesla |Quadro |GeForce |TITAN )[A-Za-z0-9 \-]{1,60}?)['\"]?[ \t]*$"
                    r"|device_count\(\)\)?\)?[ \t]{0,4}\n(?:[ \t]*\n){0,2}(?:Out\[\d{1,4}\]: ?)?(?P<count>[1-9]\d{0,2})[ \t]*$",
                    _I | re.M),
         _device_print, 0.8),
    # cellpose's start-up check, printed after it ran a tensor on the GPU (cellpose/core.py, _use_gpu_torch):
    # "** TORCH CUDA version installed and working. **"
    Rule("cellpose_cuda_working", ("torch cuda version installed and working",),
         re.compile(r"TORCH CUDA version installed and working"),
         _const(cuda_works="true"), 0.9),
    # torch.cuda.device_count() printed 0: no CUDA device torch can use (what is_available() False says)
    Rule("device_count_zero", ("device_count()",),
         re.compile(r"device_count\(\)\)?\)?[ \t]{0,4}\n(?:>>> ?)?(?:Out\[\d{1,4}\]: ?)?0[ \t]*$", re.M),
         _const(cuda_available="false"), 0.8),
    # the CUDA device a tool reports running on, by name: torch's repr of torch.cuda.get_device_properties()
    # ("_CudaDeviceProperties(name='NVIDIA A10G', major=8, minor=6, …)", also in YOLOv3/v5 logs), the Ultralytics/YOLO
    # banner ("torch-2.0.1+cu118 CUDA:0 (Tesla T4, 15102MiB)"), ComfyUI's start log ("Device: cuda:0 NVIDIA GeForce
    # RTX 4090 : cudaMallocAsync"); each is printed only after CUDA initialised on that device
    Rule("cuda_device_named", ("_cudadeviceproperties(name=", "cuda:", "device: cuda:"),
         re.compile(r"_CudaDeviceProperties\(name='(?P<name>[^'\n]{2,80})'(?:, major=(?P<major>\d{1,2}), "
                    r"minor=(?P<minor>\d{1,2}))?"
                    r"|\bCUDA:\d{1,2} \((?P<name2>[^,()\n]{2,60}), \d{2,7}(?:\.\d{1,2})?Mi?B\)"
                    r"|^Device: cuda:\d{1,2} (?P<name3>[^\n:]{2,80}?)(?: : [A-Za-z]{2,20})?[ \t]*$", re.M),
         lambda m: _device_in_use(m.groupdict()), 0.9),
    Rule("available_prose", ("is_available()",),
         re.compile(r"\b(?:prints?|printed|printing|returns?|returned|returning|gives|gave|giving|shows?|showed|showing|says|"
                    r"repl(?:y|ies|ied|ying))\s(?P<value>true|false)\b"
                    r"[^\n]{0,12}?\b(?:from|for|on|with|by)\s(?:the\s)?(?:torch\.)?(?P<backend>backends\.mps\.|mps\.|xpu\.|cuda\.)?"
                    r"is_available\(\)", _I),
         _cuda_available, 0.7),
    # "Both `torch.backends.mps.is_available()` and `torch.backends.mps.is_built()` are true": two checks told together
    Rule("available_are_true", ("is_available()",),
         re.compile(r"(?P<backend>backends\.mps\.|mps\.|xpu\.|cuda\.)is_available\(\)`?\s(?:and|&)\s`?[\w.]{1,40}\(\)`?\s"
                    r"(?:both\s)?(?:are|were)\s(?:both\s|all\s)?(?P<value>true|false)\b", _I),
         _cuda_available, 0.7),
    # an operation shown working on the device: a printed tensor on cuda/mps, or said in prose
    Rule("tensor_on_device", ("device='", 'device="'),
         # (a matrix prints over several lines, the device on the last: torch's repr indents each row under
         # "tensor(" by eight spaces, "        [ 0.12, -1.03]], device='xpu:0')")
         re.compile(r"(?:tensor\([^\n]{0,300}?|^ {8}\[[^\n]{0,300}?\],[ \t])device=['\"](?P<device>cuda|mps|xpu)"
                    r"(?::\d{1,2})?['\"]", _I | re.M),
         _tensor_on_device, 0.9),
    Rule("works_on_gpu", (" on cuda", " on gpu", " on the gpu", " on mps", " on the cuda"),
         # (finite forms only: "Run on GPU" as a title, "to run on the GPU" as a wish are requests, not what happens)
         # (a gerund opening a line is a title naming the attempt: "Running boltz2 on CUDA 13.0 NVIDIA GB10")
         re.compile(r"\b(?:works|worked|(?<!^)working|runs|ran|(?<!^)running|succeeded|successful(?:ly)?|"
                    r"fine)\b[^\n.?]{0,20}?\bon (?:the )?(?P<target>gpu|cuda|mps)\b(?![^\n.]{0,60}\?)"
                    # (the gerund opening a line, with what happened after it: "Running stable diffusion on CUDA works
                    # fine now")
                    r"|^(?:running|working)\b[^\n.?]{0,40}?\bon (?:the )?(?P<target2>gpu|cuda|mps)\b[^\n.?]{0,20}?"
                    r"\b(?:works|worked|is working|runs fine|fine)\b", _I | re.M),
         _works_on_gpu, 0.6),
    # Hugging Face's training scripts log the device torch gave them (transformers' examples/pytorch/*/run_*.py and the
    # trainers built on them: "Process rank: 0, device: cpu, n_gpu: 0, distributed training: False"): CUDA unused
    # a program's own warning that it runs on the CPU (CodeFormer's "RuntimeWarning: Running on CPU now! Make sure your
    # PyTorch version matches your CUDA.", "UserWarning: falling back to CPU"): printed where CUDA was not available
    Rule("warning_on_cpu", ("warning",),
         re.compile(r"\b(?:\w{0,20}Warning|WARNING|WARN)\b:?[^\n]{0,60}?\b(?:running|using|fall(?:s|ing)?\sback\sto|"
                    r"switching\sto|defaulting\sto)\s(?:on\s)?(?:the\s)?cpu\b(?!\s(?:offload|threads?|cores?))", _I),
         _const(gpu_unused="true"), 0.7),
    # a program's log of the device it picked, the CPU ("Chosen device: cpu", "Selected device: cpu", "Using device:
    # cpu"): beside an NVIDIA GPU the text names it is the complaint itself (build._cuda_complaint); alone it is how a
    # CPU run logs
    Rule("program_chose_cpu", ("device: cpu", "device: 'cpu'", "device=cpu"),
         re.compile(r"\b(?:chosen|selected|using|use|current)\s(?:torch\s)?device\s?[:=]\s?['\"]?cpu\b(?!\s?(?:offload|threads?))",
                    _I),
         _const(program_chose_cpu="true"), 0.7),
    # PyTorch's Quickstart tutorial prints the device it picked: `device = "cuda" if torch.cuda.is_available() else
    # "mps" if ... else "cpu"` then f"Using {device} device" (pytorch.org/tutorials, beginner/basics/quickstart)
    # openai-whisper's decoding on a model whose device is the CPU (whisper/transcribe.py: "FP16 is not supported on
    # CPU; using FP32 instead"; load_model picks "cuda" only where torch.cuda.is_available()), and its warning that the
    # CPU was chosen although CUDA works ("Performing inference on CPU when CUDA is available")
    Rule("whisper_decoding_on_cpu", ("fp16 is not supported on cpu",),
         re.compile(r"FP16 is not supported on CPU; using FP32 instead", _I),
         _const(program_chose_cpu="true"), 0.7),
    Rule("whisper_cpu_beside_cuda", ("performing inference on cpu when cuda is available",),
         re.compile(r"Performing inference on CPU when CUDA is available", _I),
         _const(cuda_available="true"), 0.8),
    Rule("tutorial_using_device", ("using cuda device", "using mps device", "using cpu device"),
         re.compile(r"\bUsing (?P<device>cuda|mps|cpu) device\b"),
         lambda m: {"cuda": {"cuda_works": "true"}, "mps": {"mps_available": "true"}}.get(
             m.group("device"), {"program_chose_cpu": "true"}), 0.8),
    Rule("trainer_device_cpu", ("n_gpu: 0",),
         re.compile(r"\bdevice: cpu, n_gpu: 0\b"),
         _const(gpu_unused="true"), 0.8),
    # PyTorch's CUDA memory allocator out of memory (c10/cuda/CUDACachingAllocator.cpp: "CUDA out of memory. Tried to
    # allocate 2.00 GiB (GPU 0; ...)", torch.OutOfMemoryError since 2.5, torch.cuda.OutOfMemoryError before): torch
    # reached the GPU and allocated on it, so CUDA works; the program asks for more memory than the GPU has
    Rule("cuda_allocator_out_of_memory", ("cuda out of memory. tried to allocate",),
         re.compile(r"CUDA out of memory\. Tried to allocate \d", _I),
         _unless_asked(_const(cuda_works="true", gpu_memory_exhausted="true")), 0.9),
    # the MPS allocator out of memory (aten/src/ATen/mps/MPSAllocator.mm: "MPS backend out of memory (MPS allocated: …,
    # other allocations: …, max allowed: …). Tried to allocate …"): torch allocated on the Mac's GPU, so MPS works
    Rule("mps_allocator_out_of_memory", ("mps backend out of memory",),
         re.compile(r"MPS backend out of memory \(MPS allocated: ", _I),
         _unless_asked(_const(mps_available="true", gpu_memory_exhausted="true")), 0.9),
    # CUDA's asynchronous allocator out of memory (c10/cuda/CUDAMallocAsyncAllocator.cpp, the backend ComfyUI picks by
    # default: "Allocation on device 0 would exceed allowed memory. (out of memory)"): torch allocated on the GPU
    Rule("cuda_async_allocator_out_of_memory", ("would exceed allowed memory",),
         re.compile(r"Allocation on device \d{1,2} would exceed allowed memory\. \(out of memory\)", _I),
         _unless_asked(_const(cuda_works="true", gpu_memory_exhausted="true")), 0.9),
    # the HIP allocator out of memory (a ROCm build's c10/hip/HIPCachingAllocator.cpp, hipified from CUDA's: "HIP out of
    # memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of …"): torch allocated on the AMD GPU through
    # torch.cuda, so the ROCm build works there
    Rule("hip_allocator_out_of_memory", ("hip out of memory. tried to allocate",),
         re.compile(r"HIP out of memory\. Tried to allocate \d", _I),
         _unless_asked(_const(cuda_works="true", rocm_works="true", gpu_memory_exhausted="true")), 0.9),
    # the XPU allocator out of memory (c10/xpu/XPUCachingAllocator.cpp: "XPU out of memory. Tried to allocate 2.00 GiB.
    # GPU 0 has a total capacity of …"): torch allocated on the Intel GPU, so its XPU build works there
    Rule("xpu_allocator_out_of_memory", ("xpu out of memory. tried to allocate",),
         re.compile(r"XPU out of memory\. Tried to allocate \d", _I),
         _unless_asked(_const(xpu_available="true", gpu_memory_exhausted="true")), 0.9),
    # the program's tensors on two devices, one of them a CUDA device (aten's "Expected all tensors to be on the same
    # device, but found at least two devices, cuda:0 and cpu!"; cuDNN convolution's "Input type (torch.cuda.FloatTensor)
    # and weight type (torch.FloatTensor) should be the same"): a tensor reached the GPU, so CUDA works; the code forgot
    # to move the rest
    # (older torch said it as "Expected object of device type cuda but got device type cpu for argument #1",
    # cuDNN's RNN as "found input tensor at cpu and parameter tensor at cuda:0")
    Rule("tensors_on_two_devices", ("expected all tensors to be on the same device", "torch.cuda.",
                                    "expected object of device type cuda", "parameter tensor at cuda"),
         re.compile(TENSORS_ON_TWO_DEVICES +
                    r"|Input type \(torch\.(?:cuda\.)?\w{1,20}Tensor\) and weight type \(torch\.(?:cuda\.)?\w{1,20}Tensor\)"
                    r"|Expected object of device type cuda but got device type cpu"
                    r"|found input tensor at cpu and parameter tensor at cuda:\d{1,2}", _I),
         _tensors_on_two_devices, 0.9),
    # a kernel's own assert fired on the GPU ("CUDA error: device-side assert triggered", with the kernel's
    # "Assertion `t >= 0 && t < n_classes` failed" before it): the kernel ran, so CUDA works; the program passed it an
    # index out of range (c10/cuda/CUDAException.h's advice: CUDA_LAUNCH_BLOCKING=1 finds where)
    Rule("cuda_device_side_assert", ("device-side assert triggered",),
         re.compile(r"\bdevice-side assert triggered\b", _I),
         _const(cuda_works="true"), 0.9),
    Rule("trainer_device_cuda", ("n_gpu: ",),
         re.compile(r"\bdevice: cuda(?::\d{1,2})?, n_gpu: [1-9]\d{0,2}\b"),
         _const(cuda_works="true"), 0.8),
    # SD.Next's and kohya_ss's start-up check logs each GPU only inside `if torch.cuda.is_available()` (installer.py:
    # "Torch detected GPU: {name} VRAM {mb} Arch {capability} Cores {sm count}"; Intel's XPU line has no "Arch")
    Rule("launcher_torch_detected_gpu", ("torch detected gpu:",),
         re.compile(r"\bTorch detected GPU: [^\n]{1,80}? VRAM \d{1,7}(?:MB)? Arch\b"),
         _const(cuda_works="true"), 0.9),
    # the environment report of LlamaFactory and the tools that copy it ("llamafactory-cli env"): "- PyTorch version:
    # 2.3.0+cu121 (GPU)", the "(GPU)" added only when transformers' is_torch_cuda_available() is True
    Rule("env_report_torch_gpu", ("(gpu)",),
         re.compile(r"^[ \t]{0,8}(?:[-*][ \t]{1,4})?PyTorch version:[ \t]{1,8}(?P<version>\d{1,2}\.\d{1,2}(?:\.\d{1,3})?"
                    r"(?:\+[a-z0-9.]{2,12})?)[ \t]{1,4}\(GPU\)", re.M),
         lambda m: {"cuda_available": "true", "torch_version": m.group("version")}, 0.9),
    # "a Windows machine without a CUDA-enabled GPU", "I don't have an NVIDIA GPU", "no dedicated graphics card"
    Rule("no_nvidia_gpu_prose", ("without", "no ", "don't have", "do not have", "doesn't have", "does not have",
                                 "only have", "have only"),
         re.compile(r"\b(?:without|(?:do|does)(?:n't| not) have|have no|has no|there is no)\s(?:an?\s|any\s)?"
                    r"(?:cuda(?:[- ](?:enabled|capable))?|nvidia|dedicated|discrete|gpu)\s(?:gpu|graphics card|video card|card)s?\b"
                    # "I only have CPU device", "I have only a CPU"
                    r"|\bi\s(?:only\shave|have\sonly)\s(?:an?\s|the\s)?cpu\b(?!\s(?:version|build|wheel|torch|pytorch))"
                    # "I don't have a GPU", "my laptop has no GPU": first person or the machine, any GPU at all
                    r"|\b(?:i|my (?:laptop|computer|pc|machine|notebook|mac))\s(?:(?:do|does)(?:n't| not) have|have no|has no)"
                    # ("I do not have CUDA or any GPU available")
                    r"\s(?:cuda\s(?:or|nor|and)\s)?(?:an?\s|any\s)?(?:gpus?|graphics cards?|video cards?)\b"
                    r"(?![ \t]{1,3}(?:problems?|issues?|errors?))"
                    # "there is no GPU in my system", "on a machine without a GPU": the machine itself told (not "in my
                    # system monitor", nor what a program says: _no_gpu_owned)
                    r"|\bthere(?:\sis|'s|\sare)\sno\s(?:nvidia\s)?(?:gpus?|graphics\scards?)\s(?:in|on)\s(?:my|this|the|our)\s"
                    r"(?:system|machine|computer|laptop|pc|server|notebook|workstation|vm)\b(?![ \t]{1,3}(?:monitor|graphs?|"
                    r"tray|settings?|info|information|manager|logs?|usage|stats|profiler?|reports?|panel|view))"
                    r"|\b(?:system|machine|computer|laptop|pc|server|vm)\swithout\s(?:an?\s|any\s)?(?:nvidia\s)?gpus?\b"
                    # "a virtual server that doesn't have a GPU", "the machine has no GPU"
                    r"|\b(?:system|machine|computer|laptop|pc|server|vm|instance|box)\s(?:(?:that|which)\s)?"
                    r"(?:does\s?n['’]?t\shave|does\snot\shave|has\sno)\s(?:an?\s|any\s)?(?:nvidia\s|dedicated\s)?gpus?\b", _I),
         _no_gpu_owned, 0.7),
    # CUDA lost since it worked: "CUDA is not available anymore", "the GPU is no longer detected", "torch no longer sees
    # my GPU": what the text shows working (a collect_env from before, "it worked until the update") is the past
    Rule("cuda_lost_told", ("anymore", "any more", "no longer"),
         re.compile(r"\b(?:cuda|(?:the|my)\s(?:nvidia\s)?(?:gpu|graphics\scard)|gpu)\s(?:is|was)\s(?:not|n't)\s(?:available|"
                    r"detected|recogni[sz]ed|found|usable|used|working)\s(?:any\s?more|no\s?more)\b"
                    r"|\b(?:cuda|(?:the|my)\s(?:nvidia\s)?(?:gpu|graphics\scard)|gpu)\s(?:is\s)?no\slonger\s(?:available|"
                    r"detected|recogni[sz]ed|found|usable|used|works?|working)\b"
                    r"|\b(?:torch|pytorch)\s(?:(?:does|do)(?:n't|\snot)\s(?:see|detect|find|use)\s(?:the|my)\s(?:gpu|cuda)\s"
                    r"any\s?more|no\slonger\s(?:sees|detects|finds|uses)\s(?:the|my)\s(?:gpu|cuda))\b", _I),
         lambda m: {"cuda_lost": "true"} if stated(m) else {}, 0.7),
    # "My GPU is unfortunately not by nvidia", "my graphics card isn't an NVIDIA one", "the GPU is not from NVIDIA":
    # the machine's GPU is said to be some other vendor's
    Rule("gpu_not_nvidia_prose", ("gpu", "graphics card", "video card"),
         re.compile(r"\b(?:my|the|our|this)\s(?:laptop'?s?\s|pc'?s?\s|computer'?s?\s)?(?:gpu|graphics card|video card)"
                    r"\s(?:is\s(?:\w{2,14}ly\s)?not|isn't|is\sno)\s(?:an?\s)?(?:by\s|from\s|made by\s)?nvidia\b", _I),
         _const(no_nvidia_gpu="true"), 0.7),
    # "my graphics card does not support cuda", "our GPU can't run CUDA": the machine's GPU said to lack CUDA (another
    # vendor's, or an NVIDIA card too old for any build; an NVIDIA GPU named elsewhere rules the first out)
    Rule("gpu_lacks_cuda_prose", ("support", "run cuda", "have cuda", "do cuda"),
         re.compile(r"\b(?:my|the|our|this)\s(?:laptop'?s?\s|pc'?s?\s|computer'?s?\s)?(?:gpu|graphics card|video card|"
                    r"graphics)\s(?:does\s?n['’]?t|does\snot|can['’]?t|cannot|can\snot|won['’]?t)\s(?:support|have|run|do)\s"
                    r"(?:cuda|nvidia)\b(?!\s?v?\d)", _I),  # (not "doesn't support CUDA 12.1": a driver's limit)
         _const(no_nvidia_gpu="true"), 0.6),
    # the same in Chinese: "没有显卡" / "没有独立显卡" / "没有 NVIDIA 显卡" / "没有GPU" (no (discrete/NVIDIA) graphics card)
    # "只有核显" / "只有集显" / "只有集成显卡" (only integrated graphics), "没有N卡" (no NVIDIA card)
    Rule("no_nvidia_gpu_zh", ("没有", "无独立显卡", "只有核显", "只有集显", "只有集成显卡"),
         re.compile(r"(?:电脑|笔记本|机器|我)?没有(?:独立|英伟达|nvidia ?)?(?:显卡|gpu)|没有n卡|无独立显卡|只有(?:核显|集显|集成显卡)",
                    _I),
         _const(no_nvidia_gpu="true"), 0.6),
    # "I have no (NVIDIA) graphics card" in the other languages the wizard speaks (de, fr, es, pt, ja, ko)
    Rule("no_nvidia_gpu_i18n", ("keine", "n'ai pas de", "pas de", "sans ", "no tengo", "sin ", "não tenho", "nao tenho",
                                "sem ", "ない", "無い", "ありません", "なし", "無し", "搭載", "없"),
         # the machine's owner saying it ("ich habe keine", "je n'ai pas de"), or "without": not the symptom retold
         # ("PyTorch findet keine NVIDIA GPU", "torch ne trouve pas de GPU NVIDIA" say what CUDA sees, not the machine)
         re.compile(r"\b(?:habe|hat|besitze) (?:leider )?keine? (?:dedizierte |NVIDIA[- ]?)?(?:Grafikkarte|GPU)\b"
                    r"|\bn'ai pas de (?:carte graphique|GPU)\b"
                    r"|\bsans (?:carte graphique|GPU) NVIDIA\b"
                    r"|\bno tengo (?:una )?(?:tarjeta gr[aá]fica|GPU)\b|\bsin (?:tarjeta gr[aá]fica|GPU) NVIDIA\b"
                    r"|\bn[aã]o tenho (?:uma )?(?:placa de v[ií]deo|placa gr[aá]fica|GPU)\b"
                    r"|\bsem (?:placa de v[ií]deo|GPU) NVIDIA\b"
                    # (not the conditionals "GPUがないと…" / "GPU가 없으면…": "without a GPU, …")
                    r"|(?:NVIDIA(?:製)?の)?(?:GPU|グラボ|グラフィックボード)(?:が|は)?"
                    r"(?:ない|無い|ありません|なし|無し|搭載されていません|非搭載)(?!と|場合|なら)"
                    r"|(?:NVIDIA )?(?:GPU|그래픽 ?카드)(?:가|는|이)? 없(?!으면|을 ?때|다고|다는)", _I),
         _const(no_nvidia_gpu="true"), 0.7),
    # "my laptop only has integrated graphics", "integrated graphics only", "on a CPU-only machine": no GPU CUDA can use
    # (not torch.load's own advice "If you are running on a CPU-only machine, please use torch.load with map_location",
    # torch/serialization.py, printed on any machine whose CUDA is unavailable)
    Rule("no_nvidia_gpu_integrated", ("integrated", "onboard", "cpu-only", "cpu only", "a cpu ", "no other", "no dedicated",
                                      "no discrete", "no nvidia", "no gpu", "no graphics"),
         # (told beside the machine's graphics, as a parenthesis or after a comma: "Intel UHD 620 (no other GPU)",
         # "Radeon 780M graphics, no dedicated GPU")
         re.compile(r"(?:^|[,(;]\s?)(?:and\s)?no\s(?:other|dedicated|discrete)\s(?:nvidia\s)?(?:gpus?|graphics\s?cards?|"
                    r"video\s?cards?)\b(?!\s(?:found|detected))"
                    r"|(?:^|[,(;]\s?)(?:and\s)?no\snvidia(?:\s(?:gpus?|cards?|graphics(?:\scards?)?))?(?=\s?[),;.]|\s?$)"
                    # ("my laptop's CPU (no GPU)", "Windows 11, 16 GB RAM, no GPU."): a bare "no GPU" told beside the
                    # machine's parts, not a program's "no GPU found"
                    r"|(?:^|[,(;]\s?)(?:and\s)?no\s(?:gpus?|graphics\s?cards?)(?=\s?[),;]|\.?[ \t]*$)"
                    r"|\bonly (?:has|have|got) (?:an? )?(?:integrated|onboard|intel) (?:graphics|gpu|video)\b"
                    r"|\b(?:integrated|onboard) (?:graphics|gpu) only\b"
                    # "inference on a CPU machine", "I'm using a CPU-only laptop"
                    r"|\b(?:on|have|has|with|using|use) an? CPU(?:[- ]only)? (?:machine|laptop|computer|server|pc|system|vm|"
                    r"instance|host|box)\b(?!,? please use torch\.load)"
                    # "Running nnUNet on CPU-Only Virtual Server": the machine's kind, with or without an article
                    r"|\b(?:on|have|has|with|using|use) (?:an? |the )?CPU[- ]only (?:virtual |cloud |remote |linux |windows )?"
                    r"(?:machine|laptop|computer|server|pc|system|vm|instance|host|box)\b(?!,? please use torch\.load)", _I),
         _const(no_nvidia_gpu="true"), 0.7),
    # detectron2's collect_env table ("CUDA available   True", newer releases "GPU available   False": tabulate of
    # torch.cuda.is_available()) and OpenMMLab's collect_env ("CUDA available: True", mmcv/mmengine) print
    # torch.cuda.is_available() under their own label; docTR's collect_env labels torch's answer "Is CUDA available
    # (PyTorch): Yes" beside TensorFlow's (not read); a program's start banner may add the CUDA version after it
    # ("CUDA available: True (version:11.1)")
    Rule("toolbox_env_cuda", ("cuda available", "gpu available"),
         re.compile(r"^[ \t]{0,8}(?:(?:Is )?CUDA available(?: \(PyTorch\))?(?::[ \t]{0,20}|[ \t]{2,40})|GPU available[ \t]{2,40})"
                    r"(?P<value>True|False|Yes|No)(?:[ \t]{0,3}\((?:version)?[: ]{0,2}\d{1,2}\.\d{1,2}[^\n()]{0,12}\))?[ \t]*$", re.M),
         _yes_no_available, 1.0),
    # Hugging Face's `transformers env` / `diffusers-cli env` (their bug templates): "- PyTorch version (GPU?): 2.1.0+cu121
    # (True)", newer "- PyTorch version (accelerator?): 2.5.1+cu124 (CUDA)" ("NA" without any accelerator)
    Rule("hf_env_torch", ("pytorch version (gpu?)", "pytorch version (accelerator?)"),
         re.compile(r"PyTorch version \((?:GPU|accelerator)\?\): (?P<version>\d{1,2}\.\d{1,3}\.\d{1,3}(?:\.dev\d{1,10})?"
                    r"(?:\+[a-z0-9.]{2,16})?) \((?P<value>True|False|CUDA|NA|XPU|NPU|HPU|MPS)\)", _I),
         _hf_env_torch, 1.0),
    # torch.utils.collect_env's SystemEnv as JSON: "torch_version": "2.2.0+cu121", "is_cuda_available": "False",
    # "nvidia_driver_version": "551.23", "nvidia_gpu_models": "GPU 0: NVIDIA GeForce RTX 3060" (null: not collected)
    Rule("system_env_json", ('"torch_version"', '"is_cuda_available"', '"cuda_compiled_version"', '"nvidia_driver_version"',
                             '"nvidia_gpu_models"', '"python_version"'),
         re.compile(r'"(?P<key>torch_version|is_cuda_available|cuda_compiled_version|nvidia_driver_version|nvidia_gpu_models|'
                    r'python_version)": ?"(?P<value>[^"\n]{1,300})"'),
         _system_env_field, 0.9),
    # Lightning's trainer log: "GPU available: True (cuda), used: True" ("(mps)" on a Mac; no "(…)" before MPS support)
    Rule("lightning_device_log", ("gpu available:",),
         re.compile(r"\bGPU available: (?P<value>True|False)(?: \((?P<kind>cuda|mps)\))?, used: (?:True|False)", _I),
         _lightning_device, 1.0),
    # torch.utils.bottleneck's "Environment Summary": "PyTorch 1.10.0 not compiled w/ CUDA" is a CPU build; "Running
    # with Python 3.8 and CUDA 11.3.109" is written only when torch.cuda.is_available() (the line ends after "and"
    # both when CUDA is unavailable and when its runtime version is unknown, so that says nothing)
    Rule("bottleneck_summary", ("not compiled w/ cuda", "running with python"),
         re.compile(r"^PyTorch \S{1,40}(?: DEBUG)? (?P<cpu>not compiled w/ CUDA)$"
                    r"|^Running with Python \d\.\d{1,2} and (?P<cuda>CUDA \d{1,2}\.\d)", re.M),
         lambda m: {"torch_build": "cpu"} if m.group("cpu") else {"cuda_available": "true"}, 1.0),
    # xFormers' load failure names the torch it runs beside: "xFormers was built for:\n    PyTorch 2.0.1+cu118 with CUDA
    # 1108 (you have 2.0.1+cpu)" prints torch.__version__ after "you have" (xformers/_cpp_lib.py, _BuildInfo)
    Rule("xformers_torch_you_have", ("(you have ",),
         re.compile(r"\bPyTorch \S{1,40} with CUDA \S{1,12} \(you have (?P<version>\d{1,2}\.\d{1,3}\.\d{1,3}"
                    r"(?:(?:a|b|rc|\.dev)\d{1,10})?(?:\+[a-z0-9.]{2,16})?)\)"),
         lambda m: {"torch_version": m.group("version"), "torch_installed": m.group("version")}, 1.0),
    # ---- CPU builds shown another way, and CUDA asked of conda: what a helpdesk reads as "the CPU wheel" (a CPU
    # build told in words is wizard.textdiag.statements')
    # conda's build strings of CPU builds, in a plan, a conda list row or quoted inline: the pytorch channel's
    # "py3.8_cpu_0" (torchvision/torchaudio "py38_cpu"), its "pytorch-mutex 1.0 cpu" and "cpuonly" packages (pytorch/
    # builder's conda packaging: CU_VERSION=cpu builds carry the "cpuonly" constraint, which selects the cpu mutex),
    # conda-forge's "cpu_{blas_impl}_py{CONDA_PY}h…" (conda-forge/pytorch-cpu-feedstock recipe/meta.yaml; its CUDA
    # builds are "cuda{ver}_py…")
    # (conda-forge's pytorch builds: "pytorch-1.7.1-cpu_py38h36eccb8_2" in a plan, "pytorch 1.7.1 cpu_py38h…" listed)
    Rule("conda_cpu_build", ("_cpu", "cpuonly", "pytorch-mutex", "cpu_mkl_", "cpu_generic_", "cpu_openblas_", "cpu_py"),
         re.compile(r"\bpytorch(?:-cpu)?[-\s=]{1,40}\d{1,2}\.\d{1,2}(?:\.\d{1,3})?[-\s=]{1,40}cpu_py\d{2,3}h"
                    r"|\bpy(?:3\.?\d{1,2}|\d{2,3})_cpu(?:_\d{1,3})?\b"
                    r"|\bpytorch-mutex[ \t=-]{1,40}1\.0[ \t|=]{1,40}cpu\b"
                    r"|^[ \t]{0,4}\+?[ \t]{0,4}cpuonly[ \t=-]{1,40}\d"
                    r"|\bcpu_(?:mkl|generic|openblas)_py\d{2,3}h", _I | re.M),
         _const(conda_cpu_build="true"), 0.9),
    # the channels a conda command names ("conda install pytorch-cuda=12.1 -c pytorch -c nvidia")
    Rule("conda_channels", ("conda install", "conda create", "mamba install", "mamba create"),
         re.compile(r"\b(?:conda|mamba|micromamba) (?:install|create)\b[^\n]{0,400}", _I),
         _conda_channels, 0.8),
    # conda's channel URLs name the platform's subdir ("Current channels: https://conda.anaconda.org/pytorch/linux-aarch64",
    # "https://repo.anaconda.com/pkgs/main/win-32"): conda's own reading of this machine
    Rule("conda_subdir", ("conda.anaconda.org/", "repo.anaconda.com/pkgs/"),
         re.compile(r"(?:conda\.anaconda\.org/[\w.-]{1,60}|repo\.anaconda\.com/pkgs/(?:main|r|free))/(?P<subdir>linux-64|"
                    r"linux-aarch64|linux-ppc64le|win-64|win-32|osx-64|osx-arm64)\b", _I),
         _conda_subdir, 0.9),
    # CUDA asked of conda: "cudatoolkit=11.3" / "pytorch-cuda=11.8" in a conda install or an environment.yml, a
    # cudatoolkit row of conda list (pytorch's conda instructions before and after 1.13)
    Rule("conda_cuda_spec", ("cudatoolkit", "pytorch-cuda"),
         re.compile(r"\b(?:cudatoolkit|pytorch-cuda)(?:==?|>=|[ \t]{1,40})(?P<version>\d{1,2}\.\d{1,2})\b", _I),
         lambda m: {"conda_cuda": m.group("version")}, 0.8),
    # is_available printed without the call's parentheses ("torch.cuda.is_available False") or told in Chinese or
    # Japanese ("cuda.is_available()只会返回false", "is_available()がFalseを返す"). Only False is read: told in words,
    # "True" is as often what should happen ("应该返回True", "is_available = True expected") as what did, and a
    # working setup is never called ready on a sentence that may be a wish.
    Rule("cuda_available_words", ("is_available",),
         re.compile(r"\btorch\.cuda\.is_available[ \t]{1,3}(?:(?:returns?|is|=|:|->|gives)[ \t]{1,3})?(?P<value>False)\b"
                    r"|(?<!mps)\.is_available\(\)\)?[ \t]{0,2}(?:只|总|都|会|一直|还是|仍然|依然){0,3}"
                    r"(?:返回|输出|显示|打印|结果为|结果是|为|是|が|は)[ \t]{0,2}了?[ \t]{0,2}(?P<value2>False)(?![A-Za-z])"
                    # Korean "is_available()가 False를 반환", "is_available() 결과가 False"; Russian "возвращает False",
                    # Spanish "devuelve False", Portuguese "retorna False", German "gibt False zurück", French
                    # "renvoie False"
                    r"|(?<!mps)\.is_available\(\)\)?[ \t]{0,2}(?:(?:이|가|는|은|의)[ \t]{0,2})?(?:결과(?:가|는)?[ \t]{0,2})?"
                    r"(?:(?:возвращает|вернул[ао]?|выда[её]т|выводит|показывает|равно|devuelve|retorna|regresa|devolve|"
                    r"gibt|liefert|ergibt|renvoie|retourne|donne|sigue\sdando|continua\sretornando)[ \t]{1,3})?"
                    r"(?:(?:mir|me|nur|immer|toujours|siempre|sempre|всегда|только)[ \t]{1,3})?(?P<value3>False)"
                    r"(?![A-Za-z])(?:를|을|가|이|로|만)?"
                    # "gives `torch.cuda.is_available()` as False": the outcome after the call
                    r"|(?<!no longer )(?<!not )\b(?:gives|gave|returns?|returned|shows|showed|prints|printed)[ \t]{1,3}"
                    r"`?(?:torch\.)?cuda\."
                    r"is_available\(\)`?[ \t]{1,3}as[ \t]{1,3}`?False\b", _I),
         lambda m: {"cuda_available": "false"}, 0.8),
    # pip was pointed beyond PyPI: PyTorch's own index, an index or find-links option (also in a requirements file or
    # pip.conf), pip's "Looking in indexes:" / "Looking in links:" line (printed whenever such an option is in effect),
    # a poetry source or uv index table
    Rule("other_index_shown", ("download.pytorch.org", "index-url", "index_url", "find-links", " -f ", " -i ",
                               "looking in ", "tool.poetry.source", "tool.uv.index"),
         re.compile(r"download\.pytorch\.org|--(?:extra-)?index-url|\bindex[-_]url\b|--find-links|\s-[fi]\s{1,4}\S"
                    r"|Looking in (?:indexes|links):|\[\[tool\.(?:poetry\.source|uv\.index)\]\]", _I),
         _const(other_index_shown="true"), 0.9),
    # PyTorch's own wheel index or links page used (pip's "Looking in indexes/links:", or the install command's option:
    # whl/cu121, whl/torch_stable.html): its CUDA and CPU builds carry local versions ("2.1.2+cu121"), which pip lists
    # in "(from versions: …)" wherever one fits the platform (not a page the text only mentions)
    Rule("pytorch_index_shown", ("download.pytorch.org/whl",),
         re.compile(r"^[^\n]{0,200}?(?:Looking in (?:indexes|links):|\bpip3? install\b|\buv (?:pip install|add)\b)"
                    r"[^\n]{0,400}?download\.pytorch\.org/whl\b", _I | re.M),
         _const(pytorch_index_shown="true"), 0.9),
    # a companion's wheel page for one torch build, as its install instructions name it: PyG's
    # "-f https://data.pyg.org/whl/torch-${TORCH}+${CUDA}.html" (pytorch-geometric.com/whl before), DGL's
    # "-f https://data.dgl.ai/wheels/torch-${TORCH}/${CUDA}/repo.html"
    Rule("wheel_page_torch", ("/whl/torch-", "/wheels/torch-"),
         re.compile(r"(?:data\.pyg\.org|pytorch-geometric\.com)/whl/(?:nightly/)?torch-(?P<version>\d{1,2}\.\d{1,3}(?:\.\d{1,3})?)"
                    r"\+(?P<variant>cu\d{2,3}|cpu)\.html"
                    r"|data\.dgl\.ai/wheels(?:-test)?/torch-(?P<dgl_version>\d{1,2}\.\d{1,3})/(?P<dgl_variant>cu\d{2,3}|cpu)/"
                    r"repo\.html", _I),
         _wheel_page, 0.9),
    # ---- issue templates: "- PyTorch Version (e.g., 1.0): 1.3", "OS (e.g., Linux): Ubuntu"
    Rule("template_field", ("(e.g.", "version:", "os:", "configuration:"),
         re.compile(r"^(?P<label>PyTorch Version|torch version|OS|Python version|CUDA/cuDNN version|CUDA version|"
                    r"GPU models and configuration)(?: \(e\.g\.,? [^)\n]{0,40}\))?: ?(?P<value>[^\n]{0,200})$", _I | re.M),
         _template_field, 0.9),
    # ---- a version field within a line: "my pytorch version is 2.0.1", "CUDA version 10.0", and in the other
    # languages' words for "version" or after a full-width colon (CJK input): "torch版本：2.2.2+cu121", "версия torch: 2.1"
    Rule("version_field", ("version", "版本", "バージョン", "버전", "версия", "versión", "versão", "：", "驱动", "ドライバ",
                           "드라이버"),
         re.compile(r"(?<![\w.])(?P<label>py ?torch|torch|cuda|python|nvidia ?驱动|显卡驱动|驱动(?:程序)?|驅動(?:程式)?|"
                    r"(?:nvidia ?)?ドライバー?|드라이버|(?:nvidia )?driver)[ \t]?(?:的)?[ \t]?"
                    r"(?:(?:version|版本号?|バージョン|버전)[ \t]?(?:[:：=]|是|为|為|は|is)?|：)" + _FIELD_VALUE +
                    r"|(?:версия|versión\sde|versão\sd[oa])\s(?P<label_after>py ?torch|torch|cuda|python|драйвера)[ \t]?[:：=]?"
                    + _FIELD_VALUE.replace("?P<value>", "?P<value_after>"), _I),
         _version_field, 0.8),
    # ---- environment variables and where/which output
    Rule("env_var", ("ld_library_path", "cuda_visible_devices", "pythonpath", "_proxy", "cuda_home", "cuda_path",
                     "torch_cuda_arch_list"),
         # (also set from Python: os.environ["CUDA_VISIBLE_DEVICES"] = "2", os.environ.setdefault('X', '1'); and
         # Jupyter's %env X=1)
         # (not \b before the name: glued to a CJK word, "执行CUDA_VISIBLE_DEVICES=5", it has no word boundary)
         re.compile(r"(?<![A-Za-z0-9_])(?:export |set |\$env:|%env )?(?P<name>LD_LIBRARY_PATH|CUDA_VISIBLE_DEVICES|PYTHONPATH|HTTPS?_PROXY|"
                    r"ALL_PROXY|CUDA_HOME|CUDA_PATH|TORCH_CUDA_ARCH_LIST)(?:[\"']\] ?= ?|[\"'], ?| ?= ?)"
                    r"(?:\"(?P<double_quoted>[^\"\n]{0,500})\"|'(?P<single_quoted>[^'\n]{0,500})'|(?P<value>[^\n]{0,500}))", _I),
         _env_var, 0.9),
    # ---- Lightning's collect_env_details (its bug template): "* CUDA: - GPU: … - available: True - version: 12.1",
    # and the package list under "* Lightning:" / "* Packages:" ("- torch: 2.1.0+cu121")
    Rule("lightning_cuda", ("available:",),
         re.compile(r"^[ \t]{0,8}(?:[-*] )?available:[ \t]{1,20}(?P<value>True|False)[ \t]*\n"
                    r"[ \t]{0,8}(?:[-*] )?version:[ \t]{1,20}(?P<cuda>\d{1,2}\.\d{1,2}|None)", re.M),
         _lightning_cuda, 1.0),
    Rule("lightning_torch", ("torch:", "torch :", "torch  :"),
         # (a program's own report pads the key and adds fields after two blanks: "torch  : 2.10.0+cpu  cuda=False")
         re.compile(r"^[ \t]{0,8}(?:[-*] )?torch[ \t]{0,12}:[ \t]{1,20}(?P<version>\d{1,2}\.\d{1,2}\.\d{1,3}(?:\+[a-z0-9.]{2,12})?)"
                    # (not a requirement checker's "torch  : 2.4.0+cu121  (required)  NOT FOUND")
                    r"(?:[ \t]{2,}(?![^\n]{0,120}?\b(?:required|requires|missing|needed|need|not\sfound|expected|wanted|found)\b)"
                    r"[^\n]{0,120})?[ \t]*$", re.M),
         lambda m: {"torch_version": m.group("version"), "torch_installed": m.group("version")}, 0.9),
    # ---- a network failure told in prose ("pip was returning a connection broken problem")
    Rule("network_prose", ("connection", "network", "firewall", "internet"),
         re.compile(r"\b(?:connection (?:broken|refused|reset|timed out|problems?)|network (?:error|problems?|issues?)|"
                    r"no internet|firewall (?:is )?block\w{0,3})\b", _I),
         _const(network_failure="prose"), 0.5),
    # ---- where the code runs: Jupyter or IPython (a kernel is a Python of its own, not the shell's)
    # (the marks of a traceback raised in a notebook, or the notebook named as where it runs; not the package names
    # ipython / jupyter / ipykernel of a pip list or an install command)
    Rule("notebook_marks", (".ipynb", "<ipython-input-", "cell in[", "jupyter", "ipykernel_", "enhanced interactive python"),
         re.compile(r"\.ipynb\b|<ipython-input-\d{1,5}-|\bCell In\[\d{1,5}\]|[\\/]ipykernel_\d{1,9}[\\/]"
                    r"|(?<!install )(?<!install -U )\bjupyter(?:[ -]?lab| notebook)\b|\b(?:in|from|inside) (?:a |the |my )?jupyter\b"
                    r"|\bIPython \d{1,2}\.\d{1,3}(?:\.\d{1,3})? -- An enhanced Interactive Python", _I),
         _const(runs_in_notebook="true"), 0.8),
    # Windows' Python launcher running a script or pip ("py predicate.py", "py -3.10 -m pip install torch", "C:\\x> py
    # setup.py install"): it starts python.org's (or an activated venv's) Python, never an activated conda environment's
    Rule("py_launcher_run", ("py ", "py.exe"),
         re.compile(r"(?:^|[>$;；])[ \t]{0,8}py(?:\.exe)?(?:[ \t]{1,4}-[23](?:\.\d{1,2})?)?[ \t]{1,4}(?:-m[ \t]{1,4}pip\b|"
                    r"[\w./\\:-]{1,200}\.py\b)", re.M),
         _const(py_launcher="true"), 0.7),
    Rule("where_python", ("python.exe", "/bin/python"),
         re.compile(r"^(?P<path>(?:[A-Z]:\\[^\n]{1,300}\\python(?:3(?:\.\d{1,2})?)?\.exe|/[^\s]{1,300}/bin/python"
                    r"(?:3(?:\.\d{1,2})?)?))$", _I | re.M),
         _interpreter_path, 0.7),
    # ---- what the person states in words, in nine languages: the GPU unused, a CPU build (wizard.textdiag.statements)
    *(Rule(*statement) for statement in STATEMENT_RULES),
)


def scan_windows(clean: CleanText) -> list[tuple[int, int]]:
    """The parts of the cleaned text the rules examine: all of it, or its head and tail when long."""
    size = len(clean.text)
    if size <= SCAN_HEAD + SCAN_TAIL:
        return [(0, size)]
    return [(0, SCAN_HEAD), (size - SCAN_TAIL, size)]


def extract_facts(clean: CleanText, rules: tuple[Rule, ...] = RULES) -> list[TextFact]:
    """Every fact the rules find, in text order. Never raises; bounded by the scan windows and MAX_HITS."""
    if clean.binary:
        return []
    found: dict[tuple[str, int], TextFact] = {}
    ascii_text = clean.text.isascii()
    for start, end in scan_windows(clean):
        lines_of: dict[str, list[_NeedleLine]] = {}  # needle → its lines in this window: found once, however many
        for rule in rules:                           # rules share it ("gpu", "cuda" and "cpu" are a dozen rules' each)
            for fact in _apply(rule, clean, start, end, ascii_text, lines_of):
                found.setdefault((fact.key, fact.start), fact)
    return sorted(found.values(), key=lambda fact: (fact.start, fact.key))


_NeedleLine = tuple[int, int, int]  # (the needle's index, its line's start, its line's end)


def _needle_lines(clean: CleanText, needle: str, start: int, end: int) -> list[_NeedleLine]:
    """The needle's first occurrence on each of at most MAX_WINDOWS lines of the window."""
    text, lower = clean.text, clean.lower
    lines: list[_NeedleLine] = []
    position = start
    for _ in range(MAX_WINDOWS):
        index = lower.find(needle, position, end)
        if index < 0:
            break
        line_start = text.rfind("\n", start, index) + 1
        line_end = text.find("\n", index, end)
        line_end = end if line_end < 0 else line_end
        lines.append((index, line_start, line_end))
        position = line_end + 1
    return lines


def _next_line_end(text: str, line_end: int, end: int) -> int:
    """The end of the first non-blank line after line_end (at most MAX_BLANK_LINES blank lines skipped): a notebook
    rendered to text or markdown (nbconvert, GitHub, a blog) puts blank lines between a cell's code and its output."""
    position = line_end
    for _ in range(MAX_BLANK_LINES + 1):
        if position >= end:
            return end
        next_end = text.find("\n", position + 1, end)
        next_end = end if next_end < 0 else next_end
        if text[position + 1:next_end].strip():
            return next_end
        position = next_end
    return position


def _apply(rule: Rule, clean: CleanText, start: int, end: int, ascii_text: bool,
           lines_of: dict[str, list[_NeedleLine]]) -> Iterator[TextFact]:
    """The rule's regex on the line of each needle occurrence (and the next non-blank line), never on the whole text."""
    text = clean.text
    seen: set[int] = set()
    hits = examined = 0
    for needle in rule.needles:
        if ascii_text and not needle.isascii():
            continue
        if needle not in lines_of:
            lines_of[needle] = _needle_lines(clean, needle, start, end)
        for index, line_start, line_end in lines_of[needle]:
            if line_start in seen:
                continue
            seen.add(line_start)
            window_end = min(_next_line_end(text, line_end, end), index + WINDOW_AFTER)
            window_start = line_start if index - line_start <= WINDOW_BEFORE else index - WINDOW_BEFORE
            examined += window_end - window_start
            if examined > RULE_BUDGET_CHARS and len(seen) > 1:
                return  # (the first window is always examined, however long)
            for match in rule.regex.finditer(text, window_start, window_end):
                for key, value in rule.facts(match).items():
                    if value:
                        yield TextFact(key, value, rule.confidence, match.start(), match.end(), rule.name)
                hits += 1
                if hits >= MAX_HITS:
                    return


def best_facts(facts: list[TextFact]) -> dict[str, TextFact]:
    """Per key, the most confident fact (the first one among equals)."""
    best: dict[str, TextFact] = {}
    for fact in facts:
        current = best.get(fact.key)
        if current is None or fact.confidence > current.confidence:
            best[fact.key] = fact
    return best
