"""scf.enums mirrors every Solidity enum of the platform: same names, same order, as the compiler
saw them (the AST in build/, written by `brownie compile`). issue 13: the enums were mirrored by
hand in five places in scf/."""

import json
import re
from pathlib import Path

import pytest

from scf import enums

BUILD = Path(__file__).resolve().parents[3] / "build"


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


def _enum_definitions(node, found: dict[str, list[str]]) -> None:
    if isinstance(node, dict):
        if node.get("nodeType") == "EnumDefinition":
            found[node["canonicalName"]] = [m["name"] for m in node["members"]]
        for value in node.values():
            _enum_definitions(value, found)
    elif isinstance(node, list):
        for value in node:
            _enum_definitions(value, found)


@pytest.fixture(scope="module")
def solidity_enums() -> dict[str, list[str]]:
    """Every enum declared in the project's own sources (contracts/, interfaces/), by canonical name."""
    found: dict[str, list[str]] = {}
    artifacts = sorted(BUILD.glob("contracts/*.json")) + sorted(BUILD.glob("interfaces/*.json"))
    if not artifacts:
        pytest.fail("no build artifacts: run `brownie compile` first")
    for path in artifacts:
        ast = json.loads(path.read_text()).get("ast") or {}
        if str(ast.get("absolutePath", "")).startswith(("contracts/", "interfaces/")):
            _enum_definitions(ast, found)
    return found


@pytest.mark.parametrize("py_enum", list(enums.SOLIDITY), ids=lambda e: e.__name__)
def test_each_enum_has_the_solidity_names_in_order(py_enum, solidity_enums):
    interface, name = enums.SOLIDITY[py_enum]
    members = solidity_enums.get(f"{interface}.{name}")
    assert members is not None, f"{interface}.{name} not found in the build"
    assert [m.name for m in py_enum] == [_snake(m) for m in members]
    assert [m.value for m in py_enum] == list(range(len(members)))


def test_every_solidity_enum_is_mirrored(solidity_enums):
    mirrored = {f"{interface}.{name}" for interface, name in enums.SOLIDITY.values()}
    assert set(solidity_enums) - mirrored == set()


def test_a_label_reads_as_words():
    assert enums.OrderStatus.IN_WAREHOUSE.label == "in warehouse"
    assert enums.DealStatus.BOUGHT_BACK.label == "bought back"
    assert enums.OrderStatus(3) is enums.OrderStatus.IN_WAREHOUSE


@pytest.mark.parametrize("py_enum", list(enums.SOLIDITY), ids=lambda e: e.__name__)
def test_a_key_is_the_solidity_member_in_lower_camel_case(py_enum, solidity_enums):
    """The reports and the replay name a status by ``key`` (``inWarehouse``, ``boughtBack``): the
    Solidity member with its first letter lowered, for every member of every enum."""
    interface, name = enums.SOLIDITY[py_enum]
    members = solidity_enums[f"{interface}.{name}"]
    assert [m.key for m in py_enum] == [m[0].lower() + m[1:] for m in members]


def test_order_milestones_of_the_activity_report_come_from_the_enum():
    """issue 13: ``scf.reporting.activity`` mirrored IOrderEscrow.Milestone by hand."""
    from scf.reporting.activity import ORDER_MILESTONES

    assert ORDER_MILESTONES == ("shipped", "inWarehouse", "delivered")
    assert ORDER_MILESTONES == tuple(m.key for m in enums.Milestone)
