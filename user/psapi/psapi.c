/*
 * psapi.dll has no code of its own: every export is a forwarder to
 * kernel32's K32 functions (psapi.def). The linker wants one object;
 * this is it, and its one datum names what the DLL is.
 */
const char PsapiDescription[] = "ntmm psapi.dll: forwarders to kernel32's K32 functions";
