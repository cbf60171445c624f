"""Every campaign case is counted in docs/bad-inputs.md (its campaign rows), and nothing more."""
import re
from pathlib import Path


DOCS = Path(__file__).resolve().parents[2] / "docs" / "bad-inputs.md"


def test_the_table_counts_every_case_of_the_campaign():
    import test_campaign_cli
    import test_campaign_files
    import test_campaign_layers
    import test_campaign_models
    import test_campaign_scores
    import test_campaign_tools
    marks = [m for mod in (test_campaign_models, test_campaign_scores, test_campaign_files,
                           test_campaign_layers, test_campaign_tools)
             for name in dir(mod) if name.isupper()
             for m in [getattr(mod, name)] if hasattr(m, "args") and m.name == "parametrize"]
    cases = sum(len(m.args[1]) for m in marks) + len(test_campaign_files.FILES) + len(test_campaign_cli.CLI)
    text = DOCS.read_text()
    rows = [(int(n), int(tried), int(clean)) for n, tried, clean in
            re.findall(r"^\| (\d+) \|.*\| (\d+) / (\d+) \|$", text, re.M)]
    heading = re.search(r"### The campaign of issue 28 \(rows ([^)]*)\)", text).group(1)   # "44-57 and 62"
    numbers = set()
    for first, last in re.findall(r"(\d+)(?:-(\d+))?", heading):
        numbers |= set(range(int(first), int(last or first) + 1))
    campaign = [r for r in rows if r[0] in numbers]
    assert sum(r[1] for r in campaign) == cases >= 300
    assert all(tried == clean for _, tried, clean in campaign)
    total = re.search(r"\*\*total\*\* \| \| \| \*\*(\d+) / (\d+)\*\*", text)
    assert int(total.group(1)) == sum(r[1] for r in rows) == int(total.group(2))
