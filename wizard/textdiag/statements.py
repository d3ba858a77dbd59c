"""What a person states about their setup in words, read in the nine languages the wizard covers.

"It uses my CPU instead of the GPU", "GPU not detected", "CUDA is not available", "只用CPU", "GPUを認識しない",
"GPU를 사용하지 않아요", "не видит видеокарту", "no detecta la GPU", "não reconhece a GPU", "GPU wird nicht erkannt",
"ne détecte pas le GPU" (fact ``gpu_unused``); "my torch is the CPU version", "torch没有cuda", "CPU版のPyTorchが入って
いる", "la versión de CPU de torch se instaló" (fact ``torch_build_told``); "other projects use my GPU", "in my base env
it returns True", "nvidia-smi shows my GPU", "其他项目都能正常使用GPU", "webui是正常的" (fact ``gpu_works_elsewhere``: the
GPU and its driver work on this machine, for something other than the failing program).

Each rule is a small grammar of the statement (subject, negated verb, object) in one language. A statement counts only
as what happened: :func:`stated` keeps out conditionals ("if CUDA is not available, …", "GPU가 없으면"), wishes and
advice ("it should not run on the CPU", "make sure the GPU is not being used by another process", "可以在cpu上跑"),
yes/no questions ("Does it not use the GPU?", "…吗", "…나요?"; a why-question presupposes the fact and counts), and
code (``print("CUDA is not available")``). Torch's own messages are the signatures' business; the two that carry these
words (autocast's and GradScaler's "but CUDA is not available. Disabling", torch.load's "If you are running on a
CPU-only machine") are kept out by the rules' own look-aheads and the conditional guard.

The rules are plain data (:class:`StatementRule`); wizard.textdiag.evidence turns them into its Rules, so this module
depends on nothing of the extractor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

_I = re.IGNORECASE


class StatementRule(NamedTuple):
    name: str
    needles: tuple[str, ...]
    regex: re.Pattern[str]
    facts: Callable[[re.Match[str]], dict[str, str]]
    confidence: float


# ------------------------------------------------------------------ the guard: what happened, not what should

LOOK_BACK = 160  # characters before a match searched for its sentence's start
LOOK_AHEAD = 160  # and after it, for its end

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？\n]")
# a conditional governs its own comma-delimited segment: "If I run it, the GPU is not used" states it
# (Chinese posts often set clauses apart by a space alone)
_CONDITION_SEGMENT_END = re.compile(r"[.!?,;:](?=\s|$)|[。！？，；：、\n]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# a wish or an advice governs its clause: "I want it fast but it doesn't use the GPU" states it
_CLAUSE_BREAK = re.compile(
    r"[.!?,;:](?=\s|$)|[。！？，；：、\n]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
    r"|\b(?:but|and|so|because|although|though|however|yet|then|pero|porque|mas|porém|aber|und|weil|doch|mais|car"
    r"|et|но|потому что|и|а|y|e)\b|但是?|可是|而且|然后|所以|因为|结果|却|けど|けれど|のに|ので|지만|는데", _I)

_CONDITIONAL = re.compile(
    r"\b(?:if|unless|whether|in case|when|whenever|otherwise|else|si|s['’]il|cuando|en caso|quando|caso|"
    r"wenn|falls|sofern|ob|sonst|quand|lorsque|lorsqu|au cas|sinon|если|когда|в случае|иначе)\b"
    r"|如果|若是?|假如|要是|万一|一旦|否则|もし|万が一|만약|만일", _I)
# the person's own action after "if"/"when": "if I run it", "when installing", "wenn ich", "когда я", "当我"
_OWN_ACTION = re.compile(r"\W{0,2}(?:(?:i|we|i['’]m|ich|wir|je|yo|eu|я|мы|\w{2,20}ing"
                         # (the person's own action in the first person: "cuando instalo", "quando instalo", "wenn ich")
                         r"|instalo|instalé|instalei|ejecuto|ejecuté|executo|executei|corro|rodo|uso|installe|lance)\b"
                         r"|j['’]|我|私|僕|俺|제가|내가|나는|저는)", _I)
# "It will not use the GPU unless you pass device=0": a rule of the program, not what happened
_UNLESS = re.compile(r"\b(?:unless|a menos que|a no ser que|a não ser que|es sei denn|sauf si|à moins que)\b", _I)
_THAT = re.compile(r"\s*(?:that|dass|daß|que|qu['’]|что|чтобы)\b", _I)
_TEMPORAL = re.compile(r"when|whenever|cuando|quando|wenn|quand|lorsque|lorsqu|когда", _I)
_PORTUGUESE_IF = re.compile(r"^\W{0,3}(?:e\s|mas\s)?se\s", _I)  # "se" opens a conditional; elsewhere it is a pronoun
_WISH_OR_ADVICE = re.compile(
    r"\b(?:want|wants|wanted|wish|hope|would like|'d like|should|shouldn['’]?t|must|mustn['’]?t|ought|need to|"
    r"needs to|make sure|ensure|check (?:that|if|whether)|verify|so that|in order|to prevent|to avoid|supposed to|"
    r"expect|expected|how to|how do|how can|how could|how would|how should|may|might|please(?!\s(?:help|advise|assist))|"
    r"let['’]s|"
    r"prevent|avoid|can i|could i|is there a way|"
    r"quiero|quisiera|me gustaría|debería|deberia|debe|c[óo]mo (?:hago|puedo|hacer)|aseg[úu]r\w{1,6}|verifica|"
    r"comprueba|para que|hay que|quero|gostaria|deveria|deve|como (?:faço|faco|posso|fazer)|certifique|verifique|"
    r"confira|precisa|möchte|mochte|will|wollte|sollte|soll|sollen|muss|müsste|wie (?:kann|bekomme|bringe|schaffe)|"
    r"stelle sicher|stellen sie sicher|sicherstellen|prüfe|prüfen|überprüfe|damit|veux|voudrais|devrait|doit|"
    r"comment (?:faire|je|puis|on|forcer|utiliser)|assurez|assure-toi|vérifiez|vérifie|pour que|afin que|il faut|"
    r"хочу|хочется|хотел\w{0,2}|должн\w{1,2}|нужно|надо|чтобы|убедитесь|убедись|проверьте|проверь|пусть|"
    r"как (?:сделать|заставить|мне|можно|исправить))\b"
    r"|想要?(?!问|请教|知道)|希望|应该|应当|需要|请(?!问|教|帮)|确保|确认|保证|如何|怎样才能|怎么样才能|怎么才能|怎么让|怎么使|能否|能不能|可否|"
    r"可不可以|是否|可以|也能|都能|为了|以便|防止|避免|以免|不想|不要|别|どうすれば|どうやって|どうしたら|方法", _I)
# words of a yes/no question (a why-question presupposes what it asks about)
_YES_NO_OPENER = re.compile(r"^\s*(?:(?:does|do|did|is|are|was|were|will|would|could|can|has|have|est-ce que|ist|wird|"
                            r"kann|hat|erkennt|nutzt|verwendet|findet|läuft)\b|¿)", _I)
_WHY = re.compile(r"\b(?:why|how come|por qu[ée]|porque|warum|wieso|weshalb|pourquoi|почему|отчего)\b"
                  r"|为什么|为啥|なぜ|どうして|왜", _I)
_QUESTION_AFTER = re.compile(
    r"^\s?[^\s,，、。.!?！？]{0,12}?(?:吗|嗎|か[?？]|ですか|ますか|ませんか|でしょうか|のか[?？]|나요|까요|습니까|니까|니\?)")
_CONDITION_AFTER = re.compile(
    r"^\s?(?:的话|时|時|的时候|的情况|情况下|就|则|場合|なら|ように|よう|ため|べき|か(?:どうか|確認|チェック)|と(?![表出言いな])"
    r"|(?:으|는|을|하|할|하는|한다|는다|되|될|되는|된다)?\s?(?:면|때|경우|도록|다면|는지|세요|십시오|해야|려고|려면))")
_LINE_OF_CODE = re.compile(
    r"\b(?:print|raise|warn|warnings\.warn|assert|(?:logger|logging|log)\.\w{3,9}|\w{0,30}(?:Error|Exception))\s?\("
    r"|\belse\b|\s[!=]=\s|^\s{0,8}(?:>>>|In \[\d{1,4}\]:)", _I | re.M)


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the match's sentence before it and after it."""
    head = max(0, start - LOOK_BACK)
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, head, start)), default=head)
    tail = _SENTENCE_END.search(text, end, min(len(text), end + LOOK_AHEAD))
    return text[begin:start], text[end:tail.end() if tail else min(len(text), end + LOOK_AHEAD)]


def _tail_after(text: str, pattern: re.Pattern[str]) -> str:
    """The part of ``text`` after the last match of ``pattern`` in it."""
    last = 0
    for found in pattern.finditer(text):
        last = found.end()
    return text[last:]


def _head_before(text: str, pattern: re.Pattern[str]) -> str:
    """The part of ``text`` before the first match of ``pattern`` in it."""
    found = pattern.search(text)
    return text[:found.start()] if found else text


def _line_of(text: str, start: int, end: int) -> str:
    """The match's line, at most LOOK_BACK / LOOK_AHEAD characters either side of it (a line may be megabytes)."""
    head, tail = max(0, start - LOOK_BACK), min(len(text), end + LOOK_AHEAD)
    line_end = text.find("\n", end, tail)
    return text[text.rfind("\n", head, start) + 1 or head:tail if line_end < 0 else line_end]


def _governing_clause(before: str) -> str:
    """The clause before the match, with the one before it where it opens with "that" ("Make sure, that the GPU is not
    used": the advice governs it)."""
    breaks = [found.end() for found in _CLAUSE_BREAK.finditer(before)]
    clause_start = breaks[-1] if breaks else 0
    if len(breaks) >= 1 and _THAT.match(before, clause_start):
        clause_start = breaks[-2] if len(breaks) >= 2 else 0
    return before[clause_start:]


def _opens_a_hypothesis(before: str, only_temporal_exempt: bool) -> bool:
    """A conditional opens a hypothesis in ``before`` ("If CUDA is not available, it falls back to the CPU"), unless
    it introduces the person's own action ("If I run it, it only uses the CPU", "when installing pytorch it installs
    the cpu version": a report). In the match's own segment only a temporal word ("when", "cuando") is so exempt:
    "if I can't use the GPU" stays a hypothesis."""
    for found in (*_CONDITIONAL.finditer(before), *_PORTUGUESE_IF.finditer(before)):
        temporal = _TEMPORAL.fullmatch(found.group(0).strip()) is not None
        exempt = not only_temporal_exempt or temporal
        if not (exempt and (_OWN_ACTION.match(before, found.end())
                            or (temporal and _ACTION_DONE.match(before, found.end())))):
            return True
    return False


# an action done, told in the passive after "when": "When suite2p is installed, it installs the CPU build", "when the
# webui is launched": what happened at the person's hands, as "when I install it" (after "if" it stays a hypothesis)
_ACTION_DONE = re.compile(
    r"\W{0,2}(?:[^\s,.;:!?]{1,60}\s){1,4}?(?:is|are|was|were|gets|got|has\sbeen|have\sbeen)\s(?:\w{1,12}ly\s)?"
    r"(?:installed|run|started|launched|executed|built|compiled|updated|upgraded|imported|loaded|opened)\b", _I)


def stated(found: re.Match[str], refusal_before: re.Pattern[str] | None = None) -> bool:
    """Whether the match states what happens: not in a conditional's segment, a wish's or an advice's clause, a
    yes/no question or a line of code (nor after ``refusal_before``, a denial or a wish close before it)."""
    text = found.string
    before, after = _sentence(text, found.start(), found.end())
    segment = _tail_after(before, _CONDITION_SEGMENT_END)
    if _opens_a_hypothesis(segment, True) or _opens_a_hypothesis(before[:len(before) - len(segment)], False):
        return False
    rest_of_segment = _head_before(after, _CONDITION_SEGMENT_END)
    if _CONDITION_AFTER.search(after) or _UNLESS.search(rest_of_segment):
        return False
    if _opens_a_hypothesis(rest_of_segment, False):  # "it falls back to the CPU if CUDA is not available"
        return False
    if _WISH_OR_ADVICE.search(_governing_clause(before)):
        return False
    if refusal_before is not None and refusal_before.search(before[-60:]):
        return False
    if not _WHY.search(before):  # why-words lead their question in every language read here
        asks = after.rstrip().endswith(("?", "？")) and bool(_YES_NO_OPENER.search(before + found.group(0)))
        if asks or _QUESTION_AFTER.search(after) or (re.search(r"\bли\b", before + after) and "?" in after):
            return False
    return not _LINE_OF_CODE.search(_line_of(text, found.start(), found.end()))


def _fact_if_stated(key: str, value: str, refusal_before: re.Pattern[str] | None = None
                    ) -> Callable[[re.Match[str]], dict[str, str]]:
    def facts(found: re.Match[str]) -> dict[str, str]:
        return {key: value} if stated(found, refusal_before) else {}

    return facts


# ------------------------------------------------------------------ "the GPU is not used": what the program does

# what follows "GPU"/"CUDA" when the words are about a package or the toolkit, not the device (CMake's "Could NOT find
# CUDA (missing: CUDA_TOOLKIT_ROOT_DIR)" is about the toolkit)
_NOT_OBJECT = r"(?!\s?(?:version|build|wheel|package|index|variant|torch|pytorch|enabled|drivers?|memory|ram|toolkit|" \
              r"home|path|installation|install|librar\w{1,3}|dlls?|runtime|compiler|kernels?|extensions?|support|arch)\b" \
              r"|\s?\(missing)"
_EN_GPU = r"(?:(?:my|the|any|a|an|our|your)\s)?(?:(?:nvidia|dedicated|discrete|geforce)\s)?" \
          r"(?:gpus?|graphics\scards?|video\scards?|cuda(?:\sdevices?)?|nvidia|(?:rtx|gtx)\s?\d{3,4}(?:\s?ti)?)\b" + _NOT_OBJECT
_EN_NEG = r"(?:\b(?:does|do|did|is|are|was|were|ca|wo|could|would|has|have)n['’]?t|\b(?:does|do|did|is|are|was|were|" \
          r"will|could|would|can)\s(?:not|never)|\bnot|\bnever|\bcannot|\bunable\sto|\bfail(?:s|ed)?\sto|\brefuses?\sto)"
_EN_CPU = r"(?:(?:the|my|a)\s)?(?:cpu|processor)(?![-\w]|\s(?:only\s)?(?:version|build|wheel|variant|package|torch|pytorch|" \
          r"index|install|usage|time|memory|ram|load|utili[sz]ation|machine|laptop|computer|server|pc|system)\b" \
          r"|\s(?:as\swell|too|also|fine|just\sfine|ok|okay|perfectly|(?:and|or)\s(?:on\s)?(?:the\s)?gpu)\b)"

GPU_UNUSED_EN = re.compile(
    # "doesn't use my GPU", "is not using the GPU", "can't use the GPU", "does not detect my GPU", "never sees CUDA"
    _EN_NEG + r"\s(?:(?:be|being|even|actually|really|seem\sto|seems\sto|appear\sto|appears\sto|\w{2,12}ly)\s){0,2}"
    r"(?:use|using|utili[sz]e|utili[sz]ing|run\son|running\son|see|seeing|detect|detecting|recogni[sz]e|"
    r"recogni[sz]ing|find|finding|access|accessing|pick\sup|picking\sup|leverage|leveraging|load|loading)\s" + _EN_GPU +
    # "the GPU is not being used", "GPU not detected", "CUDA is not available" (not autocast's "but CUDA is not
    # available. Disabling", torch/amp/autocast_mode.py, nor GradScaler's)
    # (not "System CUDA not found": a program's word for a CUDA toolkit installed on the system, not torch's own CUDA)
    r"|\b(?<!system\s)(?:gpus?|graphics\scards?|video\scards?|cuda|nvidia\sgpu|cuda\sdevices?|(?:rtx|gtx)\s?\d{3,4}"
    r"(?:\s?ti)?)\s"
    r"(?:(?:is|are|was|were|still|also|"
    r"just|simply|apparently|obviously|has|have|been)\s){0,2}(?:(?:is|are|was|were|has|have|does|do|did)n['’]?t|not|"
    r"never)\s(?:(?:being|been|getting|even|actually|currently)\s){0,2}(?:used|utili[sz]ed|detected|recogni[sz]ed|"
    r"found|seen|available|usable|accessible|visible|picked\sup|in\suse|engaged|working)\b(?!\.\s{0,3}Disabling)"
    # (not "the GPU is not used by any other process": the GPU is free, which says nothing of this program)
    r"(?!\s(?:by|in)\s(?:any\s|an\s|the\s)?(?:other|another|else)\b)"
    r"|\b(?:gpus?|cuda)\s(?:is\s|was\s|are\s)?(?:unavailable|undetected|unused|unrecogni[sz]ed)\b(?!\.\s{0,3}Disabling)"
    # "no GPU detected", "no CUDA device was found", "no GPU is being used" (not torch's "No CUDA GPUs are available":
    # a signature's)
    r"|\bno\s(?:(?:nvidia|cuda|compatible|supported|usable|cuda-capable)\s){0,2}(?:gpus?|cuda\sdevices?)\s"
    r"(?:was\s|were\s|has\sbeen\s|have\sbeen\s|(?:is\s|are\s|was\s|were\s)?being\s|is\s|are\s)?"
    r"(?:detected|found|recogni[sz]ed|discovered|used|utili[sz]ed)\b"
    r"(?!\s(?:by|in)\s(?:any\s|an\s|the\s)?(?:other|another|else)\b)"
    # "I can't get pytorch to use my GPU", "couldn't get it to recognize the GPU"
    r"|" + _EN_NEG + r"\sget\s(?:[\w.-]{1,20}\s){0,2}?to\s(?:use|utili[sz]e|see|detect|recogni[sz]e|run\son|work\swith)\s"
    + _EN_GPU +
    # "the GPU doesn't work with pytorch", "my GPU won't work" (the device, not "GPU support doesn't work")
    # "the GPU does not appear", "GPU doesn't show up" (in the program: it lists only the CPU)
    r"|\b(?:gpus?|graphics\scards?|cuda)\s(?:(?:does|do|did|wo|ca)n['’]?t|(?:does|do|did|will|can)\snot|never)\s"
    r"(?:work|appear(?!\s(?:to|as|like)\b)|show\sup)\b"
    # "it says cuda is false", "cuda returns False" (is_available() told without its name)
    r"|\bcuda\s(?:is|was|returns?|returned|shows?|showed|gives?|gave|prints?|printed|comes\sback)\s(?:as\s)?false\b"
    # "no GPU load", "no GPU usage" (beside "some CPU load")
    r"|\bno\sgpu\s(?:load|usage|utili[sz]ation|activity)\b"
    # "I dont get cuda support", "never saw cuda support" (told of the program, on a machine with an NVIDIA card)
    r"|\b(?:(?:do|did)(?:n['’]?t|\snot)|dont|didnt|never)\s(?:get|got|see|saw|getting|seeing)\s(?:any\s)?(?:cuda|gpu)\s"
    r"(?:support|acceleration)\b"
    # "GPU usage stays at 0%", "GPU utilization is 0 %"
    r"|\bgpu\s(?:usage|utili[sz]ation|util|load)\s(?:(?:is|stays|remains|was|shows|at|of|always|still|just|never|goes|"
    r"above)\s){0,3}0\s?%"
    # "my GPU stays at 0%", "the load of my Nvidia GPU is 0%", "0% GPU usage"
    r"|\b(?:(?:load|usage|utili[sz]ation)\sof\s(?:my\s|the\s)?(?:nvidia\s)?)?gpu\s(?:(?:stays|remains|is|was|sits|sat|"
    r"stayed|remained)\s){1,2}(?:at\s)?0\s?%"
    r"|\b0\s?%\s(?:gpu|graphics\scard)\s(?:usage|load|utili[sz]ation)\b", _I)
GPU_UNUSED_ON_CPU_EN = re.compile(
    # "runs on the CPU", "always runs on CPU", "falls back to the CPU", "training everything on the CPU"
    # (a finite verb or a gerund after "is"/"still": not "you can run it on CPU", "Training on CPU is slow")
    r"\b(?:(?:(?:is|are|was|were|am|['’](?:s|m|re)|keeps|kept|still|only|always)\s(?:(?:still|only|always|just|now|"
    r"currently)\s)?(?:running|training|executing|computing|loading))|runs|ran|executes|executed|trains|trained|computes|"
    r"computed|loads|loaded|goes|went|falls\sback|fell\sback|falling\sback|defaulting|defaulted|stuck|stays|stayed|"
    r"still\swork(?:s|ing)?|"
    r"switch(?:es|ed)|switching)\s"
    r"(?:(?!fine|well|ok|okay|perfectly|great)\w{2,12}\s)?(?:(?:only|still|always|just|entirely|solely|purely|back)\s)"
    r"{0,2}(?:on|to|onto)\s" + _EN_CPU +
    # "it's still using the CPU", "only uses the CPU"
    r"|\b(?:(?:is|['’]s|are|was|keeps|kept)\s(?:still\s|only\s|always\s|just\s)?using|(?:still|only|always|just)\s"
    r"(?:uses|using|used))\s" + _EN_CPU +
    # "now it runs in CPU mode", a program's "run in CPU mode"
    r"|\brun(?:s|ning)?\sin\scpu\smode\b"
    # "YOLOv8 using my cpu instead of gpu", "the CPU and not the GPU"
    r"|\b(?:cpu|processor)\s(?:instead\sof|rather\sthan|and\snot)\s(?:(?:my|the|a)\s)?(?:gpu|cuda|graphics\scard|nvidia)"
    # "always use cpu not gpu", "the workload always on cpu, not gpu" (used or run there; not "bottlenecked on the CPU,
    # not GPU", which is about speed)
    r"|\b(?:uses?|using|used|runs?|running|ran|always|only|still)\s(?:(?:on|in)\s)?(?:(?:the|my)\s)?(?:cpu|processor),?\s"
    r"not\s(?:(?:my|the|a)\s)?(?:gpu|cuda|graphics\scard|nvidia)",
    _I)

_ZH_GPU = r"(?:gpu|显卡|cuda|n卡|独显|独立显卡|英伟达显卡|nvidia\s?显卡)"
_ZH_CPU = r"(?:cpu|处理器)(?!\s?(?:版|-only))"
GPU_UNUSED_ZH = re.compile(
    # 只用CPU / 一直用的是cpu / 还是用cpu跑 / 用的是cpu / 显示是cpu / 跑在cpu上 / 在CPU上跑
    r"(?:只|只会|只能|仅|一直|还是|仍然|依然|总是|始终|都|全部|全都|默认)(?:在)?(?:用|使用|调用|跑|运行|走|占用)"
    r"(?:了|的|的是|着|在)?\s?" + _ZH_CPU +
    r"|(?:用|使用|调用|跑|走)的(?:都|还|全|仍然|依然)?是\s?" + _ZH_CPU +
    r"|显示(?:的)?(?:是|为)\s?" + _ZH_CPU +
    r"|(?:跑在|运行在|跑到了?)\s?cpu\s?上|在\s?cpu\s?上(?:跑|运行|训练|推理|计算)(?!正常|没问题|没有问题|可以|是可以)"
    # 只能CPU跑 / 还是CPU运行 (the verb after the processor; not supposed, asked or compared: "没有独显的话只能CPU跑吧？",
    # "预处理还是CPU运行比较快")
    r"|(?<!的话)(?<!的话，)(?:只能|只会|还是|仍然|依然)\s?(?:在\s?|用\s?)?cpu\s?(?:上\s?)?(?:跑|运行|推理|训练|计算)"
    r"(?![^\n，。]{0,3}(?:吧|吗|么|嘛|？|\?))(?!\s?(?:比较|更|还快|就行|即可|也行))"
    # 没有用到GPU / 用不了GPU / 无法使用GPU / 识别不到显卡
    r"|(?:没有?|未|并未|并没有)(?:被)?(?:用到|用上|使用|调用|利用|启用|识别到?|检测到|找到|读到)了?\s?(?:我的)?\s?" + _ZH_GPU +
    r"|(?:用不了|用不上|调用不了|调不了|调用不到|识别不到|检测不到|找不到|识别不了|检测不了|无法使用|无法调用|无法识别|"
    r"无法检测到?|无法找到|不能使用|不能用|不能调用|没法用|没办法用|无法启用|未能识别|未检测到|未识别到?|未找到)\s?(?:我的)?\s?"
    + _ZH_GPU +
    # GPU识别不到 / cuda不可用 / GPU没有被使用
    r"|" + _ZH_GPU + r"\s?(?:一直|还是|根本|完全|都|也|并|似乎|好像|显示)?(?:没有?|未|并未)(?:被)?(?:用到|用上|使用|调用|"
    r"利用|识别到?|检测到|启用|占用)"
    # (with 加速 between: CUDA加速不可用, GPU加速用不了)
    r"|" + _ZH_GPU + r"\s?(?:加速)?(?:一直|还是|根本|完全|都|也|似乎|好像|显示)?(?:识别不到|检测不到|用不了|用不上|调用不了|调不了|"
    r"不可用|无法使用|无法识别|无法调用|识别不了|不能用|不能使用|没法用|未被识别|不被识别)"
    # GPU占用率一直是0 / 显卡利用率为0%
    r"|(?:gpu|显卡)(?:的)?(?:占用|利用|使用)率?\s?(?:一直|始终|都|还是)?(?:是|为|只有)?\s?0\s?%?(?![\d.])", _I)

_JA_GPU = r"(?:gpu|cuda|グラボ|グラフィック(?:ボード|カード)|nvidia|ビデオカード)"
GPU_UNUSED_JA = re.compile(
    # GPUが使われない / GPUを使ってくれない / GPUを認識しない / CUDAが使えない / GPUが認識されていません
    _JA_GPU + r"\s?(?:が|を|は)\s?(?:全く|まったく|一切|うまく|ちゃんと|正しく)?\s?(?:使われ|使わ|使っ|使え|使用され|使用し|"
    r"使用でき|利用され|利用し|利用でき|認識され|認識し|認識でき|検出され|検出し|検出でき|見つから|見つけられ|有効になら)"
    r"(?:て(?:い|くれ|くれてい|もらえ)?)?(?:ない|ません|なかった|ず)"
    # CPUで動いている / CPUで実行されています / CPUしか使われない
    r"|cpu\s?(?:で|のみで|だけで)\s?(?:動いて|動作して|実行されて|計算されて|処理されて|学習されて|推論されて|回って)"
    r"(?:い(?:る|ます|た|ました)|しまう|しまい(?:ます)?|しまって(?:い(?:る|ます))?)?"
    r"|cpu\s?(?:しか|のみ|だけ)\s?(?:が\s?)?(?:使われ|使わ|使用され|動)"
    r"|(?:device|デバイス)\s?(?:が|は)\s?cpu\s?(?:に(?:なって|なり)|と表示)", _I)

_KO_GPU = r"(?:gpu|cuda|그래픽\s?카드|그래픽|엔비디아|nvidia|쿠다|지피유)"
GPU_UNUSED_KO = re.compile(
    # GPU를 사용하지 않 / GPU 인식이 안 돼요 / GPU를 못 잡아요 / CUDA를 사용할 수 없
    _KO_GPU + r"\s?(?:를|을|가|이|는|은|로)?\s?(?:전혀|아예|제대로|계속)?\s?(?:"
    r"(?:사용|인식|활용|이용|감지|검출)(?:하지|되지|을\s?하지|이\s?되지)\s?(?:않|못)"
    r"|(?:사용|인식|활용|이용|감지)(?:이|을|를)?\s?(?:안|못)(?:\s?(?:되|하|해|함|됨|돼|됩|합))?"
    r"|(?:안|못)\s?(?:쓰|써|잡|씀|잡히|잡혀|씁|읽)"
    r"|(?:쓰|잡|찾|읽)지\s?(?:않|못)"
    r"|(?:사용|이용|활용)(?:할|될|을\s?할)\s?수\s?(?:가\s?)?없"
    r"|(?:사용\s?)?불가)"
    # CPU로만 돌아가요 / CPU만 사용돼요 / CPU에서만 실행됨
    r"|cpu\s?(?:로만|만|에서만|로|에서)\s?(?:(?:계속|항상)\s?)?(?:돌아가|돌아감|돌아|실행되|실행돼|실행됨|실행이|작동하|"
    r"작동되|작동함|동작하|동작함|학습되|학습이|사용되|사용됨|사용하고|사용해요|사용합|쓰고|써요|잡)", _I)

_RU_GPU = r"(?:видеокарт[уаеыой]{1,2}|видюх[уаеи]|gpu|гпу|cuda|куд[ау]|графическ(?:ий|ого)\sпроцессор[а]?|nvidia)"
GPU_UNUSED_RU = re.compile(
    # не использует видеокарту / не видит GPU / не могу использовать CUDA
    r"\bне\s(?:использует|используется|видит|видно|находит|определяет|определяется|распозна[её]т|задействует|"
    r"задействуется|подхватывает|подхватывается|нагружает|может\sиспользовать|могу\sиспользовать|"
    r"получается\sиспользовать|уда[её]тся\sиспользовать|использовал[аои]?|увидел[аои]?|наш[её]л|нашла|видел[аои]?)\s"
    r"(?:мою\s|мой\s)?" + _RU_GPU + r"(?![-\w])"
    # видеокарта не используется / GPU не определяется / CUDA недоступна
    r"|" + _RU_GPU + r"\s(?:\w{1,12}\s)?(?:не|никак\sне)\s(?:используется|использовалась|задействуется|задействована|"
    r"определяется|определилась|распозна[её]тся|видна|видно|видится|обнаружена|обнаруживается|найдена|находится|"
    r"подхватывается|нагружается|доступна|доступен)\b"
    r"|\b(?:cuda|куда)\s(?:не\sдоступна|недоступна|не\sдоступен|недоступен|не\sдоступно|недоступно)\b"
    # работает на процессоре / использует только CPU
    r"|\b(?:работает|считает|обучается|обучает|вычисляет|выполняется|ид[её]т|запускается|крутится|использует|юзает)\s"
    r"(?:(?:только|вс[её]\sравно|всегда|лишь|по-прежнему)\s){0,2}(?:на\s)?(?:процессор[еау]?|cpu|цпу|проц[еа]?)(?![-\w]|\s(?:тоже|также|нормально|хорошо)\b)"
    # "как использовать видеокарту, а не процессор" (how to make it use the GPU, not the CPU: an infinitive, never
    # "теперь работает на видеокарте, а не процессоре", which says it works), "процессор вместо видеокарты"
    r"|\b(?:использовать|задействовать|нагрузить|юзать)\s(?:мою\s)?" + _RU_GPU +
    r",?\s(?:а\sне|вместо)\s(?:процессор[аеу]?|cpu|цпу)(?![-\w])"
    r"|\b(?:процессор|cpu|цпу)\sвместо\s" + _RU_GPU + r"(?![-\w])",
    _I)

_ES_GPU = r"(?:(?:la|mi|el|una|ninguna)\s)?(?:gpu|tarjeta\sgr[áa]fica|gr[áa]fica|cuda|nvidia)\b"
GPU_UNUSED_ES = re.compile(
    # no usa la GPU / no detecta la GPU / no puedo usar la GPU
    r"\b(?:no|nunca)\s(?:me\s|se\s)?(?:usa|utiliza|est[áa]\s(?:usando|utilizando)|detecta|reconoce|encuentra|ve|"
    r"aprovecha|puedo\susar|puedo\sutilizar|logro\susar|consigo\susar)\s" + _ES_GPU +
    # la GPU no se usa / la GPU no es detectada / CUDA no está disponible
    r"|\b(?:gpu|tarjeta\sgr[áa]fica|gr[áa]fica)\s(?:no|nunca)\s(?:se\s)?(?:usa|utiliza|detecta|reconoce|aparece|"
    r"est[áa]\ssiendo\s(?:usada|utilizada)|es\s(?:usada|utilizada|detectada|reconocida)|fue\s(?:detectada|reconocida))\b"
    r"|\bcuda\s(?:no\s(?:est[áa]|es)\s(?:disponible|accesible)|no\sdisponible)\b"
    # usa la CPU en lugar de la GPU / solo usa la CPU / se ejecuta en la CPU
    r"|\b(?:usa|utiliza|est[áa]\s(?:usando|utilizando)|corre|se\sejecuta|entrena|trabaja)\s(?:(?:solo|s[óo]lo|solamente|"
    r"[úu]nicamente|siempre)\s)?(?:en\s|con\s)?(?:(?:la|el|mi)\s)?(?:cpu|procesador)(?![-\w]|\s(?:tambi[ée]n|bien|sin\sproblemas)\b)", _I)

_PT_GPU = r"(?:(?:a|minha|o|meu|nenhuma)\s)?(?:gpu|placa\sde\sv[íi]deo|placa\sgr[áa]fica|cuda|nvidia)\b"
GPU_UNUSED_PT = re.compile(
    # não usa a GPU / não reconhece a GPU / não consigo usar a GPU
    r"\bn[ãa]o\s(?:(?:est[áa]|esta)\s)?(?:usa|utiliza|usando|utilizando|reconhece|detecta|encontra|v[êe]|consigo\susar|"
    r"consigo\sutilizar|reconhecendo|reconheceu|detectou|usou|aproveita)\s" + _PT_GPU +
    # a GPU não é usada / CUDA não está disponível
    r"|\b(?:gpu|placa\sde\sv[íi]deo|placa\sgr[áa]fica)\s(?:n[ãa]o|nunca)\s(?:[ée]\s|est[áa]\ssendo\s|foi\s)?(?:usada|"
    r"utilizada|reconhecida|detectada|encontrada|aparece)\b"
    r"|\bcuda\s(?:n[ãa]o\s(?:est[áa]|[ée])\s(?:dispon[íi]vel|acess[íi]vel)|n[ãa]o\sdispon[íi]vel|indispon[íi]vel)"
    # usa a CPU em vez da GPU / roda só na CPU
    r"|\b(?:usa|utiliza|est[áa]\s(?:usando|utilizando|rodando)|roda|rodando|executa|treina)\s(?:(?:s[óo]|somente|"
    r"apenas|sempre)\s)?(?:(?:na|no|a|o|em|pela|minha)\s)?(?:cpu|processador)(?![-\w]|\s(?:tamb[ée]m|bem|normalmente|sem\sproblemas)\b)", _I)

_DE_GPU = r"(?:gpu|grafikkarte|cuda)"
GPU_UNUSED_DE = re.compile(
    # nutzt die GPU nicht / erkennt meine Grafikkarte nicht / verwendet nicht die GPU / findet keine GPU
    # (with the subject between after an opening word: "Warum erkennt PyTorch meine GPU nicht")
    r"\b(?:nutzt|benutzt|verwendet|erkennt|findet|sieht|nimmt)\s(?:\w{1,20}\s)?(?:(?:meine|die|meine\snvidia|"
    r"die\snvidia)\s)?" + _DE_GPU +
    r"\s(?:\w{1,12}\s)?nicht\b"
    r"|\b(?:nutzt|benutzt|verwendet|erkennt|findet)\s(?:nicht|keine)\s(?:(?:die|meine)\s)?" + _DE_GPU + r"\b"
    # GPU wird nicht erkannt / CUDA ist nicht verfügbar / keine GPU gefunden
    r"|\b" + _DE_GPU + r"\s(?:wird|ist|war|wurde)\s(?:\w{1,12}\s)?(?:nicht|nie)\s(?:erkannt|genutzt|benutzt|verwendet|"
    r"gefunden|verfügbar|verfuegbar|ansprechbar)\b"
    r"|\b" + _DE_GPU + r"\s(?:nicht|nie)\s(?:erkannt|genutzt|gefunden|verfügbar|verfuegbar)\b"
    r"|\bkeine\s(?:gpu|grafikkarte)\s(?:erkannt|gefunden)\b"
    # nutzt nur die CPU / läuft auf der CPU / CPU statt GPU
    r"|\b(?:nutzt|benutzt|verwendet|läuft|lauft|rechnet|trainiert)\s(?:(?:nur|immer|ausschließlich|weiterhin|trotzdem|"
    r"noch|leider|alles|komplett|es)\s){0,2}(?:auf\s|über\s)?(?:(?:der|die|meiner|meine)\s)?(?:cpu|prozessor)(?![-\w]|\s(?:auch|ebenfalls|problemlos)\b)"
    r"|\b(?:cpu|prozessor)\s(?:statt|anstatt|anstelle)\s(?:der\s|meiner\s)?(?:gpu|grafikkarte)\b", _I)

_FR_GPU = r"(?:(?:le|la|mon|ma|de|du|les)\s)?(?:gpu|carte\sgraphique|cuda|nvidia)\b"
GPU_UNUSED_FR = re.compile(
    # n'utilise pas le GPU / ne détecte pas le GPU / je ne peux pas utiliser le GPU
    r"\bn(?:e\s|['’])(?:utilise|exploite|d[ée]tecte|reconna[iî]t|trouve|voit)\s(?:pas|jamais|plus)\s" + _FR_GPU +
    r"|\bne\s(?:peux|peut|peuvent|parvient|parviens|arrive|arrivent)\spas\s(?:[àa]\s)?(?:utiliser|exploiter|"
    r"d[ée]tecter)\s" + _FR_GPU +
    # le GPU n'est pas détecté / CUDA n'est pas disponible / CUDA indisponible
    r"|\b(?:gpu|carte\sgraphique|cuda)\s(?:n['’]est|n['’]a)\s(?:pas|jamais)\s(?:[ée]t[ée]\s)?(?:utilis[ée]e?|"
    r"d[ée]tect[ée]e?|reconnue?|trouv[ée]e?|disponible|accessible)\b"
    r"|\bcuda\s(?:non\sdisponible|indisponible)\b|\bgpu\snon\s(?:d[ée]tect[ée]|reconnu|utilis[ée])\b"
    # utilise le CPU au lieu du GPU / tourne sur le CPU / n'utilise que le CPU
    r"|\b(?:utilise|tourne|s['’]ex[ée]cute|calcule|entra[iî]ne|reste)\s(?:(?:uniquement|seulement|toujours|que)\s)?"
    r"(?:sur\s)?(?:(?:le|mon)\s)?(?:cpu|processeur)(?![-\w]|\s(?:aussi|[ée]galement|sans\sprobl[èe]me)\b)", _I)

_GPU_UNUSED = _fact_if_stated("gpu_unused", "true")

# ------------------------------------------------------------------ "CUDA works elsewhere on this machine"

# "Other projects use my GPU", "A1111 detects my GPU", "in my base env it returns True", "nvidia-smi shows my GPU":
# the GPU and its driver work on this computer, so what differs is the failing program's own environment. Not a game
# or the display (which say nothing of CUDA), another machine, nor the past ("it used to work in the other env").

# programs people name as working on the GPU beside the failing one (web UIs for Stable Diffusion, LLM runners,
# other frameworks, Blender's CUDA renderer)
_NAMED_APP = r"(?:stable\s?diffusion(?:\s(?:web\s?ui|webui))?|(?:sd\s)?web\s?ui|a1111|automatic\s?1111|auto1111|" \
             r"comfy\s?ui|fooocus|invoke\s?ai|kohya(?:_ss)?|oobabooga|text-generation-webui|ollama|lm\sstudio|" \
             r"tensorflow|keras|blender)"
_NAMED_APP_NEEDLES = ("diffusion", "1111", "webui", "web ui", "comfy", "fooocus", "invoke", "kohya", "oobabooga",
                      "ollama", "lm studio", "tensorflow", "keras", "blender")
_COMMON_APP_NEEDLES = ("webui", "1111", "diffusion", "comfy")  # the ones named most beside another language's words
# "it returns True", a line of torch.cuda.is_available() told in words
_TRUE_TOLD = r"(?:(?:returns?|gives?|prints?|shows?|outputs?|says)\s(?:me\s)?|(?:is|=|==)\s?)true\b"

# A regex of many alternatives tries each of them at every character; a statement starts a word, so the regex looks
# for a word's start first.


def _at_word_start(pattern: str) -> re.Pattern[str]:
    return re.compile(r"\b(?=\w)(?:" + pattern + r")", _I)


def _at_characters_or_latin_word(characters: str, pattern: str) -> re.Pattern[str]:
    """Chinese, Japanese and Korean do not part their words: there a statement starts at one of ``characters`` (its
    own words' first characters) or where a Latin word starts (a program's name, "base", nvidia-smi)."""
    return re.compile(r"(?:(?=[" + characters + r"])|(?<![a-z0-9])(?=[a-z]))(?:" + pattern + r")", _I)


_EN_OTHER_THING = (
    r"(?:(?:other|another|different|separate)\s(?:[\w.+-]{1,20}\s){0,2}?(?:projects?|programs?|programmes?|apps?|"
    r"applications?|repos?|repositories|software|tools?|models?|scripts?|codes?|notebooks?|frameworks?|"
    r"librar(?:y|ies)|packages?|uis?|web\s?uis?|(?:conda\s|virtual\s|python\s)?(?:environments?|envs?|venvs?)|pythons?|"
    r"installs?|installations?|(?:ai\s)?(?:stuff|things))|" + _NAMED_APP + r")")
_EN_DETERMINER = r"(?:(?:all\s|any\s|every\s)?(?:(?:of\s)?my\s|the\s|a\s)?)"  # "with all of my other projects"
_EN_ENV_PLACE = (
    r"(?:(?:the|my|a)\s)?(?:(?:base|system|global|new|fresh)\s(?:conda\s|python\s|virtual\s)?(?:env(?:ironment)?s?|venv|"
    r"python)"
    r"|terminal|command\s(?:line|prompt)|cmd|powershell|python\s(?:shell|console|repl)|ipython|jupyter(?:\s(?:notebook|"
    r"lab))?|notebook)")
_EN_ELSEWHERE = r"(?:" + _EN_DETERMINER + _EN_OTHER_THING + r"|" + _EN_ENV_PLACE + r")"
_EN_GPU_OBJECT = r"(?:(?:my|the|our|a|an)\s)?(?:nvidia\s)?(?:gpus?|graphics\scards?|cuda|(?:rtx|gtx)\s?\d{3,4}(?:\s?ti)?)\b" \
                 + _NOT_OBJECT
_EN_FINE = r"(?:fine|well|perfectly|properly|correctly|normally|flawlessly|great|without\s(?:any\s)?(?:problems?|" \
           r"issues?|errors?)|with\sno\s(?:problems?|issues?))"
GPU_WORKS_ELSEWHERE_EN = _at_word_start(
    _EN_OTHER_THING + r"\s(?:"
    # "other AI programs use the GPU", "Stable Diffusion webui detects my GPU", "other envs can see CUDA"
    r"(?:(?:can|do|does|all|also|still|just|both|seem\sto|seems\sto|\w{2,12}ly)\s){0,2}"
    r"(?:uses?|utili[sz]es?|detects?|sees?|recogni[sz]es?|finds?|runs?\s(?:fine\s|well\s)?on|works?\s(?:fine\s|well\s)?"
    r"(?:on|with)|picks?\sup|accesses|access|(?:has|have)\sno\sproblems?\s(?:using|detecting|with)|(?:is|are)\susing|"
    r"(?:is|are)\sable\sto\suse)\s" + _EN_GPU_OBJECT +
    # "other projects work fine", "another conda env works perfectly" (not "… on CPU")
    r"|(?:(?:all|also|still|just|both)\s)?(?:works?|runs?)\s(?:just\s)?" + _EN_FINE +
    r"(?!\s(?:on|with)\s(?:the\s|my\s)?(?:cpu|processor)))"
    # "I can run other pytorch projects on my GPU", "I use my GPU with A1111"
    r"|(?:i|we)\s(?:(?:can|am\sable\sto|['’]m\sable\sto|regularly|usually|often)\s)?(?:(?:run|use|train|have\sno\s"
    r"problems?\s(?:running|using|training))\s" + _EN_DETERMINER + _EN_OTHER_THING + r"\s(?:\w{1,12}\s)?(?:on|with)\s"
    + _EN_GPU_OBJECT + r"|use\s" + _EN_GPU_OBJECT + r"\s(?:" + _EN_FINE + r"\s)?(?:in|with|for|from)\s" + _EN_DETERMINER
    + _EN_OTHER_THING + r")"
    # "I am able to run the GPU version of pytorch on other projects", "we use the CUDA build of torch in other envs"
    r"|(?:i|we)\s(?:(?:can|am\sable\sto|['’]m\sable\sto|regularly|usually)\s)?(?:run|use)\s(?:the\s)?(?:gpu|cuda)\s"
    r"(?:version|build)\sof\s(?:py)?torch\s(?:on|in|with|for)\s(?:others?|another|different)\s"
    r"(?:projects?|programs?|repos?|apps?|applications?|environments?|envs?)\b"
    # "it works fine with other projects", "CUDA works in another conda environment", "the GPU is detected in A1111",
    # "torch.cuda.is_available() returns True in my base env", "it works in the terminal but not in the notebook"
    # "it's working in my other conda env", "the same code runs on the GPU in the base env"
    r"|(?:(?:it|everything|cuda|(?:nvidia\s)?(?:gpu|graphics\scard)|is_available\(\))\s"
    r"(?:(?:also|still|just|all|both)\s)?(?:works?|is\sworking|runs?|is\savailable|is\s(?:detected|recogni[sz]ed|"
    r"found|visible)|gets\s(?:detected|recogni[sz]ed)|" + _TRUE_TOLD + r")|it['’]s\s(?:(?:also|still|just)\s)?"
    r"(?:working|available|detected|true)|(?:runs?|works?)\son\s(?:the\s|my\s)?gpu)\s(?:just\s)?(?:" + _EN_FINE +
    r"\s)?(?:in|with|for|from|under|inside|by|on)\s" + _EN_ELSEWHERE +
    # "in my base env torch.cuda.is_available() returns True", "in other projects the GPU works fine"
    r"|(?:in|with|from|inside|under)\s" + _EN_ELSEWHERE + r"\W{1,3}(?:[^\s!?]{1,40}\s){0,4}?(?:" + _TRUE_TOLD +
    r"|(?:cuda|the\sgpu|my\sgpu|gpu)\s(?:is\s)?(?:available|works|is\sworking|is\sdetected|is\sused|"
    r"is\srecogni[sz]ed)\b|(?:it|everything)\s(?:works|runs)\s(?:just\s)?" + _EN_FINE + r")"
    # "nvidia-smi shows my GPU", "nvidia-smi works fine"
    r"|nvidia-smi\s(?:(?:(?:also|still|correctly|properly)\s)?(?:shows|lists|detects|sees|displays|recogni[sz]es|"
    r"finds)\s" + _EN_GPU_OBJECT + r"|(?:works|is\sworking|runs)(?:\s" + _EN_FINE + r")?)"
    # "CUDA is installed correctly and works", "CUDA works fine"
    r"|cuda\s(?:is\s(?:installed|set\sup)\s(?:correctly|properly|fine)\sand\s(?:works|is\sworking)\b"
    r"|(?:works|is\sworking)\s(?:just\s)?" + _EN_FINE + r")")

_ZH_OTHER = r"(?:其他|其它|别的|另外(?:一个|的)?|另一个|其他的|其它的|所有其他的?)"
_ZH_THING = r"(?:项目|程序|软件|模型|代码|工程|仓库|应用|ai|ai程序|ai软件|(?:conda|虚拟|python)?\s?(?:环境|env|venv))"
_ZH_ENV = r"(?:(?:base|主|系统|全局|新建?的?|另一个|其他|其它|别的)\s?(?:的)?\s?(?:conda|虚拟|python)?\s?(?:环境|env|venv)" \
          r"|终端|命令行|cmd)"
# (也在使用gpu: "are also using the GPU"; not 正在 alone, "are using the GPU right now", which is about it being busy)
_ZH_WORKS = r"(?:都在|也在|都|也|均|是|就)?(?:能|可以|可)?(?:正常|完全)?(?:使用|用|调用|识别到?|检测到|跑|运行|用上|跑在)(?:了|到)?\s?" \
            + _ZH_GPU
GPU_WORKS_ELSEWHERE_ZH = _at_characters_or_latin_word(
    "其它别另所主系全新终命",
    # 其他项目都能正常使用GPU / 别的程序可以调用显卡 / 其他环境都没问题
    _ZH_OTHER + r"\s?(?:\w{1,12}\s?)?" + _ZH_THING + r"\s?(?:里|中|下|上)?(?:面)?(?:的)?\s?" + _ZH_GPU + r"?\s?"
    r"(?:" + _ZH_WORKS + r"|(?:都|也|均|是|就)?(?:(?:能|可以)?正常|没问题|没有问题|可用|可以用|能用)|(?:都|也|均|是|就)?true)"
    # 在base环境里是True / base环境下cuda可用 / 在终端里可以用GPU
    r"|" + _ZH_ENV + r"\s?(?:里|中|下|上)?(?:面)?\s?(?:(?:[^\s，。！？,]{1,30}?)?(?:是|为|返回|显示|输出)?\s?true"
    r"|(?:" + _ZH_GPU + r"|torch)?\s?(?:都|也|是|就)?(?:能|可以)?(?:正常|可用|能用|可以用|没问题|没有问题))"
    # webui是正常的 / sd webui能正常用GPU / comfyui可以调用显卡
    r"|" + _NAMED_APP + r"\s?(?:里|中|下|上)?(?:面)?\s?(?:" + _ZH_WORKS + r"|(?:都|也|是|就)?(?:正常|没问题|没有问题)"
    r"|(?:都|也|是|就)?(?:能|可以)?(?:正常)?(?:识别|检测)到?\s?(?:我的)?" + _ZH_GPU + r")"
    # nvidia-smi能正常显示显卡 / nvidia-smi显示正常 (not "nvidia-smi显示找不到")
    r"|nvidia-smi\s?(?:命令)?(?:的)?(?:输出|结果)?\s?(?:也|是|都)?(?:显示)?(?:正常|没问题|没有问题|(?:能|可以)?(?:正常)?"
    r"(?:显示|识别到?|看到|检测到)了?\s?(?:我的)?" + _ZH_GPU + r")"
    # cuda已经装好了也能正常使用
    r"|cuda\s?(?:已经?)?(?:安装|装)(?:好|成功|正确)了?\s?(?:而且|并且|也|，)?\s?(?:能|可以)(?:正常)?(?:使用|用|运行)")

_JA_OTHER = r"(?:他の|ほかの|別の|違う)"
_JA_FINE = r"(?:普通に|問題なく|正常に|ちゃんと|きちんと)?"
GPU_WORKS_ELSEWHERE_JA = _at_characters_or_latin_word(
    "他ほ別違ベタコ",
    # 他のプロジェクトではGPUが使えます / 別の環境では問題なく動きます / ベース環境ではTrue
    r"(?:" + _JA_OTHER + r"\s?(?:\w{1,12}\s?)?(?:プロジェクト|プログラム|ソフト(?:ウェア)?|アプリ|環境|仮想環境|モデル|"
    r"ツール|リポジトリ|コード|venv|conda環境)|(?:base|ベース)\s?環境|ターミナル|コマンドプロンプト|" + _NAMED_APP + r")"
    r"\s?(?:で|から|上で|だと)(?:は|も)?\s?" + _JA_FINE + r"\s?(?:" + _JA_GPU + r"\s?(?:が|を|は|も)\s?)?" + _JA_FINE + r"\s?"
    r"(?:使え|使われ|使って|使用でき|利用でき|認識され|認識して|認識でき|検出され|動(?:い|き|く)|動作し|true)"
    # nvidia-smiではGPUが認識されています / nvidia-smiは正常
    r"|nvidia-smi\s?(?:で|では|でも|は|も)\s?(?:" + _JA_GPU + r"\s?(?:が|は|も)\s?)?" + _JA_FINE + r"\s?"
    r"(?:認識され|表示され|見え|正常)")

GPU_WORKS_ELSEWHERE_KO = _at_characters_or_latin_word(
    "다베터",
    # 다른 프로젝트에서는 GPU를 잘 사용합니다 / 다른 환경에서는 잘 돌아가요 / base 환경에서는 True
    r"(?:다른\s?(?:\w{1,12}\s)?(?:프로젝트|프로그램|환경|가상\s?환경|앱|모델|코드|툴|레포|저장소)|base\s?환경|베이스\s?환경|"
    r"터미널|" + _NAMED_APP + r")\s?(?:에서는|에선|에서도|에서|은|는|들은)\s?(?:" + _KO_GPU + r"\s?(?:를|을|가|이|는|도)\s?)?"
    r"(?:(?:잘|정상적으로|문제\s?없이|제대로)\s?)?(?:사용|인식|작동|동작|돌아|쓰|씁|써|잡|true|돼|됩|됨|되)"
    # nvidia-smi에서는 GPU가 잘 보입니다
    r"|nvidia-smi\s?(?:에서는|에서|로는|로|는|도)\s?(?:" + _KO_GPU + r"\s?(?:를|을|가|이|는|도)\s?)?"
    r"(?:(?:잘|정상적으로|제대로)\s?)?(?:인식|보|나와|나옵|표시|정상)")

_RU_OTHER = r"(?:друг(?:ие|их|ой|ом|ая|ую|ое|ими)|остальн(?:ые|ых|ой|ом|ыми)|всех\sдругих)"
GPU_WORKS_ELSEWHERE_RU = _at_word_start(
    # в других проектах видеокарта работает / другие программы видят видеокарту / в base окружении True
    r"(?:" + _RU_OTHER + r"\s(?:\w{1,12}\s)?(?:проект\w{0,3}|программ\w{0,3}|приложени\w{0,3}|окружени\w{0,3}|"
    r"сред\w{0,3}|venv|env|conda|нейронк\w{0,3}|нейросет\w{0,3}|модел\w{0,3})|(?:base|базов\w{2,3})\s(?:окружени\w{0,3}|"
    r"сред\w{0,3}|env)|терминал\w{0,2}|консол\w{0,2}|" + _NAMED_APP + r")\s(?:(?:\w{1,12}\s)?(?:" + _RU_GPU + r")\s)?"
    r"(?:вс[её]\s|тоже\s|нормально\s|прекрасно\s|отлично\s|спокойно\s|без\sпроблем\s)?(?:работает|работают|видит|видят|"
    r"используется|используют|использует|определяется|доступна|доступен|true|запускается|запускаются|"
    r"работает\sнормально)(?:\s(?:" + _RU_GPU + r"))?"
    # nvidia-smi видит видеокарту / nvidia-smi показывает GPU
    r"|nvidia-smi\s(?:(?:видит|показывает|отображает|определяет)\s(?:мою\s)?" + _RU_GPU + r"|работает\b)")

_ES_PT_OTHER_THING = r"(?:otr[oa]s?|outr[oa]s?|demás|demais)\s(?:[\w-]{1,15}\s)?(?:proyectos?|programas?|aplicaciones|" \
                     r"apps?|entornos?|ambientes?|modelos?|repos?|repositorios?|projetos?|aplicativos?|" \
                     r"(?:entornos?|ambientes?)\s(?:de\s)?(?:conda|virtual(?:es|is)?))"
_ES_PT_VERB = r"(?:(?:s[íi]|sim|tamb[ée]m|todos)\s)?(?:funciona(?:n|m)?|usa(?:n|m)?|utiliza(?:n|m)?|detecta(?:n|m)?|" \
              r"reconoce(?:n)?|reconhece(?:m)?|corre(?:n)?|roda(?:m)?|anda(?:n)?|devuelve|retorna|d[áa])\b"
_ES_PT_GPU = r"(?:(?:la|el|mi|a|o|minha|meu)\s)?(?:gpu|cuda|tarjeta\sgr[áa]fica|placa\sde\sv[íi]deo)\b"
_ES_PT_FINE = r"(?:bien|perfectamente|sin\sproblemas?|normalmente|bem|perfeitamente|sem\sproblemas?|true)\b"
_ES_PT_WORKS_ELSEWHERE = (
    r"(?:" + _ES_PT_OTHER_THING + r"|(?:(?:el|o)\s)?(?:entorno|ambiente)\sbase|" + _NAMED_APP + r")\s(?:"
    # en otros proyectos la GPU funciona / em outros projetos a GPU funciona bem
    + _ES_PT_GPU + r"\s" + _ES_PT_VERB +
    # otros programas usan la GPU / outros projetos funcionam perfeitamente / en el entorno base devuelve True
    r"|" + _ES_PT_VERB + r"\s(?:" + _ES_PT_FINE + r"|" + _ES_PT_GPU + r")"
    # en otros entornos sí funciona / em outros ambientes sim funciona
    r"|(?:s[íi]|sim)\s" + _ES_PT_VERB + r")"
    # en otro entorno, torch.cuda.is_available() devuelve True / no ambiente base retorna True
    r"|(?:(?:otr[oa]|outr[oa])\s(?:entorno|ambiente)(?:\s(?:de\s)?conda|\svirtual)?|(?:(?:el|o)\s)?(?:entorno|ambiente)"
    r"\sbase)\W{1,3}(?:[^\s!?]{1,40}\s){0,3}?(?:devuelve|retorna|da|d[áa]|es|[ée])\s(?:[^\s!?]{1,40}\s)?true\b")

_DE_VERB = r"(?:funktioniert|funktionieren|nutzt|nutzen|erkennt|erkennen|läuft|laufen|verwendet|verwenden|ist|sind)\s"
_DE_GPU_WORD = r"(?:(?:die|meine)\s)?(?:gpu|grafikkarte|cuda)\b"
_DE_FINE = r"(?:problemlos|einwandfrei|ohne\sprobleme|(?:ganz\s)?normal|super|gut|true|(?:auf\s(?:der\s)?)?gpu)\b"
_FR_VERB = r"(?:fonctionne(?:nt)?|utilise(?:nt)?|d[ée]tecte(?:nt)?|reconnaissent|reconna[iî]t|marche(?:nt)?|" \
           r"tourne(?:nt)?|renvoie)\b"
_FR_GPU_WORD = r"(?:(?:le|mon|ma|la)\s)?(?:gpu|carte\sgraphique|cuda)\b"
_FR_FINE = r"(?:bien|parfaitement|sans\sprobl[èe]mes?|true)\b"
_DE_FR_WORKS_ELSEWHERE = (
    # in anderen Projekten funktioniert die GPU / andere Programme nutzen die GPU / in der base-Umgebung ist es True
    r"(?:(?:anderen?|allen\sanderen)\s(?:[\w-]{1,15}\s)?(?:projekt(?:en?)?|programm(?:en?)?|anwendung(?:en)?|apps?|"
    r"umgebung(?:en)?|[\w-]{1,10}-umgebung(?:en)?|modell(?:en?)?|repos?|tools?)|der\sbase[- ]umgebung|" + _NAMED_APP +
    r")\s" + _DE_VERB + r"(?:(?:es|alles)\s)?(?:" + _DE_GPU_WORD + r"|(?:" + _DE_GPU_WORD + r"\s)?" + _DE_FINE + r")"
    # d'autres projets utilisent le GPU / dans d'autres environnements CUDA fonctionne bien
    r"|(?:d['’]autres|les\sautres|un\sautre|une\sautre|l['’]autre)\s(?:[\w-]{1,15}\s)?(?:projets?|programmes?|"
    r"logiciels?|applications?|applis?|environnements?|modèles?|outils?|venvs?)\s(?:" + _FR_GPU_WORD + r"\s" + _FR_VERB +
    r"|(?:(?:ça|cela)\s)?" + _FR_VERB + r"\s(?:" + _FR_FINE + r"|" + _FR_GPU_WORD + r"))"
    # in einer anderen Umgebung gibt torch.cuda.is_available() True zurück / dans un autre environnement, ça renvoie True
    r"|(?:anderen\s(?:[\w-]{1,10}-)?|base[- ])umgebung\W{1,3}(?:[^\s!?]{1,40}\s){0,3}?"
    r"(?:gibt|liefert|ist|kommt|zeigt)\s(?:[^\s!?]{1,40}\s)?true\b"
    r"|(?:autre\senvironnement|environnement\s(?:base|de\sbase))\W{1,3}(?:[^\s!?]{1,40}\s){0,3}?"
    r"(?:renvoie|retourne|donne|affiche|est|vaut)\s(?:[^\s!?]{1,40}\s)?true\b")
GPU_WORKS_ELSEWHERE_ES_PT_DE_FR = _at_word_start(
    _ES_PT_WORKS_ELSEWHERE + "|" + _DE_FR_WORKS_ELSEWHERE +
    # nvidia-smi muestra la GPU / o nvidia-smi mostra a GPU / nvidia-smi zeigt die GPU an / nvidia-smi affiche le GPU
    r"|nvidia-smi\s(?:(?:muestra|detecta|reconoce|mostra|reconhece)\s" + _ES_PT_GPU + r"|(?:zeigt|erkennt)\s" +
    _DE_GPU_WORD + r"|(?:affiche|d[ée]tecte)\s" + _FR_GPU_WORD + r"|(?:funciona|funktioniert|fonctionne)\b)")

# the past ("it used to work in the other env", 之前, раньше) is another story
_NOT_NOW = re.compile(
    r"\b(?:used\sto|yesterday|previously|earlier|last\s(?:week|month|year|night|time)|before\s(?:the|i|updating|"
    r"upgrading|installing|reinstalling)|ayer|antes|gestern|vorher|früher|auparavant|avant|вчера|раньше|ранее)\b"
    r"|之前|以前|原来|本来|昨天|前は|昨日|かつて|もともと|전에는|예전에|어제", _I)
# a denial in the clause or the statement: "other projects don't use the GPU either", 其他项目也用不了 (not "no problem",
# 没问题, 問題なく, nor Portuguese "no" = "in the": "no ambiente base")
_NEGATED = re.compile(
    r"\b(?:not|never|no(?!\s(?:problems?|issues?|errors?|ambiente|outro|meu|terminal|conda|venv))|neither|nor|cannot|"
    r"none|nicht|nie|kein\w{0,2}(?!\sproblem)|pas|jamais|nunca|tampoco|tampouco|n[ãa]o|не|ни|нет)\b|n['’]t\b|\bn['’]"
    r"|不(?!错)|没(?!问题|有问题|毛病)|无法|未|(?<!問題)ない|ません|なかった|않|못|없|(?<![가-힣])안\s?(?:되|돼|됨|됩|잡|써|쓰)", _I)
# a denial or the past just after it: German "… funktioniert die GPU nicht", Japanese 使えない / 使えました, Korean
# 사용하지 않아요 / 사용했었는데
_NEGATED_AFTER = re.compile(
    r"^\s(?:\w{1,15}\s)?(?:nicht|nie|pas)\b"
    r"|^\s?(?:[^\s,.。、，]{0,4}?(?:ない|ません|なかった|た(?![め])|でした|ました)|지\s?(?:않|못)|[가-힣\s]{0,6}?(?:않|못|없|었))")


def _works_elsewhere(found: re.Match[str]) -> dict[str, str]:
    """The statement stands, is not denied ("other projects don't use the GPU either") and is not of the past."""
    text = found.string
    before, after = _sentence(text, found.start(), found.end())
    if _NEGATED.search(_governing_clause(before) + found.group(0)) or _NEGATED_AFTER.search(after):
        return {}
    if _NOT_NOW.search(before) or _NOT_NOW.search(_head_before(after, _CONDITION_SEGMENT_END)):
        return {}
    return {"gpu_works_elsewhere": "true"} if stated(found) else {}

# ------------------------------------------------------------------ "my torch is the CPU build": the build told

# A denial or a wish just before a sentence about the CPU build: "I did not install the CPU version", "想装cpu版"
_NOT_WHAT_HAPPENED = re.compile(
    r"(?:\b(?:not|never|want(?:ed)? to|would like to|try(?:ing)? to|should|instead of|rather than|no|nunca|n[ãa]o|"
    r"nicht|kein\w{0,2}|ne|не|ни|en lugar de|em vez de|statt|au lieu de|вместо)\b|n't|\bn['’]|\bhow (?:do i |can i |to )?)"
    r"\W{0,3}(?:\w{1,14}\W{1,3}){0,3}$"
    r"|(?:不是|并不是|而不是|不要|别|不用|想|ではなく|じゃなく|아니라|아닌)\s?$"
    # what an install does in general, as a tip tells it ("Tip: on Windows a plain `pip install torch` gives the CPU
    # version"), not what happened here
    r"|\b(?:plain|default|bare|tip|note|hint|fyi)\b[^.;\n]{0,40}$", _I)
_CPU_BUILD_TOLD = _fact_if_stated("torch_build_told", "cpu", _NOT_WHAT_HAPPENED)

_TORCH = r"(?:torch|pytorch)"
CPU_BUILD_TOLD_EN = re.compile(
    # the installing verb before: "it installs the cpu only version", "only the CPU version will be reinstalled",
    # "the documented install gives CPU PyTorch", "causes the CPU version of 1.13.0 to be installed"
    r"\b(?:(?:re)?install(?:s|ed|ing)|pull(?:s|ed|ing)|download(?:s|ed|ing)|grab(?:s|bed|bing)|fetch(?:es|ed|ing)|"
    r"gives|gave|giving|brings|brought|"
    r"pick(?:s|ed|ing)\sup|ends up with|"
    r"ended up with|default(?:s|ed)? to|resolve[sd]? to)\s(?:(?:only|just|always|automatically|me|by default)\s){0,3}"
    r"(?:the\s|a\s)?(?:cpu(?:[- ]only)?|none?[- ]?cuda)\s(?:(?:\w{1,12})\s)?(?:version|build|variant|wheel|package|torch|"
    r"pytorch)s?\b"
    r"|\b(?:cpu(?:[- ]only)?|non[- ]?cuda)\s(?:version|build)(?:\sof\s(?:" + _TORCH + r"|\d{1,2}\.\d{1,2}(?:\.\d{1,3})?))?\s"
    r"(?:will be|was|is|gets|got|"
    r"has been|had been|were|to be|being)\s(?:automatically\s)?(?:re)?installed\b"
    r"|\binstall(?:s|ed|ing|ation\sof)\s" + _TORCH + r"\swithout\s(?:the\s)?(?:cuda|gpu)\b"
    r"|\b" + _TORCH + r"\s(?:was\s|got\s|is\s|gets\s)?installed\swithout\s(?:the\s)?(?:cuda|gpu)\b"
    r"|\binstall(?:s|ed|ing)\s(?:the\s)?pytorch[-_]cpu\b"
    # "it installed PyTorch, but the cpu version", "pip installs torch, only the CPU build"
    r"|\binstall(?:s|ed)\s(?:the\s)?" + _TORCH + r",?\s(?:but|only|yet)\s(?:only\s)?(?:(?:it(?:'s|\sis|\swas)|as)\s)?"
    r"(?:the\s|a\s)?"
    r"cpu(?:[- ]only)?\s(?:version|build|variant)\b"
    # "it automatically installs pytorch with CPU support only"
    r"|\binstall(?:s|ed|ing)\s" + _TORCH + r"\swith\s(?:only\s)?cpu(?:[- ]only)?\ssupport\b"
    # "the yaml file will install the cpu version of pytorch"; "the environment seems to lack CUDA support for Torch"
    r"|\bwill\s(?:re)?install\s(?:the\s|a\s)?cpu(?:[- ]only)?\s(?:version|build|variant)\s(?:of\s)?" + _TORCH + r"\b"
    r"|\black(?:s|ing)?\s(?:any\s)?cuda\ssupport\s(?:for|in)\s" + _TORCH + r"\b"
    # "missing cuda torch", "no CUDA-enabled torch"; "replaced the CUDA-enabled pytorch with CPU-enabled-only pytorch"
    r"|\b(?:missing|lacking|no)\s(?:the\s)?cuda[- ](?:enabled\s|version\s(?:of\s)?)?" + _TORCH + r"\b"
    r"|\breplac(?:ed|es|ing)\s(?:[\w-]{1,20}\s){0,5}?with\s(?:a\s|the\s)?cpu(?:[- ]enabled)?(?:[- ]only)?[- ]"
    r"(?:version|build|variant|wheel|one|" + _TORCH + r"|pytroch)\b"
    # "it will always downgrade the pytorch to cpu version": a tool (not the person) replacing the build
    r"|\b(?:it|conda|mamba|pip|uv|poetry|installer|script|which|this|that)\s(?:(?:will|would|always|then|automatically|"
    r"just|also)\s){0,3}(?:downgrad|upgrad)(?:es|ed|ing|e)\s(?:(?:the|my)\s)?" + _TORCH + r"\s(?:back\s)?to\s(?:the\s|a\s)?"
    r"cpu(?:[- ]only)?\s(?:version|build|variant)\b"
    # conda's plan for torch: "pytorch-nightly … it suggested cpu version", "the solver tries to install the CPU-only
    # build of pytorch" (not another package's: "the cpu version of onnxruntime")
    r"|\b" + _TORCH + r"\b[^\n.;]{0,60}?\b(?:suggest(?:s|ed)|offer(?:s|ed)|propos(?:es|ed)|choos(?:e|es|ing)|chose|"
    r"pick(?:s|ed)?|select(?:s|ed)?)\s(?:me\s)?(?:the\s|a\s)?"
    r"cpu(?:[- ]only)?\s(?:version|build|variant)\b(?!\sof\s(?!(?:py)?torch\b))"
    r"|\b(?:suggest(?:s|ed)|offer(?:s|ed)|propos(?:es|ed)|(?:conda|mamba|pip|uv|poetry|solver|installer|script)\s"
    r"(?:wants|wanted|tries|tried|is\strying)\sto\s(?:re)?install)\s(?:me\s)?(?:the\s|a\s)?cpu(?:[- ]only)?\s"
    r"(?:version|build|variant)\sof\s" + _TORCH + r"\b"
    # "Torch changed to the cpu", "pytorch switched back to cpu" (the build, said of torch itself)
    r"|\b" + _TORCH + r"\s(?:\w{1,12}\s)?(?:changed|switched|reverted|went|turned)\s(?:back\s)?(?:in)?to\s(?:the\s)?cpu\b"
    r"(?![- ](?:device|mode|usage|load|time))"
    # "Torch cpu installed on nvidia system", "pytorch-cpu was installed", "torch cpu version installed"
    r"|\b(?:py)?torch[- ]cpu(?:[- ]only)?(?:\s(?:version|build|wheel))?\s(?:(?:was|got|is|gets|has\sbeen)\s)?(?:re)?installed\b"
    # "only to find it turned to the cpu version", "it became the CPU build", "I always get the CPU version"
    r"|\b(?:turn(?:s|ed)?|chang(?:es|ed)|switch(?:es|ed)|bec(?:ame|omes)|revert(?:s|ed)|g(?:ot|ets?|etting))\s"
    r"(?:(?:in)?to\s|back\sto\s|only\s|always\s)?(?:the\s|a\s)?cpu(?:[- ]only)?\s(?:version|build|variant|wheel)\b"
    r"(?!\s(?:working|to\swork|running|to\srun))"
    # "my torch is the cpu version", "I have the CPU version of torch", "torch was not compiled with CUDA",
    # "my torch has no CUDA", "torch is missing CUDA support"
    r"|\b(?:my|the|our|this)\s(?:installed\s|current\s)?" + _TORCH + r"(?:\s(?:install(?:ation)?|package|build|wheel|"
    r"version))?\s(?:is|was|seems\sto\sbe|appears\sto\sbe|turned\sout\sto\sbe|is\sstill|was\sstill)\s(?:(?:a|an|the|"
    r"only|just|still)\s){0,2}cpu(?:[- ]only)?(?:\s(?:version|build|variant|wheel|one))?\b(?![- ](?:bound|usage|time))"
    r"|\b(?:i|we)\s(?:have|had|['’]ve|got|['’]ve\sgot|only\shave|ended\sup\swith|am\susing|['’]m\susing|was\susing)\s"
    r"(?:(?:a|an|the|only|just)\s){0,2}cpu(?:[- ]only)?\s(?:version|build|variant|wheel)\s(?:of\s)?" + _TORCH + r"\b"
    r"|\b" + _TORCH + r"\s(?:was|is|got|has\sbeen)(?:\snot|\snever|n['’]?t)\s(?:compiled|built|installed)\swith\s"
    r"(?:cuda|gpu)\b(?![ \t]{0,2}\d)"  # (not "compiled with CUDA 12.4 but with 12.1": another CUDA, not none)
    # "ltt_install_torch does not install CUDA version of pytorch", "pip didn't install the GPU build of torch"
    r"|\b(?:does|did|do)(?:\snot|n['’]?t)\s(?:re)?install\s(?:the\s|a\s)?(?:cuda|gpu)(?:[- ]enabled)?\s(?:version|build|variant)"
    r"\s(?:of\s)?" + _TORCH + r"\b"
    r"|\b(?:(?:my|the|installed)\s)?" + _TORCH + r"\s(?:has\sno|does\s?n['’]?t\shave|does\snot\shave|lacks|is\smissing|"
    r"came\swithout|comes\swithout|is\swithout|was\swithout)\s(?:the\s|any\s)?(?:cuda|gpu)(?:\ssupport)?\b"
    # "torch is cpuonly" (conda's cpuonly package, written as a word), "torch was cpu-only": only-words need no article
    r"|\b" + _TORCH + r"\s(?:is|was)\s(?:still\s)?cpu[- ]?only\b(?![- ](?:bound|usage|time))", _I)
CPU_BUILD_TOLD_CJK = re.compile(
    # Chinese: 默认是cpu版本 / 安装的是CPU版 / 安装的torch选择的是cpu版 / 用的是cpu版本 / 我的torch是cpu版本 / torch没有cuda
    r"(?:默认|安装|装|下载|下)(?:了|的|时)?都?(?:是|为|成了?)?\s?" + _TORCH + r"?\s?(?:(?:选择|选|用|变成|换成)(?:的|了)?)?"
    r"(?:的|是|为)?\s?cpu\s?版"
    r"|(?:用|使用)(?:的|了)(?:是|都是)?\s?cpu\s?版"
    # 正在使用CPU版本的PyTorch (a program's own message: "you may be using the CPU version of PyTorch")
    r"|(?:正在|在)(?:用|使用)\s?cpu\s?版(?:本)?的\s?" + _TORCH + r""
    r"|" + _TORCH + r"\s?(?:是|为|就是|竟然是|居然是|还是|变成了?|成了)\s?cpu\s?版"
    r"|是\s?cpu\s?版(?:本)?的\s?" + _TORCH +
    r"|" + _TORCH + r"\s?(?:没有|不带|没带|不含|不支持)\s?(?:cuda|gpu)"
    # Japanese: CPU版がインストール / PyTorchがCPU版になっている / CPU版のPyTorchが入っている / PyTorchがCUDA非対応
    r"|cpu\s?版(?:の)?" + _TORCH + r"?\s?が(?:インストール|入)"
    r"|" + _TORCH + r"\s?(?:が|は)\s?cpu\s?版(?:の(?:まま|よう)|に(?:なって|なり|なっ)|です|でした|だった|と(?:表示|出))"
    r"|cpu\s?版の\s?" + _TORCH + r"(?:が|を)?\s?(?:入って|インストールされて|インストールして(?:い|しまい|しまっ)|使って(?:い|ま)|"
    r"になって)"
    r"|" + _TORCH + r"\s?(?:が|は)\s?cuda\s?(?:に)?(?:対応して(?:い)?ない|非対応)"
    # Korean: CPU 버전이 설치 / torch가 CPU 버전입니다 / CPU 버전 torch가 깔려
    r"|cpu\s?버전(?:이|으로|의)?\s?" + _TORCH + r"?\s?(?:가|이)?\s?설치"
    r"|(?:" + _TORCH + r"|파이토치)\s?(?:가|이|는|은)?\s?cpu\s?(?:버전|전용)(?:이|으로|입니다|이에요|이네요|이었|인|임|이라)"
    r"|cpu\s?(?:버전|전용)(?:의|인)?\s?(?:" + _TORCH + r"|파이토치)(?:가|이|를|을)?\s?(?:설치|깔|사용\s?중|쓰고|있)", _I)

CPU_BUILD_TOLD_RU = re.compile(
    # Russian: установилась CPU-версия / стоит версия torch для CPU / torch без поддержки CUDA
    r"\b(?:установил(?:ась|ся|ись|а|и)?|установлен[аоы]?|поставил(?:ась|ся|ись|а|и)?|скачал(?:ась|ся|ись|а|и)?|стоит|"
    r"стоят|у\sменя|оказалась|оказался)\s(?:\w{1,12}\s){0,2}?(?:(?:cpu|цпу)[- ]?(?:only[- ])?(?:верси[яиюей]|"
    r"сборк[аиу])|(?:верси[яиюей]|сборк[аиу])\s(?:(?:torch|pytorch|торча|пайторча)\s)?(?:для|под)\s(?:cpu|цпу|"
    r"процессор\w{0,2})|(?:torch|pytorch|торч\w{0,2})\s(?:для|под)\s(?:cpu|цпу)|(?:torch|pytorch|торч\w{0,2})\sбез\s"
    r"(?:поддержки\s)?(?:cuda|куды|gpu))"
    r"|\b(?:cpu|цпу)[- ]?верси[яи]\s(?:(?:torch|pytorch|торча)\s)?(?:установлена|стоит|установилась|поставилась|"
    r"скачалась)"
    r"|\b(?:torch|pytorch|торч\w{0,2})\s(?:собран\sбез|не\sсобран\sс|скомпилирован\sбез|не\sскомпилирован\sс)\s"
    r"(?:поддержки\s)?(?:cuda|куды|gpu)", _I)
CPU_BUILD_TOLD_ES_PT_DE_FR = re.compile(
    # Spanish: instalé la versión de CPU de torch / torch no tiene CUDA / la versión CPU se instaló
    r"\b(?:instal(?:é|e|ó|o|ado|ada|aron|amos)|se\sinstal(?:ó|o)|tengo|ten[ií]a|descargu[ée]|se\sdescarg[óo]|"
    r"me\sinstal[óo]|qued[óo]|estoy\susando)\s(?:\w{1,12}\s){0,2}?(?:la\s|una\s)?versi[óo]n\s(?:de\s(?:la\s)?|"
    r"para\s(?:la\s)?|solo\s|s[óo]lo\s)?(?:cpu|procesador)\b"
    r"|\b" + _TORCH + r"\s(?:(?:est[áa]|fue|qued[óo]|se\sinstal[óo])\s)?(?:instalad[oa]\s)?(?:sin|no\stiene)\s"
    r"(?:soporte\s(?:de|para)\s|la\s)?(?:cuda|gpu)\b"
    r"|\b" + _TORCH + r"\s(?:es|era)\s(?:la\s)?versi[óo]n\s(?:de\s|para\s)?(?:la\s)?cpu\b"
    r"|\bla\sversi[óo]n\s(?:de\s|para\s)?(?:la\s)?cpu\s(?:de\s" + _TORCH + r"\s)?(?:se\sinstal[óo]|fue\sinstalada|"
    r"est[áa]\sinstalada|qued[óo])"
    # Portuguese: instalei a versão CPU do torch / o torch está sem CUDA / a versão CPU foi instalada
    r"|\b(?:instalei|instalou|instalaram|tenho|tinha|baixei|baixou|veio|estou\susando)\s(?:\w{1,12}\s){0,2}?"
    r"(?:a\s|uma\s)?vers[ãa]o\s(?:de\s|para\s|s[óo]\s)?(?:a\s|o\s)?(?:cpu|processador)\b"
    r"|\b" + _TORCH + r"\s(?:(?:est[áa]|foi|veio|ficou)\s)?(?:instalad[oa]\s)?(?:sem|n[ãa]o\stem)\s(?:suporte\s(?:a|para|"
    r"de)\s|o\s|a\s)?(?:cuda|gpu)\b"
    r"|\b" + _TORCH + r"\s(?:[ée]|era|est[áa]\sna|ficou\sna|veio\sna)\s(?:a\s)?vers[ãa]o\s(?:de\s|para\s)?(?:a\s)?cpu\b"
    r"|\ba\svers[ãa]o\s(?:de\s|para\s)?(?:a\s)?cpu\s(?:do\s" + _TORCH + r"\s)?(?:foi\sinstalada|est[áa]\sinstalada|"
    r"ficou|veio)"
    # German: habe die CPU-Version von torch installiert / torch ist die CPU-Version / torch hat keine CUDA-Unterstützung
    r"|\b(?:die|eine|nur\sdie|nur\seine)\s(?:reine\s)?cpu[- ]?(?:only[- ])?version(?:\svon\s" + _TORCH + r")?\s"
    r"(?:\w{1,20}\s){0,3}?(?:installiert|heruntergeladen|bekommen|erwischt|gezogen|drauf)\b(?!\s(?:werden|wird))"
    r"|\b" + _TORCH + r"\s(?:ist|war)\s(?:(?:nur|noch|leider)\s){0,2}(?:die\s|eine\s)?cpu[- ]?(?:only[- ])?version"
    r"|\b" + _TORCH + r"\s(?:ist|wurde|war)\s(?:\w{1,12}\s){0,2}?ohne\s(?:cuda|gpu)(?:[- ]?(?:unterstützung|support))?\s"
    r"(?:installiert|kompiliert|gebaut)"
    r"|\b" + _TORCH + r"\s(?:hat|besitzt)\skeine?n?\s(?:cuda|gpu)(?:[- ]?(?:unterstützung|support))?"
    # French: j'ai installé la version CPU de torch / torch est la version CPU / torch n'a pas CUDA
    r"|\b(?:install[ée]e?|t[ée]l[ée]charg[ée]e?|j['’]ai|on\sa)\s(?:\w{1,12}\s){0,2}?(?:la\s|une\s)?version\s(?:cpu|"
    r"pour\s(?:le\s)?cpu|sans\scuda)\b"
    r"|\b" + _TORCH + r"\s(?:est|était)\s(?:en\s)?(?:la\s|une\s)?version\s(?:cpu|pour\s(?:le\s)?cpu|sans\scuda)\b"
    r"|\bla\sversion\s(?:cpu|pour\s(?:le\s)?cpu)\s(?:de\s" + _TORCH + r"\s)?(?:a\s[ée]t[ée]|s['’]est|est)\sinstall[ée]e"
    r"|\b" + _TORCH + r"\s(?:n['’]a\spas|ne\sprend\spas\sen\scharge|est\sinstall[ée]\ssans|a\s[ée]t[ée]\sinstall[ée]\s"
    r"sans)\s(?:de\s|le\s|la\s)?(?:cuda|gpu)\b", _I)

# "CUDA (is) False" and "the GPU does not work" in the other languages read: "cuda显示false", "CUDA가 False로 나옵니다",
# "CUDA devuelve False", "CUDA gibt False zurück"; "显卡不工作", "GPU跑不起来", "GPUで動かない", "не работает видеокарта",
# "la GPU no funciona", "a GPU não funciona", "die GPU funktioniert nicht", "la GPU ne fonctionne pas"
_I18N_GPU = r"(?:gpu|cuda|显卡|顯卡|n卡|グラボ|그래픽\s?카드|видеокарт[аеуы]|(?:la\s|a\s|die\s|ma\s|mi\s|minha\s)?(?:gpu|" \
            r"tarjeta\sgr[áa]fica|placa\sde\sv[íi]deo|grafikkarte|carte\sgraphique))"
CUDA_UNUSABLE_I18N = re.compile(
    r"\bcuda\W{0,3}(?:一直)?(?:显示|顯示|是|为|為|返回|が|は|가|이|devuelve|da|sale|retorna|dá|gibt|liefert|renvoie|"
    r"retourne|donne|возвращает|выда[её]т|показывает)\s?(?:の\s?)?false"
    r"|" + _I18N_GPU + r"\s?(?:一直|根本|完全|还是)?(?:不工作|不能工作|不干活|没反应|没有反应|跑不起来|用不起来)"
    r"|" + _I18N_GPU + r"\s?(?:で|が)\s?(?:動かない|動きません|動作しない|動作しません)"
    r"|\bне\s(?:работает|работала|запускается)\s(?:моя\s)?" + _I18N_GPU +
    r"|" + _I18N_GPU + r"\s(?:(?:вообще|так\sи|всё\sравно)\s)?не\s(?:работает|работала)\b"
    r"|" + _I18N_GPU + r"\s(?:no|não|nao)\s(?:funciona|está\sfuncionando|esta\sfuncionando)\b"
    r"|" + _I18N_GPU + r"\s(?:funktioniert|geht|läuft)\snicht\b"
    r"|" + _I18N_GPU + r"\sne\s(?:fonctionne|marche)\spas\b", _I)

_UNUSABLE_I18N_NEEDLES = (
    "false로", "가 false", "가false", "이 false", "がfalse", "が false", "はfalse", "は false", "显示false", "显示 false",
    "顯示false", "是false", "是 false", "为false", "为 false", "返回false", "返回 false", "devuelve false", "da false",
    "sale false", "retorna false", "dá false", "gibt false", "liefert false", "renvoie false", "retourne false",
    "donne false", "возвращает false", "выдает false", "выдаёт false", "показывает false",
    "不工作", "不能工作", "不干活", "没反应", "没有反应", "跑不起来", "用不起来", "動かない", "動きません", "動作しない", "動作しません",
    "не работает", "не работала", "не запускается", "no funciona", "no está funcionando", "não funciona",
    "nao funciona", "não está funcionando", "funktioniert nicht", "geht nicht", "läuft nicht", "ne fonctionne pas",
    "ne marche pas")

# ------------------------------------------------------------------ "installing it replaced my torch": told in words

# Installing a package (or its requirements) replaced the torch that was there: the person tells what pip's
# "Attempting uninstall: torch" shows ("it removed torch-2.0.0 and installed torch-1.13.1", "pip install xformers
# always re-installs torch 2.0.1", "it keeps upgrading the torch version", "requirements.txt overrides pytorch version",
# "把torch覆盖了"). The subject is an install, a tool or "it", never the person ("I upgraded torch" is a choice).
_REPLACING_VERB = (r"(?:re-?install(?:s|ed|ing)?|uninstall(?:s|ed|ing)?|remov(?:e|es|ed|ing)|replac(?:e|es|ed|ing)|"
                   r"overrid(?:e|es|ing|den)|overwrit(?:e|es|ing|ten)|downgrad(?:e|es|ed|ing)|upgrad(?:e|es|ed|ing)|"
                   r"swap(?:s|ped|ping)?|bump(?:s|ed|ing)?)")
TORCH_REPLACED_TOLD = re.compile(
    r"\b(?:it|installer|script|requirements?(?:\.txt)?|which|this|that|install(?:ing|ation)?\s"
    r"(?:of\s)?[\w.\-\[\]=<>]{1,40}|dependenc(?:y|ies)"
    # (a tool as the subject only with a tense or an adverb: "pip uninstall torch" is the person's own command)
    r"|(?:pip3?|uv|conda|mamba|poetry)(?=\s(?:(?:also|then|first|always|automatically|keeps|kept|will|would|tries|"
    r"tried|just|again|silently)\b|\w{4,14}(?:es|ed|ing)\b)))"
    r"\s(?:(?:also|then|first|always|alway|automatically|keeps?|kept|"
    r"will|would|tries\sto|tried\sto|just|again|silently)\s){0,3}" + _REPLACING_VERB + r"\s(?:(?:my|the|our|your|its|"
    r"an?|installed|existing|current|previous|whole)\s){0,3}" + _TORCH + r"(?![-_.][a-z])(?:[\s=-]{1,2}(?:version\b|\d{1,2}\.\d{1,2}))?"
    r"|\b" + _TORCH + r"\s(?:(?:version|install(?:ation)?|package)\s)?(?:gets|got|is|was|being|has\sbeen|keeps\sbeing|"
    # (the future only with the install's doing in it, "will be automatically upgraded", not a plain "will be upgraded
    # if …", which warns of what may happen)
    r"will\s(?:then\s)?be(?=\s(?:always|automatically|silently)\s))\s"
    r"(?:(?:also|then|always|automatically|silently)\s)?(?:re-?installed|uninstalled|removed|replaced|overridden|"
    r"overwritten|downgraded|upgraded|swapped)\b(?!\s(?:by\s(?:me|myself)|manually))"
    # (a package as the one replacing, in the present: "xformers install overwrites torch", "results in xformers replacing
    # torch with the latest version"; only these two verbs, which no advice uses of a person's own step)
    r"|\b(?!(?:i|we|you|to|not|try|trying|stop|avoid|without|and|or|am|is|are|was|were|be|been)\b)[a-z][\w.-]{1,40}\s"
    r"(?:install(?:s|ation)?\s)?"
    r"(?:overwrit(?:es|ing)|replac(?:es|ing))\s(?:(?:my|the|our|your|its|installed|existing|current|whole)\s){0,2}"
    + _TORCH + r"\b(?![-_.]\w)"
    # (the install's doing as a noun: "it caused a forced update on torch from 1.9.0 to 2.2.0", "an automatic upgrade of
    # my torch")
    r"|\b(?:forced|automatic|unwanted|unexpected)\s(?:update|upgrade|downgrade|re-?install(?:ation)?|uninstall(?:ation)?)"
    r"\s(?:on|of)\s(?:(?:my|the|our|installed|existing)\s){0,2}" + _TORCH + r"\b(?![-_.]\w)"  # (not torch-tensorrt)
    # (verb first, the install as the doer: 会自动卸载torch / 又覆盖了torch; "于是卸载torch" is the person's own step)
    r"|(?<!不)(?<!没有)(?<!没)(?:自动|会|又|总是|都会|直接)\s?(?:覆盖|替换|卸载|降级|升级|重装|改)了?(?:我的|原来的|原有的)?\s?" + _TORCH +
    r"|" + _TORCH + r"\s?(?:的?版本)?(?<!没)(?<!没有)(?<!未)(?:被|给)(?:覆盖|替换|卸载|降级|升级|重装|改)"
    # (with 把 the doer is the install, unless the person names themselves: 我把torch升级了 is a choice)
    r"|(?<![我你有没未])把\s?" + _TORCH + r"\s?(?:的?版本)?(?:给)?(?:覆盖|替换|卸载|降级)"
    # Spanish, Portuguese, German, French with the install as the subject ("pip desinstala torch 2.2.0", "o instalador
    # substitui o torch", "pip deinstalliert torch", "pip désinstalle torch"); Japanese passive ("torch が 2.0.1 に上書き
    # されました")
    r"|\b(?:pip|uv|conda|el\sinstalador|o\sinstalador|der\sinstaller|l['’]installateur)\s(?:me\s|mir\s|m['’])?"
    r"(?:desinstala|desinstaló|desinstalou|reemplaza|reemplazó|substitui|substituiu|sobrescribe|sobrescreve|"
    r"deinstalliert|ersetzt|überschreibt|désinstalle|remplace|écrase)\s(?:mi\s|meu\s|o\s|el\s|mein\s|das\s|le\s|mon\s)?"
    + _TORCH + r"\b(?!\s(?:nicht|pas)\b)"
    # German puts the verb first after a leading clause: "Wenn ich accelerate installiere, deinstalliert pip torch"
    r"|\b(?:deinstalliert|ersetzt|überschreibt)\s(?:pip|uv|conda|der\sinstaller)\s(?:mein\s|das\s)?" + _TORCH
    + r"\b(?!\s(?:nicht)\b)"
    r"|" + _TORCH + r"\s?(?:が|は)\s?(?:[\d.]{1,12}\s?に\s?)?(?:上書き|置き換え|ダウングレード|アップグレード|再インストール)され"
    r"(?!てい(?:ません|ない)|ません|ない|ず)", _I)
_REPLACED_NEEDLES = ("install", "remov", "replac", "overrid", "overwrit", "downgrad", "upgrad", "swap", "bump", "覆盖",
                     "替换", "卸载", "降级", "升级", "重装", "被改", "给改", "改了", "desinstal", "reemplaz", "substitu",
                     "sobrescr", "ersetzt", "überschreibt", "remplace", "écrase", "上書き", "置き換え", "ダウングレード",
                     "アップグレード", "再インストール")
_TORCH_REPLACED_TOLD = _fact_if_stated("torch_replaced_told", "true")


# The person (or an installer's own words) says torch could not be installed: "I can't install pytorch", "could not
# find the correct version of torch", "torch installation fails", AUTOMATIC1111's and Forge's launcher "RuntimeError:
# Couldn't install torch." (modules/launch_utils.py), "无法安装torch", "torchがインストールできない", "no puedo instalar
# torch", "não consigo instalar o torch", "kann torch nicht installieren", "impossible d'installer torch",
# "не могу установить torch". What failed is the install; why is for the facts beside it.
TORCH_INSTALL_FAILED_TOLD = re.compile(
    # (not a general claim about anyone's install: "you can't install torch 1.13 on Python 3.11 anyway")
    r"(?<!\byou\s)(?<!\bone\s)(?<!\bwe\s)"
    r"\b(?:can(?:'|’)?t|cannot|can\snot|could(?:n(?:'|’)?t|\snot)|unable\sto|fail(?:s|ed|ing)?\sto|not\sable\sto)\s"
    r"(?:(?:get|pip|properly|successfully)\s)?(?:re)?install\s(?:the\s|a\s|any\s)?(?:(?:latest|newest|right|correct|"
    r"required|gpu|cuda|needed)\s)?(?:version\sof\s)?" + _TORCH + r"\b"
    r"|\bcould(?:n(?:'|’)?t|\snot)\sfind\s(?:the\s|a\s|any\s)?(?:(?:correct|right|matching|compatible|suitable)\s)?"
    r"versions?\sof\s" + _TORCH + r"\b"
    r"|\b" + _TORCH + r"\s(?:install(?:ation)?|setup)\s(?:fails|failed|failing|errors?\sout|does\s?n(?:o|’|')t\swork)\b"
    r"|\binstall(?:ing|ation\sof)\s" + _TORCH + r"\s(?:fails|failed|errors?\sout)\b"
    # the command and what it did: "`pip3.8 install torch==2.5.0 --index-url …` returns failure"
    r"|\bpip3?(?:\.\d{1,2})?\sinstall\s[^\n]{0,200}?\b" + _TORCH + r"\b[^\n]{0,200}?[`'\"]?\s(?:(?:returns|returned|gives|"
    r"gave|throws|threw|results\sin)\s(?:a\s|an\s)?(?:failure|error)|fails|failed)\b"
    # no wheel for it told: "Missing Torch 2.5 wheels for Python 3.8", "I don't see any cp38 wheels on pypi.org"
    r"|\b(?:missing|no|(?:do\s?n['’]?t|do\snot|can['’]?t|cannot)\s(?:see|find)\sany)\s(?:" + _TORCH
    + r"\s(?:\d[\d.]{0,8}\s)?)?(?:cp\d{2,3}\s)?wheels?(?=\s(?:for\s(?:python|py|cp)|on\s(?:https?://)?(?:pypi|download)))"
    r"|(?:无法|不能|没法)安装\s?" + _TORCH + r"|" + _TORCH + r"\s?(?:安装失败|装不上|安装不上|安装不了)"
    r"|" + _TORCH + r"\s?(?:が|を)?\s?インストールでき(?:ない|ません)"
    r"|\bno\s(?:puedo|pude|consigo|logro)\sinstalar\s(?:el\s)?" + _TORCH + r"\b"
    r"|\bnão\s(?:consigo|consegui)\sinstalar\s(?:o\s)?" + _TORCH + r"\b"
    r"|\bkann\s(?:py)?torch\snicht\sinstallieren\b|\bimpossible\sd['’]installer\s(?:le\s)?" + _TORCH + r"\b"
    r"|не\s(?:могу|получается|удаётся|удается)\sустановить\s" + _TORCH + r"\b|" + _TORCH + r"\sне\sустанавливается", _I)
_INSTALL_FAILED_NEEDLES = ("install", "version of", "versions of", "wheel", "安装", "装不上", "インストール", "instalar", "installer",
                           "установ")
_TORCH_INSTALL_FAILED_TOLD = _fact_if_stated("torch_install_failed_told", "true")


# The needles are what every such statement is about (the GPU, CUDA, the CPU, in each language's words), not its
# negations or verbs: those occur on most lines of a long log or prose, and each needle's line is a window to search.
_MODELS = ("rtx", "gtx", "geforce", "quadro", "tesla")  # "my RTX 3060 is not being used"
_ANCHORS = ("gpu", "cuda", "cpu", "nvidia", "graphics card", "video card", "graphic card", "processor", *_MODELS)
_ANCHORS_ZH = ("gpu", "cuda", "cpu", "显卡", "n卡", "独显", "显存", "顯卡", *_MODELS)
_ANCHORS_JA = ("gpu", "cuda", "cpu", "グラボ", "グラフィック", "ビデオカード", *_MODELS)
_ANCHORS_KO = ("gpu", "cuda", "cpu", "그래픽", "글카", "vga", *_MODELS)
_ANCHORS_RU = ("gpu", "cuda", "cpu", "видеокарт", "видюх", "процессор", "гпу", "цпу", *_MODELS)
_ANCHORS_ES_PT = ("gpu", "cuda", "cpu", "tarjeta gr", "tarjeta de v", "placa de v", "procesador", "processador", *_MODELS)
_ANCHORS_DE_FR = ("gpu", "cuda", "cpu", "grafikkarte", "prozessor", "carte graphique", "processeur", *_MODELS)
_BUILD_ANCHORS = ("cpu", "cuda", "gpu", "цпу")
# what every "works elsewhere" statement names: the other program or environment, or the tool that shows the driver
# (the Cyrillic and CJK rules' needles are their own words: an ASCII text never costs them a search)
# (an absent needle costs a search of the whole text, a frequent one only its windows; the frequent ones come last,
# the rule's budget of characters examined goes to the specific ones first)
_ELSEWHERE_ANCHORS_EN = ("other", "different", "separate", *_NAMED_APP_NEEDLES, "nvidia-smi", "cuda is", "cuda work",
                         "fresh", "terminal", "powershell", "jupyter", "notebook", "command", "cmd", "virtual", "conda",
                         "env", "python")
# (Chinese: the other thing, the place, or the verb; Japanese and Korean: the particle every such statement has, では /
# 에서는; Russian: the verb)
_ELSEWHERE_ANCHORS_ZH = ("其他", "其它", "别的", "另", "环境", "终端", "命令行", "正常", "问题", "用", "识别", "检测", "跑",
                         "运行", "显示", "看到")
_ELSEWHERE_ANCHORS_JA = ("で", "から", "だと", "は", "も")
_ELSEWHERE_ANCHORS_KO = ("에서", "에선", "은", "는", "로", "도")
_ELSEWHERE_ANCHORS_RU = ("работа", "вид", "использу", "определя", "доступ", "запуска", "показыва", "отобража",
                         "окружени", "сред")
_ELSEWHERE_ANCHORS_ES_PT_DE_FR = ("otr", "outr", "demás", "demais", "entorno", "ambiente", "ander", "umgebung", "autre",
                                  "nvidia-smi", *_COMMON_APP_NEEDLES)

STATEMENT_RULES: tuple[StatementRule, ...] = (
    StatementRule("gpu_unused", _ANCHORS, GPU_UNUSED_EN, _GPU_UNUSED, 0.6),
    StatementRule("gpu_unused_on_cpu", ("cpu", "processor"), GPU_UNUSED_ON_CPU_EN, _GPU_UNUSED, 0.6),
    StatementRule("gpu_unused_zh", _ANCHORS_ZH, GPU_UNUSED_ZH, _GPU_UNUSED, 0.6),
    StatementRule("gpu_unused_ja", _ANCHORS_JA, GPU_UNUSED_JA, _GPU_UNUSED, 0.6),
    StatementRule("gpu_unused_ko", _ANCHORS_KO, GPU_UNUSED_KO, _GPU_UNUSED, 0.6),
    StatementRule("gpu_unused_ru", _ANCHORS_RU, GPU_UNUSED_RU, _GPU_UNUSED, 0.6),
    StatementRule("gpu_unused_es", _ANCHORS_ES_PT, GPU_UNUSED_ES, _GPU_UNUSED, 0.6),
    StatementRule("gpu_unused_pt", _ANCHORS_ES_PT, GPU_UNUSED_PT, _GPU_UNUSED, 0.6),
    StatementRule("gpu_unused_de", _ANCHORS_DE_FR, GPU_UNUSED_DE, _GPU_UNUSED, 0.6),
    StatementRule("gpu_unused_fr", _ANCHORS_DE_FR, GPU_UNUSED_FR, _GPU_UNUSED, 0.6),
    # (its needles are the verbs and "false" forms, rarer in a long log than the GPU words)
    StatementRule("cuda_unusable_i18n", _UNUSABLE_I18N_NEEDLES, CUDA_UNUSABLE_I18N, _GPU_UNUSED, 0.6),
    # the person says CUDA works on this machine for another program or environment (the driver is fine)
    StatementRule("gpu_works_elsewhere", _ELSEWHERE_ANCHORS_EN, GPU_WORKS_ELSEWHERE_EN, _works_elsewhere, 0.6),
    StatementRule("gpu_works_elsewhere_zh", _ELSEWHERE_ANCHORS_ZH, GPU_WORKS_ELSEWHERE_ZH, _works_elsewhere, 0.6),
    StatementRule("gpu_works_elsewhere_ja", _ELSEWHERE_ANCHORS_JA, GPU_WORKS_ELSEWHERE_JA, _works_elsewhere, 0.6),
    StatementRule("gpu_works_elsewhere_ko", _ELSEWHERE_ANCHORS_KO, GPU_WORKS_ELSEWHERE_KO, _works_elsewhere, 0.6),
    StatementRule("gpu_works_elsewhere_ru", _ELSEWHERE_ANCHORS_RU, GPU_WORKS_ELSEWHERE_RU, _works_elsewhere, 0.6),
    StatementRule("gpu_works_elsewhere_es_pt_de_fr", _ELSEWHERE_ANCHORS_ES_PT_DE_FR, GPU_WORKS_ELSEWHERE_ES_PT_DE_FR,
                  _works_elsewhere, 0.6),
    # the person says the installed torch is a CPU build (not a command's or an advice's bare "install": a choice)
    StatementRule("torch_cpu_build_told", _BUILD_ANCHORS, CPU_BUILD_TOLD_EN, _CPU_BUILD_TOLD, 0.7),
    StatementRule("torch_cpu_build_told_cjk", _BUILD_ANCHORS, CPU_BUILD_TOLD_CJK, _CPU_BUILD_TOLD, 0.7),
    StatementRule("torch_cpu_build_told_ru", _BUILD_ANCHORS, CPU_BUILD_TOLD_RU, _CPU_BUILD_TOLD, 0.7),
    StatementRule("torch_cpu_build_told_es_pt_de_fr", _BUILD_ANCHORS, CPU_BUILD_TOLD_ES_PT_DE_FR, _CPU_BUILD_TOLD, 0.7),
    # the person says installing something replaced their torch (pip's resolver, for another package's requirement)
    StatementRule("torch_replaced_told", _REPLACED_NEEDLES, TORCH_REPLACED_TOLD, _TORCH_REPLACED_TOLD, 0.7),
    # the person says torch could not be installed (the facts beside it say why)
    StatementRule("torch_install_failed_told", _INSTALL_FAILED_NEEDLES, TORCH_INSTALL_FAILED_TOLD,
                  _TORCH_INSTALL_FAILED_TOLD, 0.7),
)
