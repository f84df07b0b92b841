"""participa.tally from Python: profiles from numpy, views, counting, results, errors."""

from __future__ import annotations

import gc
import json
import os
import subprocess
from fractions import Fraction

import numpy as np
import pytest

import participa
from participa import tally

from conftest import CONFORMANCE

ABC = ["Ana", "Ben", "Chloe"]


def by_hand(kind, ballots):
    """The same ballots added one at a time: the definition the array builders follow."""
    builder = tally.ProfileBuilder(ABC, kind)
    for marks, values in ballots:
        builder.add(marks, values)
    return builder.build()


class TestBuilders:
    def test_rankings_skip_blanks(self):
        matrix = np.array([[2, 0, -1], [-1, 1, 0], [2, 0, 1]], dtype=np.int32)
        profile = tally.Profile.from_rankings(matrix, ABC)
        assert profile == by_hand("ranked", [([2, 0], []), ([1, 0], []), ([2, 0, 1], [])])

    def test_rankings_of_any_integer_width_agree(self):
        rows = [[2, 0, -1], [1, 0, 2]]
        narrow = tally.Profile.from_rankings(np.array(rows, dtype=np.int32), ABC)
        for dtype in (np.int8, np.int16, np.int64):
            assert tally.Profile.from_rankings(np.array(rows, dtype=dtype), ABC) == narrow

    def test_rankings_from_a_non_contiguous_slice(self):
        wide = np.array([[2, 9, 0, 9], [1, 9, 0, 9]], dtype=np.int64)
        profile = tally.Profile.from_rankings(wide[:, ::2], ABC)
        assert profile == by_hand("ranked", [([2, 0], []), ([1, 0], [])])

    def test_approval_matrix_of_bools_and_numbers(self):
        rows = [[1, 0, 1], [0, 0, 0], [0, 1, 0]]
        expected = by_hand("approval", [([0, 2], []), ([], []), ([1], [])])
        for dtype in (bool, np.uint8, np.int64, np.float64):
            assert tally.Profile.from_approval_matrix(np.array(rows, dtype=dtype), ABC) == expected

    def test_approval_csr(self):
        profile = tally.Profile.from_approval_csr(np.array([0, 2, 2, 3]), np.array([2, 0, 1]), ABC)
        assert profile == by_hand("approval", [([0, 2], []), ([], []), ([1], [])])

    def test_scores_with_nan_for_unscored(self):
        matrix = np.array([[3, np.nan, 5], [np.nan, np.nan, 2]])
        profile = tally.Profile.from_scores(matrix, ABC, kind="cumulative")
        assert profile == by_hand("cumulative", [([0, 2], [3, 5]), ([2], [2])])
        ints = tally.Profile.from_scores(np.array([[1, 2, 3]]), ABC)
        assert ints == by_hand("score", [([0, 1, 2], [1, 2, 3])])

    def test_weights(self):
        matrix = np.array([[1, 0, 0], [0, 1, 0]], dtype=bool)
        profile = tally.Profile.from_approval_matrix(matrix, ABC, weights=np.array([5, 2]))
        assert profile.total_weight == 7
        assert list(profile.weights) == [5, 2]

    @pytest.mark.parametrize(
        "build, message",
        [
            (lambda: tally.Profile.from_rankings(np.array([[0, 3]]), ABC), "row 0, column 1: 3"),
            (lambda: tally.Profile.from_rankings(np.array([[0, 0]]), ABC), "'Ana' twice"),
            (lambda: tally.Profile.from_rankings(np.array([0, 1]), ABC), "two-dimensional"),
            (lambda: tally.Profile.from_scores(np.array([[0.5, 1, 1]]), ABC), "score 0.5"),
            (lambda: tally.Profile.from_scores(np.array([[1, 2**40, 1]]), ABC), "32 bits"),
            (lambda: tally.Profile.from_approval_matrix(np.ones((2, 2)), ABC), "2 columns"),
            (lambda: tally.Profile.from_approval_csr(np.array([0, 5]), np.array([0]), ABC),
             "offsets must start at 0"),
            (lambda: tally.Profile.from_approval_matrix(np.ones((2, 3)), ABC,
                                                        weights=np.array([1])),
             "1 weights for 2 ballots"),
            (lambda: tally.Profile.from_approval_matrix(np.ones((2, 3)), ABC,
                                                        weights=np.array([1, -2])),
             "must not be negative"),
            (lambda: tally.ProfileBuilder(["a", "a"]), "listed twice"),
            (lambda: tally.ProfileBuilder(ABC, "plurality-ish"), "plurality-ish"),
        ],
    )
    def test_bad_input_is_a_value_error(self, build, message):
        with pytest.raises(ValueError, match=message):
            build()

    def test_float_rankings_and_weights_are_a_type_error(self):
        with pytest.raises(TypeError, match="integers"):
            tally.Profile.from_rankings(np.array([[0.0, 1.0]]), ABC)
        with pytest.raises(TypeError, match="weights must hold integers"):
            tally.Profile.from_rankings(np.array([[0, 1]]), ABC, weights=np.array([1.5]))


class TestViews:
    def profile(self):
        builder = tally.ProfileBuilder(ABC)
        builder.add([0, 1, 2], count=2)
        builder.add([1, 0], [0, 0])
        return builder.build()

    def test_views_share_memory_and_are_read_only(self):
        profile = self.profile()
        for name in ("offsets", "marks", "values", "weights"):
            first, second = getattr(profile, name), getattr(profile, name)
            assert np.shares_memory(first, second), name
            assert not first.flags.writeable, name
            with pytest.raises(ValueError):
                first[0] = 7
        assert list(profile.offsets) == [0, 3, 5]
        assert list(profile.marks) == [0, 1, 2, 0, 1]
        assert list(profile.values) == [0, 1, 2, 0, 0]
        assert list(profile.weights) == [2, 1]

    def test_a_view_keeps_its_profile_alive(self):
        weights = self.profile().weights
        gc.collect()
        assert list(weights) == [2, 1]

    def test_a_profile_never_changes_under_its_views(self):
        profile = self.profile()
        view = profile.marks
        assert not hasattr(profile, "add")
        original = profile
        profile += self.profile()
        assert profile is not original
        assert profile.total_weight == 6
        assert original.total_weight == 3
        assert list(view) == [0, 1, 2, 0, 1]

    def test_strict_rankings_store_no_levels(self):
        strict = tally.Profile.from_rankings(np.array([[0, 1, 2], [1, 0, -1], [0, 1, 2]]), ABC)
        assert not strict.has_equal_ranks
        assert len(strict.values) == 0
        assert strict.ballot(1) == ([1, 0], [0, 1], 1)
        assert list(strict.ballots_frame()["values"]) == [(0, 1, 2), (0, 1)]
        tied = self.profile()
        assert tied.has_equal_ranks
        assert tied.ballot(1) == ([0, 1], [0, 0], 1)
        # The strict ballots of a profile that gains equal ranks keep their levels as positions.
        assert tied + strict == strict + tied
        assert list((strict + tied).values) == [0, 1, 2, 0, 1, 0, 0]

    def test_copies_are_independent(self):
        profile = self.profile()
        copied = np.array(profile.weights)
        assert not np.shares_memory(copied, profile.weights)


class TestProfile:
    def test_pickles_and_copies(self, copy_fn):
        profile = tally.Profile.from_scores(np.array([[3, np.nan, 5], [1, 1, 1]]), ABC)
        again = copy_fn(profile)
        assert again == profile
        assert again.digest() == profile.digest()
        more = tally.ProfileBuilder(ABC, "score")
        more.add([0], [9])
        again += more.build()
        assert again != profile

    def test_merge_is_the_profile_of_all_ballots(self):
        matrix = np.array([[0, 1, 2], [1, 0, -1], [2, 1, 0], [0, 1, 2]])
        whole = tally.Profile.from_rankings(matrix, ABC)
        parts = tally.Profile.from_rankings(matrix[:2], ABC) + tally.Profile.from_rankings(
            matrix[2:], ABC)
        assert parts == whole
        assert parts.digest() == whole.digest()

    def test_merge_refuses_other_candidates(self):
        profile = tally.ProfileBuilder(ABC).build()
        with pytest.raises(ValueError, match="cannot merge"):
            profile + tally.ProfileBuilder(["x", "y"]).build()
        builder = tally.ProfileBuilder(ABC)
        with pytest.raises(ValueError, match="cannot merge"):
            builder.merge(tally.ProfileBuilder(["x", "y"]).build())
        assert builder.total_weight == 0

    def test_the_empty_profile_is_the_identity_of_merging(self):
        profile = by_hand("ranked", [([2, 0], [])])
        assert tally.Profile() + profile == profile
        assert profile + tally.Profile() == profile
        assert sum([profile, profile], tally.Profile()).total_weight == 2

    def test_equality_with_other_types_is_false(self):
        assert tally.ProfileBuilder(ABC).build() != "a profile"

    def test_builder_checks_and_leaves_state_unchanged(self):
        builder = tally.ProfileBuilder(ABC)
        builder.add([1, 0], count=2)
        with pytest.raises(ValueError, match="unknown candidate"):
            builder.add([0, 7])
        assert (builder.total_weight, builder.num_distinct) == (2, 1)
        first = builder.build()
        assert first.total_weight == 2
        assert builder.total_weight == 0
        builder.add([2])
        assert builder.build() == by_hand("ranked", [([2], [])])
        assert first == by_hand("ranked", [([1, 0], []), ([1, 0], [])])

    def test_ballot_and_frame(self):
        profile = tally.Profile.from_rankings(np.array([[0, 1, -1], [0, 1, -1]]), ABC)
        assert profile.ballot(0) == ([0, 1], [0, 1], 2)
        with pytest.raises(IndexError):
            profile.ballot(1)
        frame = profile.ballots_frame()
        assert list(frame.columns) == ["marks", "values", "weight"]
        assert frame.weight.tolist() == [2]


class TestCounting:
    def test_irv_with_rounds(self):
        # Ana 2, Ben 2, Chloe 1 first choices; Chloe is eliminated and her ballot goes to Ben.
        matrix = np.array([[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 1, 0]])
        result = tally.count("irv", tally.Profile.from_rankings(matrix, ABC))
        assert result.winner_names() == ["Ben"]
        frame = result.rounds_frame()
        first = frame[frame["round"] == 1].set_index("name")
        assert first.votes.to_dict() == {"Ana": 2, "Ben": 2, "Chloe": 1}
        assert bool(first.loc["Chloe", "eliminated"])
        assert all(isinstance(v, Fraction) for v in frame.votes)

    def test_ties_are_reported_or_broken(self):
        profile = tally.Profile.from_rankings(np.array([[0, 1], [1, 0]]), ABC)
        reported = tally.count("plurality", profile)
        assert reported.tied_winners and sorted(reported.winner_names()) == ["Ana", "Ben"]
        broken = tally.count("plurality", profile, tie_break="permutation", permutation=[1, 0, 2])
        assert broken.winner_names() == ["Ben"]
        assert broken.ties[0].order == [1, 0]
        assert broken.ties[0].purpose == tally.TiePurpose.winner

    def test_results_pickle_and_copy(self, copy_fn):
        profile = tally.Profile.from_rankings(np.array([[0, 1, 2], [2, 1, 0], [1, 0, 2]]), ABC)
        result = tally.count("schulze", profile)
        assert copy_fn(result) == result

    def test_registry(self):
        registry = tally.MethodRegistry.with_builtins()
        assert "schulze" in registry.names() == tally.methods()
        info = registry.find("score")
        assert tally.BallotKind.score in info.accepts
        with pytest.raises(KeyError, match="no counting method 'nope'"):
            registry.find("nope")

    def test_errors(self):
        ranked = tally.Profile.from_rankings(np.array([[0, 1, 2]]), ABC)
        with pytest.raises(KeyError):
            tally.count("nope", ranked)
        with pytest.raises(ValueError, match="approval"):
            tally.count("approval", ranked)
        with pytest.raises(ValueError):
            tally.count("irv", ranked, parameters={"no-such-parameter": "1"})
        with pytest.raises(ValueError):
            tally.count("irv", ranked, tie_break="coin")

    def test_config_values_copy(self, copy_fn):
        options = tally.Options(seats=2, tie_break="random", seed=7, parameters={"a": "b"})
        again = copy_fn(options)
        assert (again.seats, again.tie_break, again.parameters) == (2, options.tie_break,
                                                                   {"a": "b"})
        tie_break = tally.TieBreak("permutation", permutation=[2, 0, 1])
        assert copy_fn(tie_break) == tie_break
        contest = tally.Contest(ABC, "score", max_score=5)
        assert copy_fn(contest) == contest

    def test_contest_validates_ballots(self):
        contest = tally.Contest(ABC, "score", max_score=5)
        contest.validate([0, 1], [5, 0])
        with pytest.raises(ValueError, match="ballot 3"):
            contest.validate([0], [6], ballot_number=3)


def _preflib_cases():
    names = {"instant_runoff": "irv", "beat_path_schulze": "schulze",
             "ranked_pairs": "ranked-pairs", "split_cycle": "split-cycle",
             "smith_set": "smith-set", "nanson_strict": "nanson",
             "anti_plurality": "anti-plurality"}
    with open(CONFORMANCE / "preflib" / "expected_pref_voting.jsonl") as lines:
        for line in lines:
            doc = json.loads(line)
            ties = doc["profile_type"] == "ProfileWithTies"
            for reference, winners in doc["winners"].items():
                if not isinstance(winners, list) or (reference == "borda" and ties):
                    continue  # unsupported there, or pref_voting's own truncated-Borda convention
                yield doc["file"], names.get(reference, reference), sorted(winners)


PREFLIB_CASES = list(_preflib_cases())


def test_every_preflib_line_is_read():
    assert len(PREFLIB_CASES) >= 390


@pytest.mark.parametrize("file, method, winners", PREFLIB_CASES)
def test_winners_match_pref_voting(file, method, winners):
    data = participa.io.read_preflib(str(CONFORMANCE / "preflib" / file))
    result = tally.count(method, data.profile)
    assert sorted(data.alternative_numbers[w] for w in result.winners) == winners


CLI = os.environ.get("PARTICIPA_CLI")


@pytest.mark.skipif(not CLI, reason="PARTICIPA_CLI (the participa command, set by ctest) is unset")
@pytest.mark.parametrize("method", ["schulze", "irv", "borda", "ranked-pairs", "copeland"])
def test_python_equals_the_command(method):
    path = CONFORMANCE / "preflib" / "preflib_data" / "00002-00000001.soi"
    printed = subprocess.run([CLI, "tally", str(path), "--method", method, "--format", "json"],
                             check=True, capture_output=True, text=True).stdout
    from_cli = participa.io.result_from_json(printed)
    from_python = tally.count(method, participa.io.read_preflib(str(path)).profile)
    assert from_python == from_cli
