#!/bin/sh
# Dependencies point down (docs/ARCHITECTURE.md):
#
#   tools -> ke -> (mm, io) -> (rtl, emu, ex, pagefile),  rtl -> ex,  pagefile -> ex,  io -> ex
#
# A layer may include its own headers and those of any layer below it;
# emu alone includes unicorn.h; user/ is guest code and shares only the
# system-call table (ke/systable.h) and the x86 ABI structures (ke/ntx86.h)
# with the host. The build enforces the same rule (each layer compiles
# against build/layers/<layer>); this test says which include broke it, and
# covers headers no .c file includes yet.
# usage: layers.sh SOURCE_DIR
set -eu
cd "$1"

below() {
    case $1 in
    emu) echo "emu" ;;
    ex) echo "ex" ;;
    rtl) echo "rtl ex" ;;
    pagefile) echo "pagefile ex" ;;
    mm) echo "mm rtl emu ex pagefile" ;;
    io) echo "io ex" ;;
    ke) echo "ke mm io rtl emu ex pagefile" ;;
    tools) echo "tools ke mm io rtl emu ex pagefile" ;;
    esac
}

bad=0
for layer in emu ex rtl pagefile mm io ke tools; do
    allowed=$(below "$layer")
    for file in "$layer"/*.c "$layer"/*.h; do
        [ -e "$file" ] || continue
        for target in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/.*".*/\1/p' "$file"); do
            case " $allowed " in
            *" $target "*) ;;
            *)
                echo "$file includes $target/: $layer may include only $allowed"
                bad=1
                ;;
            esac
        done
        if [ "$layer" != emu ] && grep -q '^[[:space:]]*#[[:space:]]*include[[:space:]]*<unicorn/' "$file"; then
            echo "$file includes unicorn: only emu/ talks to the emulator"
            bad=1
        fi
    done
done

# Guest code: its own headers, the shared table and the shared ABI headers
# (the x86 structures, the console's requests).
for file in $(find user -name '*.c' -o -name '*.h'); do
    for target in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file"); do
        case $target in
        ke/systable.h | ke/ntx86.h | ke/condrv.h) ;;
        emu/* | ex/* | rtl/* | pagefile/* | mm/* | io/* | ke/* | tools/*)
            echo "$file includes $target: guest code sees no host layer"
            bad=1
            ;;
        esac
    done
done

if [ "$bad" -eq 0 ]; then
    echo "every include points down"
fi
exit "$bad"
