/* ldrnoexp.dll: imports ldrdep.dll!NoSuchExport (through noexp.def's import
 * library), so loading it fails with ERROR_PROC_NOT_FOUND. */
__declspec(dllimport) int NoSuchExport(void);

__declspec(dllexport) int LdrNoExport(void)
{
    return NoSuchExport();
}
