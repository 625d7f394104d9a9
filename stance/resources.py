"""Where the model lives, how it is written, and how it is checked before it is trusted.

The artefact is a joblib file beside a JSON *model card*; the card holds the artefact's sha256,
and loading recomputes the hash **before** unpickling. Unpickling runs code, so a model file
from a path you give is only loaded with ``trusted=True`` (see ``SECURITY.md``).

Resolution order of :func:`load_model`:

1. an explicit ``path`` (needs ``trusted=True``);
2. the ``STANCE_MODEL`` environment variable (needs ``STANCE_TRUST_MODEL=1`` as well);
3. the model shipped inside the installed package (``stance/_bundled``, from ``models/``);
4. the ``models/`` folder of a source checkout (editable installs).

>>> import stance
>>> model = stance.load_model()          # the bundled, verified model
>>> model.card["labels"]["topics"]
['trade', 'immigration', 'defence', 'tech']
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import warnings
from importlib import resources as importlib_resources
from pathlib import Path

import joblib
import sklearn

from .exceptions import ModelIntegrityError
from .labels import TONES, TOPICS
from .text import atomic_write_bytes, atomic_write_text

ARTEFACT_NAME = "stance-model.joblib"
CARD_NAME = "stance-model.card.json"
FORMAT = "stance-model/1"
ENV_PATH = "STANCE_MODEL"
ENV_TRUST = "STANCE_TRUST_MODEL"

_CHECKOUT_MODELS = Path(__file__).resolve().parent.parent / "models"
_cache: dict[str, object] = {}


class ModelVersionWarning(UserWarning):
    """The model was trained under another scikit-learn minor version than the one installed."""


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def card_path_for(artefact: str | Path) -> Path:
    """The card that belongs to an artefact: ``X.joblib`` -> ``X.card.json``."""
    p = Path(artefact)
    return p.with_name(p.name[: -len(".joblib")] + ".card.json" if p.name.endswith(".joblib") else p.name + ".card.json")


def save_model(model, card: dict, out_dir: str | Path, name: str = ARTEFACT_NAME) -> Path:
    """Write ``model`` with joblib and its card beside it, each atomically.

    The card gets ``artefact``, ``artefact_sha256`` and ``format`` filled in. Returns the
    artefact path.
    """
    out = Path(out_dir) / name
    buf = io.BytesIO()
    joblib.dump({"format": FORMAT, "model": model}, buf, compress=3)
    data = buf.getvalue()
    card = dict(card, format=FORMAT, artefact=out.name, artefact_sha256=hashlib.sha256(data).hexdigest())
    atomic_write_bytes(out, data)
    atomic_write_text(card_path_for(out), json.dumps(card, indent=2, sort_keys=False) + "\n")
    return out


def _bundled_artefact() -> Path | None:
    try:
        ref = importlib_resources.files("stance") / "_bundled" / ARTEFACT_NAME
        with importlib_resources.as_file(ref) as p:
            if Path(p).is_file():
                return Path(p)
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    return None


def resolve_model_path(path: str | Path | None = None) -> tuple[Path, str]:
    """The artefact to load and where it came from (``explicit``, ``env``, ``package``, ``checkout``)."""
    if path is not None:
        return Path(path), "explicit"
    env = os.environ.get(ENV_PATH)
    if env:
        return Path(env), "env"
    bundled = _bundled_artefact()
    if bundled is not None:
        return bundled, "package"
    local = _CHECKOUT_MODELS / ARTEFACT_NAME
    if local.is_file():
        return local, "checkout"
    raise ModelIntegrityError(
        "no stance model found: none given, $STANCE_MODEL unset, none in the installed package "
        f"and none at {local}. Train one with `stance train DATA`.")


def read_card(artefact: str | Path) -> dict:
    """The model card beside an artefact, parsed; a clear error if missing or unreadable."""
    cp = card_path_for(artefact)
    try:
        return json.loads(Path(cp).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelIntegrityError(f"model card {cp} is missing; a model is only loaded with its card") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelIntegrityError(f"model card {cp} is not valid JSON: {exc}") from None


def add_card_metrics(artefact: str | Path, key: str, results: dict) -> Path:
    """Add ``results`` under ``metrics[key]`` of the card beside ``artefact`` (written atomically;
    the card is not part of the artefact hash). For evaluation scripts run after training."""
    from .text import atomic_write_text

    card = read_card(artefact)
    card.setdefault("metrics", {})[key] = results
    cp = card_path_for(artefact)
    atomic_write_text(cp, json.dumps(card, indent=2) + "\n")
    return cp


def verify(artefact: str | Path) -> dict:
    """Check an artefact against its card without unpickling it; returns the card.

    Raises :class:`ModelIntegrityError` when the file is missing, the card is missing, or
    the sha256 differs.
    """
    artefact = Path(artefact)
    if not artefact.is_file():
        raise ModelIntegrityError(f"model file {artefact} does not exist")
    card = read_card(artefact)
    if card.get("format") != FORMAT:
        raise ModelIntegrityError(f"{card_path_for(artefact)} is not a {FORMAT} card (format={card.get('format')!r})")
    actual = sha256_file(artefact)
    if actual != card.get("artefact_sha256"):
        raise ModelIntegrityError(
            f"model file {artefact} does not match its card: sha256 is {actual}, the card expects "
            f"{card.get('artefact_sha256')}. The file is corrupt or was replaced; refusing to load it.")
    labels = card.get("labels", {})
    if tuple(labels.get("topics", ())) != TOPICS or tuple(labels.get("tones", ())) != TONES:
        raise ModelIntegrityError(f"model labels {labels} differ from this stance's {TOPICS} / {TONES}")
    return card


def _check_versions(card: dict, artefact: Path) -> None:
    trained = str(card.get("versions", {}).get("scikit-learn", ""))
    if trained.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        warnings.warn(
            f"model {artefact.name} was trained with scikit-learn {trained or 'unknown'} but "
            f"{sklearn.__version__} is installed; its predictions may differ or fail. Retrain with "
            "`stance train` or install the matching scikit-learn.", ModelVersionWarning, stacklevel=3)


def load_model(path: str | Path | None = None, *, trusted: bool = False):
    """Load a verified :class:`~stance.model.StanceModel` with its card as ``model.card``.

    ``path``: a ``.joblib`` artefact with its ``.card.json`` beside it. Because joblib files
    run code when loaded, a path you give is refused unless ``trusted=True``. The bundled
    model is verified and needs no flag. Loaded models are cached per path, size and modification time.
    """
    artefact, origin = resolve_model_path(path)
    if origin == "explicit" and not trusted:
        raise ModelIntegrityError(
            f"refusing to unpickle {artefact}: joblib files can run code when loaded. Pass "
            "trusted=True (CLI: --trust-model) only for files you made or got from a source you trust.")
    if origin == "env" and os.environ.get(ENV_TRUST) != "1" and not trusted:
        raise ModelIntegrityError(
            f"refusing to unpickle $STANCE_MODEL={artefact}: set STANCE_TRUST_MODEL=1 as well to "
            "say the file is trusted (joblib files can run code when loaded).")
    try:
        st = artefact.stat()
        key = f"{artefact.resolve()}:{st.st_mtime_ns}:{st.st_size}"
    except OSError:
        key = None
    if key in _cache:
        return _cache[key]
    card = verify(artefact)
    _check_versions(card, artefact)
    payload = joblib.load(artefact)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ModelIntegrityError(f"{artefact} is not a {FORMAT} artefact")
    model = payload["model"]
    model.card = card
    model.origin = origin
    model.path = str(artefact)
    _cache[key] = model
    return model


def cached_model(path: str | Path | None = None, *, trusted: bool = False):
    """:func:`load_model`, kept per process: worker processes call this so that each loads and
    verifies the model once, however many batches it scores."""
    return load_model(path, trusted=trusted) if path is not None else load_model()


# --------------------------------------------------------------------------- safe sharing (skops)

#: The only non-standard types a stance model in skops format may contain; anything else in a
#: file is refused before it is built.
SKOPS_TYPES = [
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "stance.features.analyse",
    "stance.features.analyse_masked",
    "stance.model.StanceModel",
]


def save_skops(model, path: str | Path) -> Path:
    """Write a model in the skops format (``pip install 'stance[skops]'``) for sharing: unlike
    joblib, loading it with :func:`load_skops` builds only known scikit-learn and stance types
    and runs no code from the file. Written atomically."""
    try:
        import skops.io as sio
    except ImportError:
        raise ModelIntegrityError("the skops format needs the optional extra: pip install 'stance[skops]'") from None
    card = getattr(model, "card", None)
    for attr in ("card", "origin", "path", "_feature_names_cache"):
        if hasattr(model, attr):
            delattr(model, attr)
    try:
        data = sio.dumps(model)
    finally:
        if card is not None:
            model.card = card
    path = Path(path)
    atomic_write_bytes(path, data)
    if card is not None:
        atomic_write_text(path.with_suffix(".card.json"), json.dumps(card, indent=2) + "\n")
    return path


def load_skops(path: str | Path):
    """Load a model written by :func:`save_skops`. No ``trusted`` flag is needed: the file is
    checked and refused if it holds any type outside :data:`SKOPS_TYPES` (or skops' own list of
    safe types), so loading cannot run code from it."""
    try:
        import skops.io as sio
    except ImportError:
        raise ModelIntegrityError("the skops format needs the optional extra: pip install 'stance[skops]'") from None
    path = Path(path)
    untrusted = sio.get_untrusted_types(file=path)
    unknown = sorted(set(untrusted) - set(SKOPS_TYPES))
    if unknown:
        raise ModelIntegrityError(f"{path} holds types stance does not expect, refusing to load it: {unknown}")
    model = sio.load(path, trusted=untrusted)
    if not hasattr(model, "predict_proba_features"):
        raise ModelIntegrityError(f"{path} does not hold a StanceModel (got {type(model).__name__})")
    card_path = path.with_suffix(".card.json")
    model.card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.exists() else {}
    model.origin, model.path = "skops", str(path)
    return model
