"""Frozen evaluation sets for spam cleaning and quality filtering, and their scorer.

``prepare_sources`` copies the raw material out of public repositories, ``build_spam_eval`` and
``build_articles_eval`` turn it into page sets with a ``gold.jsonl``, ``score_pipeline`` runs the
pipeline's CLI over a set and scores its output.
"""
