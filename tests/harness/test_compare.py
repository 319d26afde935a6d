"""Unit tests of the comparison rule (stdlib only, no Spark): python3 -m unittest tests/harness/test_compare.py"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness_compare import compare, parse, Block, Line  # noqa: E402

D = "-" * 43


def block(time, *records):
    return "\n".join([D, "Time: 1970-01-01 00:00:%02d" % time, D] + list(records) + [""]) + "\n"


class ParseTests(unittest.TestCase):
    def test_blocks_and_lines_are_items_in_order(self):
        items = parse("before\n" + block(1, "a", "b") + "between\n" + block(2) + "after\n")
        self.assertEqual([type(i) for i in items], [Line, Block, Line, Block, Line])
        self.assertEqual(items[1].records, ["a", "b"])
        self.assertEqual(items[3].records, [])
        self.assertEqual(items[2].after_time, "1970-01-01 00:00:01")


class CompareTests(unittest.TestCase):
    def test_identical_outputs_match(self):
        text = block(1, "('a', 1)", "('b', 2)") + "done\n"
        self.assertEqual(compare(text, text, ordered=True), [])

    def test_unordered_blocks_compare_as_multisets(self):
        self.assertEqual(compare(block(1, "x", "y", "y"), block(1, "y", "x", "y"), ordered=False), [])
        self.assertNotEqual(compare(block(1, "x", "y", "y"), block(1, "x", "x", "y"), ordered=False), [])

    def test_ordered_blocks_compare_in_order(self):
        problems = compare(block(1, "x", "y"), block(1, "y", "x"), ordered=True, batch_ms=1000)
        self.assertEqual(len(problems), 1)
        self.assertIn("batch 0 at Time: 1970-01-01 00:00:01", problems[0])

    def test_floats_match_within_1e_9_relative(self):
        self.assertEqual(compare(block(1, "('k', 0.30000000000000004)"), block(1, "('k', 0.3)"), True), [])
        self.assertEqual(compare("w [0.09455528701981676, 1e-20]\n", "w [0.09455528701981677, 1e-20]\n", True), [])
        self.assertNotEqual(compare(block(1, "(1, 0.5)"), block(1, "(1, 0.50001)"), True), [])
        # a float residue is not zero (C5)
        self.assertNotEqual(compare(block(1, "1.1102230246251565e-16"), block(1, "0.0"), True), [])

    def test_floats_inside_unordered_blocks(self):
        exp = block(1, "('a', 0.1)", "('b', 0.30000000000000004)")
        act = block(1, "('b', 0.3)", "('a', 0.1)")
        self.assertEqual(compare(exp, act, ordered=False), [])

    def test_integers_must_be_equal(self):
        self.assertNotEqual(compare(block(1, "('a', 1000000000000)"), block(1, "('a', 1000000000001)"), True), [])

    def test_missing_batch_and_extra_line_are_reported(self):
        problems = compare(block(1, "a") + block(2, "b"), block(1, "a") + "extra\n", True, 1000)
        self.assertEqual(len(problems), 1)
        self.assertIn("batch 1 at Time: 1970-01-01 00:00:02", problems[0])

    def test_fractional_batch_times_are_named(self):
        text = "\n".join([D, "Time: 1970-01-01 00:00:01.500000", D, "x", ""]) + "\n"
        other = text.replace("x", "y")
        self.assertIn("batch 2 at Time", compare(text, other, True, batch_ms=500)[0])


if __name__ == "__main__":
    unittest.main()
