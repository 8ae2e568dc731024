#!/usr/bin/env python3
"""make bench: turns wrk's RESULT lines and the gateway's mapping log into the table in docs/benchmarks.md."""
import datetime
import json
import platform
import re
import statistics
import subprocess
import sys

results_path, log_path, half_log_path, doc_path, duration, connections, commit = sys.argv[1:8]
runs, rss = {}, {}
for line in open(results_path):
    words = line.split()
    values = dict(word.split("=", 1) for word in words[1:])
    if words[0] == "rss":
        rss = {k: int(v) for k, v in values.items()}
    else:
        runs[words[0]] = {k: float(v) for k, v in values.items()}

def added_times(path):
    """Per GetSelvbookingMoedetider record: (total − its Planner calls, its Planner calls), in ms."""
    added, planner_share = [], []
    for line in open(path):
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        if record.get("operation") != "GetSelvbookingMoedetider" or record.get("outcome") != "ok":
            continue
        planner = sum(call["ms"] for call in record["plannerCalls"])
        added.append(record["ms"] - planner)
        planner_share.append(planner)
    return added, planner_share


added, planner_share = added_times(half_log_path)
saturated_added, saturated_planner = added_times(log_path)

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
memory = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")


def ms(us):
    return f"{us / 1000:.2f}"


def cpu_per_call(name):
    """User + sys CPU of the answering process(es) over the run, per call answered, in µs."""
    run = runs.get(name)
    if not run or not run.get("requests") or "cpu_ms" not in run:
        return float("nan")
    return run["cpu_ms"] * 1000 / run["requests"]


def times(a, b):
    return a / b if b and b == b else float("nan")


def row(name, label):
    run = runs.get(name)
    if not run:
        return f"| {label} | – | – | – | – | – | – |"
    errors = int(run["errors"] + run["non2xx"])
    return (f"| {label} | {run['rps']:.0f} | {ms(run['p50'])} | {ms(run['p99'])} | {ms(run['p999'])} "
            f"| {cpu_per_call(name):.0f} | {errors} |")


g, p = runs.get("gateway-moedetider", {}), runs.get("passthrough-moedetider", {})
ratio = g.get("rps", 0) / p["rps"] if p.get("rps") else 0
half = runs.get("gateway-moedetider-half", {})
median_added = statistics.median(added) if added else float("nan")
gateway_rss_mb = rss.get("gateway", 0) / 1024
verdict = lambda ok: "met" if ok else "**not met**"
table = f"""<!-- bench:start (written by make bench; edit the text outside the markers) -->
Measured {datetime.date.today().isoformat()} at commit {commit} on this machine: {cores} cores ({cpu}), {int(memory) // 1024} MiB,
{platform.system()} {platform.release()}; wrk -t2, {connections} connections, {duration} s per run, everything
on loopback on the same two cores (wrk, nginx and the gateway compete for them alike).

| Run | req/s | p50 ms | p99 ms | p99.9 ms | CPU µs per call | errors |
|---|---|---|---|---|---|---|
{row("passthrough-moedetider", "nginx pass-through, GetSelvbookingMoedetider")}
{row("gateway-moedetider", "gateway, GetSelvbookingMoedetider (Planner: BookingOptions; PersonByCpr and GetMicrositeCategories reused)")}
{row("passthrough-moedetilbud", "nginx pass-through, GetSelvbookingMoedetilbud")}
{row("gateway-moedetilbud", "gateway, GetSelvbookingMoedetilbud (Planner: BookingOptions, for the joint meeting's first and last time; PersonByCpr and GetMicrositeCategories reused)")}
{row("gateway-moedetider-half", "gateway, GetSelvbookingMoedetider at half its throughput (16 connections)")}
{row("passthrough-moedetider-256", "nginx pass-through, 256 connections")}
{row("gateway-moedetider-256", "gateway, 256 connections")}
{row("uncached-moedetider", "gateway, every Planner call made (both caches off), GetSelvbookingMoedetider")}
{row("uncached-moedetilbud", "gateway, every Planner call made (both caches off), GetSelvbookingMoedetilbud")}
{row("threads-moedetider", "the same with `--planner-transport threads` (a curl worker thread per call), GetSelvbookingMoedetider")}
{row("threads-moedetilbud", "the same with `--planner-transport threads`, GetSelvbookingMoedetilbud")}

CPU per call: user + sys time (from /proc) of the process that answers — the gateway, or nginx's master
and workers for the pass-through (both of its hops) — over the run, divided by the calls answered. The
gateway's figure is its own alone: the canned Planner's nginx is not in it. The gateway runs as `serve`
does by default: Planner calls on libcurl's multi interface, a citizen's PersonByCpr and
GetMicrositeCategories answers reused for 30 s (every call here is for one citizen, so after the first
they always are). The last four rows are other gateways, each started after the one before stopped, with
both caches off — every Planner call made — on the multi interface, then on the worker-pool transport.

Peak RSS: gateway {gateway_rss_mb:.1f} MB, nginx (master and workers) {rss.get("nginx", 0) / 1024:.1f} MB.

`planner-sim` (demo data, measured first, wrk -t2 -c16 for 5 s): {cpu_per_call("simulator-BookingOptions") / 1000:.2f} ms CPU per
BookingOptions call, {cpu_per_call("simulator-GetMicrositeCategories") / 1000:.2f} ms per GetMicrositeCategories call (target: under 0.2 ms each).

| Target | Measured | |
|---|---|---|
| gateway throughput ≥ 50 % of the pass-through (GetSelvbookingMoedetider) | {ratio * 100:.0f} % | {verdict(ratio >= 0.5)} |
| p99 < 5 ms at half that load | {ms(half.get("p99", float("nan")))} ms | {verdict(half.get("p99", 1e12) < 5000)} |
| median time added on top of the Planner calls < 0.3 ms (at half load) | {median_added:.3f} ms (its Planner calls: median {statistics.median(planner_share) if planner_share else float("nan"):.3f} ms; {len(added)} mapping-log records; at full load {statistics.median(saturated_added) if saturated_added else float("nan"):.3f} ms) | {verdict(median_added < 0.3)} |
| gateway CPU per GetSelvbookingMoedetider call ≤ 250 µs | {cpu_per_call("gateway-moedetider"):.0f} µs ({times(cpu_per_call("gateway-moedetider"), cpu_per_call("passthrough-moedetider")):.1f} × nginx's {cpu_per_call("passthrough-moedetider"):.0f} µs); every Planner call made: {cpu_per_call("uncached-moedetider"):.0f} µs | {verdict(cpu_per_call("gateway-moedetider") <= 250)} |
| gateway CPU per GetSelvbookingMoedetilbud call ≤ 200 µs | {cpu_per_call("gateway-moedetilbud"):.0f} µs ({times(cpu_per_call("gateway-moedetilbud"), cpu_per_call("passthrough-moedetilbud")):.1f} × nginx's {cpu_per_call("passthrough-moedetilbud"):.0f} µs); every Planner call made: {cpu_per_call("uncached-moedetilbud"):.0f} µs | {verdict(cpu_per_call("gateway-moedetilbud") <= 200)} |
| RSS < 64 MB with 256 open connections | {gateway_rss_mb:.1f} MB | {verdict(gateway_rss_mb < 64)} |
<!-- bench:end -->"""

doc = open(doc_path).read()
doc = re.sub(r"<!-- bench:start.*?<!-- bench:end -->", lambda _: table, doc, flags=re.S)
open(doc_path, "w").write(doc)
print(table)
