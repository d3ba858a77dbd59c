"""Built-in smoke tests a course profile can name, run WITH the target interpreter (stdlib + torch only).

    python smoke.py import|cpu_matmul|gpu_matmul

Prints one JSON line: {"test", "ok", "result" or "error", "torch"}; exits 0 when the test passed, 1 when not.
The matmul tests multiply two 256×256 integer-valued matrices and compare the checksum of the product
with the same sum computed in plain Python, so a wrong answer fails as clearly as a crash.
"""

import json
import sys

SIZE = 256
TESTS = ("import", "cpu_matmul", "gpu_matmul")


def left(i, k):
    return (i + k) % 5


def right(k, j):
    return (k * j) % 3


def expected_checksum():
    # sum over i, j of (A @ B)[i][j] = sum over k of (column sum k of A) * (row sum k of B)
    return sum(sum(left(i, k) for i in range(SIZE)) * sum(right(k, j) for j in range(SIZE)) for k in range(SIZE))


def matmul_checksum(torch, device):
    index = torch.arange(SIZE, device=device)
    a = ((index.view(-1, 1) + index.view(1, -1)) % 5).float()
    b = ((index.view(-1, 1) * index.view(1, -1)) % 3).float()
    product = a @ b
    if device != "cpu":
        torch.cuda.synchronize()
    return int(product.double().sum().item())


def run(name):
    import torch

    report = {"test": name, "ok": False, "torch": torch.__version__}
    if name == "import":
        report.update(ok=True, result=f"torch {torch.__version__} imported")
        return report
    device = "cpu"
    if name == "gpu_matmul":
        if not torch.cuda.is_available():
            build = "a CPU-only build" if torch.version.cuda is None else "built for CUDA " + str(torch.version.cuda)
            report["error"] = f"no CUDA device: torch.cuda.is_available() is False (this torch is {build})"
            return report
        device = "cuda:0"
        report["device"] = torch.cuda.get_device_name(0)
    checksum, wanted = matmul_checksum(torch, device), expected_checksum()
    if checksum != wanted:
        report["error"] = f"wrong result on {device}: checksum {checksum} instead of {wanted}"
        return report
    report.update(ok=True, result=f"{SIZE}x{SIZE} matmul on {device}: checksum {checksum} (correct)")
    return report


def main(argv):
    name = argv[1] if len(argv) > 1 else ""
    if name not in TESTS:
        print(json.dumps({"test": name, "ok": False, "error": "unknown smoke test (known: {})".format(", ".join(TESTS))}))
        return 2
    try:
        report = run(name)
    except Exception as exc:  # noqa: BLE001 - the point of a smoke test: any failure is the result
        report = {"test": name, "ok": False, "error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(report))  # ASCII: a Windows console code page cannot break it
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
