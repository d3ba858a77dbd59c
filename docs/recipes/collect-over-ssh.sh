#!/bin/sh
# Collect a torch-setup-wizard report from every machine in hosts.txt over SSH,
# then show the class overview.  Usage:  sh collect-over-ssh.sh hosts.txt reports/
#
# Each machine needs the wizard installed (see README) at $TSW on that machine, and the
# interpreter the course uses at $TARGET_PYTHON. Nothing is installed or changed remotely:
# `check` only reads.
set -u
hosts_file=${1:-hosts.txt}
out_dir=${2:-reports}
TSW=${TSW:-'~/torch-setup-wizard/.venv/bin/torch-setup-wizard'}
TARGET_PYTHON=${TARGET_PYTHON:-python3}
mkdir -p "$out_dir"
while read -r host; do
    case "$host" in ''|'#'*) continue ;; esac
    # check exits 1 when it found a problem: that is a normal report, not a failure.
    ssh -n -o BatchMode=yes -o ConnectTimeout=10 "$host" "$TSW check --json --python $TARGET_PYTHON" \
        > "$out_dir/$host.json.part"
    status=$?
    if [ "$status" -le 1 ]; then
        mv "$out_dir/$host.json.part" "$out_dir/$host.json"
    else
        echo "$host: no report (ssh or check exited $status)" >&2
        rm -f "$out_dir/$host.json.part"
    fi
done < "$hosts_file"
"${TSW_LOCAL:-torch-setup-wizard}" overview "$out_dir"
