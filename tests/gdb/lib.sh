# What the gdb tests share (sourced): a free port, ntmm started in the
# background with --gdb on it, and a check of gdb's output.
# Sets dir (a temporary directory, removed at exit), port and pid.
command -v gdb >/dev/null || { echo "SKIP: no gdb (scripts/deps-test.sh installs it)"; exit 77; }
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
# A free port on the loopback, asked of the kernel through gdb's Python.
port=$(gdb -nx -batch -ex 'python import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
fail=0

# start_ntmm NTMM [RUN-OPTIONS...] PROGRAM: in the background; with
# --gdb-wait, until it listens (without it the client retries connecting:
# a probe would be taken for gdb attaching).
start_ntmm() {
    ntmm_binary=$1
    shift
    "$ntmm_binary" run --gdb "$port" "$@" >"$dir/stdout" 2>"$dir/stderr" &
    pid=$!
    case " $* " in
    *" --gdb-wait "*) ;;
    *) return ;;
    esac
    i=0
    until grep -q "waiting for gdb" "$dir/stderr"; do
        i=$((i + 1))
        [ $i -lt 300 ] || { echo "FAIL: ntmm never listened"; cat "$dir/stderr"; exit 1; }
        sleep 0.1
    done
}

# wait_ntmm: its exit status in $status.
wait_ntmm() {
    wait $pid
    status=$?
    pid=
}

# expect REGEX [FILE]: a line of FILE (gdb's output) matches.
expect() {
    if ! grep -Eq -- "$1" "${2:-$dir/gdb.out}"; then
        echo "FAIL: no match for: $1"
        fail=1
    fi
}
