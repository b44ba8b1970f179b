# Sourced by the bench scripts that need fresh emulators. Needs $binary (the dpsbulk to run) and $out (a temporary
# directory). start_emulator NAME starts an in-memory emulator and prints its connection string; its output goes to
# $out/NAME.out and its pid to $out/NAME.pid (callers run it in a command substitution, a subshell, so the pid is
# kept in a file, not a variable). stop_emulators, from the EXIT trap, stops every one started.

start_emulator() {
  "$binary" emulator --port 0 --log-level error >"$out/$1.out" 2>/dev/null &
  echo $! >"$out/$1.pid"
  for _ in $(seq 100); do grep -q '^HostName=' "$out/$1.out" 2>/dev/null && break; sleep 0.1; done
  grep '^HostName=' "$out/$1.out"
}

stop_emulators() {
  for pid in $(cat "$out"/*.pid 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
}
