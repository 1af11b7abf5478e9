# Sourced by the scenario scripts (tests/section/mapfile.sh and
# segcache.sh, tests/ldr/ldrimage.sh), after they set ntmm, dir (a fresh
# folder holding root/, the guest's C:), db (the run record) and fail=0.
#   run PROGRAM [OPTIONS...] -- ARGS...   ntmm runs PROGRAM in $dir with
#       the run record at $db; stdout to $dir/out, stderr to $dir/err; a
#       nonzero exit status or a FAIL line sets fail
#   q SQL                                 one query of the run record
#   expect WHAT GOT WANT                  a check: a difference sets fail
run() {
  local program=$1 options=()
  shift
  while [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  (cd "$dir" && "$ntmm" run --stats --pagefile "$db" --root "$dir/root" "${options[@]}" \
    "$program" "$@") >"$dir/out" 2>"$dir/err" </dev/null
  local status=$?
  [ $status = 0 ] || { echo "FAIL: exit status $status"; fail=1; }
  grep -q '^FAIL' "$dir/out" && fail=1
}
q() { sqlite3 -batch -noheader "$db" "$1"; }
expect() {
  if [ "$2" != "$3" ]; then
    echo "FAIL: $1: got '$2', expected '$3'"
    fail=1
  fi
}
