#!/bin/sh
# The machine is an object (ke/ki.h KSYSTEM, mm/mi.h MMSYSTEM): no layer
# library may hold mutable state of its own. Lists every data object of the
# emu, ke, mm, rtl, ex, pagefile and io static libraries -- file-scope and
# function-static alike -- that lives in a writable section (.data, .bss,
# thread-local or common) and fails if there is any. Constant tables live
# in .rodata or, when they hold pointers, .data.rel.ro: those are allowed,
# and so are the sanitizers' own bookkeeping (__odr_asan.*, __asan_*,
# __ubsan_*), which the compiler adds beside each global.
# usage: no-globals.sh OBJDUMP lib1.a lib2.a ...
set -eu
objdump=$1
shift
found=0
for lib in "$@"; do
    bad=$("$objdump" -t "$lib" | awk '
        / O / && $NF !~ /^(__odr_asan|__asan_|__ubsan_|\.L)/ {
            section = $4
            if (section == "*COM*" || section ~ /^\.(bss|tbss|tdata)/ ||
                (section ~ /^\.data/ && section !~ /^\.data\.rel\.ro/))
                print "  " section "\t" $NF
        }')
    if [ -n "$bad" ]; then
        echo "$(basename "$lib"): mutable variables (make them fields of the machine, or const):"
        echo "$bad"
        found=1
    fi
done
if [ "$found" -eq 0 ]; then
    echo "no mutable globals or function statics in $# libraries"
fi
exit "$found"
