#!/usr/bin/python3
"""Drives `dumpcheck --lsp` over pipes, as an editor would, and prints what
comes back in a stable form for FileCheck.

  lsp_client.py DUMPCHECK open FILE [--buffer TEXT-FILE] [--all] [--change-to FILE2]
      initialize, didOpen FILE (with the text of TEXT-FILE, default FILE's
      own), print the diagnostics published for it (with --all, also those
      published for other files before it); with --change-to, send FILE2's
      text as a full didChange of FILE and print the next diagnostics, then
      didSave and didClose; then shutdown + exit.
  lsp_client.py DUMPCHECK malformed FILE
      malformed framing and messages, each followed by a probe request that
      must still be answered; then a didOpen of FILE, and end of input
      without exit.

Every wait has a timeout: a server that hangs fails the test instead of
blocking it.
"""
import json
import os
import queue
import subprocess
import sys
import threading
import time

TIMEOUT = float(os.environ.get("LSP_TEST_TIMEOUT", "60"))


def uri_of(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


class Server:
    def __init__(self, dumpcheck, args=()):
        self.proc = subprocess.Popen([dumpcheck, "--lsp", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.stderr = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.next_id = 1

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii", "replace").partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers["content-length"])
            body = out.read(length)
            self.messages.put(json.loads(body))

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        msg = dict(msg, jsonrpc="2.0")
        body = json.dumps(msg).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params or {}})
        return rid

    def notify(self, method, params=None):
        self.send({"method": method, "params": params or {}})

    def wait(self, pred, what):
        deadline = time.time() + TIMEOUT
        while True:
            left = deadline - time.time()
            if left <= 0:
                fail("timed out waiting for " + what)
            try:
                m = self.messages.get(timeout=left)
            except queue.Empty:
                fail("timed out waiting for " + what)
            if m is None:
                fail("the server closed its output while waiting for " + what)
            if pred(m):
                return m

    def wait_reply(self, rid):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, "the reply to request %r" % rid)

    def wait_publish(self, uri):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri, "diagnostics for " + uri)

    def initialize(self):
        rid = self.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
        r = self.wait_reply(rid)
        sync = r["result"]["capabilities"]["textDocumentSync"]
        print("initialized: openClose=%s change=%s save=%s server=%s" % (
            sync.get("openClose"), sync.get("change"), "save" in sync, r["result"]["serverInfo"]["name"]))
        self.notify("initialized", {})

    def finish(self):
        rid = self.request("shutdown")
        r = self.wait_reply(rid)
        print("shutdown: result=%s" % json.dumps(r.get("result")))
        self.notify("exit")
        self.proc.stdin.close()
        try:
            rc = self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail("the server did not exit after 'exit'")
        print("exit status %d" % rc)


def fail(msg):
    print("FAIL: " + msg)
    sys.stdout.flush()
    os._exit(1)


def print_diagnostics(m):
    diags = m["params"]["diagnostics"]
    print("published %s: %d diagnostic%s" % (os.path.basename(m["params"]["uri"]), len(diags),
                                            "" if len(diags) == 1 else "s"))
    for d in diags:
        s = d["range"]["start"]
        print("  %d:%d severity=%d [%s] source=%s: %s" % (s["line"] + 1, s["character"] + 1, d["severity"],
                                                         d.get("code", ""), d.get("source"), d["message"]))
        if "codeDescription" in d:
            print("    href %s" % d["codeDescription"]["href"])
        for ri in d.get("relatedInformation", []):
            rs = ri["location"]["range"]["start"]
            print("    related %s:%d:%d: %s" % (os.path.basename(ri["location"]["uri"]), rs["line"] + 1,
                                                rs["character"] + 1, ri["message"]))


def option(args, name):
    return args[args.index(name) + 1] if name in args else None


def scenario_open(dumpcheck, args):
    path = args[0]
    change_to = option(args, "--change-to")
    s = Server(dumpcheck)
    s.initialize()
    uri = uri_of(path)
    with open(option(args, "--buffer") or path, encoding="utf-8") as f:
        text = f.read()
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "c", "version": 1, "text": text}})
    if "--all" in args:
        while True:
            m = s.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics", "diagnostics")
            print_diagnostics(m)
            if m["params"]["uri"] == uri:
                break
    else:
        print_diagnostics(s.wait_publish(uri))
    if change_to:
        with open(change_to, encoding="utf-8") as f:
            text2 = f.read()
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                            "contentChanges": [{"text": text2}]})
        print("after didChange:")
        print_diagnostics(s.wait_publish(uri))
        s.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        print("after didSave:")
        print_diagnostics(s.wait_publish(uri))
        s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        print("after didClose:")
        print_diagnostics(s.wait_publish(uri))
    s.finish()


def show_reply(label, m):
    if "error" in m:
        print("%s: id=%s error %d" % (label, json.dumps(m.get("id")), m["error"]["code"]))
    else:
        print("%s: id=%s result" % (label, json.dumps(m.get("id"))))


def scenario_malformed(dumpcheck, args):
    path = args[0]
    s = Server(dumpcheck)

    def probe(label):
        # The server must still be listening: a request it has to answer.
        rid = s.request("dumpcheck/probe")
        show_reply(label + " then probe", s.wait_reply(rid))

    def expect_error(label):
        m = s.wait(lambda m: "error" in m or "result" in m, "a reply after " + label)
        show_reply(label, m)

    # Before initialize: requests are refused, notifications ignored.
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(path), "text": ""}})
    rid = s.request("textDocument/hover", {})
    show_reply("before initialize", s.wait_reply(rid))
    s.initialize()
    probe("unknown request")
    s.notify("workspace/unknownNotification", {"x": 1})
    probe("unknown notification")
    body = b'{"jsonrpc": "2.0", "id": 7, "method": '
    s.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    expect_error("bad json")
    probe("bad json")
    body = b'[1, 2, 3]'
    s.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    expect_error("not an object")
    body = b'{"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}'
    s.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    expect_error("object id")
    body = b'{"jsonrpc": "2.0", "id": 9, "method": 42}'
    s.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    expect_error("numeric method")
    body = b'{"jsonrpc": "2.0", "method": "$/cancelRequest"}'
    s.send_raw(b"Content-Type: application/vscode-jsonrpc\r\n\r\n" + body)
    expect_error("missing content-length")
    probe("missing content-length")
    s.send_raw(b"Content-Length: 99999999999999999999\r\n\r\n")
    expect_error("huge content-length")
    probe("huge content-length")
    s.send_raw(b"Content-Length: twelve\r\n\r\n")
    expect_error("non-numeric content-length")
    probe("non-numeric content-length")
    s.send_raw(b"\x00\xff garbage line without a header\r\n\r\n")
    expect_error("garbage header")
    probe("garbage header")
    # A didOpen with params of the wrong types must not crash the server.
    s.notify("textDocument/didOpen", {"textDocument": {"uri": 5, "text": None}})
    s.notify("textDocument/didChange", {"textDocument": "x", "contentChanges": 3})
    s.notify("textDocument/didOpen", {"textDocument": {"uri": "http://example.invalid/x.c", "text": "int x;"}})
    probe("ill-typed params")
    # Still checks files.
    uri = uri_of(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "c", "version": 1, "text": text}})
    print_diagnostics(s.wait_publish(uri))
    # End of input without shutdown/exit: the server ends by itself.
    s.send_raw(b"Content-Length: 50\r\n\r\n{\"truncated")
    s.proc.stdin.close()
    try:
        rc = s.proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        s.proc.kill()
        fail("the server did not end at end of input")
    print("end of input: exit status %d" % rc)
    if any("AddressSanitizer" in l or "runtime error" in l for l in s.stderr):
        fail("sanitizer report:\n" + "".join(s.stderr))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    dumpcheck, scenario, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    if scenario == "open":
        scenario_open(dumpcheck, args)
    elif scenario == "malformed":
        scenario_malformed(dumpcheck, args)
    else:
        sys.exit("unknown scenario " + scenario)


if __name__ == "__main__":
    main()
