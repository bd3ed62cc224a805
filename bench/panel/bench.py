"""Driver of bench/panel/run: writes each synthetic panel, runs the CLI on it under
/usr/bin/time, and prints peak memory and time per report against the first (smallest)
size. A flat memory line means the panel streams: the scan keeps ~100 bytes per file, the
check holds one chunk of results at a time."""
import json
import pathlib
import re
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
YEARS = range(2021, 2026)


def write_panel(directory: pathlib.Path, n: int) -> None:
    base = json.loads((ROOT / "examples" / "reports" / "2021-county.json").read_text(encoding="utf-8"))
    del base["published"]
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for i in range(n):
        organ, year = divmod(i, len(YEARS))
        base["organ"] = f"测试县第{organ}局"
        base["year"] = YEARS[year]
        sub = directory / f"{organ // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{organ}-{YEARS[year]}.json").write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")


def run(cli: str, directory: pathlib.Path, output: str = "csv"):
    started = time.perf_counter()
    out = subprocess.run(
        ["/usr/bin/time", "-v", cli, "validate", str(directory), "--panel", "--output", output, "--out", "/dev/null"],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if out.returncode not in (0, 1):
        sys.exit(f"zfxxgk failed ({out.returncode}):\n{out.stderr}")
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr).group(1))
    summary = [l for l in out.stderr.splitlines() if l.startswith("zfxxgk")]
    return wall, peak_kb, summary[-1] if summary else ""


def main() -> None:
    cli = sys.argv[1]
    sizes = [int(a) for a in sys.argv[2:]] or [1_000, 10_000, 100_000]
    work = ROOT / "target" / "bench-panel"
    rows = []
    for n in sizes:
        write_panel(work, n)
        wall, peak_kb, summary = run(cli, work)
        text_wall, _, _ = run(cli, work, "text")
        rows.append((n, wall, peak_kb, summary, text_wall))
        print(f"{n:>8} reports: {wall:7.2f} s, {wall / n * 1e6:8.1f} µs/report, peak {peak_kb / 1024:7.1f} MiB   {summary}")
        print(f"{'':>8}          the same panel as text (no table): {text_wall:7.2f} s: the table costs ×{wall / text_wall:.2f}")
    shutil.rmtree(work, ignore_errors=True)
    n0, w0, m0, _, _ = rows[0]
    print(f"\nagainst {n0} reports in this run:")
    for n, wall, peak_kb, _, _ in rows:
        print(f"{n:>8} reports: ×{n / n0:>6.0f} reports, time per report ×{(wall / n) / (w0 / n0):.2f}, peak memory ×{peak_kb / m0:.2f}")


if __name__ == "__main__":
    main()
