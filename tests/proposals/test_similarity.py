"""Similar proposals: ranked by text similarity, accent- and stop-word-aware, same consultation."""
from consult.proposals.similarity import similar_proposals, stem


def test_stem_merges_plural_forms():
    assert stem("pistes") == stem("piste")
    assert stem("cyclables") == stem("cyclable")
    assert stem("ecoles") == stem("ecole")
    assert stem("journaux") == stem("journal")


def test_best_match_first(app, make, open_consultation):
    author = make.user()
    make.proposal(open_consultation, author, title="Un jardin partagé au parc", body="Des légumes et des fleurs pour tous.")
    make.proposal(open_consultation, author, title="Une école de musique", body="Des cours du soir pour les adultes.")
    make.proposal(open_consultation, author, title="Réparer la piste d'athlétisme", body="Le stade a besoin de travaux.")
    best = make.proposal(open_consultation, author, title="Pistes cyclables près des écoles",
                         body="Des aménagements cyclables pour que les enfants aillent à l'école à vélo.")
    found = similar_proposals(open_consultation, "piste cyclable école")
    assert found[0].id == best.id
    assert all(p.title != "Un jardin partagé au parc" for p in found)


def test_at_most_five_published_of_the_same_consultation(app, make, open_consultation):
    author = make.user()
    for i in range(7):
        make.proposal(open_consultation, author, title=f"Piste cyclable numéro {i}", body="Une piste cyclable de plus.")
    make.proposal(open_consultation, author, title="Piste cyclable retirée", body="Piste cyclable.", status="withdrawn")
    make.proposal(open_consultation, author, title="Piste cyclable en attente", body="Piste cyclable.", status="pending")
    elsewhere = make.consultation(territory=open_consultation.territory)
    make.proposal(elsewhere, author, title="Piste cyclable ailleurs", body="Une piste cyclable ailleurs.")
    found = similar_proposals(open_consultation, "Une piste cyclable")
    assert len(found) == 5
    assert all(p.consultation_id == open_consultation.id and p.status == "published" for p in found)


def test_stop_words_and_nothing_found(app, make, open_consultation):
    make.proposal(open_consultation, title="Des bancs dans le parc", body="Pour se reposer à l'ombre des arbres.")
    assert similar_proposals(open_consultation, "les des pour dans") == []
    assert similar_proposals(open_consultation, "Une piscine municipale") == []
    assert similar_proposals(open_consultation, "") == []


def test_accents_and_case_ignored(app, make, open_consultation):
    p = make.proposal(open_consultation, title="Sécurité routière près du collège", body="Ralentir la circulation.")
    assert similar_proposals(open_consultation, "SECURITE ROUTIERE COLLEGE")[0].id == p.id


def test_like_wildcards_escaped(app, make, open_consultation):
    make.proposal(open_consultation, title="Un titre quelconque ici", body="Un corps quelconque.")
    assert similar_proposals(open_consultation, "%%% ___") == []


def test_exclude_self(app, make, open_consultation):
    p = make.proposal(open_consultation, title="Pistes cyclables près des écoles")
    assert similar_proposals(open_consultation, p.title, exclude_id=p.id) == []


def test_words_with_oe_are_compared_whole(app, make, open_consultation):
    heart = make.proposal(open_consultation, title="Fleurir le cœur historique", body="Des jardinières partout.")
    make.proposal(open_consultation, title="Un mur végétal", body="Du lierre sur le mur.")
    assert similar_proposals(open_consultation, "Un cœur de ville") == [heart]  # "coeur", not "ur"
