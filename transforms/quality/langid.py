"""Language identification with py3langid (its model ships inside the PyPI package).

The model is loaded once per process (a lazy module-level singleton, ~0.4 s),
so every Beam worker pays for it once, never per element. Its tables are
memory-mapped from one unpacked copy of the package's model file
(``langid_model.py``): ~6 MB resident after loading instead of ~74 MB, and only
the pages that texts visit later (~54 MB after 2,000 Chinese and English documents);
the same classifier (py3langid's own scoring code).

py3langid's model knows Mandarin (``zh``), Wu (``wuu``) and Cantonese (``yue``)
as separate classes, and splits short Simplified Chinese between ``zh`` and
``wuu`` (a headline like 对话专家:重拳打击遏制个人信息贩卖 gets wuu 0.53, zh 0.46).
Written Chinese web text is one language for this corpus, so the three are
folded into ``zh`` and their probabilities added.
"""
from __future__ import annotations

import logging
import threading
from typing import Dict, Optional, Tuple

# Classes folded into one output code: written Chinese in any variety and either script.
LANGUAGE_FOLDS: Dict[str, str] = {"wuu": "zh", "yue": "zh"}
# Only the start of a long document is classified: the language of a page is settled
# long before 2,000 characters and the cost grows with the length.
LANGID_MAX_CHARS = 2000
UNDETERMINED = "und"

_identifier = None
_lock = threading.Lock()
log = logging.getLogger(__name__)


def _load_identifier():
    """The compact identifier, or the package's own loader where the temporary copy cannot be
    written or mapped (a full or read-only temp folder): the same classifier, ~70 MB more per process."""
    from pagewash.transforms.quality.langid_model import load_compact_identifier

    try:
        return load_compact_identifier(norm_probs=True)
    except OSError as error:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        log.warning("language model: cannot map an unpacked copy (%s); loading py3langid's own tables", error)
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _get_identifier():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                _identifier = _load_identifier()
    return _identifier


def load_language_model() -> None:
    """Loads the model now (for ``DoFn.setup``), so that the first element does not pay for it."""
    _get_identifier()


def identify_language(text: Optional[str]) -> Tuple[str, float]:
    """(ISO 639-1 code, probability in [0, 1]) of the language of ``text``.

    ``und`` with probability 0 for text with no letters at all.
    """
    sample = (text or "")[:LANGID_MAX_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return UNDETERMINED, 0.0
    folded: Dict[str, float] = {}
    for lang, prob in _get_identifier().rank(sample):
        code = LANGUAGE_FOLDS.get(lang, lang)
        folded[code] = folded.get(code, 0.0) + prob
    # ties broken by code so the answer never depends on dict order
    lang, prob = max(folded.items(), key=lambda item: (item[1], item[0]))
    return lang, round(min(prob, 1.0), 6)
