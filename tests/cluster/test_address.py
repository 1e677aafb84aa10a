"""``--cluster`` addresses and the ``DECLASS_CLUSTER`` setting: what is accepted, and one-line errors."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from declass.cli import app
from declass.cluster import ClusterSpec, parse_address
from declass.errors import ConfigError
from declass.settings import load_settings
from tests.conftest import NTS_REPORT


@pytest.mark.parametrize(
    ("raw", "spec"),
    [
        ("local", ClusterSpec(None, 3)),
        ("local:1", ClusterSpec(None, 1)),
        (" local:8 ", ClusterSpec(None, 8)),
        ("tcp://10.0.0.5:8786", ClusterSpec("tcp://10.0.0.5:8786")),
        ("tls://scheduler.example:8786", ClusterSpec("tls://scheduler.example:8786")),
    ],
)
def test_addresses_parse(raw: str, spec: ClusterSpec) -> None:
    assert parse_address(raw, default_workers=3) == spec


@pytest.mark.parametrize("raw", ["local:0", "local:two", "remote", "10.0.0.5:8786", "tcp://"])
def test_a_bad_address_is_a_config_error_naming_it(raw: str) -> None:
    with pytest.raises(ConfigError, match="--cluster"):
        parse_address(raw)


def test_the_setting_comes_from_declass_cluster() -> None:
    assert load_settings({"DECLASS_CLUSTER": "local:2"}).cluster == "local:2"
    assert load_settings({}).cluster is None


def test_ingest_with_a_bad_cluster_address_fails_with_one_line(tmp_path: object) -> None:
    result = CliRunner().invoke(app, ["ingest", str(NTS_REPORT), "--db", "sqlite:///:memory:", "--cluster", "local:zero"])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "local:zero" in lines[0] and lines[0].startswith("error:")
