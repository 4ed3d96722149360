"""tools/probe_spam.py: the real-text precision probe of the spam cleaner."""
import json

from tools import probe_spam

CLEAN_POST = "今天天气很好，我们去公园散步，看到很多人在放风筝。"
REVIEW = "这家店的菜很好吃，服务也不错，下次还会再来。"
SITEMAP_LINE = "网站地图: http://www.example.com/sitemap.xml"


def _sources(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    rows = [{"id": "p1", "text": CLEAN_POST + "\n" + SITEMAP_LINE}, {"id": "p2", "text": REVIEW},
            {"id": "p3", "text": CLEAN_POST}]
    (posts / "docs.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                      encoding="utf-8")
    news = tmp_path / "news.txt"
    news.write_text(f"体育\t{REVIEW}\n\n{CLEAN_POST}\n", encoding="utf-8")
    return str(posts), str(news)


def test_reads_jsonl_folders_and_text_files_one_document_a_line(tmp_path):
    posts, news = _sources(tmp_path)
    assert [i for i, _ in probe_spam.read_documents(posts)] == ["p1", "p2", "p3"]
    # a label before a tab (THUCNews) is not the document's text; blank lines are no documents
    assert list(probe_spam.read_documents(news)) == [("news.txt:1", REVIEW), ("news.txt:3", CLEAN_POST)]


def test_counts_documents_commas_and_every_cut_with_its_reason_and_detector(tmp_path):
    posts, _news = _sources(tmp_path)
    result = probe_spam.probe_source("posts", posts)
    assert (result.documents, result.commas) == (3, 6)  # full-width commas are normalised first
    assert result.cuts == (probe_spam.Cut("p1", "spam_link", "drop_spam_links", SITEMAP_LINE),)
    assert probe_spam.probe_source("posts", posts, first=2).documents == 2
    text = probe_spam.report([result], examples=2)
    assert "1 spans cut" in text and "drop_spam_links" in text and "p1" in text


def test_source_names_and_per_source_counts(tmp_path):
    posts, news = _sources(tmp_path)
    assert probe_spam.parse_source(posts) == ("posts", posts, None)
    assert probe_spam.parse_source(f"pku:2={news}") == ("pku", news, 2)
    assert probe_spam.parse_source(f"weibo={posts}") == ("weibo", posts, None)


def test_json_is_deterministic_and_compare_names_added_and_dropped_spans(tmp_path, capsys):
    posts, news = _sources(tmp_path)
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    for out in outs:
        assert probe_spam.main([posts, f"news={news}", "--json", str(out)]) == 0
    assert outs[0].read_bytes() == outs[1].read_bytes()
    before = json.loads(outs[0].read_text(encoding="utf-8"))
    after = json.loads(outs[0].read_text(encoding="utf-8"))
    after["sources"][0]["cuts"] = [{"id": "p2", "reason": "injected_keyword", "detector": "lone_place",
                                    "text": ",服务也不错"}]
    report = probe_spam.compare(before, after)
    assert report.splitlines()[0] == "spans cut: 1 -> 1 (1 added, 1 no longer cut)"
    assert "+ posts p2 injected_keyword/lone_place: ',服务也不错'" in report
    assert "- posts p1 spam_link/drop_spam_links" in report
    capsys.readouterr()
    (tmp_path / "c.json").write_text(json.dumps(after, ensure_ascii=False), encoding="utf-8")
    assert probe_spam.main(["--compare", str(outs[0]), str(tmp_path / "c.json")]) == 0
    assert "1 added" in capsys.readouterr().out
