#!/usr/bin/env python3
"""Checks the PDFs of a site built with `charter build --pdf` (issue 20).

    check-pdfs.py SITE_DIR [--same-as OTHER_SITE_DIR] [--lang en-GB] [--epoch N]

Every document page that links to its PDF ("Download as PDF, N pages, S kB")
names a file; each such PDF, and every PDF a history page links to, is
opened with pikepdf (structure, metadata, links, content streams) and pypdf
(text). What is expected comes from the site's own HTML: the document
page's title, contents list, appendix list, first numbered paragraph and
charts. Checks, each reported by name:

  marked      /MarkInfo /Marked true and a structure tree with paragraphs
  lists       list items hold a label and a body (Lbl, LBody) only; the
              site has at least one list
  lang        the catalog's /Lang is the site's language
  title       the title in the document information and in XMP starts with
              the page's <h1>, and /DisplayDocTitle is true
  pdfua       XMP has pdfuaid:part 1
  headings    H1..H6 in the structure tree, starting at H1, never skipping
              a level going down
  tables      every TH has /Scope; the site has at least one Table with TH
  figures     every Figure has alternative text; a chart's /Alt has its title
  outline     a bookmark for every section in the page's contents list and
              every appendix in its appendix list
  text        the page's first numbered paragraph appears whole, in order,
              in the text pypdf extracts
  links       internal links whose named destinations exist (the page's
              first cross-reference and its glossary terms among them), and
              external links that are absolute (the cover's link to the site)
  artifacts   every text-showing and painting operator is tagged (in a
              sequence with an MCID) or an artifact
  fonts       every font is embedded
  tabs        every page with annotations has /Tabs /S; every link has
              /Contents
  dates       /CreationDate and /ModDate from SOURCE_DATE_EPOCH; an /ID
  size        the page count and size the page states are the file's
  sitemap     current versions' PDFs are in sitemap.xml, superseded ones not
  identical   (with --same-as) the same bytes in both builds

Failures print as `FAIL <pdf> [<check>] <detail>`; the last line is
`pdf: N checks passed, M failed`. Exit status 1 when anything failed.
"""

import argparse
import html as htmllib
import io
import os
import re
import sys
import unicodedata
from datetime import datetime, timezone

import pikepdf
import pypdf

RESULTS = {"passed": 0, "failed": 0}


def check(pdf_rel, name, ok, detail=""):
    if ok:
        RESULTS["passed"] += 1
    else:
        RESULTS["failed"] += 1
        print(f"FAIL {pdf_rel} [{name}] {detail}")


def squeeze(text):
    """NFKC (a ligature is its letters) and single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def text_of(fragment):
    """The text a sighted reader sees of inline HTML: tags dropped, entities
    decoded, and visually hidden spans (screen-reader expansions) left out."""
    fragment = re.sub(r'<span class="visually-hidden">.*?</span>', "", fragment, flags=re.S)
    return squeeze(htmllib.unescape(re.sub(r"<[^>]+>", "", fragment)))


def tagged_text(path):
    """The text of the PDF's pages in reading order, as assistive
    technology reads it: the text shown inside artifacts (running header,
    page numbers) is taken out of a copy of each page before pypdf
    extracts the rest."""
    pdf = pikepdf.open(path)
    for page in pdf.pages:
        kept, stack = [], []
        for operands, op in pikepdf.parse_content_stream(page):
            name = str(op)
            if name in ("BMC", "BDC"):
                stack.append(str(operands[0]) == "/Artifact")
            elif name == "EMC" and stack:
                stack.pop()
            elif name in ("Tj", "TJ", "'", '"') and any(stack):
                continue
            kept.append((operands, op))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
    copy = io.BytesIO()
    pdf.save(copy)
    copy.seek(0)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(copy).pages)
    # A line that ends in a hyphen ("multi-" / "agency") goes on with the
    # same word: the hyphen is the text's, the line break only the layout's.
    return squeeze(re.sub(r"-[ \t]*\n\s*", "-", text))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def structure(pdf):
    """Structure elements in document order: (tag, element)."""
    out = []

    def walk(node, depth):
        if depth > 200:
            return
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            out.append((str(node.S), node))
            kids = node.get("/K")
        elif isinstance(node, pikepdf.Dictionary):
            kids = node.get("/K")
        else:
            return
        if isinstance(kids, pikepdf.Array):
            for k in kids:
                walk(k, depth + 1)
        elif kids is not None:
            walk(kids, depth + 1)

    root = pdf.Root.get("/StructTreeRoot")
    if root is not None:
        walk(root, 0)
    return out


def attributes(element):
    a = element.get("/A")
    if a is None:
        return []
    return list(a) if isinstance(a, pikepdf.Array) else [a]


def bookmarks(pdf):
    titles = []
    with pdf.open_outline() as outline:
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            titles.append(squeeze(item.title))
            stack.extend(reversed(item.children))
    return titles


def unaccounted_painting(pdf):
    """Painting operators outside any tagged (MCID) or artifact sequence."""
    painting = {"Tj", "TJ", "'", '"', "Do", "sh", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
    found = 0
    for page in pdf.pages:
        stack = []
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BMC", "BDC"):
                tag = str(operands[0])
                mcid = op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]
                stack.append(tag == "/Artifact" or mcid)
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in painting and not any(stack):
                found += 1
    return found


def fonts_embedded(pdf):
    missing = []
    for page in pdf.pages:
        for name, font in (page.Resources.get("/Font") or {}).items():
            if font.get("/Subtype") == "/Type0":
                font = font.DescendantFonts[0]
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font.get("/BaseFont")))
    return missing


def named_destinations(pdf):
    names = set()
    dests = pdf.Root.get("/Dests")
    if dests is not None:
        names.update(str(k).lstrip("/") for k in dests.keys())
    tree = pdf.Root.get("/Names", {}).get("/Dests")
    if tree is not None:
        for k, _ in pikepdf.NameTree(tree).items():
            names.add(str(k))
    return names


def check_pdf(site, pdf_path, page_html, args, expect):
    rel = os.path.relpath(pdf_path, site)
    pdf = pikepdf.open(pdf_path)
    root = pdf.Root
    elements = structure(pdf)
    tags = [t for t, _ in elements]
    check(rel, "marked", bool(root.get("/MarkInfo", {}).get("/Marked")) and "/Document" in tags)
    check(rel, "lang", str(root.get("/Lang", "")) == args.lang, str(root.get("/Lang")))

    h1 = text_of(re.search(r"<h1[^>]*>(.*?)</h1>", page_html, re.S).group(1))
    info_title = squeeze(str(pdf.docinfo.get("/Title", "")))
    dates = (str(pdf.docinfo.get("/CreationDate")), str(pdf.docinfo.get("/ModDate")))
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        xmp_title = squeeze(str(meta.get("dc:title", "")))
        pdfua = str(meta.get("pdfuaid:part", ""))
    prefs = root.get("/ViewerPreferences", {})
    check(rel, "title", info_title.startswith(h1) and xmp_title == info_title, f"{info_title!r} / {xmp_title!r} / {h1!r}")
    check(rel, "title", bool(prefs.get("/DisplayDocTitle")), "DisplayDocTitle")
    check(rel, "pdfua", pdfua == "1", pdfua)

    check(rel, "marked", "/P" in tags, "no paragraphs")
    items = [e for t, e in elements if t == "/LI"]
    kinds = lambda e: [str(k.get("/S")) for k in (e.K if isinstance(e.K, pikepdf.Array) else [e.K]) if isinstance(k, pikepdf.Dictionary)]
    odd = [kinds(e) for e in items if not set(kinds(e)) <= {"/Lbl", "/LBody"}]
    check(rel, "lists", not odd, f"list items holding more than Lbl and LBody: {odd[:3]}")
    if items and "/L" in tags:
        expect["lists"] += 1

    levels = [int(t[2]) for t in tags if re.fullmatch(r"/H[1-6]", t)]
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    check(rel, "headings", levels[:1] == [1] and not skips, f"levels {levels[:12]}…, skips {skips[:3]}")

    ths = [e for t, e in elements if t == "/TH"]
    unscoped = [e for e in ths if not any("/Scope" in a for a in attributes(e))]
    check(rel, "tables", not unscoped, f"{len(unscoped)} of {len(ths)} TH without /Scope")
    if ths and "/Table" in tags:
        expect["tables"] += 1

    figures = [e for t, e in elements if t == "/Figure"]
    check(rel, "figures", all(squeeze(str(e.get("/Alt", ""))) for e in figures), "a Figure without /Alt")
    for title in re.findall(r'<svg class="chart[^"]*"[^>]*>\s*<title[^>]*>(.*?)</title>', page_html, re.S):
        title = text_of(title)
        alts = [squeeze(str(e.get("/Alt", ""))) for e in figures]
        check(rel, "figures", any(a.startswith(title) for a in alts), f"no Figure /Alt starts with {title!r}: {alts}")
        expect["charts"] += 1

    marks = set(bookmarks(pdf))
    toc = re.search(r'<nav class="toc".*?</nav>', page_html, re.S)
    wanted = [text_of(a) for a in re.findall(r'<li class="toc-level-2"><a href="#(?!appendices)[^"]*">(.*?)</a>', toc.group(0))] if toc else []
    appendices = re.search(r'<section class="appendix-list".*?</section>', page_html, re.S)
    if appendices:
        wanted += [text_of(a) for a in re.findall(r"<li><a [^>]*>(.*?)</a>", appendices.group(0))]
    missing = [w for w in wanted if w not in marks and not w.startswith("Glossary")]
    check(rel, "outline", not missing, f"no bookmark for {missing}")

    text = tagged_text(pdf_path)
    paragraph = re.search(r'<p id="(?:[a-z0-9-]*--)?para-[0-9-]+">(.*?)</p>', page_html, re.S)
    if paragraph:
        wanted_text = text_of(paragraph.group(1))
        check(rel, "text", wanted_text in text, f"{wanted_text[:80]!r}… not found whole")
        expect["paragraphs"] += 1

    destinations = named_destinations(pdf)
    targets = set()
    internal, external, relative, undescribed, untabbed = 0, 0, [], 0, 0
    for number, page in enumerate(pdf.pages):
        annots = page.obj.get("/Annots") or []
        if len(annots) and page.obj.get("/Tabs") != "/S":
            untabbed += 1
        for a in annots:
            if a.get("/Subtype") != "/Link":
                continue
            if not squeeze(str(a.get("/Contents", ""))):
                undescribed += 1
            dest = a.get("/Dest")
            action = a.get("/A")
            if dest is not None and str(dest).lstrip("/") in destinations:
                internal += 1
                targets.add(str(dest).lstrip("/"))
            elif action is not None and action.get("/S") == "/URI":
                uri = str(action.URI)
                external += 1
                if not re.match(r"(https?|mailto|tel):", uri):
                    relative.append(uri)
    check(rel, "links", internal > 0, "no link within the PDF reaches a named destination")
    # The page's own cross-references ("paragraph 2.6") and glossary terms
    # are links within the PDF.
    for anchor in set(re.findall(r'<div class="prose">.*?<a href="#((?:para|section)-[0-9-]+)"', page_html, re.S)[:1]):
        check(rel, "links", anchor in targets, f"the page's cross-reference to #{anchor} is not a link within the PDF")
    if 'class="term"' in page_html:
        check(rel, "links", any(t.startswith("glossary--") for t in targets), "no glossary term links to the PDF's glossary")
    check(rel, "links", external > 0 and not relative, f"{external} external links; relative: {relative[:3]}")
    check(rel, "tabs", untabbed == 0, f"{untabbed} pages with annotations lack /Tabs /S")
    check(rel, "tabs", undescribed == 0, f"{undescribed} link annotations without /Contents")

    check(rel, "artifacts", unaccounted_painting(pdf) == 0, f"{unaccounted_painting(pdf)} painting operators neither tagged nor artifacts")
    missing_fonts = fonts_embedded(pdf)
    check(rel, "fonts", not missing_fonts, f"not embedded: {missing_fonts}")

    if args.epoch is not None:
        stamp = datetime.fromtimestamp(args.epoch, timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
        check(rel, "dates", dates == (stamp, stamp), f"{dates} != {stamp}")
    check(rel, "dates", "/ID" in pdf.trailer and len(pdf.trailer.ID) == 2, "no /ID")
    return len(pdf.pages)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--same-as")
    parser.add_argument("--lang", default="en-GB")
    parser.add_argument("--epoch", type=int, default=int(os.environ["SOURCE_DATE_EPOCH"]) if os.environ.get("SOURCE_DATE_EPOCH") else None)
    args = parser.parse_args()
    site = args.site
    expect = {"tables": 0, "charts": 0, "paragraphs": 0, "lists": 0}
    pdfs = sorted(
        os.path.relpath(os.path.join(d, f), site)
        for d, _, files in os.walk(site)
        for f in files
        if f.endswith(".pdf")
    )
    checked = set()
    # Each document page that links to its PDF: the file is there, as long
    # and as big as the link says, and right inside.
    for d, _, files in sorted(os.walk(site)):
        if "index.html" not in files:
            continue
        page_html = read(os.path.join(d, "index.html"))
        for href, pages, size in re.findall(r'<a href="([^"]+\.pdf)" type="application/pdf">Download as PDF, (\d+) pages?, ([\d.]+ [kM]B)</a>', page_html):
            path = os.path.join(site, href.lstrip("/"))
            rel = os.path.relpath(path, site)
            if not os.path.isfile(path):
                check(rel, "size", False, "linked from a page but not built")
                continue
            count = check_pdf(site, path, page_html, args, expect)
            checked.add(rel)
            bytes_ = os.path.getsize(path)
            stated = f"{-(-bytes_ // 1000)} kB" if bytes_ < 1_000_000 else f"{bytes_ / 1_000_000:.1f} MB"
            check(rel, "size", (int(pages), size) == (count, stated), f"page says {pages} pages, {size}; file has {count}, {stated}")
    # Every PDF a history page links to (superseded versions included).
    for d, _, files in sorted(os.walk(site)):
        if os.path.basename(d) != "history" or "index.html" not in files:
            continue
        for href in re.findall(r'<a class="pdf-link" href="([^"]+\.pdf)"', read(os.path.join(d, "index.html"))):
            rel = href.lstrip("/")
            page_dir = os.path.join(site, os.path.dirname(rel))
            check(rel, "size", os.path.isfile(os.path.join(site, rel)), "linked from the history page but not built")
            if rel not in checked and os.path.isfile(os.path.join(page_dir, "index.html")):
                check_pdf(site, os.path.join(site, rel), read(os.path.join(page_dir, "index.html")), args, expect)
                checked.add(rel)
    unlinked = [p for p in pdfs if p not in checked and not os.path.basename(os.path.dirname(p)) + ".pdf" == os.path.basename(p)]
    check("site", "size", not unlinked, f"PDFs no page links to: {unlinked}")
    check("site", "tables", expect["tables"] > 0, "no PDF has a Table with TH")
    check("site", "figures", expect["charts"] > 0, "no PDF has a chart to check")
    check("site", "text", expect["paragraphs"] > 0, "no numbered paragraph checked")
    check("site", "lists", expect["lists"] > 0, "no PDF has a list")
    check("site", "size", len(checked) > 0, "no PDFs found")

    sitemap = read(os.path.join(site, "sitemap.xml"))
    listed = {re.sub(r"^https?://[^/]+/", "", u) for u in re.findall(r"<loc>([^<]+\.pdf)</loc>", sitemap)}
    for p in pdfs:
        pinned_old = re.search(r"-v[0-9.]+\.pdf$", p) and os.path.isfile(os.path.join(site, os.path.dirname(os.path.dirname(p)), os.path.basename(os.path.dirname(os.path.dirname(p))) + ".pdf"))
        if pinned_old:
            check(p, "sitemap", p not in listed, "a pinned version's PDF is in the sitemap")
        else:
            check(p, "sitemap", p in listed, "missing from the sitemap")

    if args.same_as:
        for p in pdfs:
            with open(os.path.join(site, p), "rb") as a, open(os.path.join(args.same_as, p), "rb") as b:
                check(p, "identical", a.read() == b.read(), "differs between two builds of the same input")
    print(f"pdf: {RESULTS['passed']} checks passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
