"""The fleet with real processes: PostgreSQL (the test command's throwaway cluster), nginx in
front of two `dumpit serve` nodes, two `dumpit worker` processes; faults: kill -9 of a worker
mid-render, PostgreSQL stopped and restarted under a running node and worker, bad --database.

Run through the README's test command (it starts PostgreSQL and sets DUMPIT_TEST_DATABASE_URL).
"""
import json
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fleet import (CLIP, Database, Fleet, Process, free_port, healthy, http, post_worry, probe,
                   restart_postgres, start_postgres, wait_for, without_time, issue_token)

ARTIFACTS = Path(os.environ.get("DUMPIT_ARTIFACTS", tempfile.gettempdir()))
POSTS = 300
OWNERS = 30


_tokens = {}


def token(n, tag, base):
    """Owner `n` of `tag`: one token handed out by the site at `base`, the same on every call."""
    if (base, n, tag) not in _tokens:
        _tokens[(base, n, tag)] = issue_token(base)
    return _tokens[(base, n, tag)]


def report(line):
    print(line)
    with open(ARTIFACTS / "fleet-figures.txt", "a") as out:
        out.write(line + "\n")


@pytest.fixture
def fleet():
    fleet = Fleet(ARTIFACTS, serves=2, workers=1, worker_args=["--render-lease", "3s"], serve_args=["--render-lease", "3s"])
    fleet.worker_metrics_port = free_port()
    fleet.add_worker(1, ["--render-lease", "3s", "--metrics-port", str(fleet.worker_metrics_port)])
    yield fleet
    fleet.stop()


def test_three_hundred_posts_through_nginx_every_clip_ready_and_nodes_agree(fleet):
    front = fleet.start_nginx(write_rate="1000r/s")
    started = time.time()

    owners = [token(n, "fleet", front) for n in range(OWNERS)]

    def post(n):
        return post_worry(front, f"함대 시험 걱정 {n:03d} — fleet worry {n}", owners[n % OWNERS])

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(post, range(POSTS)))
    statuses = [status for status, _, _ in answers]
    assert statuses.count(201) == POSTS, sorted(set(statuses))
    ids = [json.loads(body)["worry"]["id"] for _, _, body in answers]
    report(f"fleet: {POSTS} posts through nginx in {time.time() - started:.1f} s")

    # kill -9 a worker while it holds a job: the job comes back after its lease, to another.
    # (Renders of these small clips take tens of milliseconds: the job a worker holds is read
    # after the kill, from its row; a worker killed between two jobs is replaced and we try again.)
    held, victim_index = "", 0
    for _ in range(10):
        victim = fleet.workers[victim_index]
        wait_for(lambda: fleet.db.scalar(
            f"SELECT count(*) FROM clip WHERE status = 'rendering' AND worker LIKE '%:{victim.pid}:%'")
            or fleet.db.scalar("SELECT count(*) FROM clip WHERE status = 'queued'") == 0, 120, "a worker to hold a job")
        victim.kill9()
        held = fleet.db.sql(f"SELECT key FROM clip WHERE status = 'rendering' AND worker LIKE '%:{victim.pid}:%'")
        if held:
            break
        fleet.add_worker(len(fleet.workers), ["--render-lease", "3s"])
        victim_index = len(fleet.workers) - 1
    assert held, "no worker was caught holding a job"
    report(f"fleet: killed a worker (pid {victim.pid}) with kill -9 while it rendered clip {held[:12]}")

    ready = wait_for(lambda: fleet.db.scalar("SELECT count(*) FROM clip WHERE status = 'ready'") == POSTS, 420,
                     "every clip ready")
    assert ready
    elapsed = time.time() - started
    report(f"fleet: all {POSTS} clips ready {elapsed:.1f} s after the first post (a worker killed on the way)")
    assert fleet.db.scalar("SELECT count(*) FROM clip WHERE status <> 'ready'") == 0
    attempts = fleet.db.sql("SELECT attempts FROM clip WHERE key = '%s'" % held)
    assert attempts == "2", f"the killed worker's job was taken over once (attempts {attempts})"
    assert fleet.db.scalar("SELECT count(*) FROM clip WHERE attempts <> 1") == 1, "every other clip rendered once"
    rescued = sum(p.text().count("rescued render jobs whose lease ended") for p in fleet.serves + fleet.workers)
    assert rescued >= 1
    report(f"fleet: the killed worker's clip was rescued after its lease and rendered again (attempt 2)")

    # every clip complete and decodable, through nginx, whichever node answers
    folder = Path(tempfile.mkdtemp(prefix="fleet-clips-"))
    for index, worry_id in enumerate(ids):
        status, headers, body = http("GET", f"{front}/clips/{worry_id}.mp4")
        assert status == 200, (worry_id, status, body[:200])
        path = folder / f"{index}.mp4"
        path.write_bytes(body)
        assert probe(path) == ("h264", 256, 144, 30), worry_id
    status, headers, _ = http("GET", f"{front}/clips/{ids[0]}.mp4")
    # kept at the edge (revalidated with its ETag once its minute is up)
    assert headers.get("X-Cache") in ("HIT", "REVALIDATED"), headers
    # a byte range resumed on the other node matches the first node's ETag
    _, first, _ = http("GET", f"{fleet.node(0)}/clips/{ids[1]}.mp4", headers={"Range": "bytes=0-9"})
    status, second, part = http("GET", f"{fleet.node(1)}/clips/{ids[1]}.mp4",
                                headers={"Range": "bytes=10-19", "If-Range": first["ETag"]})
    assert status == 206 and len(part) == 10 and first["ETag"] == second["ETag"]
    report(f"fleet: {POSTS} clips fetched through nginx, each h264 256x144 with 30 frames (ffprobe)")

    # every version of every clip, from both nodes and through nginx: the WebM and the story are
    # made by the workers when first asked for (202 + Retry-After from whichever node; a web
    # node never renders), then every node serves the store's copy
    versions = [".mp4", ".png", ".webm", "story"]

    def path(worry_id, version):
        return f"/clips/story/{worry_id}.mp4" if version == "story" else f"/clips/{worry_id}{version}"

    for index, worry_id in enumerate(ids):
        for version in (".webm", "story"):
            status, headers, body = http("GET", f"{front}{path(worry_id, version)}")
            assert status in (200, 202), (worry_id, version, status, body[:200])
            if status == 202:
                assert 1 <= int(headers["Retry-After"]) <= 10 and headers.get("Cache-Control") == "no-store"
    wait_for(lambda: fleet.db.scalar("SELECT count(*) FROM clip WHERE version <> '' AND status = 'ready'") == 2 * POSTS,
             420, "every WebM and story made by the workers", interval=0.5)
    assert fleet.db.scalar("SELECT count(*) FROM clip WHERE version <> ''") == 2 * POSTS, "one job per version"
    bodies = {}
    for worry_id in ids:
        for version in versions:
            for base in (fleet.node(0), fleet.node(1), front):
                status, _, body = http("GET", f"{base}{path(worry_id, version)}")
                assert status == 200, (worry_id, version, base, status, body[:200])
                assert bodies.setdefault((worry_id, version), body) == body, "every node serves the same file"
    for index, worry_id in enumerate(ids[:5]):
        (folder / f"{index}.webm").write_bytes(bodies[(worry_id, ".webm")])
        (folder / f"{index}-story.mp4").write_bytes(bodies[(worry_id, "story")])
        assert probe(folder / f"{index}.webm") == ("vp9", 256, 144, 30)
        assert probe(folder / f"{index}-story.mp4") == ("h264", 144, 256, 30)
    report(f"fleet: every version of all {POSTS} clips (MP4, PNG, WebM, story) 200 from both nodes and nginx, "
           f"the same bytes everywhere; WebM vp9 256x144, story h264 144x256 (ffprobe)")

    # both nodes serve the same sky and exact stats
    skies = [json.loads(http("GET", f"{fleet.node(i)}/api/sky")[2]) for i in range(2)]
    assert len(skies[0]["nodes"]) == POSTS
    assert without_time(skies[0]) == without_time(skies[1])
    for i in range(2):
        stats = json.loads(http("GET", f"{fleet.node(i)}/api/stats")[2])
        assert stats == {"people": OWNERS, "worries": POSTS}, stats

    # a worry posted through node A is in node B's sky at the next request (the revision lives in PostgreSQL)
    status, _, body = post_worry(fleet.node(0), "한 노드에서 올린 걱정", token(999, "cross", fleet.node(0)))
    assert status == 201
    seen = json.loads(http("GET", f"{fleet.node(1)}/api/sky")[2])
    assert len(seen["nodes"]) == POSTS + 1

    # the owner limit holds across nodes: 10 posts alternating between the nodes, the 11th refused
    for attempt in range(3):
        me = token(attempt, f"limit{attempt}", fleet.node(0))
        window = int(time.time() // 60)
        results = [post_worry(fleet.node(n % 2), f"limit {attempt} {n}", me)[0] for n in range(11)]
        if int(time.time() // 60) != window:
            continue  # a minute boundary fell inside: the limit counts per fixed minute; try again
        assert results[:10] == [201] * 10 and results[10] == 429, results
        break
    else:
        pytest.fail("three tries each crossed a minute boundary")
    report("fleet: both nodes serve the same sky; stats exact; a post on node A is in node B's sky at once; "
           "the 11th post of one owner across both nodes is refused (429)")

    # the surviving worker can be watched: its /metrics parses and counts its renders; no label carries an id or text
    from prometheus_client.parser import text_string_to_metric_families
    status, _, body = http("GET", f"http://127.0.0.1:{fleet.worker_metrics_port}/metrics")
    assert status == 200
    text = body.decode()
    families = {family.name: family for family in text_string_to_metric_families(text)}
    finished = sum(sample.value for sample in families["dumpit_renders_finished"].samples
                   if sample.name == "dumpit_renders_finished_total")
    assert finished >= 1
    # POST-to-ready is timed for the clips themselves (MP4 + thumbnail), not the versions made later
    clips = sum(sample.value for sample in families["dumpit_renders_finished"].samples
                if sample.name == "dumpit_renders_finished_total" and sample.labels.get("format") == "mp4")
    timed = sum(sample.value for sample in families["dumpit_post_to_ready_seconds"].samples
                if sample.name == "dumpit_post_to_ready_seconds_count")
    assert timed >= clips - 1, "a worker times POST-to-ready from the job's due time in the store"
    labels = " ".join(str(sample.labels) for family in families.values() for sample in family.samples)
    assert not any(worry_id in labels or worry_id in text for worry_id in ids) and "fleet worry" not in text
    assert http("GET", f"http://127.0.0.1:{fleet.worker_metrics_port}/healthz")[0] == 200
    (ARTIFACTS / "worker-metrics.txt").write_text(text)
    report(f"fleet: worker 1 /metrics: {int(finished)} renders finished; /healthz 200")


def test_a_delete_or_a_report_on_one_node_is_gone_from_every_node():
    """Trust & safety in the fleet: a writer deletes through node B what was posted through
    node A; a personal-information report through node B hides a star node A serves; both are
    gone from node A's sky, share page and clips at once, and the clip's files from PostgreSQL."""
    fleet = Fleet(ARTIFACTS / "safety", serves=2, workers=1)
    try:
        front = fleet.start_nginx()
        me = token(1, "safety", fleet.node(0))
        status, _, body = post_worry(fleet.node(0), "함대에서 지울 고민 하나", me)
        assert status == 201
        worry_id = json.loads(body)["worry"]["id"]
        status, _, body = post_worry(fleet.node(0), "함대에서 신고될 고민 하나", token(2, "safety", fleet.node(0)))
        reported_id = json.loads(body)["worry"]["id"]
        wait_for(lambda: http("GET", f"{front}/clips/{worry_id}.mp4")[0] == 200, 120, "the clip through nginx")
        sky = json.loads(http("GET", f"{fleet.node(0)}/api/sky")[2])
        assert len(sky["nodes"]) == 2
        key = fleet.db.sql(f"SELECT clip_key FROM worry WHERE id = '{worry_id}'")
        assert fleet.db.scalar(f"SELECT count(*) FROM clip_file WHERE key = '{key}'") >= 1

        assert http("DELETE", f"{fleet.node(1)}/api/worries/{worry_id}", token=token(3, "safety", fleet.node(1)))[0] == 404
        assert http("DELETE", f"{fleet.node(1)}/api/worries/{worry_id}", token=me)[0] == 204
        for node in range(2):
            texts = [n["text"] for n in json.loads(http("GET", f"{fleet.node(node)}/api/sky")[2])["nodes"]]
            assert texts == ["함대에서 신고될 고민 하나"], (node, texts)
            assert http("GET", f"{fleet.node(node)}/w/{worry_id}")[0] == 410
            assert http("GET", f"{fleet.node(node)}/clips/{worry_id}.mp4")[0] == 404
        assert fleet.db.scalar(f"SELECT count(*) FROM clip_file WHERE key = '{key}'") == 0
        assert fleet.db.scalar(f"SELECT count(*) FROM tombstone WHERE id = '{worry_id}'") == 1

        status, _, _ = http("POST", f"{fleet.node(1)}/api/worries/{reported_id}/reports",
                            json.dumps({"reason": "personal_info"}).encode(), token=token(4, "safety", fleet.node(1)))
        assert status == 202
        for node in range(2):
            assert json.loads(http("GET", f"{fleet.node(node)}/api/sky")[2])["nodes"] == []
            assert http("GET", f"{fleet.node(node)}/w/{reported_id}")[0] == 404
        report("fleet: a delete through node B and a personal_info report through node B are gone from node A's "
               "sky, share page and clips at once; the deleted clip's files left PostgreSQL")

        # The edge as shipped: /metrics is not published, and a burst of posts from one address
        # past nginx's limit (2/s, burst 30) gets the nodes' JSON 429 with Retry-After.
        assert http("GET", f"{front}/metrics")[0] == 404
        edge = [token(100 + n, "edge", fleet.node(0)) for n in range(45)]  # handed out by a node, not through the edge
        answers = [post_worry(front, f"가장자리 한도 {n}", edge[n]) for n in range(45)]
        limited = [a for a in answers if a[0] == 429]
        assert limited and all(a[0] in (201, 429) for a in answers), [a[0] for a in answers]
        status, headers, body = limited[0]
        assert json.loads(body)["error"]["code"] == "rate_limited" and headers.get("Retry-After"), (headers, body)
        report(f"fleet: nginx refused {len(limited)} of 45 quick posts from one address (JSON 429, Retry-After); "
               "/metrics is 404 at the edge")
    finally:
        fleet.stop()


def test_postgres_stopped_and_restarted_under_a_running_node_and_worker():
    fleet = Fleet(ARTIFACTS / "restart", serves=1, workers=1)
    try:
        base = fleet.node(0)
        status, _, body = post_worry(base, "before the database restarts", token(1, "restart", base))
        assert status == 201
        down = token(2, "restart", base)  # handed out while the database is up
        restart_postgres(stop_only=True)
        try:
            status, headers, body = post_worry(base, "while the database is down", down)
            error = json.loads(body)["error"]
            assert status == 503 and error["code"] == "store_unavailable" and headers.get("Retry-After"), (status, body)
            assert http("GET", f"{base}/healthz")[0] == 503
            report(f"restart: database down → POST {status} {error['code']} Retry-After {headers.get('Retry-After')}; "
                   f"/healthz 503")
        finally:
            start_postgres()
        started = time.time()
        wait_for(lambda: healthy(fleet.serve_ports[0]), 60, "the node to answer again")
        status, _, body = wait_for(
            lambda: (lambda r: r if r[0] == 201 else None)(post_worry(base, "after the restart", token(3, "restart", base))),
            60, "a post to be accepted again", interval=0.5)
        worry_id = json.loads(body)["worry"]["id"]
        wait_for(lambda: http("GET", f"{base}/clips/{worry_id}.mp4")[0] == 200, 120, "the worker to render again",
                 interval=0.2)
        report(f"restart: database back → node and worker recovered by themselves; a new clip ready "
               f"{time.time() - started:.1f} s after the restart")
    finally:
        fleet.stop()


def test_a_bad_database_is_one_line_and_exit_2():
    db = Database()
    wrong = db.url.replace(db.server.password, "not-the-password")
    unreachable = f"postgres://dumpit:x@127.0.0.1:{free_port()}/postgres"
    db.sql("CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
    db.sql("INSERT INTO schema_version (version) VALUES (999)")
    cases = {"wrong password": (wrong, "refused"), "unreachable": (unreachable, "could not be reached"),
             "newer schema": (db.url, "newer than this dumpit")}
    binary = os.environ["DUMPIT_BIN"]
    for name, (url, words) in cases.items():
        for command in (["serve", "--port", "0"], ["worker"]):
            out = subprocess.run([binary, *command, "--data", tempfile.mkdtemp(), "--database", url],
                                 capture_output=True, text=True, timeout=120)
            lines = out.stderr.strip().splitlines()
            assert out.returncode == 2, (name, command, out.stderr)
            assert len(lines) == 1 and lines[0].startswith("dumpit: error:") and words in lines[0], (name, lines)
            assert "not-the-password" not in out.stderr and (db.server.password not in out.stderr)
        report(f"bad --database ({name}): exit 2, {lines[0]}")


def test_two_serve_processes_on_one_sqlite_folder_share_jobs_by_lease():
    """The README's one-machine promise: several servers on one data folder never re-queue or
    double-render each other's jobs."""
    folder = Path(tempfile.mkdtemp(prefix="dumpit-sqlite-pair-"))
    ports = [free_port(), free_port()]
    nodes = [Process(f"sqlite-serve-{i}", [
        "serve", "--port", str(port), "--data", str(folder), "--render-workers", "1", "--rate-limit-owner", "0",
        "--rate-limit-address", "0", "--daily-limit-address", "0", "--rate-limit-tokens", "0", *CLIP], ARTIFACTS)
        for i, port in enumerate(ports)]
    try:
        for node, port in zip(nodes, ports):
            wait_for(lambda: healthy(port) or node.proc.poll() is not None, 120, "serve to start")
            assert node.proc.poll() is None, node.text()
        ids = []
        for n in range(20):
            status, _, body = post_worry(f"http://127.0.0.1:{ports[n % 2]}", f"한 폴더 두 서버 {n}", token(n, "pair", f"http://127.0.0.1:{ports[0]}"))
            assert status == 201
            ids.append(json.loads(body)["worry"]["id"])
        for worry_id in ids:
            wait_for(lambda: http("GET", f"http://127.0.0.1:{ports[0]}/api/worries/{worry_id}")[2].find(b'"ready"') >= 0,
                     180, "every clip ready", interval=0.1)
        for worry_id in ids:
            status, _, body = http("GET", f"http://127.0.0.1:{ports[1]}/clips/{worry_id}.mp4")
            assert status == 200 and len(body) > 1000
        assert not any("render failed" in node.text() for node in nodes)
    finally:
        for node in nodes:
            node.stop()


def test_the_password_can_come_from_a_file_or_the_environment_instead_of_the_command_line():
    db = Database()
    bare = db.url.replace(":" + db.server.password + "@", "@")
    assert db.server.password not in bare
    binary = os.environ["DUMPIT_BIN"]
    folder = Path(tempfile.mkdtemp(prefix="dumpit-password-"))
    secret = folder / "password"
    secret.write_text(db.server.password + "\n")
    environment = {k: v for k, v in os.environ.items() if k != "PGPASSWORD"}

    def moderate(*extra, env=environment):
        return subprocess.run([binary, "moderate", "list", "--data", str(folder), "--database", bare, *extra],
                              capture_output=True, text=True, timeout=120, env=env)

    by_file = moderate("--database-password-file", str(secret))
    assert by_file.returncode == 0 and "no reported stars" in by_file.stdout, by_file.stderr
    by_environment = moderate(env={**environment, "PGPASSWORD": db.server.password})
    assert by_environment.returncode == 0, by_environment.stderr
    secret.write_text("not-the-password\n")
    wrong = moderate("--database-password-file", str(secret))
    assert wrong.returncode == 2 and "refused" in wrong.stderr and "not-the-password" not in wrong.stderr, wrong.stderr
    report("password: from --database-password-file or $PGPASSWORD (never on the command line); a wrong one is refused")
