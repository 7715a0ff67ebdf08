#!/usr/bin/env python3
"""Measures how much a 20 MB download raises the server's memory (issue 19, BENCHMARKS.md).

    scripts/download-memory.py [--server target/server/guichet-server] [--store local|database]
                               [--database-url postgres://…] [--port 18190]

Starts the server on a fresh demo database in a temporary folder (or on --database-url), signs
in as the demo 信息公开 officer gk-jy, uploads a 20,000,000-byte PDF as a catalog attachment,
publishes an entry with it, then downloads it as anyone may: once quickly, and once slowly
(64 KiB reads with pauses, so the body is in flight for a while), sampling the server's VmRSS
from /proc every read. Prints the resident memory before, the peak during each download and
the difference. Python 3.11 standard library only; Linux.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", default="target/server/guichet-server")
    parser.add_argument("--store", default="local", choices=["local", "database"])
    parser.add_argument("--database-url")
    parser.add_argument("--port", type=int, default=18190)
    parser.add_argument("--dist", default="dist")
    parser.add_argument("--size", type=int, default=20_000_000)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="guichet-download-memory-")
    command = [
        args.server, "--listen", f"127.0.0.1:{args.port}", "--dist", args.dist,
        "--data-dir", data_dir, "--demo", "--insecure-cookie", "--file-store", args.store,
    ]
    if args.database_url:
        command += ["--database-url", args.database_url]
    server = subprocess.Popen(command, env={**os.environ, "RUST_LOG": "warn"})
    try:
        for _ in range(300):
            try:
                if request(args.port, "GET", "/api/health")[0].status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")

        response, body = request(
            args.port, "POST", "/api/staff/login",
            json.dumps({"username": "gk-jy", "password": "demo-gk-jy-2026"}),
            {"Content-Type": "application/json"},
        )
        assert response.status == 200, body
        cookie = response.getheader("Set-Cookie").split(";")[0]
        csrf = json.loads(body)["csrf_token"]
        staff = {"Cookie": cookie, "X-CSRF-Token": csrf}

        pdf = bytearray(b"%PDF-1.4\n")
        x = 19
        while len(pdf) < args.size:
            x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
            pdf += x.to_bytes(8, "little")
        pdf = bytes(pdf[: args.size])
        name = urllib.parse.quote("大文件.pdf")
        response, body = request(
            args.port, "POST", f"/api/staff/catalog/files?name={name}", pdf,
            {**staff, "Content-Length": str(len(pdf))},
        )
        assert response.status == 201, body
        file = json.loads(body)
        entry = {
            "title": "大附件测试", "doc_no": "县教发〔2026〕20号", "issued_on": "2026-03-02",
            "topic": "science_education", "genre": "circular", "keywords": "附件",
            "summary": "概述", "body_text": "正文。",
            "files": [{"id": file["id"], "name": "大文件.pdf"}],
        }
        response, body = request(
            args.port, "POST", "/api/staff/catalog/entries", json.dumps(entry),
            {**staff, "Content-Type": "application/json"},
        )
        assert response.status in (200, 201), body
        index_no = urllib.parse.quote(json.loads(body)["index_no"])
        path = f"/api/catalog/attachment?index_no={index_no}&n=0"

        # Warm up (first requests allocate pools and caches), then let the allocator settle.
        request(args.port, "GET", path, headers={"Range": "bytes=0-99"})
        time.sleep(1.0)
        print(f"store={args.store} database={'postgres' if args.database_url else 'sqlite'} "
              f"file={len(pdf)} B")
        for label, pause in (("fast", 0.0), ("slow", 0.005)):
            before = rss_kib(server.pid)
            peak = before
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
            connection.request("GET", path)
            response = connection.getresponse()
            assert response.status == 200
            received = 0
            while chunk := response.read(64 * 1024):
                received += len(chunk)
                peak = max(peak, rss_kib(server.pid))
                if pause:
                    time.sleep(pause)
            connection.close()
            assert received == len(pdf), received
            after = rss_kib(server.pid)
            print(f"  {label}: RSS before {before / 1024:.1f} MiB, peak {peak / 1024:.1f} MiB "
                  f"(+{(peak - before) / 1024:.1f} MiB), after {after / 1024:.1f} MiB")
    finally:
        server.terminate()
        server.wait(timeout=30)
        subprocess.run(["rm", "-rf", data_dir], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
