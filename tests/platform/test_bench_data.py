"""The benchmarks' data is made with the models of now: a model change that breaks a benchmark's
seeding is found here, not the day someone measures."""
import pytest

from bench import load_bench, proposals_bench


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path}/bench.db"


def test_the_proposals_benchmark_makes_its_consultation_and_debate(database_url):
    from sqlalchemy import create_engine, text

    consultation_id, proposal_id = proposals_bench.fill(database_url, 90)
    with create_engine(database_url).connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM proposal WHERE consultation_id = :c"), {"c": consultation_id}) == 90
        replies = conn.execute(text("SELECT count(*), count(root_id) FROM comment WHERE parent_id IS NOT NULL")).one()
        assert conn.scalar(text("SELECT count(*) FROM comment WHERE proposal_id = :p"), {"p": proposal_id}) == 93
        assert tuple(replies) == (31, 31)  # replies, each in its conversation


def test_the_load_benchmark_makes_its_people_and_proposals(database_url):
    consultation_id, proposal_ids, sessions = load_bench.seed(database_url, 4, 3)
    assert len(proposal_ids) == 3 and len(sessions) == 4


def test_every_page_of_the_large_town_benchmark_answers_on_its_data(database_url, monkeypatch, capsys):
    """The large town's data, smaller, and each page the benchmark asks for (exit status 0: all 200)."""
    from types import SimpleNamespace

    from bench import large_town_bench, large_town_data

    for name, size in {"RESIDENTS": 300, "BIG_PROPOSALS": 200, "ANSWERED": 50, "VOTES": 1_000, "COMMENTS": 600,
                       "DEBATE": 100, "REPORTS": 40, "DECISIONS": 20, "NOTICES": 200, "STAFF_LOG": 50}.items():
        monkeypatch.setattr(large_town_data, name, size)
    town = large_town_data.fill(database_url)
    assert large_town_bench.run(database_url, town, SimpleNamespace(rounds=1, only=None)) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(large_town_bench.PAGES) + 1
