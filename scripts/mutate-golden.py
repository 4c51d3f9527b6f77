#!/usr/bin/env python3
"""Mutation fuzz of the golden programs: Quire must never crash and always stop.

Takes the programs under Tests/Golden, mutates them (deletes, duplicates, swaps and splices
tokens and lines; puts huge or degenerate values where numbers were: 2**62, -1, 0, 1e308,
inf, nan, empty strings and lists; adds deep nesting and long chains), runs `quire run` on each
under a time limit and an address-space limit, and reports every run that

  - ends by a signal (a trap, an abort, a segmentation fault),
  - prints "Fatal error" (a Swift runtime trap message) or exits with a status other than 0 or 1,
  - runs past the time limit *and cannot be stopped*: a program that runs too long is run again
    as a notebook cell with a time limit, and only a run that then still does not stop within a
    few seconds of the limit is reported (a mutant may well loop forever; that is not a bug as
    long as the time limit stops it).

Each finding is saved (program, output, how to replay) in the findings folder. Exit status 1
when anything was found, 0 otherwise.

    scripts/mutate-golden.py --minutes 1            # the CI run
    scripts/mutate-golden.py --minutes 30 --jobs 2  # a long run
    scripts/mutate-golden.py --minutes 5 --only networks  # the programs of one folder
    scripts/mutate-golden.py --replay FINDING.qr    # run one program as the fuzzer did
"""

import argparse
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Values put where a number (or any token) was: the sizes and floats that broke builtins.
HOSTILE_VALUES = [
    "2**62", "2**61", "2**63 - 1", "-2**63", "(-9223372036854775807 - 1)", "10**18", "10**12",
    "4294967296", "(4294967296, 4294967296)", "(2**31, 2**31)", "(2**62, 2)", "(10**6, 10**6)",
    "-1", "0", "-0.0", "1", "1e308", "-1e308", "1e-308", "float(\"inf\")", "float(\"-inf\")",
    "float(\"nan\")", "\"\"", "[]", "()", "{}", "[[]]", "None", "True", "\"a\" * 1000",
    "range(10**18)", "-2**62",
]

# Lines inserted at random places: shapes of input that stress recursion and sizes.
def hostile_snippet(rng):
    n = rng.choice([100, 1000, 10_000, 100_000, 1_000_000])
    kind = rng.randrange(9)
    if kind == 0:
        return "x = " + "(" * n + "1" + ")" * n
    if kind == 1:
        return "x = " + "[" * n + "]" * n
    if kind == 2:
        return "x = 1" + " + 1" * n
    if kind == 3:
        return "x = \"a\"" + ".upper()" * n
    if kind == 4:
        return "x = " + "-" * n + "1"
    if kind == 5:
        return "a = []\na.append(a)\nb = []\nb.append(b)\nprint(a == b)\nprint(a)"
    if kind == 6:
        return "x = {\"k\": 1}\nx[\"k\"] = x\nprint(x)\nprint(x == x)"
    if kind == 7:
        return "x = " + "not " * n + "True"
    return "def f(n) {\n  return f(n + 1)\n}\nf(0)"


TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\w+|\*\*|[=!<>]=|\S')
NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?$")


def tokens_of(text):
    """Tokens with the text between them, so that joining gives a program back."""
    out = []
    pos = 0
    for m in TOKEN.finditer(text):
        out.append((text[pos:m.start()], m.group()))
        pos = m.end()
    return out, text[pos:]


def join(tokens, tail):
    return "".join(space + tok for space, tok in tokens) + tail


def mutate_once(text, donors, rng):
    tokens, tail = tokens_of(text)
    lines = text.split("\n")
    op = rng.randrange(12)
    if not tokens:
        return text + "\n" + hostile_snippet(rng)
    i = rng.randrange(len(tokens))
    space, tok = tokens[i]
    if op == 0:  # delete a token
        del tokens[i]
    elif op == 1:  # duplicate a token
        tokens.insert(i, (space, tok))
    elif op == 2:  # swap two tokens
        j = rng.randrange(len(tokens))
        tokens[i], tokens[j] = (space, tokens[j][1]), (tokens[j][0], tok)
    elif op in (3, 4, 5):  # a hostile value for a number (or any token)
        numbers = [k for k, (_, t) in enumerate(tokens) if NUMBER.match(t)]
        k = rng.choice(numbers) if numbers and op != 5 else i
        tokens[k] = (tokens[k][0], rng.choice(HOSTILE_VALUES))
    elif op == 6:  # a token from another program
        donor_tokens, _ = tokens_of(rng.choice(donors))
        if donor_tokens:
            tokens[i] = (space, rng.choice(donor_tokens)[1])
    elif op == 7:  # delete a line
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
        return "\n".join(lines)
    elif op == 8:  # duplicate a line
        k = rng.randrange(len(lines))
        lines.insert(k, lines[k])
        return "\n".join(lines)
    elif op == 9:  # a line from another program
        donor_lines = rng.choice(donors).split("\n")
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(donor_lines))
        return "\n".join(lines)
    elif op == 10:  # a hostile snippet
        lines.insert(rng.randrange(len(lines) + 1), hostile_snippet(rng))
        return "\n".join(lines)
    else:  # wrap an expression in a long chain of indexing or calls
        tokens[i] = (space, tok + rng.choice(["[0]", "()", ".copy()", "[::-1]", "[-1]"]) * rng.choice([2, 100, 10_000]))
    return join(tokens, tail)


def mutate(text, donors, rng):
    for _ in range(rng.choice([1, 1, 2, 3, 5])):
        text = mutate_once(text, donors, rng)
    return text


def limit_memory(gigabytes):
    def apply():
        if gigabytes > 0:  # 0: no limit (an ASan build reserves terabytes of address space)
            limit = int(gigabytes * (1 << 30))
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.setsid()
    return apply


def run(cmd, cwd, timeout, gigabytes):
    """Runs cmd; returns (returncode or None on timeout, output text, seconds)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, preexec_fn=limit_memory(gigabytes))
    try:
        out, _ = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        code = None
    return code, out[-20000:].decode("utf-8", "replace"), time.monotonic() - start


def signal_name(code):
    try:
        return signal.Signals(-code).name
    except ValueError:
        return "signal %d" % -code


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.quire = os.path.abspath(args.quire)
        self.lock = threading.Lock()
        self.runs = 0
        self.findings = {}  # signature -> count
        self.saved = 0
        self.work = tempfile.mkdtemp(prefix="quire-mutate-")
        self.findings_dir = os.path.abspath(args.out or os.path.join(self.work, "findings"))
        os.makedirs(self.findings_dir, exist_ok=True)
        # A copy of what the golden programs read, so that the files they write stay in it.
        self.tree = os.path.join(self.work, "tree")
        shutil.copytree(os.path.join(ROOT, "Tests", "Golden"), os.path.join(self.tree, "Tests", "Golden"))
        shutil.copytree(os.path.join(ROOT, "Tests", "Fixtures"), os.path.join(self.tree, "Tests", "Fixtures"))
        shutil.copytree(os.path.join(ROOT, "notebooks", "data"), os.path.join(self.tree, "notebooks", "data"))
        golden = os.path.join(self.tree, "Tests", "Golden")
        self.programs = []
        for dirpath, _, files in os.walk(golden):
            for f in sorted(files):
                if f.endswith(".qr"):
                    path = os.path.join(dirpath, f)
                    with open(path, encoding="utf-8") as fh:
                        self.programs.append((os.path.relpath(path, golden), fh.read()))
        self.donors = [text for _, text in sorted(self.programs)]  # tokens and lines come from all of them
        if args.only:
            prefixes = [o.strip("/") + "/" for o in args.only]
            self.programs = [p for p in self.programs if any(p[0].startswith(x) for x in prefixes)]
            if not self.programs:
                raise SystemExit("mutate-golden: no golden programs under %s" % ", ".join(args.only))
        self.programs.sort()

    def classify(self, code, out):
        """A finding's signature, or None when the run ended as Quire promises."""
        fatal = re.search(r"Fatal error[^\n]*", out)
        if fatal:
            return re.sub(r"\d+", "N", fatal.group())[:160]
        for marker in ("ERROR: AddressSanitizer", "failed to allocate", "Stack overflow", "Segmentation fault"):
            if marker in out:
                return marker
        if code is not None and code < 0:
            last = [l for l in out.strip().split("\n") if l.strip()][-1:]
            if not last:
                return "%s (no message)" % signal_name(code)
            return "%s: %s" % (signal_name(code), re.sub(r"\d+", "N", last[0])[:120])
        if code is not None and code not in (0, 1):
            return "exit status %d" % code
        return None

    def one(self, worker, rng):
        name, text = rng.choice(self.programs)
        mutant = mutate(text, self.donors, rng)
        folder = os.path.join(self.tree, "Tests", "Golden", os.path.dirname(name))
        path = os.path.join(folder, "_mutant_%d.qr" % worker)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(mutant)
        code, out, _ = run([self.quire, "run", path], folder, self.args.timeout, self.args.memory_gb)
        signature = self.classify(code, out)
        if code is None and signature is None:
            signature = self.check_stops(worker, folder, mutant)
            if signature:
                out = "(ran past %ss as a script; as a notebook cell it did not stop at its time limit)\n%s" % (
                    self.args.timeout, signature)
        with self.lock:
            self.runs += 1
        if signature:
            self.record(signature, name, mutant, code, out)

    def check_stops(self, worker, folder, program):
        """A run that outlasted the time limit: does a cell's time limit stop it?"""
        fence = "````" if "```" in program else "```"
        notebook = "# fuzz\n\n%squire\n%s\n%s\n" % (fence, program, fence)
        path = os.path.join(folder, "_mutant_%d.md" % worker)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(notebook)
        limit = 2
        code, out, seconds = run([self.quire, "run", path, "--timeout", "%ds" % limit], folder,
                                 limit + self.args.stop_grace, self.args.memory_gb)
        if code is None:
            size = "a program of %s" % ("100 KB or more" if len(program) >= 100_000 else "under 100 KB")
            return "does not stop at a cell's time limit (killed %gs after it; %s)" % (self.args.stop_grace, size)
        return self.classify(code, out)

    def record(self, signature, name, mutant, code, out):
        with self.lock:
            first = signature not in self.findings
            self.findings[signature] = self.findings.get(signature, 0) + 1
            if not first and self.findings[signature] > self.args.keep_per_signature:
                return
            self.saved += 1
            stem = os.path.join(self.findings_dir, "finding-%03d" % self.saved)
        with open(stem + ".qr", "w", encoding="utf-8") as fh:
            fh.write(mutant)
        with open(stem + ".txt", "w", encoding="utf-8") as fh:
            fh.write("signature: %s\nfrom: Tests/Golden/%s\nstatus: %s\n" % (
                signature, name, "timeout" if code is None else code))
            fh.write("replay: scripts/mutate-golden.py --replay %s.qr --from Tests/Golden/%s\n\n" % (stem, name))
            fh.write(out[-8000:] + "\n")
        if first:
            print("FOUND %s\n  %s.qr (mutant of Tests/Golden/%s)" % (signature, stem, name), flush=True)

    def loop(self, worker, deadline, seed):
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            try:
                self.one(worker, rng)
            except Exception as e:  # a fault of this script, not of quire: report and go on
                print("mutate-golden: %s: %s" % (type(e).__name__, e), file=sys.stderr)

    def main(self):
        seconds = self.args.minutes * 60
        seed = self.args.seed if self.args.seed is not None else random.randrange(1 << 30)
        print("mutation fuzz: %d golden programs, %d job(s), %gs, seed %d, quire %s" % (
            len(self.programs), self.args.jobs, seconds, seed, self.quire), flush=True)
        deadline = time.monotonic() + seconds
        with ThreadPoolExecutor(self.args.jobs) as pool:
            for w in range(self.args.jobs):
                pool.submit(self.loop, w, deadline, seed * 1000 + w)
        print("runs: %d, distinct findings: %d" % (self.runs, len(self.findings)))
        for signature, count in sorted(self.findings.items(), key=lambda kv: -kv[1]):
            print("  %5d  %s" % (count, signature))
        if self.findings:
            print("findings saved in %s (each NAME.qr with NAME.txt: output and replay command)" % self.findings_dir)
            return 1
        shutil.rmtree(self.work, ignore_errors=True)
        return 0


def replay(args):
    """Runs one saved program as the fuzzer did, beside the golden program it came from."""
    source = os.path.abspath(args.replay)
    origin = args.origin
    notes = os.path.splitext(source)[0] + ".txt"
    if not origin and os.path.exists(notes):
        with open(notes, encoding="utf-8") as fh:
            origin = next((l[len("from: "):].strip() for l in fh if l.startswith("from: ")), None)
    folder = os.path.join(ROOT, os.path.dirname(origin or "Tests/Golden/language/x.qr"))
    work = tempfile.mkdtemp(prefix="quire-replay-")
    shutil.copytree(os.path.join(ROOT, "Tests"), os.path.join(work, "Tests"))
    shutil.copytree(os.path.join(ROOT, "notebooks", "data"), os.path.join(work, "notebooks", "data"))
    target = os.path.join(work, os.path.relpath(folder, ROOT), "_replay.qr")
    shutil.copy(source, target)
    cmd = [os.path.abspath(args.quire), "run", target]
    print("$ (cd %s && %s)" % (os.path.dirname(target), " ".join(cmd)))
    code, out, seconds = run(cmd, os.path.dirname(target), args.timeout, args.memory_gb)
    sys.stdout.write(out)
    print("\n[status: %s after %.1fs]" % ("timeout" if code is None else (signal_name(code) if code < 0 else code), seconds))
    shutil.rmtree(work, ignore_errors=True)
    return 0 if code in (0, 1) else 1


def default_quire():
    for build in ("release", "debug"):
        path = os.path.join(ROOT, ".build", build, "quire")
        if os.path.exists(path):
            return path
    return os.path.join(ROOT, ".build", "debug", "quire")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=1, help="how long to run (default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="programs run at once (default 2)")
    parser.add_argument("--quire", default=default_quire(), help="the quire binary (default: .build/release/quire, else .build/debug/quire)")
    parser.add_argument("--timeout", type=float, default=10, help="seconds a run may take before it is checked for stopping (default 10)")
    parser.add_argument("--stop-grace", type=float, default=5, help="seconds past a cell's 2 s time limit before a run counts as unstoppable (default 5)")
    parser.add_argument("--memory-gb", type=float, default=8, help="address-space limit of each run in GB (default 8; 0 for none, needed by an ASan build of quire)")
    parser.add_argument("--seed", type=int, help="random seed (default: a random one, printed)")
    parser.add_argument("--out", help="folder for findings (default: a new temporary folder)")
    parser.add_argument("--keep-per-signature", type=int, default=3, help="programs saved per distinct finding (default 3)")
    parser.add_argument("--only", metavar="FOLDER", action="append", default=[],
                        help="mutate only the programs under this folder of Tests/Golden (e.g. networks); may be repeated")
    parser.add_argument("--replay", metavar="PROGRAM", help="run one saved program and show how it ends")
    parser.add_argument("--from", dest="origin", metavar="GOLDEN", help="with --replay: the golden program it came from, whose folder it runs in (default: read from the finding's .txt)")
    args = parser.parse_args()
    if not os.path.exists(args.quire):
        print("mutate-golden: no quire binary at %s (build it: swift build --product quire)" % args.quire, file=sys.stderr)
        return 2
    if args.replay:
        return replay(args)
    return Fuzzer(args).main()


if __name__ == "__main__":
    sys.exit(main())
