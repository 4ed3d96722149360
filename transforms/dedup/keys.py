"""What the dedup stage knows of a document, and the keep order.

A :class:`DocKey` is small (ids, hashes, the signature): the graph work shuffles
these, never the documents; the documents are joined back once at the end.

**Keep order** (the best document of a cluster is the smallest ``rank``):

1. documents from an earlier run's index (``--dedup_against``) before new ones;
1'. in a cluster, copies that are not cut short (:func:`is_cut_short`: a core
   under :data:`TRUNCATED_SHARE` of the cluster's longest), so a reprint of the
   first paragraphs only never stands for the article;
2. documents whose spam was found and cut (``doc.removed`` has SEO-spam
   characters, :data:`~pagewash.transforms.reasons.SPAM_REMOVAL_REASONS`) before
   the others: near-copies of one article share its spam wrapper, so a copy
   with none found most likely still carries it;
2'. in a near-duplicate cluster of three or more, the copy that agrees most with
   the others (:func:`consensus`: mean share of equal MinHash values), so the
   kept copy is the article as most copies have it, not the one longer by a
   pasted sentence or an injected keyword only it carries;
3. higher quality score (``doc.quality["score"]``; missing counts as 0.0);
4. longer article core (:func:`~pagewash.transforms.dedup.core.core_text`: the
   prose lines the signature reads, so a copy's surviving keyword or link lines
   do not make it "longer"; documents of an earlier index rank by their stored
   length);
5. earlier ``published`` (ISO 8601 strings compare in time order when written
   alike; a document without a date comes after every dated one);
6. smaller id.

The kept member also gets the spam vocabulary the cluster's other members
learned (``spam_vocab``, :mod:`pagewash.transforms.dedup.carry`).

A cluster keeps more than one member only when it joined different articles
through a short copy of each (:func:`separate_members`).

Ids are unique, so the order is total and the kept document never depends on
the order documents were seen in.
"""
from __future__ import annotations

import math
import pickle
from typing import Any, Dict, Mapping, NamedTuple, Optional, Sequence, Tuple

import numpy as np
import xxhash

from pagewash.transforms.dedup.minhash import band_keys, shingle_hashes_of_folded, signature
from pagewash.transforms.dedup.normalize import SEPARATOR, exact_hash_of_folded, fold_code_points
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.dedup.carry import vocabulary_of
from pagewash.transforms.dedup.core import HEADLINE_MAX_CHARS, core_text
from pagewash.transforms.reasons import SPAM_REMOVAL_REASONS
from pagewash.transforms.record import Doc

OLD = 0  # origin of a document from an earlier run's index
NEW = 1  # origin of a document of this run

Rank = Tuple[int, int, float, int, Tuple[int, str], str]


def node_key(origin: int, doc_id: str) -> str:
    """The graph key of a document: an old and a new document may share an id."""
    return ("o:" if origin == OLD else "n:") + doc_id


def quality_score(quality: Optional[Mapping[str, Any]]) -> float:
    if not quality:
        return 0.0
    try:
        score = float(quality.get("score", 0.0))
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(score) else score


def spam_found(removed: Optional[Mapping[str, int]]) -> bool:
    """Whether spam cleaning cut SEO spam from the document."""
    return any(chars > 0 for reason, chars in (removed or {}).items() if reason in SPAM_REMOVAL_REASONS)


def keep_rank(origin: int, score: float, length: int, published: Optional[str], doc_id: str,
              spam_cut: bool = False) -> Rank:
    published_key = (0, published) if published else (1, "")
    return (origin, 0 if spam_cut else 1, -score, -length, published_key, doc_id)


class DocKey(NamedTuple):
    key: str  # node key (node_key)
    id: str
    origin: int  # OLD or NEW
    rank: Rank
    exact: str  # exact-duplicate hash ("" when the text has no letters or digits)
    mode: str  # shingle mode ("char" / "word")
    signature: Optional[bytes]  # little-endian uint32 values; None when there are no shingles
    bands: Tuple[int, ...]  # one LSH key per band (empty when there is no signature)
    score: float
    length: int
    published: Optional[str]
    spam_vocab: Tuple[str, ...] = ()  # the spam units the document (and its exact copies) learned
    shingles: int = 0  # distinct shingles the signature was computed on (0: unknown, as in an older index)
    # sorted 32-bit shingle hashes, the smallest SHINGLE_SAMPLE_SIZE (all of them for a shorter core):
    # what a pair whose signature estimate lies close to a bar is verified on (shingle_overlap);
    # None when unknown (an older index's documents)
    shingle_sample: Optional[bytes] = None

    @property
    def exact_group(self) -> str:
        """The exact-dedup group: the hash, or the document alone when it has no content."""
        return self.exact if self.exact else "alone:" + self.key

    def signature_array(self) -> np.ndarray:
        return np.frombuffer(self.signature, dtype="<u4")


def doc_key_of(doc: Doc, settings: DedupSettings) -> DocKey:
    """The dedup view of a new document (pure: what the Features step computes)."""
    text = doc.text or ""
    folded = fold_code_points(text)
    content = folded[folded != 0]
    exact = exact_hash_of_folded(folded) if len(content) else ""
    # the signature reads the article core: its prose lines (core.py)
    core = core_text(text)
    folded_core = folded if core is text else fold_code_points(core)
    shingles = shingle_hashes_of_folded(folded_core, settings)
    if len(shingles.hashes):
        sig = signature(shingles.hashes, settings.num_perm, settings.seed, settings.scheme)
        sig_bytes: Optional[bytes] = sig.astype("<u4").tobytes()
        bands = tuple(band_keys(sig, settings.bands, settings.rows))
    else:
        sig_bytes, bands = None, ()
    if bands:
        # the lead keys share one band slot (index settings.bands: beam.band_file_entries)
        bands = bands + lead_keys_of(core, folded_core, settings.lead_chars)
    shingle_count = int(np.unique(shingles.hashes).size) if len(shingles.hashes) else 0
    sample = shingle_sample_of(shingles.hashes) if len(shingles.hashes) else None
    score = quality_score(doc.quality)
    # "longer" is the article core's length: a copy's surviving residue lines do not make it win
    rank = keep_rank(NEW, score, len(core), doc.published, doc.id, spam_found(doc.removed))
    return DocKey(key=node_key(NEW, doc.id), id=doc.id, origin=NEW, rank=rank, exact=exact,
                  mode=shingles.mode, signature=sig_bytes, bands=bands, score=score, length=len(text),
                  published=doc.published, spam_vocab=vocabulary_of(doc), shingles=shingle_count,
                  shingle_sample=sample)


LEAD_BAND_SEED = 1 << 20  # the lead key's hash seed: apart from the band keys' (the band index)


def lead_key(folded: np.ndarray, lead_chars: int) -> Optional[int]:
    """The lead key of a folded article core: a 64-bit hash of its first ``lead_chars`` letters
    and digits (separators removed), or None when the core has fewer than that or ``lead_chars``
    is 0.  Copies of one article that open alike, a reprint cut short among them (a one-paragraph
    copy too), share it; a shared key only makes a candidate pair, which is verified."""
    if lead_chars <= 0:
        return None
    content = folded[folded != SEPARATOR]
    if len(content) < lead_chars:
        return None
    return xxhash.xxh3_64_intdigest(content[:lead_chars].astype("<u4", copy=False).tobytes(), seed=LEAD_BAND_SEED)


def lead_keys_of(core: str, folded_core: Optional[np.ndarray], lead_chars: int) -> Tuple[int, ...]:
    """The lead keys of an article core (sorted, distinct): :func:`lead_key` of the core, and of the
    core less its first line when that line is a headline's length (at most
    :data:`~pagewash.transforms.dedup.core.HEADLINE_MAX_CHARS` characters) and more lines follow, so
    a copy whose text opens with its headline and one that opens with the first paragraph (the
    headline kept in the page's title) share a key.  ``folded_core``: the core already folded."""
    if lead_chars <= 0 or not core:
        return ()
    keys = set()
    key = lead_key(fold_code_points(core) if folded_core is None else folded_core, lead_chars)
    if key is not None:
        keys.add(key)
    first, _, rest = core.partition("\n")
    if rest and len(first.strip()) <= HEADLINE_MAX_CHARS:
        key = lead_key(fold_code_points(rest), lead_chars)
        if key is not None:
            keys.add(key)
    return tuple(sorted(keys))


def estimated_containment(jaccard: float, shingles_a: int, shingles_b: int) -> float:
    """The share of the smaller shingle set inside the larger one, from their Jaccard and
    sizes: |A ∩ B| = J (|A| + |B|) / (1 + J); 0.0 when a size is unknown."""
    if shingles_a <= 0 or shingles_b <= 0:
        return 0.0
    common = jaccard * (shingles_a + shingles_b) / (1.0 + jaccard)
    return min(1.0, common / min(shingles_a, shingles_b))


SHINGLE_SAMPLE_SIZE = 1024  # shingle hashes a DocKey carries (4 KiB): all of a core of up to ~1,000 shingles


def shingle_sample_of(hashes: np.ndarray) -> bytes:
    """The smallest :data:`SHINGLE_SAMPLE_SIZE` distinct 32-bit shingle hashes (the top half of each
    64-bit hash), sorted, as little-endian bytes.  The hashes are uniform, so the smallest ones are a
    random sample of the shingle set that two documents draw alike (a bottom-k sketch)."""
    top = np.unique((np.asarray(hashes, dtype=np.uint64) >> np.uint64(32)).astype(np.uint32))
    return top[:SHINGLE_SAMPLE_SIZE].astype("<u4").tobytes()


def shingle_overlap(sample_a: bytes, sample_b: bytes) -> Tuple[float, float, bool]:
    """(Jaccard, containment of the smaller set in the larger, whether both are exact) of two
    documents' shingle sets, from their :func:`shingle_sample_of` samples.

    A sample cut at :data:`SHINGLE_SAMPLE_SIZE` holds the hashes up to its largest value; both samples
    are cut at the lower of those bounds, so both hold every shingle under it (the same random share of
    both sets), and the measures are those of the cut samples: exact when neither sample was cut, else
    estimates on 1,024 shingles or more of the smaller cut side instead of the signature's 128 values.
    The "smaller" set is the one with fewer sampled shingles under the bound."""
    a = np.frombuffer(sample_a, dtype="<u4")
    b = np.frombuffer(sample_b, dtype="<u4")
    cut_a, cut_b = len(a) >= SHINGLE_SAMPLE_SIZE, len(b) >= SHINGLE_SAMPLE_SIZE
    if cut_a or cut_b:
        bound = min(int(a[-1]) if cut_a else 1 << 32, int(b[-1]) if cut_b else 1 << 32)
        a = a[:np.searchsorted(a, bound, side="right")]
        b = b[:np.searchsorted(b, bound, side="right")]
    if not len(a) or not len(b):
        return 0.0, 0.0, not (cut_a or cut_b)
    common = int(np.intersect1d(a, b, assume_unique=True).size)
    union = len(a) + len(b) - common
    return common / union, common / min(len(a), len(b)), not (cut_a or cut_b)


def _duplicate_at(jaccard: float, containment: float, settings: DedupSettings) -> bool:
    """The verification rule on a pair's Jaccard and containment (see :func:`verify_pair`)."""
    if jaccard >= settings.threshold:
        return True
    lowest = min(settings.containment_min_jaccard, settings.truncated_min_jaccard)
    return settings.containment < 1.0 and jaccard >= lowest and containment >= settings.containment


def _short_copy_at(jaccard: float, containment: float, smaller: int, settings: DedupSettings) -> bool:
    """The short-copy tier, measured on shingle samples only: a copy of at least
    ``settings.short_copy_min_shingles`` shingles at least ``settings.containment`` contained in a
    longer one, from ``settings.short_copy_min_jaccard`` up (a one-paragraph repost of a long
    article).  The signature's estimate of the containment at such a Jaccard is too noisy to decide
    on: from J and the counts, +-0.044 in J moves it by a quarter."""
    return (settings.containment < 1.0 and jaccard >= settings.short_copy_min_jaccard
            and containment >= settings.containment and smaller >= settings.short_copy_min_shingles)


def signature_margin(num_perm: int) -> float:
    """How far a signature's Jaccard estimate can lie from the truth and still be noise: two standard
    errors at the widest, 2 * sqrt(0.25 / num_perm) (0.088 for 128 values)."""
    return 1.0 / math.sqrt(num_perm)


class PairVerdict(NamedTuple):
    duplicate: bool
    jaccard: float  # the signature's estimate, or the shingle samples' measure when they decided
    on_samples: bool  # decided on the shingle samples (the estimate lay within its noise of a bar)


def verify_pair(signature_a: bytes, shingles_a: int, signature_b: bytes, shingles_b: int,
                settings: DedupSettings, sample_a: Optional[bytes] = None,
                sample_b: Optional[bytes] = None) -> PairVerdict:
    """Whether two documents are near-duplicates.

    A pair is a duplicate when its Jaccard reaches ``settings.threshold``, or, from the lower of
    ``settings.containment_min_jaccard`` and ``settings.truncated_min_jaccard`` up, when the smaller
    document is at least ``settings.containment`` contained in the larger: a copy with a paragraph
    left out, or with lines or sentences of residue the other copies do not have, lies just under the
    threshold while nearly all of the smaller copy is in the larger one.

    The signature gives both measures (the share of equal values, and :func:`estimated_containment`
    from it and the shingle counts).  When the outcome would change within :func:`signature_margin`
    of that estimate (the signature's noise) and both documents carry their shingle samples
    (``sample_a``, ``sample_b``: ``DocKey.shingle_sample``), the pair is decided on
    :func:`shingle_overlap` instead: exactly for cores of under :data:`SHINGLE_SAMPLE_SIZE` shingles."""
    a = np.frombuffer(signature_a, dtype="<u4")
    b = np.frombuffer(signature_b, dtype="<u4")
    jaccard = float(np.count_nonzero(a == b)) / len(a)
    margin = signature_margin(len(a))

    def estimate(j: float) -> bool:
        j = min(1.0, max(0.0, j))
        return _duplicate_at(j, estimated_containment(j, shingles_a, shingles_b), settings)

    # the rule is monotone in the Jaccard: the estimate decides unless its noise could change the outcome,
    # or the pair may be a short copy contained in a longer one (decided on the samples alone)
    if sample_a is None or sample_b is None:
        return PairVerdict(estimate(jaccard), jaccard, False)
    high = min(1.0, jaccard + margin)
    short_copy = (not estimate(high) and high >= settings.short_copy_min_jaccard
                  and estimated_containment(high, shingles_a, shingles_b) >= settings.containment)
    if not short_copy and estimate(jaccard - margin) == estimate(high):
        return PairVerdict(estimate(jaccard), jaccard, False)
    sampled_jaccard, containment, _exact = shingle_overlap(sample_a, sample_b)
    duplicate = (_duplicate_at(sampled_jaccard, containment, settings)
                 or _short_copy_at(sampled_jaccard, containment, min(shingles_a, shingles_b), settings))
    return PairVerdict(duplicate, sampled_jaccard, True)


def is_duplicate_pair(signature_a: bytes, shingles_a: int, signature_b: bytes, shingles_b: int,
                      settings: DedupSettings, sample_a: Optional[bytes] = None,
                      sample_b: Optional[bytes] = None) -> Tuple[bool, float]:
    """(whether two documents are near-duplicates, their Jaccard): :func:`verify_pair`."""
    verdict = verify_pair(signature_a, shingles_a, signature_b, shingles_b, settings, sample_a, sample_b)
    return verdict.duplicate, verdict.jaccard


class Member(NamedTuple):
    """An exact-group representative as the cluster step sees it."""

    key: str
    id: str
    origin: int
    rank: Rank
    exact: str
    group_size: int  # documents with its exact hash (itself included)
    spam_vocab: Tuple[str, ...] = ()  # spam units of the exact group
    signature: Optional[bytes] = None  # its MinHash signature, for the cluster's consensus (None: unknown)


MIN_CONSENSUS_MEMBERS = 3  # documents: of two, each agrees with the other equally
MAX_CONSENSUS_REFERENCES = 64  # members (best ranked first) each member is compared with


def consensus(members: Sequence[Member]) -> Dict[str, float]:
    """Each member's mean agreement with the cluster's other members: the share of equal MinHash
    values, averaged over up to ``MAX_CONSENSUS_REFERENCES`` of them (the best ranked).  The copy
    that agrees most is the cluster's medoid: the article as most copies have it, without the
    residue one copy carries alone (a sentence pasted into it, a keyword injected between its
    commas, a line of spam the cleaner left) and without a paragraph one copy lost.  A member
    stands for its exact group (``group_size`` documents).  Empty when the signed members stand
    for fewer than ``MIN_CONSENSUS_MEMBERS`` documents or their signatures differ in length."""
    signed = [m for m in members if m.signature]
    if (len(signed) < 2 or sum(m.group_size for m in signed) < MIN_CONSENSUS_MEMBERS
            or len({len(m.signature) for m in signed}) != 1):
        return {}
    arrays = {m.key: np.frombuffer(m.signature, dtype="<u4") for m in signed}
    references = sorted(signed, key=lambda m: (m.rank, m.key))[:MAX_CONSENSUS_REFERENCES]
    out: Dict[str, float] = {}
    for member in signed:
        own = arrays[member.key]
        # an exact group stands for all its documents: its own copies agree with it fully
        equal = (member.group_size - 1) * len(own)
        documents = member.group_size - 1
        for r in references:
            if r.key != member.key:
                equal += r.group_size * int(np.count_nonzero(own == arrays[r.key]))
                documents += r.group_size
        out[member.key] = equal / (documents * len(own)) if documents else 0.0
    return out


TRUNCATED_SHARE = 0.6  # a member whose core is under this share of the cluster's longest is cut short


def is_cut_short(member: Member, longest: int) -> bool:
    """Whether a member's article core is under :data:`TRUNCATED_SHARE` of the cluster's longest
    (``longest`` characters): a reprint cut short, which would lose the other copies' paragraphs."""
    return longest > 0 and -member.rank[3] < TRUNCATED_SHARE * longest


def cluster_keep_key(member: Member, agreement: Mapping[str, float], longest: int = 0):
    """The cluster keep order: an earlier index's documents first, then the copies that are not cut
    short (:func:`is_cut_short`: a cluster joined by containment holds copies of the article's first
    paragraphs only), then the copies whose spam was found, then the most agreeing copy
    (:func:`consensus`), then the rest of :data:`Rank`."""
    return (member.rank[0], is_cut_short(member, longest), member.rank[1], -agreement.get(member.key, 0.0),
            member.rank, member.key)


DISTINCT_MAX_JACCARD = 0.4  # two members agreeing at least this much are one article (an edit chain)
DISTINCT_SHARE = 0.5  # ... and a member agreeing under this share of its size ratio is not a copy inside the other
MAX_SEPARATE_MEMBERS = 16  # members a cluster keeps at most (each later one is compared with those kept)


def _is_distinct(member: Member, kept: Member) -> bool:
    """Whether two members of a cluster are different articles: their signatures agree under
    :data:`DISTINCT_MAX_JACCARD` and under :data:`DISTINCT_SHARE` of the ratio of their core
    lengths.  A copy contained in the other agrees at about that ratio (J = |A| / |B| for A inside
    B); two articles that only share a short copy of a third (two digests that carry one item)
    agree at about nothing."""
    a, b = member.signature, kept.signature
    if not a or not b or len(a) != len(b):
        return False
    jaccard = float(np.count_nonzero(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4"))) / (len(a) // 4)
    lengths = sorted((max(1, -member.rank[3]), max(1, -kept.rank[3])))
    return jaccard < DISTINCT_MAX_JACCARD and jaccard < DISTINCT_SHARE * lengths[0] / lengths[1]


def separate_members(ordered: Sequence[Member]) -> list:
    """The members of a cluster that are kept: the first of ``ordered`` (the keep order), and each
    later member distinct (:func:`_is_distinct`) from every member kept before it.  A cluster is a
    connected component, and a containment edge is not transitive: a short copy contained in two
    longer articles joins them, and keeping one document would lose the other article.  Members
    without a signature (a cluster of one, an exact group alone) are never kept apart."""
    if not ordered:
        return []
    kept = [ordered[0]]
    for member in ordered[1:]:
        if len(kept) >= MAX_SEPARATE_MEMBERS:
            break
        if member.signature and all(_is_distinct(member, k) for k in kept):
            kept.append(member)
    return kept


class Decision(NamedTuple):
    """What happens to one document: kept if ``kept_key`` is its own key."""

    kept_key: str
    kept_id: str
    kept_exact: str
    cluster_size: int
    carried: Tuple[str, ...] = ()  # for the kept member: units other members learned, to apply


def pack(value) -> bytes:
    """A DocKey, Member or Decision as one bytes value, for a grouping (the same value packs to the
    same bytes).  The local runners hold a grouping's values as decoded objects: a DocKey is ~3 kB
    of Python objects and ~0.9 kB packed without its shingle sample (up to 4 KiB more, which only
    the keys' spill on disk holds)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(data: bytes):
    return pickle.loads(data)
