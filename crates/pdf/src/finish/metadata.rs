//! What a PDF says about itself: the document information dictionary, the
//! XMP metadata stream (with the PDF/UA identifier), the catalog's
//! language and viewer preferences, and dates that come from the input
//! rather than the clock.

use lopdf::{Dictionary, Document, Object, Stream};

use super::Metadata;
use super::structure::text_string;

/// Sets the document information, the catalog entries and the XMP stream.
pub(crate) fn describe(doc: &mut Document, meta: &Metadata) {
    let producer = info(doc)
        .and_then(|i| i.get(b"Producer").ok())
        .and_then(|p| p.as_str().ok())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .unwrap_or_default();
    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    if let Some(author) = &meta.author {
        info.set("Author", text_string(author));
    }
    if let Some(subject) = &meta.subject {
        info.set("Subject", text_string(subject));
    }
    info.set("Creator", text_string("charter"));
    if !producer.is_empty() {
        info.set("Producer", text_string(&producer));
    }
    if let Some(seconds) = meta.date {
        let date = pdf_date(seconds);
        info.set("CreationDate", Object::string_literal(date.clone()));
        info.set("ModDate", Object::string_literal(date));
    }
    let info_id = doc.add_object(Object::Dictionary(info));
    doc.trailer.set("Info", Object::Reference(info_id));
    let xmp = Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(meta, &producer).into_bytes(),
    )
    .with_compression(false);
    let xmp_id = doc.add_object(Object::Stream(xmp));
    let has_outline = doc.catalog().is_ok_and(|c| c.has(b"Outlines"));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Lang", text_string(&meta.language));
        catalog.set("Metadata", Object::Reference(xmp_id));
        let mut preferences = Dictionary::new();
        preferences.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", Object::Dictionary(preferences));
        let mut mark = Dictionary::new();
        mark.set("Marked", Object::Boolean(true));
        catalog.set("MarkInfo", Object::Dictionary(mark));
        if has_outline {
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
}

fn info(doc: &Document) -> Option<&Dictionary> {
    let id = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    doc.get_dictionary(id).ok()
}

/// `D:YYYYMMDDHHmmSSZ` for a Unix time.
pub(crate) fn pdf_date(seconds: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(seconds);
    format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z")
}

/// `YYYY-MM-DDTHH:mm:SSZ` for a Unix time, as XMP writes dates.
fn xmp_date(seconds: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(seconds);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// The UTC calendar date and time of a Unix time (days to civil date after
/// Howard Hinnant's algorithm).
fn civil(seconds: i64) -> (i64, i64, i64, i64, i64, i64) {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The XMP packet: title, author, description, language, dates, producer
/// and `pdfuaid:part` 1.
fn xmp(meta: &Metadata, producer: &str) -> String {
    let mut fields = String::new();
    let title = escape_xml(&meta.title);
    fields.push_str(&format!(
        "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n"
    ));
    if let Some(author) = &meta.author {
        let author = escape_xml(author);
        fields.push_str(&format!(
            "   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n"
        ));
    }
    if let Some(subject) = &meta.subject {
        let subject = escape_xml(subject);
        fields.push_str(&format!(
            "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n"
        ));
    }
    let language = escape_xml(&meta.language);
    fields.push_str(&format!(
        "   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>\n"
    ));
    fields.push_str("   <xmp:CreatorTool>charter</xmp:CreatorTool>\n");
    if let Some(seconds) = meta.date {
        let date = xmp_date(seconds);
        for field in ["CreateDate", "ModifyDate", "MetadataDate"] {
            fields.push_str(&format!("   <xmp:{field}>{date}</xmp:{field}>\n"));
        }
    }
    if !producer.is_empty() {
        fields.push_str(&format!("   <pdf:Producer>{}</pdf:Producer>\n", escape_xml(producer)));
    }
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         \x20<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         \x20 <rdf:Description rdf:about=\"\"\n\
         \x20   xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
         \x20   xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n\
         \x20   xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n\
         \x20   xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
         \x20  <dc:format>application/pdf</dc:format>\n\
         {fields}\
         \x20  <pdfuaid:part>1</pdfuaid:part>\n\
         \x20 </rdf:Description>\n\
         \x20</rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"r\"?>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_dates() {
        // 1 January 2026, midnight UTC.
        assert_eq!(pdf_date(1_767_225_600), "D:20260101000000Z");
        assert_eq!(xmp_date(1_767_225_600 + 86_399), "2026-01-01T23:59:59Z");
        assert_eq!(pdf_date(951_782_400), "D:20000229000000Z");
        assert_eq!(pdf_date(0), "D:19700101000000Z");
    }

    #[test]
    fn the_xmp_packet_names_the_title_language_and_pdf_ua_part() {
        let meta = Metadata {
            title: "Threshold <guidance> & levels".into(),
            language: "en-GB".into(),
            author: Some("Wrenfield SCP".into()),
            subject: None,
            date: Some(0),
            headings: Vec::new(),
            relative_to: None,
        };
        let packet = xmp(&meta, "Skia/PDF m156");
        assert!(packet.contains(
            "<rdf:li xml:lang=\"x-default\">Threshold &lt;guidance&gt; &amp; levels</rdf:li>"
        ));
        assert!(packet.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(packet.contains("<rdf:li>en-GB</rdf:li>"));
        assert!(packet.contains("<xmp:CreateDate>1970-01-01T00:00:00Z</xmp:CreateDate>"));
        assert!(packet.contains("<pdf:Producer>Skia/PDF m156</pdf:Producer>"));
    }
}
