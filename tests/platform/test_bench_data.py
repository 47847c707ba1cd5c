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
