#!/usr/bin/env python3
"""The chaos benchmark (issue 14): one upload of N short clips analysed by the portal as manager and 2 worker
processes, first undisturbed, then with 3 worker SIGKILLs, a RabbitMQ restart, a PostgreSQL restart and a manager
kill + restart followed by the resume step, at random moments. Checks that every video ends COMPLETED with its
results exactly once (stage results, artifacts, pose chunks and series, comparisons, partitions), and that the
statuses agree. Writes result.json beside the logs. Started by run.sh, which holds the Maven lock and brings the
services back whatever happens. Standard library only; psql, curl, ffmpeg, rabbitmqctl and pg_ctlcluster on PATH.
"""
import gzip
import json
import os
import random
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORTAL_JAR = ROOT / "web-portal/target/web-portal-0.1.0-SNAPSHOT-exec.jar"
WORKER_JAR = ROOT / "worker/target/worker-0.1.0-SNAPSHOT-exec.jar"
PG_VERSION = sorted(os.listdir("/etc/postgresql"))[-1] if os.path.isdir("/etc/postgresql") else "15"

CLIPS = int(os.environ.get("CHAOS_CLIPS", "24"))
WORKERS = int(os.environ.get("CHAOS_WORKERS", "2"))
WORKER_KILLS = int(os.environ.get("CHAOS_WORKER_KILLS", "3"))
DEADLINE_S = int(os.environ.get("CHAOS_TIMEOUT", "1800"))  # the whole run, both jobs
STALL_S = int(os.environ.get("CHAOS_STALL_SECONDS", "120"))  # no progress this long = stalled
REPAIR_ORPHANS = os.environ.get("CHAOS_REPAIR_ORPHANS", "1") == "1"
RECOVERY_GRACE_S = int(os.environ.get("CHAOS_RECOVERY_GRACE", "90"))  # for the manager to restart a failed job
STALL_RESUMES = int(os.environ.get("CHAOS_STALL_RESUMES", "4"))  # the product's resume tried again on a stall
SKIP_DISTURBED = os.environ.get("CHAOS_UNDISTURBED_ONLY", "0") == "1"
KEEP = os.environ.get("CHAOS_KEEP", "0") == "1"
SEED = int(os.environ.get("CHAOS_SEED", str(int(time.time()))))
RUN = os.environ.get("CHAOS_RUN", time.strftime("%Y%m%d%H%M%S"))
WORK = Path(os.environ.get("CHAOS_DIR", f"/tmp/skillmirror-chaos-{RUN}"))
EVENTS = ("analysis_complete",)

T0 = time.monotonic()
rng = random.Random(SEED)


def now():
    return time.monotonic() - T0


def log(msg):
    line = f"[chaos {now():7.1f}s] {msg}"
    print(line, flush=True)
    with open(WORK / "chaos.log", "a") as f:
        f.write(line + "\n")


class Deadline(Exception):
    pass


def check_deadline():
    if now() > DEADLINE_S:
        raise Deadline(f"gave up after {DEADLINE_S} s (CHAOS_TIMEOUT)")


# ---------------------------------------------------------------- database
DB = f"skillmirror_chaos_{RUN}"


def psql(sql, db=None, retries=30):
    """Rows as lists of strings; retried while PostgreSQL restarts (our own reads must outlive the outage)."""
    for attempt in range(retries):
        # unit and record separators: messages (stack traces) hold tabs and line breaks
        p = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db or DB, "-AtX", "-F", "\x1f",
                            "-R", "\x1e", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True)
        if p.returncode == 0:
            return [row.split("\x1f") for row in p.stdout.rstrip("\n").split("\x1e") if row != ""]
        if attempt == retries - 1:
            raise RuntimeError(f"psql failed: {p.stderr.strip()} ({sql[:120]})")
        time.sleep(1)


def scalar(sql):
    rows = psql(sql)
    return rows[0][0] if rows else None


# ---------------------------------------------------------------- processes
class App:
    """A portal or worker JVM from the built jars; SIGKILL is what a crash looks like."""

    def __init__(self, name, jar, args, ready_text, heap):
        self.name, self.jar, self.args, self.ready_text, self.heap = name, jar, args, ready_text, heap
        self.proc = None
        self.log = None
        self.starts = 0

    def start(self):
        self.starts += 1
        self.log = WORK / "logs" / f"{self.name}-{self.starts}.log"
        cmd = ["java", f"-Xmx{self.heap}", "-jar", str(self.jar)] + self.args
        self.proc = subprocess.Popen(cmd, stdout=open(self.log, "w"), stderr=subprocess.STDOUT,
                                     start_new_session=True)
        log(f"started {self.name} (pid {self.proc.pid}, log {self.log.name})")

    def started(self):
        return self.log.exists() and self.ready_text in self.log.read_text(errors="replace")

    def await_started(self, timeout=240):
        end = time.monotonic() + timeout
        while not self.started():
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{tail(self.log)}")
            if time.monotonic() > end:
                raise RuntimeError(f"{self.name} did not start within {timeout} s:\n{tail(self.log)}")
            time.sleep(0.5)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def count(self, text):
        return sum(p.read_text(errors="replace").count(text) for p in (WORK / "logs").glob(f"{self.name}-*.log"))


def tail(path, n=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- services
def rabbit_running():
    p = subprocess.run(["rabbitmqctl", "-q", "status"], capture_output=True, text=True)
    return p.returncode == 0 and "rabbit" in p.stdout and "Uptime" in p.stdout or \
        subprocess.run(["rabbitmqctl", "-q", "list_queues", "name"], capture_output=True).returncode == 0


def postgres_running():
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True).returncode == 0


def restore_services():
    if not postgres_running():
        log("PostgreSQL is down: starting it")
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", "start"])
    if subprocess.run(["rabbitmqctl", "-q", "list_queues", "name"], capture_output=True).returncode != 0:
        log("RabbitMQ's app is stopped: starting it")
        subprocess.run(["rabbitmqctl", "start_app"])


# ---------------------------------------------------------------- HTTP
class Portal:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.token = None

    def call(self, method, path, body=None, timeout=30):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                raw = r.read()
                return r.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw) if raw else None
            except ValueError:
                return e.code, raw.decode(errors="replace")[:300]

    def healthy(self):
        try:
            return self.call("GET", "/health", timeout=5)[0] == 200
        except (OSError, urllib.error.URLError):
            return False

    def sign_in(self, user, first_password, new_password):
        self.token = None
        status, body = self.call("POST", "/api/auth/token", {"username": user, "password": first_password})
        assert status == 200, f"sign-in: {status} {body}"
        self.token = body["accessToken"]
        status, body = self.call("POST", "/api/me/password", {"currentPassword": first_password,
                                                              "newPassword": new_password})
        assert status == 204, f"password change: {status} {body}"
        self.token = None
        status, body = self.call("POST", "/api/auth/token", {"username": user, "password": new_password})
        assert status == 200, f"sign-in: {status} {body}"
        self.token = body["accessToken"]

    def upload(self, files):
        # the header comes on stdin: a token on curl's command line is readable by every user of the machine (ps)
        cmd = ["curl", "-sS", "-o", "-", "-w", "\n%{http_code}", "-H", "@-"]
        for f in files:
            cmd += ["-F", f"files=@{f};type=video/mp4"]
        cmd.append(self.base + "/api/uploads")
        p = subprocess.run(cmd, input="Authorization: Bearer " + self.token + "\n", capture_output=True, text=True,
                           timeout=300)
        body, _, code = p.stdout.rpartition("\n")
        assert code == "202", f"upload answered {code}: {body[:500]} {p.stderr}"
        return json.loads(body)


# ---------------------------------------------------------------- the resume step
def resume(portal, upload_id, video_id):
    """THE RESUME STEP, the one place that says how an operator resumes an upload.

    CHAOS_RESUME_CMD (a shell command, {upload} and {video} replaced, e.g. the CLI's) takes its place without editing
    this file. Otherwise the portal's POST /api/uploads/{id}/resume (the status page's Resume button) when the portal
    has it, else the seed's 'start or restart' API, POST /analyze-video/{videoId}, which restarts a FAILED upload's job
    and does nothing otherwise. Returns what it answered; "product": True when the product's own resume answered."""
    command = os.environ.get("CHAOS_RESUME_CMD")
    if command:
        p = subprocess.run(command.format(upload=upload_id, video=video_id), shell=True, capture_output=True,
                           text=True, timeout=300)
        return {"command": command, "exit": p.returncode, "output": (p.stdout + p.stderr)[-1000:], "product": True}
    try:
        status, body = portal.call("POST", f"/api/uploads/{upload_id}/resume", timeout=60)
        if isinstance(body, dict) and "action" in body:
            return {"api": f"POST /api/uploads/{upload_id}/resume", "http": status, "answer": body, "product": True}
    except OSError as e:
        return {"api": f"POST /api/uploads/{upload_id}/resume", "error": str(e), "product": True}
    # the seed's restart runs the restarted job on the request's own thread, so the answer comes when the job ends:
    # the call is made on a thread of its own and not waited for beyond a few seconds
    answer = {"api": f"POST /analyze-video/{video_id}", "product": False}

    def call():
        try:
            status, body = portal.call("POST", f"/analyze-video/{video_id}", timeout=3600)
            answer.update({"http": status, "answer": body})
        except OSError as e:
            answer["error"] = str(e)

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(15)
    if thread.is_alive():
        answer["pending"] = "no answer within 15 s (the job runs in the request)"
    return answer


# ---------------------------------------------------------------- job state
def job_state(upload_id):
    rows = psql(f"""
        SELECT u.status, COALESCE(e.job_execution_id::text, ''), COALESCE(e.status, ''),
               COALESCE(e.end_time::text, ''), COALESCE(left(e.exit_message, 600), ''),
               (SELECT COALESCE(max(s.last_updated)::text, '') FROM batch_step_execution s
                  JOIN batch_job_execution x ON x.job_execution_id = s.job_execution_id
                 WHERE x.job_instance_id = e.job_instance_id),
               (SELECT count(*) FROM stage_result r JOIN video v ON v.id = r.video_id WHERE v.upload_id = u.id),
               (SELECT count(*) FROM video v WHERE v.upload_id = u.id AND v.status = 'COMPLETED')
        FROM upload u LEFT JOIN batch_job_execution e ON e.job_execution_id = (
            SELECT max(x.job_execution_id) FROM batch_job_execution x JOIN batch_job_execution_params p
              ON p.job_execution_id = x.job_execution_id
             WHERE p.parameter_name = 'uploadId' AND p.parameter_value = '{upload_id}')
        WHERE u.id = '{upload_id}'""")
    r = rows[0]
    return {"upload": r[0], "execution": r[1], "job": r[2], "ended": r[3] != "", "exit_message": r[4],
            "progress_mark": (r[5], r[6], r[7], r[0]), "videos_completed": int(r[7])}


def partitions_busy(execution):
    return int(scalar(f"""SELECT count(*) FROM batch_step_execution WHERE job_execution_id = {execution}
                          AND step_name LIKE '%:%' AND status IN ('STARTING', 'STARTED')""") or 0)


def repair_orphan(upload_id, execution, queue):
    """WORKAROUND, not product behaviour: a job whose manager died stays STARTED for ever, and the 'start or restart'
    API only restarts FAILED uploads. This does what Spring Batch's documentation says an operator must do by hand
    (mark the execution and its unfinished steps FAILED) and marks the upload FAILED, so the resume step can restart
    it. It first lets the workers finish the partitions they hold and the queue drain (at most 3 minutes), so no
    partition is run twice because of the repair itself."""
    end = time.monotonic() + 180
    while time.monotonic() < end:
        waiting = queue_depth(queue)
        busy = partitions_busy(execution)
        recent = int(scalar(f"""SELECT count(*) FROM batch_step_execution WHERE job_execution_id = {execution}
                               AND step_name LIKE '%:%' AND status = 'STARTED'
                               AND last_updated > now() - interval '20 seconds'""") or 0)
        if waiting == 0 and recent == 0:
            break
        log(f"repair waits: {waiting} partition requests queued, {busy} partitions unfinished, {recent} active")
        time.sleep(5)
    psql(f"""UPDATE batch_step_execution SET status = 'FAILED', exit_code = 'FAILED', end_time = now(),
               last_updated = now() WHERE job_execution_id = {execution} AND end_time IS NULL""")
    psql(f"""UPDATE batch_job_execution SET status = 'FAILED', exit_code = 'FAILED', end_time = now(),
               last_updated = now() WHERE job_execution_id = {execution} AND end_time IS NULL""")
    psql(f"UPDATE upload SET status = 'FAILED' WHERE id = '{upload_id}' AND status = 'RUNNING'")


def queue_depth(queue):
    p = subprocess.run(["rabbitmqctl", "-q", "list_queues", "name", "messages"], capture_output=True, text=True)
    for line in p.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == queue:
            return int(parts[1])
    return 0


# ---------------------------------------------------------------- verification
def read_utf(buf, pos):
    n = struct.unpack_from(">H", buf, pos)[0]
    return buf[pos + 2:pos + 2 + n].decode("utf-8", "replace"), pos + 2 + n


def pose_frame_indices(path):
    """Frame indices of a stored pose series (PoseSeries.write: gzip, big-endian DataOutputStream)."""
    buf = gzip.decompress(Path(path).read_bytes())
    magic, version = struct.unpack_from(">iH", buf, 0)
    assert magic == 0x534d5053, f"{path}: not a pose series"
    _, pos = read_utf(buf, 6)
    pos += 8 + 4 + 4
    count = struct.unpack_from(">i", buf, pos)[0]
    pos += 4
    indices = []
    for _ in range(count):
        index, _, people = struct.unpack_from(">iqh", buf, pos)
        pos += 14
        indices.append(index)
        for _ in range(people):
            pos += 8
            has_box = buf[pos]
            pos += 1 + (20 if has_box else 0)
            for _ in range(2):
                n = struct.unpack_from(">h", buf, pos)[0]
                pos += 2 + n * 20
    return indices


def verify_upload(upload_id, portal, storage_root, label):
    """Per video: status, stage results, artifacts on disk, pose chunks and series, comparisons, partitions.
    Returns (per-file outcomes, violations)."""
    violations = []
    state = job_state(upload_id)
    if state["upload"] != "COMPLETED":
        violations.append(f"{label}: upload {upload_id} ended {state['upload']} (job {state['job']}: "
                          f"{state['exit_message'][:300]})")
    if state["job"] != "COMPLETED":
        violations.append(f"{label}: the last job execution {state['execution']} is {state['job']}, upload says "
                          f"{state['upload']}")
    api = None
    try:
        status, api = portal.call("GET", f"/api/uploads/{upload_id}")
        if status != 200:
            violations.append(f"{label}: GET /api/uploads/{upload_id} answered {status}")
            api = None
    except OSError as e:
        violations.append(f"{label}: GET /api/uploads/{upload_id} failed: {e}")
    if api and api.get("status") != state["upload"]:
        violations.append(f"{label}: the API says the upload is {api.get('status')}, the database {state['upload']}")
    api_videos = {v["videoId"]: v for v in (api or {}).get("videos", [])}

    outcomes = {}
    videos = psql(f"""SELECT id, original_name, status, COALESCE(proxy_frames, -1), COALESCE(error_message, '')
                      FROM video WHERE upload_id = '{upload_id}' ORDER BY position""")
    for vid, name, vstatus, proxy_frames, error in videos:
        proxy_frames = int(proxy_frames)
        o = {"videoId": vid, "status": vstatus, "proxyFrames": proxy_frames, "problems": []}
        outcomes[name] = o

        def problem(text):
            o["problems"].append(text)
            violations.append(f"{label}: {name} ({vid}): {text}")

        if vstatus != "COMPLETED":
            problem(f"video {vstatus}: {error[:300]}")
        av = api_videos.get(vid)
        if api is not None and (av is None or av.get("status") != vstatus):
            problem(f"the API says {None if av is None else av.get('status')}, the database {vstatus}")
        stages = {r[0]: r[1] for r in psql(f"SELECT stage, status FROM stage_result WHERE video_id = '{vid}'")}
        o["stages"] = stages
        for stage, st in stages.items():
            if st not in ("COMPLETED", "SKIPPED"):
                problem(f"stage {stage} is {st}")
        if av is not None and set((av.get("stages") or {}).keys()) != set(stages.keys()):
            problem(f"the API lists stages {sorted(av['stages'])}, the database {sorted(stages)}")
        artifacts = psql(f"SELECT kind, storage_key, COALESCE(size_bytes, -1) FROM artifact WHERE video_id = '{vid}'")
        o["artifacts"] = sorted(a[0] for a in artifacts)
        for kind, key, size in artifacts:
            f = storage_root / key
            if not f.is_file():
                problem(f"artifact {kind} is missing from storage ({key})")
            elif int(size) >= 0 and f.stat().st_size != int(size):
                problem(f"artifact {kind} has {f.stat().st_size} bytes in storage, {size} in the database")
        vdir = storage_root / "uploads" / upload_id / "videos" / vid
        leftovers = sorted(str(p.relative_to(vdir)) for p in vdir.rglob("*.part")) if vdir.exists() else []
        o["leftoverPartFiles"] = leftovers
        # the pose chunks: every frame of the proxy in exactly one chunk
        chunk_dir = vdir / "pose" / "chunks"
        chunks = sorted(p for p in chunk_dir.glob("*.bin")) if chunk_dir.exists() else []
        seen = []
        for c in chunks:
            try:
                seen += pose_frame_indices(c)
            except Exception as e:  # noqa: BLE001 - a broken chunk is a finding, not a crash
                problem(f"pose chunk {c.name} unreadable: {e}")
        o["poseChunks"] = len(chunks)
        o["poseChunkFrames"] = len(seen)
        if chunks:
            dup = len(seen) - len(set(seen))
            if dup:
                problem(f"{dup} frames stored twice in the pose chunks")
            if sorted(set(seen)) != list(range(proxy_frames)):
                missing = sorted(set(range(proxy_frames)) - set(seen))
                problem(f"pose chunks hold {len(set(seen))} of {proxy_frames} frames (missing {missing[:10]}...)")
        elif vstatus == "COMPLETED":
            problem("no pose chunks in storage")
        series = next((storage_root / a[1] for a in artifacts if a[0] == "pose-series"), None)
        if series and series.is_file():
            idx = pose_frame_indices(series)
            o["seriesFrames"] = len(idx)
            if idx != list(range(proxy_frames)):
                problem(f"pose series holds {len(idx)} frames, not 0..{proxy_frames - 1} once each")
        elif vstatus == "COMPLETED":
            problem("no pose series")
        comparisons = int(scalar(f"SELECT count(*) FROM comparison WHERE video_id = '{vid}'"))
        o["comparisons"] = comparisons
        compare_summary = psql(f"SELECT COALESCE(summary::text, '') FROM stage_result WHERE video_id = '{vid}'"
                               f" AND stage = 'compare' AND status = 'COMPLETED'")
        if compare_summary and compare_summary[0][0]:
            s = json.loads(compare_summary[0][0])
            expected = (1 if s.get("comparison") or s.get("mainComparison") else 0) + sum(
                1 for other in s.get("others", []) if other.get("score") is not None)
            if comparisons != expected:
                problem(f"{comparisons} comparison rows, the compare result names {expected}")
        elif comparisons:
            problem(f"{comparisons} comparison rows without a completed compare stage")
    # partitions: each partition step of the upload's job instance completed exactly once
    rows = psql(f"""
        SELECT s.step_name, count(*) FILTER (WHERE s.status = 'COMPLETED'), count(*),
               string_agg(s.status, ',' ORDER BY s.step_execution_id)
        FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
        WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id =
              {state['execution'] or 0}) AND s.step_name LIKE '%:%'
        GROUP BY s.step_name""")
    partitions = {"count": len(rows), "runMoreThanOnce": {}}
    for step, completed, total, statuses in rows:
        if int(completed) != 1:
            violations.append(f"{label}: partition {step} completed {completed} times ({statuses})")
        if int(total) > 1:
            partitions["runMoreThanOnce"][step] = statuses
    team = storage_root / "uploads" / upload_id / "team-report.html"
    if not team.is_file():
        violations.append(f"{label}: no team report in storage ({team})")
    return outcomes, violations, partitions, state


def compare_runs(calm, chaos):
    """The disturbed run's results per file against the undisturbed run's: nothing lost, nothing extra."""
    diffs = []
    for name, c in calm.items():
        d = chaos.get(name)
        if d is None:
            diffs.append(f"{name}: missing from the disturbed run")
            continue
        for field in ("status", "proxyFrames", "artifacts", "comparisons", "poseChunkFrames", "seriesFrames"):
            if c.get(field) != d.get(field):
                diffs.append(f"{name}: {field} {d.get(field)} after the disruptions, {c.get(field)} undisturbed")
        cs, ds = c.get("stages", {}), d.get("stages", {})
        if cs != ds:
            diffs.append(f"{name}: stages {ds} after the disruptions, {cs} undisturbed")
    return diffs


# ---------------------------------------------------------------- the run
def wait_for_job(upload_id, bound_s, label, on_tick=None):
    """Until the upload's job has ended (or bound_s); on_tick(state) runs every poll. Returns the final state."""
    start = time.monotonic()
    last_mark, last_change, last_upload = None, time.monotonic(), None
    while True:
        check_deadline()
        try:
            state = job_state(upload_id)
        except RuntimeError as e:
            log(f"state unreadable: {e}")
            time.sleep(2)
            continue
        if state["upload"] != last_upload:
            log(f"{label}: upload {state['upload']}, job {state['job'] or '-'}, "
                f"{state['videos_completed']} videos completed")
            last_upload = state["upload"]
        if state["progress_mark"] != last_mark:
            last_mark, last_change = state["progress_mark"], time.monotonic()
        state["stalled_s"] = time.monotonic() - last_change
        if on_tick:
            verdict = on_tick(state)
            if verdict == "stop":
                return state
            if verdict == "continue":
                time.sleep(2)
                continue
        if state["ended"] and state["upload"] in ("COMPLETED", "PARTIAL", "FAILED"):
            return state
        if time.monotonic() - start > bound_s:
            state["timedOut"] = True
            return state
        time.sleep(2)


def main():
    (WORK / "logs").mkdir(parents=True, exist_ok=True)
    result = {"run": RUN, "seed": SEED, "clips": CLIPS, "workers": WORKERS, "workDir": str(WORK),
              "machine": machine(), "violations": [], "notes": []}
    started = []
    exit_code = 0
    try:
        exit_code = run(result, started)
    except Deadline as e:
        result["violations"].append(str(e))
        exit_code = 1
    except Exception as e:  # noqa: BLE001 - reported in the JSON, then the exit code says so
        import traceback
        traceback.print_exc()
        result["error"] = f"{type(e).__name__}: {e}"
        exit_code = 2
    finally:
        for app in started:
            app.stop()
        restore_services()
        result["elapsedSeconds"] = round(now(), 1)
        (WORK / "result.json").write_text(json.dumps(result, indent=2, default=str))
        if not KEEP:
            shutil.rmtree(WORK / "home" / "storage", ignore_errors=True)
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qAtX", "-c",
                            f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'], capture_output=True)
            queue = f"skillmirror.partitions.chaos-{RUN}"
            subprocess.run(["rabbitmqctl", "-q", "delete_queue", queue], capture_output=True)
            exchange = f"skillmirror.progress.chaos-{RUN}"  # rabbitmqctl has no delete_exchange
            subprocess.run(["rabbitmqctl", "-q", "eval", f'rabbit_exchange:delete(rabbit_misc:r(<<"/">>, exchange, '
                            f'<<"{exchange}">>), false, <<"chaos">>).'], capture_output=True)
        summary(result)
        log(f"result: {WORK / 'result.json'}")
    return exit_code if exit_code else (1 if result["violations"] else 0)


def machine():
    model = ""
    try:
        model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "")
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "loadAverage": os.getloadavg()}


def run(result, started):
    if os.environ.get("CHAOS_BUILD") == "1":  # under the lock run.sh holds
        log("building the portal and worker jars")
        subprocess.run(["mvn", "-q", "-o", "-B", "-pl", "web-portal,worker", "-am", "package", "-DskipTests"],
                       cwd=ROOT, check=True)
    for jar in (PORTAL_JAR, WORKER_JAR):
        if not jar.is_file():
            raise RuntimeError(f"{jar} missing: build first (mvn -o -B -pl web-portal,worker -am package -DskipTests)")
    result["jars"] = {j.name: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(j.stat().st_mtime))
                      for j in (PORTAL_JAR, WORKER_JAR)}
    result["commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                      text=True).stdout.strip()
    head_time = int(subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True,
                                   text=True).stdout.strip() or 0)
    if min(PORTAL_JAR.stat().st_mtime, WORKER_JAR.stat().st_mtime) < head_time:
        result["notes"].append("the jars are older than the checked-out commit (CHAOS_BUILD=1 builds them)")
    clips_dir = WORK / "clips"
    subprocess.run([str(ROOT / "scripts/chaos/clips.sh"), str(clips_dir), str(CLIPS)]
                   + ([os.environ["CHAOS_CLIP_SPEC"]] if os.environ.get("CHAOS_CLIP_SPEC") else []), check=True)
    clips = sorted(clips_dir.glob("*.mp4"))[:CLIPS]
    result["clipSeconds"] = round(sum(float(subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(c)],
        capture_output=True, text=True).stdout or 0) for c in clips), 1)
    log(f"{len(clips)} clips, {result['clipSeconds']} s of video in all")

    psql(f'CREATE DATABASE "{DB}"', db="postgres")
    home = WORK / "home"
    storage_root = home / "storage"
    queue = f"skillmirror.partitions.chaos-{RUN}"
    shared = [f"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/{DB}",
              "--spring.datasource.username=postgres",
              f"--skillmirror.home={home}",
              "--skillmirror.storage.type=local",
              # plain files, so this script can read the pose chunks and series it checks
              "--skillmirror.storage.encryption.enabled=false",
              "--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=5672",
              f"--skillmirror.broker.partition-queue={queue}",
              f"--skillmirror.broker.progress-exchange=skillmirror.progress.chaos-{RUN}"]
    admin_first, admin_password = "Chaos-" + secrets.token_urlsafe(12), "Chaos-" + secrets.token_urlsafe(12)
    port, mport = free_port(), free_port()
    portal_app = App("portal", PORTAL_JAR, shared + [
        "--skillmirror.distributed=true", "--skillmirror.worker.enabled=false",
        f"--server.port={port}", "--server.address=127.0.0.1", f"--management.server.port={mport}",
        f"--skillmirror.admin.password={admin_first}", "--skillmirror.security.access-token-ttl=3h",
        "--skillmirror.partition.timeout=40m"], "Started SkillMirrorApplication", "1g")
    workers = [App(f"worker{i + 1}", WORKER_JAR, shared + ["--server.port=0"], "Started WorkerApplication", "512m")
               for i in range(WORKERS)]
    started += [portal_app] + workers
    portal_app.start()
    portal_app.await_started()
    for w in workers:
        w.start()
    for w in workers:
        w.await_started()
    portal = Portal(port)
    portal.sign_in("admin", admin_first, admin_password)

    # ---- undisturbed
    log("undisturbed run: uploading")
    t = time.monotonic()
    up = portal.upload(clips)
    calm_id = up["uploadId"]
    state = wait_for_job(calm_id, max(900, DEADLINE_S / 2), "undisturbed")
    calm_s = round(time.monotonic() - t, 1)
    log(f"undisturbed run: {state['upload']} in {calm_s} s")
    calm, v, parts, _ = verify_upload(calm_id, portal, storage_root, "undisturbed")
    result["undisturbed"] = {"uploadId": calm_id, "wallSeconds": calm_s, "status": state["upload"],
                             "partitions": parts, "videos": calm}
    result["violations"] += v
    if SKIP_DISTURBED:
        return 0

    # ---- disturbed: the disruptions in a random order, each a random while after the previous one has ended (a
    # short job leaves no room for fixed moments: a manager restart alone takes as long as a third of it)
    # the manager's restart last: the job then waits for the resume step, and disruptions of a waiting job test nothing
    kinds = ["worker-kill"] * WORKER_KILLS + ["rabbitmq-restart", "postgresql-restart"]
    rng.shuffle(kinds)
    kinds.append("manager-restart")
    gaps = [rng.uniform(0.04, 0.14) * calm_s + 3 for _ in kinds]
    log("plan: " + ", ".join(f"{k} {g:.0f} s after the previous" for k, g in zip(kinds, gaps)))
    chaos = {"plan": [{"kind": k, "secondsAfterPrevious": round(g, 1)} for k, g in zip(kinds, gaps)],
             "disruptions": [], "resumes": []}
    result["disturbed"] = chaos

    log("disturbed run: uploading")
    t = time.monotonic()
    up = portal.upload(clips)
    chaos_id = up["uploadId"]
    any_video = up["videos"][0]["videoId"]
    chaos["uploadId"] = chaos_id
    pending = list(zip(gaps, kinds))
    ctx = {"portal_app": portal_app, "portal": portal, "workers": workers, "queue": queue, "last": None,
           "resumes": 0, "failures_seen": set(), "restart_pending_resume": False, "previous_end": t,
           "ended": {}, "resumed_for": {}, "stall_resumes": 0}
    chaos["endedExecutions"], chaos["selfRecoveries"] = [], []

    def do_resume(why, state):
        if ctx["resumes"] >= 8:
            return
        ctx["resumes"] += 1
        answer = resume(ctx["portal"], chaos_id, any_video)
        ctx["product_resume"] = answer.get("product", False)
        entry = {"atSeconds": round(time.monotonic() - t, 1), "why": why, "uploadBefore": state["upload"],
                 "jobBefore": state["job"], "answer": answer}
        chaos["resumes"].append(entry)
        log(f"resume ({why}): {json.dumps(answer)[:400]}")
        if answer.get("pending") and not any("answers only when" in n for n in result["notes"]):
            result["notes"].append("the resume API (POST /analyze-video/{id}) answers only when the restarted job has "
                                   "ended: the restart runs on the request's thread")
        return answer

    def tick(state):
        elapsed = time.monotonic() - t
        # an execution that ended without completing: the manager may restart it by itself (transient outages);
        # if no new execution follows within the grace time, the upload needed an operator: a finding, then resume
        ended_at = ctx["ended"]
        if state["ended"] and state["job"] != "COMPLETED":
            first = ended_at.setdefault(state["execution"], time.monotonic())
            if state["execution"] not in ctx["failures_seen"]:
                log(f"job execution {state['execution']} ended {state['job']} (upload {state['upload']}): "
                    f"{state['exit_message'][:300]}")
                chaos["endedExecutions"].append({"execution": state["execution"], "status": state["job"],
                                                 "upload": state["upload"], "atSeconds": round(elapsed, 1),
                                                 "after": ctx["last"], "exitMessage": state["exit_message"][:1000]})
                ctx["failures_seen"].add(state["execution"])
            if state["execution"] in ctx["resumed_for"]:
                if time.monotonic() - ctx["resumed_for"][state["execution"]] > STALL_S:
                    result["violations"].append(f"disturbed: the resume step did not restart job execution "
                                                f"{state['execution']} within {STALL_S} s: given up")
                    return "stop"
                return "continue"
            if time.monotonic() - first < RECOVERY_GRACE_S:
                return "continue"
            if True:
                ctx["resumed_for"][state["execution"]] = time.monotonic()
                result["violations"].append(
                    f"disturbed: job execution {state['execution']} ended {state['job']} (upload {state['upload']}) "
                    f"after {ctx['last'] or 'no disruption'} and nothing restarted it within {RECOVERY_GRACE_S} s: "
                    f"{state['exit_message'].splitlines()[0][:400] if state['exit_message'] else ''}")
                do_resume(f"upload {state['upload']} after {ctx['last']}", state)
            return "continue"
        for execution, first in list(ended_at.items()):
            if execution != state["execution"] and execution in ctx["resumed_for"]:
                del ended_at[execution]
            elif execution != state["execution"]:
                chaos["selfRecoveries"].append({"failedExecution": execution, "newExecution": state["execution"],
                                                "secondsLater": round(time.monotonic() - first, 1)})
                log(f"job execution {execution} was followed by {state['execution']}")
                del ended_at[execution]
        if ctx["restart_pending_resume"]:
            ctx["restart_pending_resume"] = False
            answer = do_resume("manager restarted", state)
            ctx["after_restart"] = time.monotonic()
            ctx["after_restart_answer"] = answer
        # after the manager's restart and the resume step, half the stall time without progress is enough to tell
        if not state["ended"] and (state["stalled_s"] > STALL_S or (
                ctx.get("after_restart") and time.monotonic() - ctx["after_restart"] > STALL_S / 2
                and state["stalled_s"] > STALL_S / 2)):
            ctx.pop("after_restart", None)
            if ctx.get("product_resume") and ctx["stall_resumes"] < STALL_RESUMES:
                # the product's resume may answer 'running' until the dead manager's job counts as stale: try again
                ctx["stall_resumes"] += 1
                answer = do_resume(f"no progress for {state['stalled_s']:.0f} s (try {ctx['stall_resumes']})", state)
                ctx["after_restart"], ctx["after_restart_answer"] = time.monotonic(), answer
                return "continue"
            result["violations"].append(
                f"disturbed: upload {state['upload']}, job execution {state['execution']} {state['job']}: no "
                f"progress for {state['stalled_s']:.0f} s after {ctx['last']}"
                f"{'' if 'restart_at' not in ctx else ', manager restarted at %.0f s' % ctx['restart_at']} (resume answered "
                f"{json.dumps(ctx.get('after_restart_answer'))[:300]})")
            if REPAIR_ORPHANS and state["execution"]:
                log("WORKAROUND: marking the orphaned job execution FAILED so the resume step can restart it")
                repair_orphan(chaos_id, state["execution"], ctx["queue"])
                chaos.setdefault("workarounds", []).append(
                    {"atSeconds": round(time.monotonic() - t, 1), "execution": state["execution"],
                     "what": "orphaned STARTED execution marked FAILED by hand (CHAOS_REPAIR_ORPHANS=1)"})
                ctx["failures_seen"].add(state["execution"])
                ctx["resumed_for"][state["execution"]] = time.monotonic()
                do_resume("orphaned job repaired by hand", state)
            return "continue"
        if ctx.get("after_restart") and time.monotonic() - ctx["after_restart"] > STALL_S / 2 \
                and state["stalled_s"] < STALL_S / 2:
            ctx.pop("after_restart")  # the job went on after the manager's restart (else the stall check fires)
        # the next disruption only while the job is under way (not while it waits for the resume step)
        if pending and time.monotonic() - ctx["previous_end"] >= pending[0][0] and not state["ended"] \
                and state["stalled_s"] < 15 and not ctx.get("after_restart"):
            _, kind = pending.pop(0)
            disrupt(kind, ctx, chaos, t)
            ctx["last"] = kind
            ctx["previous_end"] = time.monotonic()
            return "continue"
        if state["ended"] and state["upload"] == "COMPLETED" and pending:
            for _, kind in pending:
                chaos["disruptions"].append({"kind": kind, "done": False, "why": "the job had ended before its moment"})
            result["notes"].append(f"{len(pending)} disruptions not done: the job ended first")
            pending.clear()
        return None

    state = wait_for_job(chaos_id, max(900, 5 * calm_s), "disturbed", tick)
    chaos_s = round(time.monotonic() - t, 1)
    if state.get("timedOut"):
        result["violations"].append(f"disturbed: not ended after {chaos_s} s (upload {state['upload']}, job "
                                    f"{state['job']})")
    log(f"disturbed run: {state['upload']} in {chaos_s} s ({chaos_s - calm_s:+.1f} s against undisturbed)")
    # every killed worker came back
    for w in workers:
        if w.proc.poll() is not None or not w.started():
            result["violations"].append(f"{w.name} (start {w.starts}) is not running at the end:\n{tail(w.log, 15)}")
    disturbed, v, parts, _ = verify_upload(chaos_id, portal, storage_root, "disturbed")
    chaos.update({"wallSeconds": chaos_s, "status": state["upload"], "partitions": parts, "videos": disturbed,
                  "extraSecondsAgainstUndisturbed": round(chaos_s - calm_s, 1)})
    result["violations"] += v
    diffs = compare_runs(calm, disturbed)
    chaos["differencesFromUndisturbed"] = diffs
    result["violations"] += [f"disturbed vs undisturbed: {d}" for d in diffs]
    resumed = sum(w.count("Resuming pose of video ") for w in workers)
    chaos["poseResumedFromChunk"] = resumed
    return 0


def disrupt(kind, ctx, chaos, t):
    entry = {"kind": kind, "atSeconds": round(time.monotonic() - t, 1), "done": True}
    if kind == "worker-kill":
        workers = ctx["workers"]
        # the worker holding the newest running partition, else any
        rows = psql(f"""SELECT step_execution_id, step_name FROM batch_step_execution WHERE status = 'STARTED'
                        AND step_name LIKE '%:%' ORDER BY step_execution_id DESC""")
        victim, partition = None, None
        for sid, name in rows:
            for w in workers:
                if w.proc.poll() is None and f"stepExecutionId={sid}," in w.log.read_text(errors="replace"):
                    victim, partition = w, name
                    break
            if victim:
                break
        if victim is None:
            alive = [w for w in workers if w.proc.poll() is None] or workers
            victim = rng.choice(alive)
        entry.update({"worker": victim.name, "pid": victim.proc.pid, "partition": partition})
        victim.kill()
        log(f"SIGKILL {victim.name} (pid {entry['pid']}) running {partition or 'no partition found'}; restarting it")
        victim.start()
    elif kind == "rabbitmq-restart":
        log("RabbitMQ: stop_app, 8 s down, start_app")
        subprocess.run(["rabbitmqctl", "-q", "stop_app"], check=False)
        time.sleep(8)
        subprocess.run(["rabbitmqctl", "-q", "start_app"], check=False)
        entry["downSeconds"] = round(time.monotonic() - t - entry["atSeconds"], 1)
    elif kind == "postgresql-restart":
        log("PostgreSQL: pg_ctlcluster restart")
        p = subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", "restart"],
                           capture_output=True, text=True)
        entry["downSeconds"] = round(time.monotonic() - t - entry["atSeconds"], 1)
        entry["exit"] = p.returncode
    elif kind == "manager-restart":
        app = ctx["portal_app"]
        log(f"SIGKILL the manager (portal pid {app.proc.pid}), then start it again")
        entry["pid"] = app.proc.pid
        app.kill()
        app.start()
        app.await_started()
        entry["downSeconds"] = round(time.monotonic() - t - entry["atSeconds"], 1)
        ctx["restart_pending_resume"] = True
        ctx["restart_at"] = entry["atSeconds"]
    chaos["disruptions"].append(entry)


def summary(result):
    print("\n==== chaos benchmark ====")
    calm = result.get("undisturbed", {})
    chaos = result.get("disturbed", {})
    print(f"clips: {result.get('clips')} ({result.get('clipSeconds')} s of video), workers: {result.get('workers')}, "
          f"seed {result.get('seed')}")
    if calm:
        print(f"undisturbed: {calm.get('status')} in {calm.get('wallSeconds')} s")
    if chaos:
        print(f"disturbed:   {chaos.get('status')} in {chaos.get('wallSeconds')} s "
              f"({chaos.get('extraSecondsAgainstUndisturbed')} s more)")
        for d in chaos.get("disruptions", []):
            print(f"  {d.get('atSeconds', '-')} s  {d['kind']}"
                  f"{'' if d.get('done') else ' (not done: ' + d.get('why', '') + ')'}"
                  f"{' ' + d['worker'] + ' in ' + str(d.get('partition')) if d.get('worker') else ''}"
                  f"{' down ' + str(d['downSeconds']) + ' s' if 'downSeconds' in d else ''}")
        for r in chaos.get("resumes", []):
            print(f"  {r['atSeconds']} s  resume ({r['why']}): {json.dumps(r['answer'])[:200]}")
    if result.get("error"):
        print("error: " + result["error"])
    print(f"violations: {len(result['violations'])}")
    for v in result["violations"]:
        print("  - " + v)


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # so main's finally stops the JVMs it started and restores the services


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    sys.exit(main())
