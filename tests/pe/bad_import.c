/* Imports kernel32.dll!NoSuchFunction: ntmm refuses to load it (exit 126). */
__declspec(dllimport) void __stdcall NoSuchFunction(void);

void __cdecl start(void); /* the entry point (-Wl,-e,_start) */

void __cdecl start(void)
{
    NoSuchFunction();
}
