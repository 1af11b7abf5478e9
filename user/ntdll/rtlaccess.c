/*
 * Access-mask tests: "all" when every desired bit is granted (so nothing
 * desired is always granted), "any" when some desired bit is (so nothing
 * desired never is). Evidence: Wine's rtl.c all_accesses and any_accesses
 * tables, e.g. {0, 0} answers TRUE for all and FALSE for any.
 */
#include "inc/ntguest.h"

BOOLEAN NTAPI RtlAreAllAccessesGranted(ULONG granted, ULONG desired)
{
    return (granted & desired) == desired;
}

BOOLEAN NTAPI RtlAreAnyAccessesGranted(ULONG granted, ULONG desired)
{
    return (granted & desired) != 0;
}
