"""The graph page's hedge filter offers the model's hedge list (declass.model.HEDGES), in order."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from declass.model import HEDGES


def test_graph_hedge_filter_lists_every_hedge(client: TestClient) -> None:
    page = client.get("/graph").text
    select = page[page.index('<select id="hedge">') :]
    options = re.findall(r"<option(?: value=\"[^\"]*\")?>([^<]*)</option>", select[: select.index("</select>")])
    assert options == ["any", *HEDGES]
