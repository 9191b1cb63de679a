#!/usr/bin/env bash
# The chaos benchmark (issue 14): a 24-clip upload on the portal (manager) and 2 worker processes, undisturbed, then
# with 3 worker SIGKILLs, a RabbitMQ restart, a PostgreSQL restart and a manager kill + restart followed by the resume
# step; checks that every video ends with its results exactly once and prints both wall times. NOT part of
# `mvn verify`: it restarts this machine's PostgreSQL and RabbitMQ. Needs the built jars (web-portal and worker
# `*-exec.jar`), the test media (scripts/fetch-test-media.sh), ffmpeg, psql, curl, rabbitmqctl, pg_ctlcluster.
#
#   scripts/chaos/run.sh            # result JSON and logs in /tmp/skillmirror-chaos-<time>/ (CHAOS_DIR)
#
# Settings (environment): CHAOS_CLIPS (24), CHAOS_WORKERS (2), CHAOS_WORKER_KILLS (3), CHAOS_SEED (random moments),
# CHAOS_TIMEOUT (1800 s for the whole run), CHAOS_STALL_SECONDS (120: no progress this long is a stall),
# CHAOS_RESUME_CMD (a shell command replacing the resume API call, {upload} and {video} substituted),
# CHAOS_REPAIR_ORPHANS (1: a job orphaned by the manager's death is marked FAILED by hand so it can be resumed; the
# violation is reported either way), CHAOS_UNDISTURBED_ONLY (0), CHAOS_KEEP (0: drop the database and stored files).
# Exit: 0 no violation, 1 violations (listed), 2 the benchmark itself failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pg_version=$(ls /etc/postgresql | sort | tail -1)

# no Maven build (and no test using PostgreSQL or RabbitMQ through it) runs while the services restart
exec 9>/tmp/mvn.lock
echo "[chaos] waiting for the Maven lock..."
flock 9
echo "[chaos] lock held"

child=
restore() {
    local rc=$?
    if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
        kill -TERM "$child" 2>/dev/null
        sleep 5
        kill -KILL "$child" 2>/dev/null
    fi
    # the services back up whatever happened
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        echo "[chaos] starting PostgreSQL again"
        pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start
    fi
    if ! rabbitmqctl -q list_queues name >/dev/null 2>&1; then
        echo "[chaos] starting RabbitMQ's app again"
        rabbitmqctl -q start_app || rabbitmq-server -detached
    fi
    exit "$rc"
}
trap restore EXIT
trap 'exit 130' INT TERM

python3 "$here/chaos.py" "$@" &
child=$!
wait "$child"
