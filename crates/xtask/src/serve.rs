//! A small static file server for `dist/`, on loopback, with correct MIME types.
//!
//! Paths without a file extension that match no file get `index.html`, so the app's routes load
//! directly and survive a reload.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use crate::{Result, dist};

/// Builds `dist/` and serves it until interrupted.
pub fn run(port: u16) -> Result {
    let dist = dist::run()?;
    let listener = bind(port)?;
    println!(
        "\nServing the planner at http://127.0.0.1:{}/  (Ctrl+C to stop)",
        listener.local_addr().map_or(port, |a| a.port())
    );
    serve_forever(&listener, &dist);
    Ok(())
}

/// Binds 127.0.0.1 (port 0 picks a free port).
pub fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))
}

/// Serves `root` on `listener`, one thread per connection.
pub fn serve_forever(listener: &TcpListener, root: &Path) {
    for stream in listener.incoming().flatten() {
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            let _ = handle(stream, &root);
        });
    }
}

fn handle(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"method not allowed", method == "HEAD");
    }
    match resolve(root, target) {
        Some(path) => {
            let body = std::fs::read(&path)?;
            respond(&mut stream, "200 OK", mime(&path), &body, method == "HEAD")
        }
        None => respond(&mut stream, "404 Not Found", "text/plain", b"not found", method == "HEAD"),
    }
}

/// Maps a request target to a file under `root`, refusing anything that leaves it.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let relative = Path::new(path.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    if file.is_file() {
        return Some(file);
    }
    // An app route (no extension): the app's index.html.
    (relative.extension().is_none()).then(|| root.join("index.html")).filter(|f| f.is_file())
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ts" | "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_stays_inside_root() {
        let root = std::env::temp_dir().join(format!("acg-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        std::fs::write(root.join("index.html"), "i").unwrap();
        std::fs::write(root.join("pkg/a.wasm"), "w").unwrap();
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/pkg/a.wasm?x=1"), Some(root.join("pkg/a.wasm")));
        assert_eq!(resolve(&root, "/costs"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/missing.js"), None);
        assert_eq!(resolve(&root, "/../etc/passwd"), None);
        assert_eq!(resolve(&root, "/pkg/../../x"), None);
        assert_eq!(mime(Path::new("a.wasm")), "application/wasm");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
