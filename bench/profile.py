"""What a page spends its time on (`make bench` runs this for each page over
its target): the URL rendered in-process with the bench's settings and
database, the page cache off, under pyinstrument; prints the functions that
take the most time of their own, then the call tree's top."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from pyinstrument import Profiler  # noqa: E402

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

ROUNDS = 20


def main():
    url = sys.argv[1]
    settings.PAGE_CACHE_SECONDS = 0
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.get(url)  # warm, as a worker would be
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(ROUNDS):
            client.get(url)
    flat = profiler.output_text(unicode=True, color=False, flat=True)
    tree = profiler.output_text(
        unicode=True,
        color=False,
        processor_options={"filter_threshold": 0.05},
    )
    lines = [line for line in flat.splitlines() if line.strip()]
    print("\n".join(lines[:22]))
    print("...")
    print("\n".join(line for line in tree.splitlines()[:45] if line.strip()))


if __name__ == "__main__":
    main()
