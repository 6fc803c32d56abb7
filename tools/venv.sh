# Sourced by tools/setup.sh and tools/analyze.sh (which define `say`): a tool's own virtualenv
# from a pinned requirements file, rebuilt only when the file changed (stamp in .stamps/).

# The Python to build virtualenvs with: $PYTHON, else python3.11, else python3.
pick_python() {
  PYTHON=${PYTHON:-}
  if [ -z "$PYTHON" ]; then
    for candidate in python3.11 python3; do
      if command -v "$candidate" >/dev/null 2>&1; then PYTHON=$candidate; break; fi
    done
  fi
}

# tool_venv DIR REQUIREMENTS WHAT LOG: DIR/ with REQUIREMENTS installed; pip's output goes to LOG,
# whose end is shown if the install fails.
tool_venv() {
  local dir=$1 requirements=$2 what=$3 log=$4
  pick_python
  if [ ! -x "$dir/bin/python" ]; then
    say "creating $dir with $($PYTHON --version)"
    "$PYTHON" -m venv "$dir"
    rm -f ".stamps/$requirements"
  fi
  if ! cmp -s "$requirements" ".stamps/$requirements"; then
    say "installing $what ($requirements)"
    mkdir -p "$(dirname "$log")"
    if ! "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" > "$log" 2>&1; then
      tail -n 40 "$log"
      say "pip install failed (log: $log)"
      return 1
    fi
    cp "$requirements" ".stamps/$requirements"
  fi
}
