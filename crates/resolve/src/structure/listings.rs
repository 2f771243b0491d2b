//! Phase 8: listings. Each listable page goes on its nearest ancestor
//! section, in weight and title order.

use std::collections::BTreeMap;

use charter_core::model::{PageId, Role, SourcePage};
use charter_core::urls::parent_dir;

use super::routes::PagePlaces;
use super::tree::{Document, Versioned};

/// Section page → the pages, documents and sections listed on it.
pub(super) fn listings(
    pages: &[SourcePage],
    places: &PagePlaces,
    docs: &[Document],
    versioned: &[Versioned],
) -> BTreeMap<PageId, Vec<PageId>> {
    let sections: BTreeMap<&str, PageId> = pages
        .iter()
        .filter(|p| matches!(p.role, Role::Section | Role::Home))
        .map(|p| (parent_dir(&p.content_path), p.id))
        .collect();
    let mut children: BTreeMap<PageId, Vec<PageId>> = BTreeMap::new();
    for page in pages {
        let Some(mut dir) = listing_dir(page, places, docs, versioned) else { continue };
        loop {
            if let Some(&section) = sections.get(dir) {
                if section != page.id {
                    children.entry(section).or_default().push(page.id);
                }
                break;
            }
            if dir.is_empty() {
                break;
            }
            dir = parent_dir(dir);
        }
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| {
            let (pa, pb) = (&pages[a.0], &pages[b.0]);
            let key = |p: &SourcePage| (p.frontmatter.weight.unwrap_or(0), p.title().to_string());
            key(pa).cmp(&key(pb))
        });
    }
    children
}

/// The folder whose section lists `page`, or `None` if it is not listed
/// (appendices, services, old versions, the home page).
fn listing_dir<'a>(
    page: &'a SourcePage,
    places: &PagePlaces,
    docs: &[Document],
    versioned: &[Versioned],
) -> Option<&'a str> {
    let dir = parent_dir(&page.content_path);
    match page.role {
        Role::Page => Some(dir),
        Role::Section if dir.is_empty() => None,
        Role::Section => Some(parent_dir(dir)),
        Role::Document => {
            let (d, _) = places[page.id.0].as_ref()?;
            match &docs[d.0].version {
                Some((vid, _)) if versioned[vid.0].current == Some(*d) => {
                    Some(parent_dir(parent_dir(dir)))
                }
                Some(_) => None,
                None => Some(parent_dir(dir)),
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use charter_core::Sink;
    use charter_core::model::{PageId, Role};

    use crate::structure::test_pages::pages;

    #[test]
    fn pages_list_on_their_nearest_section_in_weight_order() {
        let pages = pages(&[
            ("_index.md", Role::Home, ""),
            ("a/_index.md", Role::Section, ""),
            ("a/z.md", Role::Page, "weight: 1"),
            ("a/deep/y.md", Role::Page, ""),
            ("a/d/v1.0/index.md", Role::Document, "version: \"1.0\""),
            ("a/d/v2.0/index.md", Role::Document, "version: \"2.0\""),
        ]);
        let s = crate::structure::Structure::build(&pages, &Sink::default());
        assert_eq!(s.children(PageId(0)), &[PageId(1)]);
        assert_eq!(s.children(PageId(1)), &[PageId(3), PageId(5), PageId(2)]);
    }
}
