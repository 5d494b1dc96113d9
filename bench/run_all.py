"""Run every bench/bench_*.py in turn and print their tables (``make bench``)."""
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

if __name__ == "__main__":
    scripts = sorted(glob.glob(os.path.join(HERE, "bench_*.py")))
    # The engine comparison (the I/O floor) comes first.
    scripts.sort(key=lambda p: (os.path.basename(p) != "bench_engine.py", p))
    failed = []
    for script in scripts:
        print(f"\n## {os.path.basename(script)}\n", flush=True)
        if subprocess.run([sys.executable, script]).returncode != 0:
            failed.append(script)
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")
