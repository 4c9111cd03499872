"""Each app's api.py names what other apps may use, one name at a time (OEP-49): a
re-exported module would hand over everything in it, its writes included."""

import importlib
import importlib.util
import inspect
import pkgutil

import pytest

import impulsa

APIS = sorted(
    f"impulsa.{info.name}.api"
    for info in pkgutil.iter_modules(impulsa.__path__)
    if info.ispkg and importlib.util.find_spec(f"impulsa.{info.name}.api") is not None
)


def test_every_app_with_a_boundary_is_checked():
    # The apps that other apps import today; a new app's api.py joins the list by itself.
    assert {
        "impulsa.accounts.api",
        "impulsa.assessment.api",
        "impulsa.audit.api",
        "impulsa.learning.api",
        "impulsa.org.api",
    } <= set(APIS)


@pytest.mark.parametrize("name", APIS)
def test_api_exports_named_things_and_no_modules(name):
    api = importlib.import_module(name)
    exported = getattr(api, "__all__", None)
    assert exported, f"{name} has no __all__: list what other apps may use"
    assert len(exported) == len(set(exported)), f"{name}.__all__ repeats a name"
    missing = [n for n in exported if not hasattr(api, n)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"
    modules = [n for n in exported if inspect.ismodule(getattr(api, n))]
    assert not modules, f"{name} re-exports whole modules: {modules}; name what is used"


@pytest.mark.parametrize("name", APIS)
def test_api_offers_no_module_beside_its_names(name):
    # `from impulsa.org.api import selectors` works without __all__ listing it:
    # any module bound in api.py is reachable through the boundary.
    api = importlib.import_module(name)
    modules = [
        n for n, value in vars(api).items() if inspect.ismodule(value) and not n.startswith("_")
    ]
    assert not modules, f"{name} binds modules other apps could import: {modules}"
