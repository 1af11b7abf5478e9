/* ldrtls.dll: static TLS (a __thread variable in the image's TLS
 * directory) and a TLS callback, loaded at run time. */
#include <windows.h>

static __thread int tls_value = 42;
static LONG callbacks[4];

static void NTAPI TlsCallback(PVOID instance, DWORD reason, PVOID reserved)
{
    (void)instance;
    (void)reserved;
    if (reason <= 3) {
        InterlockedIncrement(&callbacks[reason]);
    }
}
PIMAGE_TLS_CALLBACK ldrtls_callback __attribute__((section(".CRT$XLB"), used)) = TlsCallback;

__declspec(dllexport) int LdrTlsGet(void)
{
    return tls_value;
}

__declspec(dllexport) void LdrTlsSet(int value)
{
    tls_value = value;
}

__declspec(dllexport) LONG LdrTlsCallbacks(DWORD reason)
{
    return callbacks[reason];
}
