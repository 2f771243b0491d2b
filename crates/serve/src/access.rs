//! Who the preview answers, and under which path: a defence against DNS
//! rebinding (a web page whose name suddenly resolves to 127.0.0.1 could
//! otherwise read draft documents from the preview), and the base URL's
//! sub-path, so that a site built for `/nscp/` previews under `/nscp/`.

use std::net::IpAddr;

/// The names a request's `Host` may carry, and the site's path.
#[derive(Clone, Debug)]
pub struct Access {
    /// Host names answered: lower case, without the port, IPv6 in brackets.
    hosts: Vec<String>,
    /// The base URL's path: "/" or "/nscp/".
    base_path: String,
}

impl Access {
    /// On loopback (and on every address at once): the bound address,
    /// `localhost`, `127.0.0.1`, `[::1]` and the allowed hosts. On another
    /// address: that address and the allowed hosts only.
    pub fn new(bind: IpAddr, allowed_hosts: &[String], base_path: &str) -> Access {
        let mut hosts = vec![address_name(bind)];
        if bind.is_loopback() || bind.is_unspecified() {
            hosts.extend(["localhost", "127.0.0.1", "[::1]"].map(String::from));
        }
        hosts.extend(allowed_hosts.iter().map(|h| normalise(h)));
        let mut base_path = format!("/{}/", base_path.trim_matches('/'));
        if base_path == "//" {
            base_path = "/".into();
        }
        Access { hosts, base_path }
    }

    /// Whether a request with this `Host` header is answered. A request
    /// without one (HTTP/1.0) is not: every browser sends it.
    pub fn allows(&self, host_header: Option<&str>) -> bool {
        host_header.is_some_and(|h| self.hosts.contains(&normalise(h)))
    }

    /// The site's path, "/" or "/nscp/".
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The path of a file of the site for a request path, or `None` when
    /// the request is outside the site's sub-path.
    pub fn site_path<'p>(&self, request: &'p str) -> Option<&'p str> {
        if self.base_path == "/" {
            return Some(request);
        }
        let inside = request.strip_prefix(self.base_path.trim_end_matches('/'))?;
        match inside {
            "" => Some("/"),
            rest if rest.starts_with('/') => Some(rest),
            _ => None,
        }
    }
}

/// An address as a `Host` header names it.
fn address_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// A `Host` value without its port, in lower case, without a final dot.
fn normalise(host: &str) -> String {
    let host = host.trim().to_ascii_lowercase();
    let name = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(&host).to_string()
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name.to_string(),
            _ => host.clone(),
        }
    };
    name.trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_answers_its_own_names_only() {
        let access =
            Access::new("127.0.0.1".parse().unwrap(), &["Preview.Council.Test".into()], "/");
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
            "preview.council.test:8080",
            "localhost.",
        ] {
            assert!(access.allows(Some(ok)), "{ok}");
        }
        for refused in
            ["evil.example", "evil.example:1111", "127.0.0.1.evil.example", "", "[::2]:1111"]
        {
            assert!(!access.allows(Some(refused)), "{refused}");
        }
        assert!(!access.allows(None));
    }

    #[test]
    fn another_address_answers_itself_and_the_allowed_names() {
        let access = Access::new("192.0.2.7".parse().unwrap(), &["laptop".into()], "/");
        assert!(access.allows(Some("192.0.2.7:1111")) && access.allows(Some("laptop:1111")));
        assert!(!access.allows(Some("localhost:1111")) && !access.allows(Some("127.0.0.1")));
        let v6 = Access::new("2001:db8::1".parse().unwrap(), &[], "/");
        assert!(v6.allows(Some("[2001:db8::1]:1111")));
    }

    #[test]
    fn the_site_lives_under_its_sub_path() {
        let access = Access::new("127.0.0.1".parse().unwrap(), &[], "/nscp/");
        assert_eq!(access.site_path("/nscp/about/"), Some("/about/"));
        assert_eq!(access.site_path("/nscp"), Some("/"));
        assert_eq!(access.site_path("/nscpx/"), None);
        assert_eq!(access.site_path("/about/"), None);
        let root = Access::new("127.0.0.1".parse().unwrap(), &[], "/");
        assert_eq!(root.site_path("/about/"), Some("/about/"));
    }
}
