"""The import contracts in pyproject.toml cover every app, the ones to come included.

import-linter checks only the packages a contract names: an app nobody added to the
contracts would be free to import anything. `contract_gaps` lists what is missing for
every package under src/impulsa/, so a new app fails here until it is added (the
comment above the contracts in pyproject.toml says how).
"""

import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.configuration import configure
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

from impulsa.settings import REPO_DIR

SRC = REPO_DIR / "src" / "impulsa"
# Shared plumbing (errors, fields, forms) that every app imports directly, by design.
WITHOUT_API = {"core"}


def project_contracts() -> list[dict]:
    with (REPO_DIR / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]["contracts"]


def _layer_packages(contracts) -> set[str]:
    """Every package a layers contract lists, optional ones ("(impulsa.x)") included."""
    names = set()
    for contract in contracts:
        if contract["type"] == "layers":
            for layer in contract["layers"]:
                for part in layer.replace(":", "|").split("|"):
                    names.add(part.strip().strip("()"))
    return names


def _has_api_contract(app: str, contracts) -> bool:
    """A protected contract that lets other modules import `app` only through its api."""
    module = f"impulsa.{app}"
    return any(
        contract["type"] == "protected"
        and {f"{module}.*", f"{module}.**"} & set(contract["protected_modules"])
        and f"impulsa.** -> {module}.api" in contract.get("ignore_imports", [])
        for contract in contracts
    )


def contract_gaps(src: Path, contracts) -> list[str]:
    """What the contracts miss for each package (a folder with __init__.py) in `src`;
    folders of data such as locale/ and templates/ are not packages."""
    layered = _layer_packages(contracts)
    gaps = []
    for app in sorted(p.name for p in src.iterdir() if (p / "__init__.py").is_file()):
        if f"impulsa.{app}" not in layered:
            gaps.append(f"{app}: not in the layers contract")
        if app not in WITHOUT_API and not _has_api_contract(app, contracts):
            gaps.append(f"{app}: no 'use {app} only through {app}.api' contract")
    return gaps


def _tree(tmp_path, packages, data_dirs=("locale", "templates")) -> Path:
    for name in packages:
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").touch()
    for name in data_dirs:
        (tmp_path / name).mkdir()
    return tmp_path


def _packages_of_the_project() -> list[str]:
    return [p.name for p in SRC.iterdir() if (p / "__init__.py").is_file()]


def test_every_package_of_the_project_is_covered_by_the_contracts():
    assert contract_gaps(SRC, project_contracts()) == []


def test_a_new_package_missing_from_the_contracts_is_caught(tmp_path):
    src = _tree(tmp_path, [*_packages_of_the_project(), "widgets"])

    assert contract_gaps(src, project_contracts()) == [
        "widgets: not in the layers contract",
        "widgets: no 'use widgets only through widgets.api' contract",
    ]


def test_an_app_to_come_has_its_layer_but_still_needs_its_api_contract(tmp_path):
    src = _tree(tmp_path, [*_packages_of_the_project(), "adaptive"])

    assert contract_gaps(src, project_contracts()) == [
        "adaptive: no 'use adaptive only through adaptive.api' contract"
    ]


def _contract(cls, name_start: str):
    configure()  # import-linter's own settings (its timer), as its command sets them
    (options,) = [c for c in project_contracts() if c["name"].startswith(name_start)]
    options = {key: value for key, value in options.items() if key not in ("name", "type")}
    return cls(
        name=name_start, session_options={"root_packages": ["impulsa"]}, contract_options=options
    )


def _graph_with(*imports: tuple[str, str]):
    """The project's import graph, plus the modules and imports given (apps to come)."""
    graph = grimp.build_graph("impulsa", cache_dir=None)
    for importer, imported in imports:
        for module in (importer, imported):
            graph.add_module(module.rpartition(".")[0])  # the app's package
            graph.add_module(module)
        graph.add_import(importer=importer, imported=imported)
    return graph


@pytest.fixture(scope="module")
def nothing_imports_analytics():
    return _contract(ForbiddenContract, "Nothing imports analytics")


@pytest.mark.parametrize("importer", ["impulsa.learning.views", "impulsa.celery"])
def test_importing_analytics_breaks_its_contract(nothing_imports_analytics, importer):
    graph = _graph_with(
        ("impulsa.analytics.api", "impulsa.learning.api"), (importer, "impulsa.analytics.api")
    )

    assert not nothing_imports_analytics.check(graph, verbose=False).kept


def test_analytics_may_import_itself_and_the_url_root_may_route_to_it(nothing_imports_analytics):
    graph = _graph_with(
        ("impulsa.analytics.views", "impulsa.analytics.api"),
        ("impulsa.urls", "impulsa.analytics.urls"),
    )

    assert nothing_imports_analytics.check(graph, verbose=False).kept


def test_the_layers_of_the_apps_to_come_are_enforced_once_they_exist():
    layers = _contract(LayersContract, "Dependencies point one way")
    proctoring_uses_adaptive = _graph_with(("impulsa.proctoring.views", "impulsa.adaptive.api"))
    adaptive_uses_proctoring = _graph_with(("impulsa.adaptive.views", "impulsa.proctoring.api"))

    assert not layers.check(proctoring_uses_adaptive, verbose=False).kept
    assert layers.check(adaptive_uses_proctoring, verbose=False).kept
