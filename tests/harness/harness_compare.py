"""The conformance comparison rule for a program's output (tests/harness/README.md).

The output is cut into items: pprint blocks (dash line, `Time: ...`, dash line, records, empty line)
and the other lines (print). Items must match one for one, in order. Within a pprint block the
records must match in order when the program says `# ordered: true`, otherwise as a multiset.
Numbers with a fraction or an exponent compare within 1e-9 relative; everything else exactly.
"""

import re

DASHES = "-" * 43
REL_TOL = 1e-9

_FLOAT = re.compile(
    r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])"
    r"|(?<![\w.])[-+]?\d+[eE][-+]?\d+(?![\w.])"
)


class Block:
    def __init__(self, time, records, line_no):
        self.time = time  # the `Time: ...` text
        self.records = records
        self.line_no = line_no  # 1-based line of the first dash line

    def lines(self):
        return [DASHES, "Time: " + self.time, DASHES] + self.records + [""]


class Line:
    def __init__(self, text, line_no, after_time):
        self.text = text
        self.line_no = line_no
        self.after_time = after_time  # Time of the last pprint block before it, or None


def parse(text):
    lines = text.split("\n")
    trailing = lines.pop() if lines else ""  # text after the last newline ("" if it ends with \n)
    items = []
    i = 0
    last_time = None
    while i < len(lines):
        if (lines[i] == DASHES and i + 2 < len(lines) and lines[i + 1].startswith("Time: ")
                and lines[i + 2] == DASHES):
            start = i
            time = lines[i + 1][len("Time: "):]
            i += 3
            records = []
            while i < len(lines) and lines[i] != "":
                records.append(lines[i])
                i += 1
            i += 1  # the empty line that ends the block
            items.append(Block(time, records, start + 1))
            last_time = time
        else:
            items.append(Line(lines[i], i + 1, last_time))
            i += 1
    if trailing:
        items.append(Line(trailing + "  <no newline at end>", len(lines) + 1, last_time))
    return items


def _split(line):
    floats = [float(m.group(0)) for m in _FLOAT.finditer(line)]
    return _FLOAT.sub("<f>", line), floats


def line_equal(a, b):
    if a == b:
        return True
    ka, fa = _split(a)
    kb, fb = _split(b)
    if ka != kb or len(fa) != len(fb):
        return False
    return all(_float_equal(x, y) for x, y in zip(fa, fb))


def _float_equal(x, y):
    if x == y:
        return True
    return abs(x - y) <= REL_TOL * max(abs(x), abs(y))


def records_equal(expected, actual, ordered):
    if len(expected) != len(actual):
        return False
    if ordered:
        return all(line_equal(a, b) for a, b in zip(expected, actual))
    if sorted(expected) == sorted(actual):
        return True

    def key(line):
        masked, floats = _split(line)
        return masked, floats

    return all(line_equal(a, b) for a, b in zip(sorted(expected, key=key), sorted(actual, key=key)))


def compare(expected_text, actual_text, ordered, batch_ms=None):
    """Returns a list of human-readable differences (empty if the outputs match).

    `batch_ms`, the program's batch interval, only serves to name batches by index."""
    exp = parse(expected_text)
    act = parse(actual_text)
    problems = []
    for n in range(max(len(exp), len(act))):
        e = exp[n] if n < len(exp) else None
        a = act[n] if n < len(act) else None
        where = _where(e if e is not None else a, batch_ms)
        if e is None:
            problems.append("%s: unexpected extra output:\n%s" % (where, _show(a, "+ ")))
        elif a is None:
            problems.append("%s: missing output:\n%s" % (where, _show(e, "- ")))
        elif type(e) is not type(a):
            problems.append("%s: expected\n%s\nbut Spark printed\n%s" % (where, _show(e, "- "), _show(a, "+ ")))
        elif isinstance(e, Block):
            if e.time != a.time or not records_equal(e.records, a.records, ordered):
                problems.append("%s: pprint block differs (%s):\n%s" % (
                    where, "in order" if ordered else "as a multiset", _block_diff(e, a)))
        elif not line_equal(e.text, a.text):
            problems.append("%s: print line differs:\n- %s\n+ %s" % (where, e.text, a.text))
        if len(problems) >= 5:
            problems.append("(stopping after 5 differences)")
            break
    return problems


def _batch(time_text, batch_ms):
    """`batch 2 at Time: 1970-01-01 00:00:03` (batch i is at (i+1)*b, SEMANTICS A1)."""
    import datetime as dt

    label = "batch at Time: %s" % time_text
    if not batch_ms:
        return label
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            t = dt.datetime.strptime(time_text, fmt)
        except ValueError:
            continue
        ms = round((t - dt.datetime(1970, 1, 1)).total_seconds() * 1000)
        if ms % batch_ms == 0:
            return "batch %d at Time: %s" % (ms // batch_ms - 1, time_text)
    return label


def _where(item, batch_ms=None):
    if isinstance(item, Block):
        return "%s (pprint block at line %d)" % (_batch(item.time, batch_ms), item.line_no)
    if item.after_time is None:
        return "line %d, before the first batch's output" % item.line_no
    return "line %d, after the %s" % (item.line_no, _batch(item.after_time, batch_ms))


def _show(item, prefix):
    lines = item.lines() if isinstance(item, Block) else [item.text]
    return "\n".join(prefix + l for l in lines)


def _block_diff(e, a):
    import difflib

    return "\n".join(difflib.unified_diff(e.lines(), a.lines(), "golden", "spark now", lineterm="", n=20))
