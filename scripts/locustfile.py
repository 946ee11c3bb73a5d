"""Locust users for scripts/loadtest.py: readers of one event's matrix and its cells.

scripts/loadtest.py writes the paths to request into a JSON file and names it in
PARALLAX_LOAD_PATHS: {"matrix": "/events/…/", "cells": ["/events/…/cells/…/…/", …]}.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

PATHS = json.loads(Path(os.environ["PARALLAX_LOAD_PATHS"]).read_text())


class Reader(HttpUser):
    """A student or researcher: opens the matrix, then reads cells one after another."""

    # Time to read a page before the next click.
    wait_time = between(1, 2)

    @task(1)
    def matrix(self) -> None:
        self.client.get(PATHS["matrix"], name="matrix page")

    @task(3)
    def cell(self) -> None:
        self.client.get(random.choice(PATHS["cells"]), name="cell view")
