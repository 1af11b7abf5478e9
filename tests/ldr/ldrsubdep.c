/* sub/ldrsubdep.dll */
__declspec(dllexport) int LdrSubDepValue(void)
{
    return 41;
}
