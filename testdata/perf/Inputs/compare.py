#!/usr/bin/python3
"""Runs dumpcheck in two ways and checks that everything it prints agrees.

  compare.py sharing DUMPCHECK SRC_DIR [--seeds]
      shared precompiled headers (default) against --no-pch
  compare.py jobs DUMPCHECK SRC_DIR [--seeds]
      -j 1 against -j 2
  compare.py cache DUMPCHECK SRC_DIR WORK_DIR
      no cache against a cold cache, a warm cache, a cache after one file
      was edited, and a cache whose entries were damaged in every way
  compare.py resident DUMPCHECK SRC_DIR WORK_DIR [--seeds]
      runs of their own against runs handed to the resident process, and
      its life: started by a run, stopped, killed (a stale socket)
  compare.py trim DUMPCHECK SRC_DIR WORK_DIR
      a cache trimmed to its limit keeps what was used last, loses what was
      not, and the runs after print what runs without the cache print

SRC_DIR holds the driver's *.c files. With --seeds, every SEED_xxx macro
tested by `defined(SEED_xxx)` in its sources is also checked, as
`-- -DSEED_xxx`. What is compared: exit status, stdout and stderr of the
text report, --format=json, --list-callbacks and --dump-ir (the statistics
line that DUMPCHECK_STATS=1 adds is left out of the comparison, and used to
check that the faster way was really taken). Exit status 0 when all agree.
"""

import difflib
import glob
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

OUTPUTS = [[], ["--format=json"], ["--list-callbacks"], ["--dump-ir"]]
STATS = re.compile(r"^dumpcheck: stats: (\d+) files?: (\d+) from the cache, (\d+) parsed with a shared header "
                   r"\((\d+) built, (\d+) kept\), (\d+) parsed alone \((\d+) after a failed shared parse\)$")

RESIDENT = "dumpcheck: stats: libclang preloaded (run by the resident process)"

DEPS = re.compile(r"^dumpcheck: stats: dependencies: (\d+) hashed, (\d+) known by their stamps$")

failures = 0


def run(dumpcheck, opts, files, extra, cwd=None):
    env = dict(os.environ)
    env["DUMPCHECK_STATS"] = "1"
    env["NO_COLOR"] = "1"
    env["DUMPCHECK_RESIDENT_IDLE"] = "120"
    cmd = [dumpcheck] + opts + files + (["--"] + extra if extra else [])
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    stats = None
    extra_stats = {"resident": RESIDENT in p.stderr.splitlines()}
    err = []
    for line in p.stderr.splitlines():
        m = STATS.match(line)
        if m:
            stats = dict(zip(("files", "cache", "shared", "built", "kept", "alone", "fallback"), map(int, m.groups())))
        elif DEPS.match(line):
            deps = DEPS.match(line)
            extra_stats.update(hashed=int(deps.group(1)), stamped=int(deps.group(2)))
        elif not line.startswith("dumpcheck: stats: "):
            err.append(line)
    if "Sanitizer" in p.stderr or p.returncode not in (0, 1, 2):
        fail("%s crashed (exit %d):\n%s" % (" ".join(cmd), p.returncode, p.stderr[-3000:]))
    if stats is not None or extra_stats["resident"]:
        stats = dict(stats or {}, **extra_stats)
    return {"status": p.returncode, "stdout": p.stdout, "stderr": "\n".join(err)}, stats


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def same(label, a, b):
    ok = True
    for key in ("status", "stdout", "stderr"):
        if a[key] != b[key]:
            ok = False
            diff = "".join(difflib.unified_diff(str(a[key]).splitlines(True), str(b[key]).splitlines(True),
                                                "expected", "got", n=2))
            fail("%s: %s differs\n%s" % (label, key, diff[:4000]))
    return ok


def seeds_of(src_dir):
    found = set()
    for f in glob.glob(os.path.join(src_dir, "*.c")) + glob.glob(os.path.join(src_dir, "*.h")):
        with open(f, errors="replace") as fh:
            found.update(re.findall(r"defined\s*\(\s*(SEED_\w+)\s*\)", fh.read()))
    return sorted(found)


def variants(args):
    out = [[]]
    if args[2:] and args[2] == "--seeds":
        out += [["-D" + s] for s in seeds_of(args[1])]
    return out


def compare_ways(dumpcheck, files, way_a, way_b, extras, outputs, check_b=None):
    for extra in extras:
        for out in outputs:
            label = "%s vs %s, %s %s" % (" ".join(way_a), " ".join(way_b), " ".join(out) or "text",
                                        " ".join(extra))
            a, _ = run(dumpcheck, way_a + out, files, extra)
            b, stats = run(dumpcheck, way_b + out, files, extra)
            same(label, a, b)
            if check_b:
                check_b(label, stats)


def cmd_sharing(dumpcheck, args):
    files = sorted(glob.glob(os.path.join(args[1], "*.c")))
    extras = variants(args)

    def shared(label, stats):
        if not stats or stats["shared"] == 0:
            fail("%s: nothing was parsed with a shared header (%s)" % (label, stats))

    base = ["--no-cache"]
    compare_ways(dumpcheck, files, base + ["--no-pch"], base, extras[:1], OUTPUTS, shared)
    compare_ways(dumpcheck, files, base + ["--no-pch"], base, extras[1:], [[], ["--dump-ir"]], shared)
    # The facts themselves: either way stores an entry under the same keys,
    # and a warm run over the other way's entries prints the same.
    tmp = tempfile.mkdtemp(prefix="dumpcheck-sharing-")
    try:
        for extra in extras[:2]:
            a = os.path.join(tmp, "plain")
            b = os.path.join(tmp, "shared")
            run(dumpcheck, ["--no-pch", "--cache-dir", a, "--dump-ir"], files, extra)
            run(dumpcheck, ["--cache-dir", b, "--dump-ir"], files, extra)
            ea, eb = entries(a), entries(b)
            if [os.path.basename(e) for e in ea] != [os.path.basename(e) for e in eb] or not ea:
                fail("cache entries differ in name: %s vs %s" % (ea, eb))
            for out in OUTPUTS:
                ra, sa = run(dumpcheck, ["--cache-dir", a] + out, files, extra)
                rb, sb = run(dumpcheck, ["--cache-dir", b] + out, files, extra)
                same("warm runs over --no-pch and shared entries, %s %s" % (out or "text", extra), ra, rb)
                if not sa or not sb or sa["cache"] != len(ea) or sb["cache"] != len(eb):
                    fail("warm runs did not take every stored file from the cache (%s, %s)" % (sa, sb))
            shutil.rmtree(a)
            shutil.rmtree(b)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def entries(cache):
    """The per-file entries of a cache folder (named by 16 hex digits)."""
    return sorted(e for e in glob.glob(os.path.join(cache, "facts-v*", "*"))
                  if re.fullmatch(r"[0-9a-f]{16}", os.path.basename(e)))


def shared_objects(cache):
    """What entries refer to: header sets, header blocks' facts, file stamps."""
    return sorted(glob.glob(os.path.join(cache, "facts-v*", "deps-*")) +
                  glob.glob(os.path.join(cache, "facts-v*", "prefix-*")) +
                  glob.glob(os.path.join(cache, "facts-v*", "stamps")))


def cmd_jobs(dumpcheck, args):
    files = sorted(glob.glob(os.path.join(args[1], "*.c")))
    extras = variants(args)
    compare_ways(dumpcheck, files, ["--no-cache", "-j", "1"], ["--no-cache", "-j", "2"], extras[:1], OUTPUTS)
    compare_ways(dumpcheck, files, ["--no-cache", "-j", "1"], ["--no-cache", "-j", "2"], extras[1:], [[]])
    compare_ways(dumpcheck, files, ["--no-cache", "--no-pch", "-j", "1"], ["--no-cache", "--no-pch", "-j", "2"],
                 extras[:1], OUTPUTS)


def damage(path, how):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if how == "truncate-half":
        data = data[:len(data) // 2]
    elif how == "truncate-header":
        data = data[:20]
    elif how == "empty":
        data = bytearray()
    elif how == "flip-payload":
        data[len(data) - 7] ^= 0x40
    elif how == "flip-header":
        data[9] ^= 0x01
    elif how == "flip-checksum":
        data[35] ^= 0x80
    elif how == "append":
        data += b"garbage"
    elif how == "garbage":
        data = bytearray(os.urandom(len(data)))
    with open(path, "wb") as f:
        f.write(data)


def cmd_cache(dumpcheck, args):
    src = args[1]
    work = args[2]
    if os.path.isdir(work):
        shutil.rmtree(work)
    # A copy of the driver, so that one file can be edited.
    drv = os.path.join(work, "driver")
    shutil.copytree(src, drv)
    files = sorted(glob.glob(os.path.join(drv, "*.c")))
    cache = os.path.join(work, "cache")
    n = len(files)
    outputs = [[], ["--dump-ir"], ["--list-callbacks"]]

    for out in outputs:
        expect, _ = run(dumpcheck, ["--no-cache"] + out, files, [])
        shutil.rmtree(cache, ignore_errors=True)
        cold, stats = run(dumpcheck, ["--cache-dir", cache] + out, files, [])
        same("cold cache, %s" % (out or "text"), expect, cold)
        if not stats or stats["cache"] != 0:
            fail("cold cache: entries were found (%s)" % stats)
        warm, stats = run(dumpcheck, ["--cache-dir", cache] + out, files, [])
        same("warm cache, %s" % (out or "text"), expect, warm)
        if not stats or stats["cache"] != n:
            fail("warm cache: expected all %d files from the cache (%s)" % (n, stats))

    # Edit one file: only that one is parsed again.
    victim = files[len(files) // 2]
    with open(victim, "a") as f:
        f.write("\n/* edited */\n")
    expect, _ = run(dumpcheck, ["--no-cache"], files, [])
    got, stats = run(dumpcheck, ["--cache-dir", cache], files, [])
    same("after editing %s" % os.path.basename(victim), expect, got)
    if not stats or stats["cache"] != n - 1:
        fail("after editing one file: expected %d from the cache (%s)" % (n - 1, stats))
    # ... against the shared header the cold run kept, not one built again.
    if stats and stats["shared"] and (stats["built"], stats["kept"]) != (0, 1):
        fail("after editing one file: expected its shared header kept, not built (%s)" % stats)
    # A header the files include: all of them are parsed again.
    headers = sorted(glob.glob(os.path.join(drv, "*.h")))
    if headers:
        name = os.path.basename(headers[0])
        with open(headers[0], "a") as f:
            f.write("\n/* edited */\n")
        others = 0
        for f in files:
            with open(f) as fh:
                if not re.search(r'#\s*include\s*"%s"' % re.escape(name), fh.read()):
                    others += 1
        expect, _ = run(dumpcheck, ["--no-cache"], files, [])
        got, stats = run(dumpcheck, ["--cache-dir", cache], files, [])
        same("after editing %s" % name, expect, got)
        if not stats or stats["cache"] != others:
            fail("after editing %s: expected only the %d files that do not include it from the cache (%s)"
                 % (name, others, stats))
    # Other arguments are other entries.
    expect, _ = run(dumpcheck, ["--no-cache"], files, ["-DSOME_OTHER_MACRO"])
    got, stats = run(dumpcheck, ["--cache-dir", cache], files, ["-DSOME_OTHER_MACRO"])
    same("with other arguments", expect, got)
    if not stats or stats["cache"] != 0:
        fail("other arguments: expected nothing from the cache (%s)" % stats)

    # Damaged entries, and damaged objects the entries share: never trusted,
    # never a crash, replaced by the next run.
    expect, _ = run(dumpcheck, ["--no-cache"], files, [])
    for what in ("entries", "shared objects"):
        for how in ("truncate-half", "truncate-header", "empty", "flip-payload", "flip-header", "flip-checksum",
                    "append", "garbage"):
            shutil.rmtree(cache, ignore_errors=True)
            run(dumpcheck, ["--cache-dir", cache], files, [])
            found = entries(cache)
            if len(found) != n:
                fail("expected %d cache entries, found %d" % (n, len(found)))
            victims = found if what == "entries" else [o for o in shared_objects(cache) if "stamps" not in o]
            if not victims:
                fail("no %s in the cache" % what)
            for e in victims:
                damage(e, how)
            got, stats = run(dumpcheck, ["--cache-dir", cache], files, [])
            same("%s damaged (%s)" % (what, how), expect, got)
            if not stats or stats["cache"] != 0:
                fail("damaged %s (%s) were used (%s)" % (what, how, stats))
            # ... and they were replaced by good ones.
            got, stats = run(dumpcheck, ["--cache-dir", cache], files, [])
            same("after damaged %s (%s) were rewritten" % (what, how), expect, got)
            if not stats or stats["cache"] != n:
                fail("damaged %s (%s) were not rewritten (%s)" % (what, how, stats))
    # Stamps: a header that had been left alone for a while is known by what
    # stat says of it, without being read again; a change that keeps its
    # size and puts its modification time back is still seen (the change
    # time moves), and a damaged stamp file is only a slower run.
    headers = sorted(glob.glob(os.path.join(drv, "*.h")))
    if headers:
        old_time = time.time() - 3600
        for f in glob.glob(os.path.join(drv, "*")):
            os.utime(f, (old_time, old_time))
        shutil.rmtree(cache, ignore_errors=True)
        time.sleep(3.5)   # the change times set just now must settle (cache.c: STAMP_SETTLE_SECONDS)
        expect, _ = run(dumpcheck, ["--no-cache"], files, [])
        run(dumpcheck, ["--cache-dir", cache], files, [])
        got, stats = run(dumpcheck, ["--cache-dir", cache], files, [])
        same("warm, with stamps", expect, got)
        if not stats or stats["cache"] != n or stats.get("stamped", 0) == 0:
            fail("warm run with settled headers: expected every file from the cache and headers known by "
                 "their stamps (%s)" % stats)
        target = headers[0]
        with open(target, "rb") as f:
            text = f.read()
        st = os.stat(target)
        changed = text.replace(b"/* edited */", b"/* EDITED */") if b"/* edited */" in text else text[:-1] + b" "
        if changed == text or len(changed) != len(text):
            fail("cannot make a same-size edit of %s" % target)
        with open(target, "wb") as f:
            f.write(changed)
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
        if os.stat(target).st_mtime_ns != st.st_mtime_ns or os.stat(target).st_size != st.st_size:
            fail("the same-size edit did not keep the modification time")
        name = os.path.basename(target)
        including = sum(1 for f in files if re.search(r'#\s*include\s*"%s"' % re.escape(name), open(f).read()))
        got, stats = run(dumpcheck, ["--cache-dir", cache], files, [])
        if not stats or stats["cache"] != n - including:
            fail("a same-size edit of %s with its time put back was not seen (%s)" % (name, stats))
        expect, _ = run(dumpcheck, ["--no-cache"], files, [])
        same("after a same-size edit of %s" % name, expect, got)
        for how in ("flip-payload", "garbage", "empty"):
            stamps = glob.glob(os.path.join(cache, "facts-v*", "stamps"))
            if not stamps:
                fail("no stamp file in the cache")
            for e in stamps:
                damage(e, how)
            got, stats = run(dumpcheck, ["--cache-dir", cache], files, [])
            same("stamps damaged (%s)" % how, expect, got)
            if not stats or stats["cache"] != n:
                fail("damaged stamps (%s): entries should still be used, their headers read (%s)" % (how, stats))

    # A cache folder that cannot be used is no cache at all.
    blocked = os.path.join(work, "not-a-folder")
    with open(blocked, "w") as f:
        f.write("x")
    got, _ = run(dumpcheck, ["--cache-dir", blocked], files, [])
    same("unusable cache folder", expect, got)


def resident_sockets():
    """The resident processes' sockets (resident.c: socket_folder)."""
    rt = os.environ.get("XDG_RUNTIME_DIR", "")
    tmp = os.environ.get("TMPDIR", "")
    folder = (os.path.join(rt, "dumpcheck") if rt.startswith("/") else
              os.path.join(tmp if tmp.startswith("/") else "/tmp", "dumpcheck-%d" % os.getuid()))
    return set(glob.glob(os.path.join(folder, "*.sock")))


def server_pids(sock):
    pids = []
    for d in glob.glob("/proc/[0-9]*"):
        try:
            with open(os.path.join(d, "cmdline"), "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if b"--resident-server" in argv and sock.encode() in argv:
            pids.append(int(os.path.basename(d)))
    return pids


def proc_stat(pid, field):
    """Field `field` (numbered as in proc(5)) of /proc/PID/stat, or None."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return int(f.read().rsplit(")", 1)[1].split()[field - 3])
    except (OSError, IndexError, ValueError):
        return None


def parent_of(pid):
    return proc_stat(pid, 4)


def nice_of(pid):
    return proc_stat(pid, 19)


def cmd_resident(dumpcheck, args):
    src, work = args[1], args[2]
    files = sorted(glob.glob(os.path.join(src, "*.c")))
    extras = variants([args[0], src] + args[3:])
    if os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work)
    cache = os.path.join(work, "cache")

    def served(want):
        def check(label, stats):
            if not stats or stats["resident"] != want:
                fail("%s: %s by the resident process (%s)" % (label, "not run" if want else "run", stats))
        return check

    run(dumpcheck, ["--stop-resident"], [], [])
    # No resident process: the run runs itself, and starts one.
    before = resident_sockets()
    got, stats = run(dumpcheck, ["--resident", "--no-cache"], files, [])
    expect, _ = run(dumpcheck, ["--no-cache"], files, [])
    same("first --resident run", expect, got)
    served(False)("first --resident run", stats)
    if run(dumpcheck, ["--start-resident"], [], [])[0]["status"] != 0:
        fail("--start-resident failed")
    new = sorted(resident_sockets() - before)
    if len(new) != 1:
        fail("expected one new socket, found %s" % new)
        return

    # Handed over: the same output and status, every way.
    compare_ways(dumpcheck, files, ["--no-cache"], ["--resident", "--no-cache"], extras[:1], OUTPUTS, served(True))
    compare_ways(dumpcheck, files, ["--no-cache"], ["--resident", "--no-cache"], extras[1:], [[]], served(True))
    compare_ways(dumpcheck, files, ["--cache-dir", cache], ["--resident", "--cache-dir", cache], extras[:2], [[]],
                 served(True))
    # Relative names, from another folder; a report written to a relative path.
    rel = [os.path.basename(f) for f in files]
    bug = extras[1] if len(extras) > 1 else []
    a, _ = run(dumpcheck, ["--no-cache", "-o", os.path.join(work, "a.txt")], rel, bug, cwd=src)
    b, stats = run(dumpcheck, ["--resident", "--no-cache", "-o", os.path.relpath(os.path.join(work, "b.txt"), src)],
                   rel, bug, cwd=src)
    same("relative names", a, b)
    served(True)("relative names", stats)
    with open(os.path.join(work, "a.txt")) as fa, open(os.path.join(work, "b.txt")) as fb:
        if fa.read() != fb.read() or os.path.getsize(os.path.join(work, "a.txt")) == 0:
            fail("-o: the reports differ, or are empty")
    # Input that cannot be checked.
    for bad in (["no-such-file.c"], ["--no-such-option"]):
        a, _ = run(dumpcheck, ["--no-cache"], bad, [])
        b, _ = run(dumpcheck, ["--resident", "--no-cache"], bad, [])
        same("bad input %s" % bad, a, b)
    # A reader gone: the run ends by SIGPIPE, as one of its own does.
    for opts in (["--no-cache"], ["--resident", "--no-cache"]):
        p = subprocess.Popen([dumpcheck] + opts + ["--dump-ir"] + files, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
        p.stdout.close()  # before the run writes anything
        if p.wait() != -signal.SIGPIPE:
            fail("%s: a closed pipe ended the run with %d, not SIGPIPE" % (opts, p.returncode))

    # An interrupt is passed on: the run ends by SIGINT, and the resident
    # process serves on.
    p = subprocess.Popen([dumpcheck, "--resident", "--no-cache", "--no-pch", "-j", "1", "--dump-ir"] + files,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.15)
    p.send_signal(signal.SIGINT)
    if p.wait() != -signal.SIGINT:
        fail("an interrupted --resident run ended with %d, not SIGINT" % p.returncode)
    got, stats = run(dumpcheck, ["--resident", "--no-cache"], files, [])
    same("after an interrupted run", expect, got)
    served(True)("after an interrupted run", stats)

    # The run keeps its client's resource limits: a report larger than the
    # file size limit cannot be written (exit 2, no part of it left), as in
    # a run of its own.
    def small_files():
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_FSIZE, (300, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    ended = []
    for opts in (["--no-cache"], ["--resident", "--no-cache"]):
        out = os.path.join(work, "fsize-%d.txt" % len(opts))
        p = subprocess.run([dumpcheck] + opts + ["--no-pch", "-o", out, "--format=sarif"] + files, preexec_fn=small_files,
                           env=dict(os.environ, DUMPCHECK_STATS="1"), capture_output=True, text=True, cwd=work)
        ended.append((p.returncode, os.path.getsize(out) if os.path.exists(out) else None))
        if "--resident" in opts and RESIDENT not in p.stderr.splitlines():
            fail("a run with a file size limit was not handed over")
    if ended[0] != ended[1] or ended[0] != (2, None):
        fail("a file size limit: a run of its own ended %s, a handed-over one %s (status, report size)" % tuple(ended))
    # ... and its nice value.
    p = subprocess.Popen([dumpcheck, "--resident", "--no-cache", "--no-pch", "-j", "1", "--dump-ir"] + files,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=lambda: os.nice(7))
    server = [pid for pid in server_pids(new[0]) if parent_of(pid) not in server_pids(new[0])]
    seen = None
    deadline = time.monotonic() + 10
    while seen is None and p.poll() is None and time.monotonic() < deadline:
        for pid in server_pids(new[0]):
            # (a child just forked has the server's nice value until it
            # takes the client's)
            if pid not in server and parent_of(pid) in server and nice_of(pid) != nice_of(server[0]):
                seen = nice_of(pid)
        time.sleep(0.005)
    p.wait()
    if len(server) != 1 or seen != nice_of(os.getpid()) + 7:
        fail("a run started at nice +7 ran at %s (server %s)" % (seen, server))
    # A client whose limits the resident process cannot give (a hard limit
    # above its own, without the privilege to raise it) runs itself.
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and hard > 512:
        def low_hard_limit():
            resource.setrlimit(resource.RLIMIT_NOFILE, (256, 512))
        may_raise = subprocess.run([sys.executable, "-c", "import resource as r; r.setrlimit(r.RLIMIT_NOFILE, "
                                    "(256, 512)); r.setrlimit(r.RLIMIT_NOFILE, (256, %d))" % hard],
                                   capture_output=True).returncode == 0
        run(dumpcheck, ["--stop-resident"], [], [])
        subprocess.run([dumpcheck, "--start-resident"], preexec_fn=low_hard_limit,
                       env=dict(os.environ, DUMPCHECK_RESIDENT_IDLE="120"))
        got, stats = run(dumpcheck, ["--resident", "--no-cache"], files, [])
        same("a hard limit above the resident process's", expect, got)
        served(may_raise)("a hard limit above the resident process's", stats)
        got, stats = run(dumpcheck, ["--resident", "--no-cache"], files, [])
        served(may_raise)("a hard limit above the resident process's, again", stats)
        if len(resident_sockets() & {new[0]}) != 1:
            fail("the resident process that declined is gone")

    # Stopped: runs run themselves again.
    run(dumpcheck, ["--stop-resident"], [], [])
    # The socket is gone once --stop-resident returns; the process soon
    # after, and so do forked runs still winding down (the stop request's
    # own among them), which show the same command line.
    if new[0] in resident_sockets():
        fail("--stop-resident left the socket")
    deadline = time.monotonic() + 20
    while server_pids(new[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    if server_pids(new[0]):
        fail("--stop-resident left the process: %s" % server_pids(new[0]))
    got, stats = run(dumpcheck, ["--resident", "--no-cache"], files, [])
    same("after --stop-resident", expect, got)
    served(False)("after --stop-resident", stats)
    run(dumpcheck, ["--start-resident"], [], [])
    # Killed: its socket stays behind, answers nothing, and is replaced.
    for pid in server_pids(new[0]):
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    if new[0] not in resident_sockets():
        fail("the killed process's socket is gone (the test needs it)")
    got, stats = run(dumpcheck, ["--resident", "--no-cache"], files, [])
    same("stale socket", expect, got)
    served(False)("stale socket", stats)
    run(dumpcheck, ["--start-resident"], [], [])
    got, stats = run(dumpcheck, ["--resident", "--no-cache"], files, [])
    same("after the stale socket was replaced", expect, got)
    served(True)("after the stale socket was replaced", stats)
    run(dumpcheck, ["--stop-resident"], [], [])


def trimmed_files(cache):
    """The files trimming manages (cache_trim.c), with what stat says."""
    out = {}
    for sub in glob.glob(os.path.join(cache, "facts-v*")) + glob.glob(os.path.join(cache, "pch-v*")):
        for name in os.listdir(sub):
            path = os.path.join(sub, name)
            if os.path.isfile(path) and not (name == "stamps" and os.path.basename(sub).startswith("facts-")):
                out[path] = os.stat(path)
    return out


def total(files):
    return sum(st.st_size for st in files.values())


def age(paths, seconds):
    then = time.time() - seconds
    for path in paths:
        os.utime(path, (then, then))


def trim_now(dumpcheck, cache, limit):
    p = subprocess.run([dumpcheck, "--trim-cache", "--cache-dir", cache, "--cache-max-size", str(limit)],
                       capture_output=True, text=True)
    if p.returncode != 0 or not p.stdout.startswith("cache %s: " % cache) or p.stderr:
        fail("--trim-cache: exit %d, stdout %r, stderr %r" % (p.returncode, p.stdout, p.stderr))
    return p.stdout


def cmd_trim(dumpcheck, args):
    src, work = args[1], args[2]
    files = sorted(glob.glob(os.path.join(src, "*.c")))
    seeds = [["-D" + s] for s in seeds_of(src)]
    if not seeds:
        fail("the driver has no seeded variant to tell two sets of entries apart")
        return
    a_args, b_args = [], seeds[0]
    if os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work)
    cache = os.path.join(work, "cache")
    expect_a, _ = run(dumpcheck, ["--no-cache"], files, a_args)
    expect_b, _ = run(dumpcheck, ["--no-cache"], files, b_args)

    def check(label, opts, extra, expect, want_from_cache):
        got, stats = run(dumpcheck, ["--cache-dir", cache] + opts, files, extra)
        same(label, expect, got)
        if not stats or not want_from_cache(stats["cache"]):
            fail("%s: %s file(s) from the cache" % (label, stats and stats["cache"]))

    # Two sets of entries (and of precompiled headers): the driver as it is,
    # and a seeded variant. Under the default limit nothing goes.
    check("cold, driver", [], a_args, expect_a, lambda n: n == 0)
    check("cold, variant", [], b_args, expect_b, lambda n: n == 0)
    before = trimmed_files(cache)
    out = trim_now(dumpcheck, cache, "1G")
    if "removed" in out or trimmed_files(cache).keys() != before.keys():
        fail("under its limit, the cache lost files: %s" % out)
    # What trimming must leave alone; and an old layout's file, unused.
    os.makedirs(os.path.join(cache, "other"))
    keep = [os.path.join(cache, "notes.txt"), os.path.join(cache, "other", "x"), os.path.join(cache, "facts-v2", "stamps")]
    for path in keep[:2]:
        with open(path, "w") as f:
            f.write("x" * 4096)
    os.makedirs(os.path.join(cache, "facts-v1"))
    old_layout = os.path.join(cache, "facts-v1", "0123456789abcdef")
    with open(old_layout, "w") as f:
        f.write("old")

    # Everything unused for two days; then the driver is checked again: its
    # hits mark its files used.
    age(list(trimmed_files(cache)) + keep, 2 * 86400)
    check("warm, driver", [], a_args, expect_a, lambda n: n == len(files))
    now = trimmed_files(cache)
    used = {p for p, st in now.items() if st.st_mtime > time.time() - 3600}
    if not used or len(used) == len(now):
        fail("the hits marked %d of %d files used" % (len(used), len(now)))
        return
    used_bytes = sum(now[p].st_size for p in used)
    limit = used_bytes * 4 // 3 + 8192
    if total(now) <= limit:
        fail("the variant's files are too small to need trimming (%d of %d bytes)" % (total(now), limit))
    out = trim_now(dumpcheck, cache, limit)
    after = trimmed_files(cache)
    if "removed the" not in out or total(after) > limit // 4 * 3:
        fail("trimmed to %d bytes, over 3/4 of the limit %d: %s" % (total(after), limit, out))
    if not used <= after.keys():
        fail("trimming removed files in use: %s" % sorted(used - after.keys()))
    if os.path.exists(old_layout):
        fail("the old layout's unused file was kept")
    for path in keep:
        if not os.path.exists(path):
            fail("trimming removed %s" % path)
    # The driver still comes whole from the cache; the variant's entries
    # were the ones to go, and it is parsed again, with the same findings.
    check("after trimming, driver", [], a_args, expect_a, lambda n: n == len(files))
    check("after trimming, variant", [], b_args, expect_b, lambda n: n < len(files))
    out = trim_now(dumpcheck, cache, 0)
    if "removed" in out:
        fail("with no limit, trimming removed files: %s" % out)

    # A run that wrote trims at its end, once an hour.
    cache = os.path.join(work, "auto")
    limit = 1 << 20
    check("automatic trim, first run", ["--cache-max-size", "1M"], a_args, expect_a, lambda n: n == 0)
    if total(trimmed_files(cache)) > limit // 4 * 3:
        fail("the first run left %d bytes, over 3/4 of its limit" % total(trimmed_files(cache)))
    check("automatic trim, within the hour", ["--cache-max-size", "1M"], b_args, expect_b, lambda n: n == 0)
    if total(trimmed_files(cache)) <= limit:
        fail("a second run within the hour trimmed again (%d bytes left)" % total(trimmed_files(cache)))
    age([os.path.join(cache, "trimmed")], 7200)
    # A variant never checked before: this run must write, so it trims.
    c_args = seeds[1] if len(seeds) > 1 else ["-DDUMPCHECK_TRIM_TEST"]
    expect_c, _ = run(dumpcheck, ["--no-cache"], files, c_args)
    check("automatic trim, an hour later", ["--cache-max-size", "1M"], c_args, expect_c, lambda n: n == 0)
    if total(trimmed_files(cache)) > limit // 4 * 3:
        fail("a run an hour later left %d bytes, over 3/4 of its limit" % total(trimmed_files(cache)))


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    mode, dumpcheck, args = sys.argv[1], sys.argv[2], sys.argv[2:]
    {"sharing": cmd_sharing, "jobs": cmd_jobs, "cache": cmd_cache, "resident": cmd_resident,
     "trim": cmd_trim}[mode](dumpcheck, args)
    if failures:
        print("%d comparison(s) failed" % failures)
        sys.exit(1)
    print("all agree")


if __name__ == "__main__":
    main()
