#!/usr/bin/env bash
# What ntmm says on stderr, and --stats-json: the lines a person running a
# program reads when something goes wrong, each checked against what the
# run did.
#   friendly.sh NTMM BUILD_DIR
set -u
ntmm=$1 build=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
say() { echo "FAIL: $*"; fail=1; }
run() { # run NAME ARGS...: stdout to NAME.out, stderr to NAME.err, status in NAME.rc
  local name=$1
  shift
  "$@" >"$dir/$name.out" 2>"$dir/$name.err" </dev/null
  echo $? >"$dir/$name.rc"
}
rc() { cat "$dir/$1.rc"; }
lines() { wc -l <"$dir/$1.err" | tr -d ' '; }

# An unhandled access violation: one line with the code and its name, the
# access and the address, the EIP as module+offset, and the fault log's
# record of the same write at the same instruction.
run av "$ntmm" run --pagefile "$dir/av.db" "$build/tests/pe/unhandled_av.exe"
line=$(grep unhandled "$dir/av.err")
[ "$(rc av)" = 5 ] || say "unhandled_av: exit $(rc av)"
[ "$(lines av)" = 1 ] || say "unhandled_av: $(lines av) lines on stderr, not one"
if ! [[ $line =~ ^ntmm:\ process\ 256\ unhandled_av\.exe:\ unhandled\ exception\ 0xC0000005\ STATUS_ACCESS_VIOLATION\ writing\ 0x00000000\ at\ eip\ 0x([0-9a-f]{8})\ \(unhandled_av\.exe\+0x([0-9a-f]+)\)$ ]]; then
  say "unhandled_av: '$line'"
else
  eip=$((16#${BASH_REMATCH[1]})) offset=$((16#${BASH_REMATCH[2]}))
  [ $((eip - offset)) = $((0x400000)) ] || say "module+offset is not from the image base"
  logged=$(sqlite3 "$dir/av.db" "SELECT count(*) FROM faults WHERE va = 0 AND eip = $eip
           AND access = 'write' AND kind = 'access-violation' AND process = 256")
  [ "$logged" = 1 ] || say "the fault log has no write of 0 at that eip"
fi
# A stack overflow, and a handled access violation (nothing said).
run so "$ntmm" run --pagefile :memory: "$build/tests/pe/stack_overflow.exe"
grep -Eq '^ntmm: process 256 stack_overflow\.exe: unhandled exception 0xC00000FD STATUS_STACK_OVERFLOW at eip 0x[0-9a-f]{8} \(stack_overflow\.exe\+0x[0-9a-f]+\)$' \
  "$dir/so.err" || say "stack overflow: '$(cat "$dir/so.err")'"
run handled "$ntmm" run --pagefile :memory: "$build/tests/pe/av_write_ro.exe"
[ "$(rc handled)" = 0 ] && ! grep -q unhandled "$dir/handled.err" ||
  say "a handled access violation: '$(cat "$dir/handled.err")'"
# Through the C runtime's top-level filter (mingw installs one): the same line.
run crt "$ntmm" run --pagefile :memory: "$build/tests/crt/crash.exe"
[ "$(rc crt)" = 5 ] && grep -Eq 'process 256 crash\.exe: unhandled exception 0xC0000005 STATUS_ACCESS_VIOLATION reading 0x00000010 at eip 0x[0-9a-f]{8} \(crash\.exe\+0x[0-9a-f]+\)$' \
  "$dir/crt.err" || say "crash.exe: exit $(rc crt), '$(cat "$dir/crt.err")'"

# The commit limit: said once, however many commits fail.
run commit "$ntmm" run --stats --ram 4M --pagefile-max 4M --pagefile :memory: \
  "$build/tests/paging/lifecycle.exe" commit
[ "$(grep -c 'reached the commit limit' "$dir/commit.err")" = 1 ] ||
  say "commit limit: said $(grep -c 'reached the commit limit' "$dir/commit.err") times"
grep -Eq '^ntmm: process 256 reached the commit limit: [0-9]+ of [0-9]+ pages committed' \
  "$dir/commit.err" || say "commit limit: '$(grep commit "$dir/commit.err")'"
failures=$(grep -o '[0-9]* commit requests failed' "$dir/commit.err" | cut -d' ' -f1)
[ "${failures:-0}" -gt 1 ] || say "the scenario should fail more than one commit"

# --trace-faults: the fault log's numbers, the thread, the region, the module+offset.
run trace "$ntmm" run --trace-faults --pagefile "$dir/trace.db" "$build/tests/pe/guard.exe"
n=0
while read -r _ _ pid _ tid _ seq access _ va region _ _ eip where _; do
  seq=${seq%:} region=${region//[()]/} where=${where//[():]/}
  row=$(sqlite3 "$dir/trace.db" "SELECT process || ' ' || thread || ' ' || access || ' '
        || printf('0x%08x', va) || ' ' || printf('0x%08x', eip) FROM faults WHERE seq = $seq")
  [ "$row" = "$pid $tid $access $va $eip" ] ||
    say "traced fault $seq '$pid $tid $access $va $eip', logged '$row'"
  case $region in image|private|mapped|free|*reserved) ;; *) say "region '$region'" ;; esac
  [[ $where =~ ^(guard\.exe|ntdll\.dll|kernel32\.dll)\+0x[0-9a-f]+$ ]] || say "eip as '$where'"
  n=$((n + 1))
done < <(grep '^ntmm: process' "$dir/trace.err")
[ $n -gt 10 ] || say "only $n faults traced"
grep -Eq 'fault [0-9]+: read of 0x00240010 \(private\) at eip 0x00401002 \(guard\.exe\+0x1002\): guard' \
  "$dir/trace.err" || say "the guard page's fault is not traced as expected"

# --stats-json: valid JSON with every number --stats prints, per process too;
# the same process ids as --stats, the fault log and the trace (decimal).
run fork "$ntmm" run --stats --stats-json "$dir/stats.json" --pagefile "$dir/fork.db" \
  "$build/lessons/11-copy-on-write-fork/fork.exe"
j() { sqlite3 :memory: "SELECT json_extract(readfile('$dir/stats.json'), '$1')"; }
[ "$(sqlite3 :memory: "SELECT json_valid(readfile('$dir/stats.json'))")" = 1 ] || say "JSON invalid"
stat_line() { grep -o "$1" "$dir/fork.err" | head -1 | grep -o '[0-9]*' | head -1; }
[ "$(j '$.page_faults.total')" = "$(stat_line '[0-9]* page faults')" ] || say "JSON page faults"
[ "$(j '$.instructions')" = "$(stat_line '[0-9]* instructions')" ] || say "JSON instructions"
[ "$(j '$.page_faults."copy-on-write"')" = "$(grep -o 'copy-on-write [0-9]*' "$dir/fork.err" |
   head -1 | cut -d' ' -f2)" ] || say "JSON copy-on-write"
[ "$(j '$.page_faults.total')" = "$(sqlite3 "$dir/fork.db" 'SELECT count(*) FROM faults')" ] ||
  say "JSON faults against the fault log"
[ "$(j '$.processes[0].id') $(j '$.processes[1].id')" = "256 264" ] || say "JSON process ids"
[ "$(j '$.processes[1].exit_status')" = 3 ] || say "JSON child's exit status"
grep -q '^ntmm: process 264 fork.exe: exit status 0x00000003' "$dir/fork.err" ||
  say "--stats does not name process 264 in decimal"
[ "$(sqlite3 "$dir/fork.db" 'SELECT group_concat(DISTINCT process) FROM faults')" = "256,264" ] ||
  say "the fault log's process ids"
[ "$(j '$.exit_status_name')" = STATUS_SUCCESS ] || say "JSON exit status name"
[ "$(j '$.mapped_files.image_pages_read') $(j '$.mapped_files.data_pages_read')" = \
  "$(sed -n 's/^ntmm: mapped files: .*: \([0-9]*\) of images, \([0-9]*\) of data files;.*/\1 \2/p' \
     "$dir/fork.err")" ] || say "JSON images' and data files' pages read"
[ "$(( $(j '$.mapped_files.image_pages_read') + $(j '$.mapped_files.data_pages_read') ))" = \
  "$(j '$.mapped_files.pages_read')" ] || say "JSON pages read: images' and data files' make the total"
run badjson "$ntmm" run --stats-json "$dir/no/such/dir/x.json" --pagefile :memory: \
  "$build/tests/pe/hello.exe"
[ "$(rc badjson)" = 125 ] && grep -q 'stats-json' "$dir/badjson.err" || say "unwritable JSON file"

# Bad command lines: one line naming the culprit, exit 125.
check_bad() { # check_bad WANT ARGS...
  local want=$1
  shift
  run bad "$ntmm" "$@"
  [ "$(rc bad)" = 125 ] && [ "$(lines bad)" = 1 ] && grep -qF -- "$want" "$dir/bad.err" ||
    say "ntmm $*: exit $(rc bad), '$(cat "$dir/bad.err")'"
}
check_bad "unknown option --bad-option" --bad-option
check_bad "unknown option --bad-option" run --bad-option "$build/tests/pe/hello.exe"
check_bad "unknown command frob" frob
check_bad "--ram needs a value" run --ram
check_bad "--sample-every" run --sample-every 10x "$build/tests/pe/hello.exe"
check_bad "--snapshot-at" run --snapshot-at -3 "$build/tests/pe/hello.exe"
check_bad "unknown option -x" report -x

[ $fail = 0 ] && echo "friendly: every message as it should be"
exit $fail
