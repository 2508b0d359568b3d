//! CORS headers on every answer (the browser tests and the dashboard call from pages).

/// The Access-Control-Allow-Origin value for a request from `origin`, if allowed.
fn allowed_origin(allowed: &[String], origin: Option<&str>) -> Option<String> {
    if allowed.iter().any(|o| o == "*") {
        return Some("*".to_owned());
    }
    match origin {
        None if allowed.is_empty() => Some("*".to_owned()),
        None => None,
        Some(o) if allowed.is_empty() => Some(o.to_owned()),
        Some(o) => allowed.iter().any(|a| a == o).then(|| o.to_owned()),
    }
}

/// Appends the CORS headers for a request from `origin` to `headers`.
pub fn add(headers: &mut Vec<(String, String)>, allowed: &[String], origin: Option<&str>) {
    let allow = allowed_origin(allowed, origin);
    let echoed = allow.as_deref().is_some_and(|v| v != "*");
    let mut put = |k: &str, v: &str| headers.push((k.to_owned(), v.to_owned()));
    if let Some(v) = &allow {
        put("access-control-allow-origin", v);
    }
    if echoed {
        put("vary", "Origin");
    }
    put("access-control-allow-methods", "POST, GET, DELETE, OPTIONS");
    put("access-control-allow-headers", "content-type");
    put("access-control-max-age", "600");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cors_origin_rules() {
        let o = "http://localhost:5173";
        assert_eq!(allowed_origin(&[], Some(o)).as_deref(), Some(o));
        assert_eq!(allowed_origin(&[], None).as_deref(), Some("*"));
        assert_eq!(allowed_origin(&["*".into()], Some(o)).as_deref(), Some("*"));
        assert_eq!(
            allowed_origin(&["http://localhost:5173".into()], Some(o)).as_deref(),
            Some(o)
        );
        assert_eq!(allowed_origin(&["http://x".into()], Some(o)), None);
    }
}
