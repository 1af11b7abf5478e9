# The session tests/gdb/gdb.sh has gdb run against
# `ntmm run --gdb PORT --gdb-wait --ram 8M target.exe`; the NTMM- lines
# its Python helpers (checks.py) print are what gdb.sh checks.
set pagination off
set confirm off
set width 0
target remote :@PORT@
info threads
break checkpoint
continue
info registers eip esp cs ss fs
x/2xb valid
python ntmm_pte("demand_zero")
python ntmm_pte("valid")
python ntmm_pte("transition")
python ntmm_pte("paged")
monitor snapshot checkpoint
monitor !pte 0x430000
python ntmm_pfn("valid")
monitor !vad
monitor !wsle
monitor !memusage
monitor !address
monitor !process
monitor !faults 3
python ntmm_try("x/4x 0x10")
python ntmm_try("x/4x 0x80000000")
finish
step
step
bt
finish
stepi
watch counter
continue
continue
delete
continue
python ntmm_handler_not_run()
continue
