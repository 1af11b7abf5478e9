/* sub/ldrsub.dll: loaded by full path; imports sub/ldrsubdep.dll, which is
 * found only with LOAD_WITH_ALTERED_SEARCH_PATH (or from the current
 * directory). */
__declspec(dllimport) int LdrSubDepValue(void);

__declspec(dllexport) int LdrSubValue(void)
{
    return LdrSubDepValue() + 1;
}
