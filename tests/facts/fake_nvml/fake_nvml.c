/*
 * A fake libnvidia-ml.so.1 for tests: the real pynvml loads it through LD_LIBRARY_PATH.
 *
 * It implements the NVML C functions the wizard's collector calls, with the real
 * signatures and struct layouts (nvml.h), and behaves as the environment tells it.
 * The environment is read at every nvmlInit*, so one process sees one scenario.
 *
 * Environment protocol
 * --------------------
 * FAKE_NVML_SCENARIO   what the "driver" does (default "ok"):
 *     ok                 everything works
 *     driver_not_loaded  nvmlInit* returns NVML_ERROR_DRIVER_NOT_LOADED (9)
 *     no_permission      nvmlInit* returns NVML_ERROR_NO_PERMISSION (4)
 *     rm_mismatch        nvmlInit* returns NVML_ERROR_LIB_RM_VERSION_MISMATCH (18)
 *                        (driver updated, the old kernel module still loaded)
 *     unknown            nvmlInit* returns NVML_ERROR_UNKNOWN (999)
 *     gpu_lost           init works, every per-device query returns NVML_ERROR_GPU_IS_LOST (15)
 *     hang               nvmlInit* sleeps FAKE_NVML_HANG_SECONDS (default 30) before succeeding
 * FAKE_NVML_GPUS       the GPUs, ";"-separated, each "name:cc:memory_mib:pci_device_id[:bus_id[:uuid]]",
 *                      e.g. "NVIDIA GeForce RTX 3060:8.6:12288:0x250310DE;Tesla T4:7.5:15360:0x1EB810DE".
 *                      cc is "major.minor"; pci_device_id is NVML's combined id (device << 16 | 0x10DE).
 *                      Default bus id "00000000:0N:00.0" (N = index + 1), default uuid "GPU-fake-000N".
 *                      Unset or empty: no GPUs. At most 16 are read.
 * FAKE_NVML_DRIVER     driver version string (default "550.127.08")
 * FAKE_NVML_CUDA       highest CUDA version the driver supports, NVML's integer (default 12040 = 12.4)
 * FAKE_NVML_NVML_VERSION  NVML library version (default "12.550.127.08")
 *
 * Compile-time variant
 * --------------------
 * -DFAKE_NVML_OLD_DRIVER leaves out nvmlSystemGetCudaDriverVersion_v2 and
 * nvmlDeviceGetCudaComputeCapability, as a driver from before they existed would, so pynvml's
 * lookup of those symbols fails with NVML_ERROR_FUNCTION_NOT_FOUND.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int nvmlReturn_t;

#define NVML_SUCCESS 0
#define NVML_ERROR_UNINITIALIZED 1
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_NO_PERMISSION 4
#define NVML_ERROR_INSUFFICIENT_SIZE 7
#define NVML_ERROR_DRIVER_NOT_LOADED 9
#define NVML_ERROR_GPU_IS_LOST 15
#define NVML_ERROR_LIB_RM_VERSION_MISMATCH 18
#define NVML_ERROR_UNKNOWN 999

#define MAX_GPUS 16

typedef struct {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
} nvmlMemory_t;

typedef struct {
    char busIdLegacy[16];
    unsigned int domain;
    unsigned int bus;
    unsigned int device;
    unsigned int pciDeviceId;
    unsigned int pciSubSystemId;
    char busId[32];
} nvmlPciInfo_t;

typedef struct fake_gpu {
    char name[96];
    int cc_major;
    int cc_minor;
    unsigned long long memory_mib;
    unsigned int pci_device_id;
    char bus_id[32];
    char uuid[96];
} fake_gpu;

typedef fake_gpu *nvmlDevice_t;

static fake_gpu gpus[MAX_GPUS];
static unsigned int gpu_count = 0;
static int initialised = 0;

static const char *env_or(const char *name, const char *fallback) {
    const char *value = getenv(name);
    return (value && *value) ? value : fallback;
}

static int scenario_is(const char *name) { return strcmp(env_or("FAKE_NVML_SCENARIO", "ok"), name) == 0; }

static void copy_field(char *dest, size_t size, const char *src) {
    strncpy(dest, src, size - 1);
    dest[size - 1] = '\0';
}

/* Parse one "name:cc:memory_mib:pci_device_id[:bus_id[:uuid]]" entry (modified in place).
 * The bus id has colons itself ("00000000:01:00.0"): it is the three parts after the fourth field. */
static void parse_gpu(char *entry, unsigned int index) {
    fake_gpu *gpu = &gpus[index];
    char *fields[4] = {0};
    char *save = NULL;
    char *tok = strtok_r(entry, ":", &save);
    for (int n = 0; tok && n < 4; n++) {
        fields[n] = tok;
        tok = n < 3 ? strtok_r(NULL, ":", &save) : NULL;
    }
    memset(gpu, 0, sizeof(*gpu));
    copy_field(gpu->name, sizeof gpu->name, fields[0] ? fields[0] : "NVIDIA Fake GPU");
    if (fields[1]) sscanf(fields[1], "%d.%d", &gpu->cc_major, &gpu->cc_minor);
    gpu->memory_mib = fields[2] ? strtoull(fields[2], NULL, 10) : 0;
    gpu->pci_device_id = fields[3] ? (unsigned int)strtoul(fields[3], NULL, 0) : 0;
    snprintf(gpu->bus_id, sizeof gpu->bus_id, "00000000:%02X:00.0", index + 1);
    snprintf(gpu->uuid, sizeof gpu->uuid, "GPU-fake-%04u", index + 1);
    char *rest = save; /* what follows the fourth field */
    char *domain = rest && *rest ? strtok_r(rest, ":", &save) : NULL;
    char *bus = domain ? strtok_r(NULL, ":", &save) : NULL;
    char *slot = bus ? strtok_r(NULL, ":", &save) : NULL;
    if (slot) snprintf(gpu->bus_id, sizeof gpu->bus_id, "%s:%s:%s", domain, bus, slot);
    if (slot && save && *save) copy_field(gpu->uuid, sizeof gpu->uuid, save);
}

static void load_gpus(void) {
    const char *spec = env_or("FAKE_NVML_GPUS", "");
    char *copy = strdup(spec);
    char *save = NULL;
    gpu_count = 0;
    for (char *entry = strtok_r(copy, ";", &save); entry && gpu_count < MAX_GPUS; entry = strtok_r(NULL, ";", &save)) {
        parse_gpu(entry, gpu_count);
        gpu_count++;
    }
    free(copy);
}

static nvmlReturn_t init_common(void) {
    if (scenario_is("driver_not_loaded")) return NVML_ERROR_DRIVER_NOT_LOADED;
    if (scenario_is("no_permission")) return NVML_ERROR_NO_PERMISSION;
    if (scenario_is("rm_mismatch")) return NVML_ERROR_LIB_RM_VERSION_MISMATCH;
    if (scenario_is("unknown")) return NVML_ERROR_UNKNOWN;
    if (scenario_is("hang")) sleep((unsigned int)atoi(env_or("FAKE_NVML_HANG_SECONDS", "30")));
    load_gpus();
    initialised++;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlInit(void) { return init_common(); }
nvmlReturn_t nvmlInit_v2(void) { return init_common(); }
nvmlReturn_t nvmlInitWithFlags(unsigned int flags) {
    (void)flags;
    return init_common();
}

nvmlReturn_t nvmlShutdown(void) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    initialised--;
    return NVML_SUCCESS;
}

const char *nvmlErrorString(nvmlReturn_t result) {
    switch (result) {
        case NVML_SUCCESS: return "Success";
        case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
        case NVML_ERROR_NO_PERMISSION: return "Insufficient Permissions";
        case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
        case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
        case NVML_ERROR_LIB_RM_VERSION_MISMATCH: return "RM has detected an NVML/RM version mismatch.";
        default: return "Unknown Error";
    }
}

static nvmlReturn_t put_string(char *dest, unsigned int length, const char *value) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (!dest) return NVML_ERROR_INVALID_ARGUMENT;
    if (strlen(value) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
    strcpy(dest, value);
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    return put_string(version, length, env_or("FAKE_NVML_DRIVER", "550.127.08"));
}

nvmlReturn_t nvmlSystemGetNVMLVersion(char *version, unsigned int length) {
    return put_string(version, length, env_or("FAKE_NVML_NVML_VERSION", "12.550.127.08"));
}

nvmlReturn_t nvmlSystemGetCudaDriverVersion(int *cuda_version) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (!cuda_version) return NVML_ERROR_INVALID_ARGUMENT;
    *cuda_version = atoi(env_or("FAKE_NVML_CUDA", "12040"));
    return NVML_SUCCESS;
}

#ifndef FAKE_NVML_OLD_DRIVER
nvmlReturn_t nvmlSystemGetCudaDriverVersion_v2(int *cuda_version) { return nvmlSystemGetCudaDriverVersion(cuda_version); }
#endif

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (!count) return NVML_ERROR_INVALID_ARGUMENT;
    *count = gpu_count;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetCount(unsigned int *count) { return nvmlDeviceGetCount_v2(count); }

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (!device || index >= gpu_count) return NVML_ERROR_INVALID_ARGUMENT;
    *device = &gpus[index];
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex(unsigned int index, nvmlDevice_t *device) {
    return nvmlDeviceGetHandleByIndex_v2(index, device);
}

/* Every per-device query starts here: a lost GPU answers nothing. */
static nvmlReturn_t check_device(nvmlDevice_t device) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (!device) return NVML_ERROR_INVALID_ARGUMENT;
    if (scenario_is("gpu_lost")) return NVML_ERROR_GPU_IS_LOST;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    nvmlReturn_t ret = check_device(device);
    return ret != NVML_SUCCESS ? ret : put_string(name, length, device->name);
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    nvmlReturn_t ret = check_device(device);
    return ret != NVML_SUCCESS ? ret : put_string(uuid, length, device->uuid);
}

#ifndef FAKE_NVML_OLD_DRIVER
nvmlReturn_t nvmlDeviceGetCudaComputeCapability(nvmlDevice_t device, int *major, int *minor) {
    nvmlReturn_t ret = check_device(device);
    if (ret != NVML_SUCCESS) return ret;
    if (!major || !minor) return NVML_ERROR_INVALID_ARGUMENT;
    *major = device->cc_major;
    *minor = device->cc_minor;
    return NVML_SUCCESS;
}
#endif

nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory) {
    nvmlReturn_t ret = check_device(device);
    if (ret != NVML_SUCCESS) return ret;
    if (!memory) return NVML_ERROR_INVALID_ARGUMENT;
    memory->total = device->memory_mib * 1024ULL * 1024ULL;
    memory->used = 0;
    memory->free = memory->total;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t *pci) {
    nvmlReturn_t ret = check_device(device);
    if (ret != NVML_SUCCESS) return ret;
    if (!pci) return NVML_ERROR_INVALID_ARGUMENT;
    memset(pci, 0, sizeof(*pci));
    copy_field(pci->busId, sizeof pci->busId, device->bus_id);
    copy_field(pci->busIdLegacy, sizeof pci->busIdLegacy, device->bus_id + 4);
    sscanf(device->bus_id, "%x:%x:%x", &pci->domain, &pci->bus, &pci->device);
    pci->pciDeviceId = device->pci_device_id;
    pci->pciSubSystemId = 0;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPciInfo_v2(nvmlDevice_t device, nvmlPciInfo_t *pci) { return nvmlDeviceGetPciInfo_v3(device, pci); }
nvmlReturn_t nvmlDeviceGetPciInfo(nvmlDevice_t device, nvmlPciInfo_t *pci) { return nvmlDeviceGetPciInfo_v3(device, pci); }
