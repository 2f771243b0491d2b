//! The web host's own files, for `host:` in charter.yaml: the security
//! headers (the Content-Security-Policy first), the 404 page and the
//! aliases' redirects, in the form each host reads. GitHub Pages reads
//! none, so there each page carries its policy in a `<meta>` instead.

use charter_core::config::Host;
use charter_resolve::Site;

use crate::files::Files;
use crate::output::Output;

/// The policy every page of the default theme works under: no inline
/// script or style, nothing loaded from elsewhere, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

/// The headers the published site is meant to be served with (and the
/// preview is).
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

/// The nginx include file's name in the output.
pub(crate) const NGINX_FILE: &str = "nginx.conf";

/// One alias: the address asked for and where it now lives, both
/// root-relative with the base path.
struct Move {
    from: String,
    to: String,
}

/// Writes the files of `site.config.host` into `output`.
pub(crate) fn add(site: &Site, output: &mut Output) {
    let Some(host) = site.config.host else {
        return;
    };
    let files = output.files_mut();
    let moves = moves(site, files);
    let not_found = format!("{}404.html", site.base_path);
    match host {
        Host::Netlify | Host::Cloudflare => {
            files.insert("_headers".into(), headers_file().into_bytes().into());
            let forced = host == Host::Netlify;
            files.insert("_redirects".into(), redirects_file(&moves, forced).into_bytes().into());
        }
        Host::AzureStaticWebApps => {
            let config = azure(&moves, &not_found);
            files.insert("staticwebapp.config.json".into(), config.into_bytes().into());
        }
        Host::Iis => {
            files.insert(
                "web.config".into(),
                iis(&moves, &not_found, &site.base_path).into_bytes().into(),
            );
        }
        Host::Apache => {
            files.insert(".htaccess".into(), apache(&moves, &not_found).into_bytes().into());
        }
        Host::Nginx => {
            let file = nginx(&moves, &not_found, &site.base_path);
            files.insert(NGINX_FILE.into(), file.into_bytes().into());
        }
        Host::GithubPages => {
            meta_policy(files);
            // Branch deployments run Jekyll, which drops files whose names
            // start with `_`; this file turns it off.
            files.insert(".nojekyll".into(), Vec::new().into());
        }
    }
}

/// The redirects the build wrote as pages: each alias that did not clash.
fn moves(site: &Site, files: &Files) -> Vec<Move> {
    site.redirects
        .iter()
        .filter(|r| {
            files.get(&r.path).is_some_and(|b| {
                std::str::from_utf8(b).is_ok_and(|h| h.contains("http-equiv=\"refresh\""))
            })
        })
        .map(|r| {
            let alias = r.path.strip_suffix("index.html").unwrap_or(&r.path);
            Move { from: site.href(alias), to: site.page_href(r.page) }
        })
        .collect()
}

/// `_headers` for Netlify and Cloudflare Pages: every path.
fn headers_file() -> String {
    let mut out = String::from("# Written by charter (host: in charter.yaml).\n/*\n");
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out
}

/// `_redirects`: Netlify applies a rule over an existing file only when it
/// is forced with `!`; Cloudflare applies rules first anyway.
fn redirects_file(moves: &[Move], forced: bool) -> String {
    let mut out = String::from("# Written by charter (host: in charter.yaml): the aliases.\n");
    for m in moves {
        out.push_str(&format!("{} {} 301{}\n", m.from, m.to, if forced { "!" } else { "" }));
    }
    out
}

/// `staticwebapp.config.json` for Azure Static Web Apps.
fn azure(moves: &[Move], not_found: &str) -> String {
    let headers: serde_json::Map<String, serde_json::Value> =
        SECURITY_HEADERS.iter().map(|(n, v)| (n.to_string(), (*v).into())).collect();
    let routes: Vec<serde_json::Value> = moves
        .iter()
        .map(|m| serde_json::json!({ "route": m.from, "redirect": m.to, "statusCode": 301 }))
        .collect();
    let config = serde_json::json!({
        "globalHeaders": headers,
        "routes": routes,
        "responseOverrides": { "404": { "rewrite": not_found, "statusCode": 404 } },
    });
    let mut text = serde_json::to_string_pretty(&config).unwrap_or_default();
    text.push('\n');
    text
}

/// Escapes text for a double-quoted XML attribute (the policy's single
/// quotes stay as they are, for people reading the file).
fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `web.config` for IIS: headers, the 404 page, and a redirect per alias
/// (IIS's HTTP Redirection feature).
fn iis(moves: &[Move], not_found: &str, base_path: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <!-- Written by charter (host: in charter.yaml). Put the output folder at the site's \
         path; redirects need IIS's HTTP Redirection feature. -->\n\
         <configuration>\n  <system.webServer>\n    <httpProtocol>\n      <customHeaders>\n\
         \x20       <remove name=\"X-Powered-By\" />\n",
    );
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("        <add name=\"{name}\" value=\"{}\" />\n", xml(value)));
    }
    out.push_str(&format!(
        "      </customHeaders>\n    </httpProtocol>\n    <httpErrors errorMode=\"Custom\" \
         existingResponse=\"Replace\">\n      <remove statusCode=\"404\" />\n      <error \
         statusCode=\"404\" path=\"{}\" responseMode=\"ExecuteURL\" />\n    </httpErrors>\n  \
         </system.webServer>\n",
        xml(not_found)
    ));
    for m in moves {
        // A <location> path is relative to the folder web.config is in.
        let path = m.from.strip_prefix(base_path).unwrap_or(&m.from).trim_end_matches('/');
        out.push_str(&format!(
            "  <location path=\"{}\">\n    <system.webServer>\n      <httpRedirect \
             enabled=\"true\" destination=\"{}\" exactDestination=\"true\" \
             httpResponseStatus=\"Permanent\" />\n    </system.webServer>\n  </location>\n",
            xml(path),
            xml(&m.to)
        ));
    }
    out.push_str("</configuration>\n");
    out
}

/// `.htaccess` for Apache httpd (mod_headers and mod_alias, with
/// `AllowOverride FileInfo` for the site's folder).
fn apache(moves: &[Move], not_found: &str) -> String {
    let mut out = String::from(
        "# Written by charter (host: in charter.yaml). Needs mod_headers, mod_alias and\n\
         # AllowOverride FileInfo for this folder.\n",
    );
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("Header always set {name} \"{value}\"\n"));
    }
    out.push_str(&format!("ErrorDocument 404 {not_found}\n"));
    for m in moves {
        out.push_str(&format!("Redirect 301 \"{}\" \"{}\"\n", m.from, m.to));
    }
    out
}

/// An include file for nginx's `server` block.
fn nginx(moves: &[Move], not_found: &str, base_path: &str) -> String {
    let mut out = String::from(
        "# Written by charter (host: in charter.yaml). Include it in the server block\n\
         # that serves the site: include /path/to/public/nginx.conf;\n",
    );
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("add_header {name} \"{value}\" always;\n"));
    }
    out.push_str(&format!("error_page 404 {not_found};\n"));
    for m in moves {
        out.push_str(&format!("location = {} {{ return 301 {}; }}\n", m.from, m.to));
    }
    out.push_str(&format!("location = {base_path}{NGINX_FILE} {{ return 404; }}\n"));
    out
}

/// GitHub Pages sends no headers of ours: each page carries the policy
/// itself, except `frame-ancestors`, which a `<meta>` cannot express.
fn meta_policy(files: &mut Files) {
    for (path, bytes) in files.iter_mut() {
        if !path.ends_with(".html") {
            continue;
        }
        if let Some(with) = std::str::from_utf8(bytes).ok().and_then(meta_inserted) {
            *bytes = with.into_bytes().into();
        }
    }
}

/// A page's HTML with the policy's `<meta>` for `site`'s host, when the
/// host needs one (GitHub Pages). Pages streamed to the output get it as
/// they are made; the rest when the host's files are written.
pub(crate) fn with_meta_policy(site: &Site, html: String) -> String {
    if site.config.host != Some(Host::GithubPages) {
        return html;
    }
    meta_inserted(&html).unwrap_or(html)
}

/// The HTML with the `<meta>` right after the charset, so the policy
/// governs everything after it; `None` if it has one or has no head.
fn meta_inserted(html: &str) -> Option<String> {
    if html.contains("http-equiv=\"Content-Security-Policy\"") {
        return None;
    }
    let policy: Vec<&str> = CONTENT_SECURITY_POLICY
        .split("; ")
        .filter(|directive| !directive.starts_with("frame-ancestors"))
        .collect();
    let meta =
        format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">", policy.join("; "));
    let at = match html.find("<meta charset") {
        Some(i) => html[i..].find('>').map(|e| i + e + 1),
        None => html.find("<head>").map(|i| i + "<head>".len()),
    }?;
    let mut with = String::with_capacity(html.len() + meta.len() + 1);
    with.push_str(&html[..at]);
    with.push('\n');
    with.push_str(&meta);
    with.push_str(&html[at..]);
    Some(with)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved() -> Vec<Move> {
        vec![Move { from: "/nscp/old/".into(), to: "/nscp/arrangements/masa/".into() }]
    }

    #[test]
    fn each_host_gets_the_policy_the_redirects_and_the_404_page() {
        let m = moved();
        let outputs = [
            headers_file(),
            azure(&m, "/nscp/404.html"),
            iis(&m, "/nscp/404.html", "/nscp/"),
            apache(&m, "/nscp/404.html"),
            nginx(&m, "/nscp/404.html", "/nscp/"),
        ];
        for text in &outputs {
            assert!(text.contains("frame-ancestors 'none'"), "{text}");
            assert!(text.contains("nosniff"), "{text}");
        }
        assert_eq!(
            redirects_file(&m, true).lines().last(),
            Some("/nscp/old/ /nscp/arrangements/masa/ 301!")
        );
        assert_eq!(
            redirects_file(&m, false).lines().last(),
            Some("/nscp/old/ /nscp/arrangements/masa/ 301")
        );
        let azure: serde_json::Value = serde_json::from_str(&outputs[1]).unwrap();
        assert_eq!(azure["routes"][0]["redirect"], "/nscp/arrangements/masa/");
        assert_eq!(azure["responseOverrides"]["404"]["rewrite"], "/nscp/404.html");
        assert!(outputs[2].contains("<location path=\"old\">"), "{}", outputs[2]);
        assert!(outputs[3].contains("Redirect 301 \"/nscp/old/\" \"/nscp/arrangements/masa/\""));
        assert!(
            outputs[4].contains("location = /nscp/old/ { return 301 /nscp/arrangements/masa/; }")
        );
    }

    #[test]
    fn github_pages_get_the_policy_in_each_page_without_frame_ancestors() {
        let mut files = Files::new();
        files.insert(
            "index.html".into(),
            b"<head><meta charset=\"utf-8\"><title>T</title>".to_vec().into(),
        );
        files.insert("a.css".into(), b"x".to_vec().into());
        meta_policy(&mut files);
        let html = String::from_utf8(files["index.html"].to_vec()).unwrap();
        assert!(html.starts_with("<head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';"), "{html}");
        assert!(!html.contains("frame-ancestors"));
        assert_eq!(files["a.css"].as_slice(), b"x");
    }
}
