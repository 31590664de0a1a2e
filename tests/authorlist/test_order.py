from science4peace.lib.authorlist.model import Author
from science4peace.lib.authorlist.order import alphabetical


def names(authors):
    return [a.family for a in authors]


def test_unicode_collation_puts_accented_letters_with_their_base():
    authors = [
        Author("", f)
        for f in ["Zhang", "Åkesson", "Alberghi", "Al Khoury", "Aad", "Öztürk", "Bauer"]
    ]
    assert names(alphabetical(authors)) == [
        "Aad",
        "Åkesson",
        "Al Khoury",
        "Alberghi",
        "Bauer",
        "Öztürk",
        "Zhang",
    ]


def test_particles_count_or_not_as_the_collaboration_sets(hard_cases):
    with_particles = names(alphabetical(hard_cases.authors))
    without = names(alphabetical(hard_cases.authors, particles=False))
    assert with_particles.index("van der Berg") > with_particles.index("Suharni")
    assert without.index("van der Berg") < without.index("Ivanova")


def test_sorting_is_stable_for_equal_names():
    first, second = (
        Author("Anna", "Lee", paper_name="first"),
        Author("Anna", "Lee", paper_name="second"),
    )
    assert [a.paper_name for a in alphabetical([first, second])] == ["first", "second"]
    assert [a.paper_name for a in alphabetical([second, first])] == ["second", "first"]
