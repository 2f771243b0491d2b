"""Turns `charter build --format github` output into a Markdown table for
the job summary ($GITHUB_STEP_SUMMARY), where every problem is listed: the
annotations GitHub shows stop at ten of each kind per step."""

import sys


def unescape(text):
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace(
        "%2C", ","
    ).replace("%25", "%")


def parse(line):
    """(kind, properties, message) of one workflow command, or None."""
    if not line.startswith("::"):
        return None
    head, _, message = line[2:].partition("::")
    kind, _, props = head.partition(" ")
    fields = {}
    for prop in props.split(","):
        key, _, value = prop.partition("=")
        if key:
            fields[key] = unescape(value)
    return kind, fields, unescape(message.rstrip("\n"))


def cell(text):
    return text.replace("|", "\\|").replace("\n", "<br>")


def main(path):
    with open(path, encoding="utf-8") as f:
        problems = [p for p in map(parse, f) if p]
    if not problems:
        print("### charter: no problems\n")
        return
    counts = {}
    for kind, _, _ in problems:
        counts[kind] = counts.get(kind, 0) + 1
    words = {"error": "error", "warning": "warning", "notice": "note"}
    said = ", ".join(
        f"{n} {words.get(k, k)}{'' if n == 1 else 's'}" for k, n in sorted(counts.items())
    )
    print(f"### charter: {said}\n")
    print("| | Where | Code | Problem |")
    print("|---|---|---|---|")
    for kind, fields, message in problems:
        where = fields.get("file", "")
        if fields.get("line"):
            where += f":{fields['line']}"
        print(f"| {kind} | `{cell(where)}` | `{cell(fields.get('title', ''))}` | {cell(message)} |")
    print()


if __name__ == "__main__":
    main(sys.argv[1])
