//! A PDF as Chromium printed it, finished: what its experimental tagging
//! leaves out or gets wrong is put right, and what differs from run to run
//! (dates, element ids, the file identifier) is made a function of the
//! input, so that the same page always gives the same bytes.

mod artifacts;
mod content;
mod metadata;
mod outline;
mod structure;
mod text;

use lopdf::{Document, Object, SaveOptions, StringFormat};
use sha2::{Digest, Sha256};

/// What the finished PDF says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The document's title, shown as the window title.
    pub title: String,
    /// Its language, such as `en-GB`.
    pub language: String,
    /// Who publishes it.
    pub author: Option<String>,
    /// A sentence about it.
    pub subject: Option<String>,
    /// Its creation and modification time (Unix seconds); no dates when
    /// `None`, rather than the time of the build.
    pub date: Option<i64>,
    /// The page's headings in order, for the bookmarks' titles.
    pub headings: Vec<String>,
    /// An origin the page was loaded from only because its site has no
    /// address of its own: links that start with it are written as paths.
    pub relative_to: Option<String>,
}

/// A finished PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// The file.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
    /// How many bookmarks it has.
    pub bookmarks: usize,
}

/// Finishes a PDF: artifacts marked, structure put right (ids, figures,
/// header scopes, list bodies, link elements), links
/// described, bookmarks retitled, metadata set, then saved compactly as
/// PDF 1.7 with a file identifier made from its content.
pub fn finish(printed: &[u8], meta: &Metadata) -> Result<Finished, String> {
    let mut doc = Document::load_mem(printed).map_err(|e| format!("unreadable PDF: {e}"))?;
    let texts = text::Texts::read(&doc);
    mark_pages(&mut doc)?;
    structure::renumber_ids(&mut doc);
    structure::regroup_figures(&mut doc);
    structure::scope_headers(&mut doc);
    structure::list_bodies(&mut doc);
    structure::describe_links(&mut doc, &texts);
    if let Some(origin) = &meta.relative_to {
        structure::relative_links(&mut doc, origin);
    }
    let bookmarks = outline::retitle(&mut doc, &meta.headings);
    metadata::describe(&mut doc, meta);
    doc.version = "1.7".into();
    doc.trailer.remove(b"ID");
    doc.prune_objects();
    let first = save(&mut doc)?;
    // The identifier is the content's own hash, so it changes exactly when
    // the content does.
    let digest = Sha256::digest(&first);
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let bytes = save(&mut doc)?;
    Ok(Finished { bytes, pages: doc.get_pages().len(), bookmarks })
}

/// Marks each page's unmarked content as artifacts and says that its
/// annotations are in structure order (`/Tabs /S`).
fn mark_pages(doc: &mut Document) -> Result<(), String> {
    let pages: Vec<_> = doc.page_iter().collect();
    for page in pages {
        let content = doc.get_page_content(page);
        if let Some(marked) = artifacts::mark_artifacts(&content) {
            let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), marked);
            stream.compress().map_err(|e| format!("compressing a page: {e}"))?;
            let id = doc.add_object(Object::Stream(stream));
            let page_dict = doc.get_dictionary_mut(page).map_err(|e| e.to_string())?;
            // The old streams are dropped when unreferenced objects are.
            page_dict.set("Contents", Object::Reference(id));
        }
        let page_dict = doc.get_dictionary_mut(page).map_err(|e| e.to_string())?;
        let has_annotations = match page_dict.get(b"Annots") {
            Ok(Object::Array(a)) => !a.is_empty(),
            Ok(_) => true,
            Err(_) => false,
        };
        if has_annotations {
            page_dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    Ok(())
}

fn save(doc: &mut Document) -> Result<Vec<u8>, String> {
    let options = SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(6)
        .build();
    let mut out = Vec::new();
    doc.save_with_options(&mut out, options).map_err(|e| format!("writing the PDF: {e}"))?;
    Ok(out)
}
