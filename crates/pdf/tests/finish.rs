//! Finishing a PDF built here the way Chromium writes one (a tagged page
//! with an unmarked running header, a link, a figure round a figure, a
//! table header without a scope, run-dependent ids and today's date), and
//! checking every repair on the bytes that come out.

use charter_pdf::{Metadata, finish};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn text(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// An element of `page`, whose marked content `k` is.
fn element(
    doc: &mut Document,
    kind: &str,
    (parent, page): (ObjectId, ObjectId),
    k: Object,
) -> ObjectId {
    doc.add_object(dictionary! {
        "Type" => name("StructElem"), "S" => name(kind), "P" => parent, "Pg" => page, "K" => k,
    })
}

/// A one-page tagged PDF as Chromium prints one, with `node` as the
/// table header's DOM-derived id and `stamp` as its creation date.
fn chromium_like(node: &str, stamp: &str) -> Vec<u8> {
    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => name("Font"), "Subtype" => name("Type1"),
        "BaseFont" => name("Helvetica"), "Encoding" => name("WinAnsiEncoding"),
    });
    let content = "q 0 0 595 842 re f Q\n\
        BT /F1 9 Tf 1 0 0 1 40 820 Tm (Arrangements \\267 Version 2.0) Tj ET\n\
        /H1 <</MCID 0>> BDC BT /F1 20 Tf 1 0 0 1 40 760 Tm (Safeguarding) Tj 0 -24 Td (Arrangements) Tj ET EMC\n\
        /P <</MCID 1>> BDC BT /F1 11 Tf 1 0 0 1 40 700 Tm (See ) Tj ET EMC\n\
        /Link <</MCID 2>> BDC BT /F1 11 Tf 1 0 0 1 62 700 Tm (the agencies) Tj ET EMC\n\
        /TH <</MCID 3>> BDC BT /F1 11 Tf 1 0 0 1 40 600 Tm (Agency) Tj ET EMC\n\
        /Lbl <</MCID 4>> BDC BT /F1 11 Tf 1 0 0 1 40 560 Tm (1.) Tj ET EMC\n\
        /NonStruct <</MCID 5>> BDC BT /F1 11 Tf 1 0 0 1 56 560 Tm (Police) Tj ET EMC\n";
    let contents = doc.add_object(Stream::new(Dictionary::new(), content.as_bytes().to_vec()));
    let page_id = doc.new_object_id();
    let annotation = doc.add_object(dictionary! {
        "Type" => name("Annot"), "Subtype" => name("Link"),
        "Rect" => vec![62.into(), 698.into(), 130.into(), 712.into()],
        "Dest" => name("appendix-1"), "StructParent" => 1,
    });
    let root = doc.new_object_id();
    let document = doc.new_object_id();
    let h1 = element(&mut doc, "H1", (document, page_id), Object::Integer(0));
    let p = doc.new_object_id();
    let link = element(
        &mut doc,
        "Link",
        (p, page_id),
        Object::Array(vec![
            Object::Integer(2),
            Object::Dictionary(dictionary! { "Type" => name("OBJR"), "Obj" => annotation }),
        ]),
    );
    doc.objects.insert(
        p,
        Object::Dictionary(dictionary! {
            "Type" => name("StructElem"), "S" => name("P"), "P" => document,
            "K" => vec![Object::Integer(1), link.into()],
        }),
    );
    let group = doc.new_object_id();
    let image = doc.add_object(dictionary! {
        "Type" => name("StructElem"), "S" => name("Figure"), "P" => group, "Alt" => text("A chart"),
    });
    doc.objects.insert(
        group,
        Object::Dictionary(dictionary! {
            "Type" => name("StructElem"), "S" => name("Figure"), "P" => document, "K" => vec![image.into()],
        }),
    );
    let table = doc.new_object_id();
    let row = doc.new_object_id();
    let th = doc.add_object(dictionary! {
        "Type" => name("StructElem"), "S" => name("TH"), "P" => row, "K" => 3, "ID" => text(node),
    });
    let td = doc.add_object(dictionary! {
        "Type" => name("StructElem"), "S" => name("TD"), "P" => row,
        "A" => dictionary! { "O" => name("Table"), "Headers" => vec![text(node)] },
    });
    doc.objects.insert(
        row,
        Object::Dictionary(dictionary! {
            "Type" => name("StructElem"), "S" => name("TR"), "P" => table, "K" => vec![th.into(), td.into()],
        }),
    );
    doc.objects.insert(
        table,
        Object::Dictionary(dictionary! {
            "Type" => name("StructElem"), "S" => name("Table"), "P" => document, "K" => vec![row.into()],
        }),
    );
    let list = doc.new_object_id();
    let item = doc.new_object_id();
    let label = element(&mut doc, "Lbl", (item, page_id), Object::Integer(4));
    let words = element(&mut doc, "NonStruct", (item, page_id), Object::Integer(5));
    doc.objects.insert(
        item,
        Object::Dictionary(dictionary! {
            "Type" => name("StructElem"), "S" => name("LI"), "P" => list, "K" => vec![label.into(), words.into()],
        }),
    );
    doc.objects.insert(
        list,
        Object::Dictionary(dictionary! {
            "Type" => name("StructElem"), "S" => name("L"), "P" => document, "K" => vec![item.into()],
        }),
    );
    doc.objects.insert(
        document,
        Object::Dictionary(dictionary! {
            "Type" => name("StructElem"), "S" => name("Document"), "P" => root,
            "K" => vec![h1.into(), p.into(), group.into(), table.into(), list.into()],
        }),
    );
    let id_tree = doc.add_object(dictionary! { "Names" => vec![text(node), th.into()] });
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => name("StructTreeRoot"), "K" => document, "IDTree" => id_tree,
        }),
    );
    doc.objects.insert(
        page_id,
        Object::Dictionary(dictionary! {
            "Type" => name("Page"), "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => contents, "Annots" => vec![annotation.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            "StructParents" => 0,
        }),
    );
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => name("Pages"), "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let outlines = doc.new_object_id();
    let item = doc.add_object(dictionary! {
        "Title" => text("SafeguardingArrangements"), "Parent" => outlines,
        "Dest" => vec![page_id.into(), name("XYZ"), 0.into(), 760.into(), 0.into()],
    });
    doc.objects.insert(
        outlines,
        Object::Dictionary(dictionary! { "Type" => name("Outlines"), "First" => item, "Last" => item, "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! {
        "Type" => name("Catalog"), "Pages" => pages_id, "StructTreeRoot" => root,
        "Outlines" => outlines, "MarkInfo" => dictionary! { "Marked" => true },
    });
    let info = doc.add_object(dictionary! {
        "Producer" => text("Skia/PDF m156"), "Creator" => text("HeadlessChrome"),
        "CreationDate" => text(stamp), "ModDate" => text(stamp),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saved");
    out
}

fn meta() -> Metadata {
    Metadata {
        title: "Safeguarding Arrangements, version 2.0".into(),
        language: "en-GB".into(),
        author: Some("Wrenfield Safeguarding Children Partnership".into()),
        subject: None,
        date: Some(1_767_225_600),
        headings: vec!["Safeguarding Arrangements".into()],
        relative_to: None,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    match o {
        Object::Reference(r) => doc.get_dictionary(*r).expect("dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn string(o: &Object) -> String {
    String::from_utf8_lossy(o.as_str().expect("string")).into_owned()
}

fn elements_of(doc: &Document, kind: &str) -> Vec<Dictionary> {
    doc.objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d)
                if d.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(kind.as_bytes()) =>
            {
                Some(d.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn finishing_repairs_what_chromium_leaves_and_sets_the_metadata() {
    let finished =
        finish(&chromium_like("node00000260", "D:20261127060139+00'00'"), &meta()).unwrap();
    assert_eq!((finished.pages, finished.bookmarks), (1, 1));
    assert!(finished.bytes.starts_with(b"%PDF-1.7"));
    let doc = Document::load_mem(&finished.bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    assert_eq!(string(catalog.get(b"Lang").unwrap()), "en-GB");
    let preferences = dict(&doc, catalog.get(b"ViewerPreferences").unwrap());
    assert_eq!(preferences.get(b"DisplayDocTitle").unwrap(), &Object::Boolean(true));
    let xmp = doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()).unwrap();
    let xmp = String::from_utf8(xmp.as_stream().unwrap().content.clone()).unwrap();
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(xmp.contains(">Safeguarding Arrangements, version 2.0</rdf:li>"));
    let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
    assert_eq!(string(info.get(b"Title").unwrap()), "Safeguarding Arrangements, version 2.0");
    assert_eq!(string(info.get(b"CreationDate").unwrap()), "D:20260101000000Z");
    assert_eq!(string(info.get(b"Creator").unwrap()), "charter");
    let Object::Array(id) = doc.trailer.get(b"ID").unwrap() else { panic!("no /ID") };
    assert_eq!((id.len(), &id[0]), (2, &id[1]));

    let page = doc.page_iter().next().unwrap();
    let page_dict = doc.get_dictionary(page).unwrap();
    assert_eq!(page_dict.get(b"Tabs").unwrap(), &name("S"));
    let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
    assert!(content.contains("/Artifact BMC\n0 0 595 842 re f\nEMC"), "{content}");
    assert!(
        content.contains("/Artifact BMC\n(Arrangements \\267 Version 2.0) Tj\nEMC"),
        "{content}"
    );
    assert!(content.contains("/H1 <</MCID 0>> BDC BT /F1 20 Tf"), "tagged content kept as it was");

    let annotation = dict(&doc, &page_dict.get(b"Annots").unwrap().as_array().unwrap()[0]);
    assert_eq!(string(annotation.get(b"Contents").unwrap()), "the agencies");

    assert_eq!(elements_of(&doc, "Figure").len(), 1, "the grouping figure is a Div");
    assert_eq!(elements_of(&doc, "Div").len(), 1);
    let th = &elements_of(&doc, "TH")[0];
    assert_eq!(string(th.get(b"ID").unwrap()), "e000001");
    let scope = dict(&doc, th.get(b"A").unwrap());
    assert_eq!(scope.get(b"Scope").unwrap(), &name("Row"));
    let td = &elements_of(&doc, "TD")[0];
    let headers = dict(&doc, td.get(b"A").unwrap()).get(b"Headers").unwrap().as_array().unwrap();
    assert_eq!(string(&headers[0]), "e000001");

    let li = &elements_of(&doc, "LI")[0];
    let kids: Vec<String> = li
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            String::from_utf8_lossy(dict(&doc, k).get(b"S").unwrap().as_name().unwrap())
                .into_owned()
        })
        .collect();
    assert_eq!(kids, ["Lbl", "LBody"], "a list item's content is in its body");
    let body = &elements_of(&doc, "LBody")[0];
    let words = dict(&doc, &body.get(b"K").unwrap().as_array().unwrap()[0]);
    assert_eq!(words.get(b"S").unwrap(), &name("NonStruct"));
    assert_eq!(dict(&doc, words.get(b"P").unwrap()).get(b"S").unwrap(), &name("LBody"));

    let outlines = dict(&doc, catalog.get(b"Outlines").unwrap());
    let first = dict(&doc, outlines.get(b"First").unwrap());
    assert_eq!(string(first.get(b"Title").unwrap()), "Safeguarding Arrangements");
}

#[test]
fn the_same_page_gives_the_same_bytes_whatever_the_run() {
    let one = finish(&chromium_like("node00000260", "D:20261127060139+00'00'"), &meta()).unwrap();
    let two = finish(&chromium_like("node00000259", "D:20261127060329+00'00'"), &meta()).unwrap();
    assert_eq!(one.bytes, two.bytes);
    let mut later = meta();
    later.date = Some(1_767_225_600 + 86_400);
    let three = finish(&chromium_like("node00000260", "D:20261127060139+00'00'"), &later).unwrap();
    assert_ne!(one.bytes, three.bytes, "a new date is a new file");
}

#[test]
fn links_to_a_site_without_an_address_are_written_as_paths() {
    let mut doc = Document::load_mem(&chromium_like("node1", "D:2026")).unwrap();
    let page = doc.page_iter().next().unwrap();
    let annotation = doc.get_dictionary(page).unwrap().get(b"Annots").unwrap().as_array().unwrap()
        [0]
    .as_reference()
    .unwrap();
    let a = doc.get_dictionary_mut(annotation).unwrap();
    a.remove(b"Dest");
    a.set(
        "A",
        dictionary! { "S" => name("URI"), "URI" => text("https://charter.invalid/nscp/glossary/") },
    );
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let mut m = meta();
    m.relative_to = Some("https://charter.invalid".into());
    let finished = Document::load_mem(&finish(&bytes, &m).unwrap().bytes).unwrap();
    let page = finished.page_iter().next().unwrap();
    let annotation = dict(
        &finished,
        &finished.get_dictionary(page).unwrap().get(b"Annots").unwrap().as_array().unwrap()[0],
    );
    let action = dict(&finished, annotation.get(b"A").unwrap());
    assert_eq!(string(action.get(b"URI").unwrap()), "/nscp/glossary/");
}

#[test]
fn a_file_that_is_not_a_pdf_is_an_error_not_a_panic() {
    let e = finish(b"<html>not a PDF</html>", &meta()).unwrap_err();
    assert!(e.contains("unreadable PDF"), "{e}");
}
