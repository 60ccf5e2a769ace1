//! Embeds every scheme file in tables/translit/ and every alias table in
//! tables/entities/, so that adding a data file never needs a code change.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut code = String::new();
    for (konst, dir, ext) in
        [("SCHEME_FILES", "tables/translit", "rules"), ("ENTITY_TABLES", "tables/entities", "tsv")]
    {
        println!("cargo:rerun-if-changed={dir}");
        let mut files: Vec<_> = fs::read_dir(dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == ext));
        files.sort();
        writeln!(code, "pub(crate) const {konst}: &[(&str, &str)] = &[").unwrap();
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let abs = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join(&path);
            writeln!(
                code,
                "    ({:?}, include_str!({:?})),",
                path.display().to_string(),
                abs.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    fs::write(Path::new(&out).join("embedded.rs"), code).expect("write embedded.rs");
    println!("cargo:rustc-env=NOMEN_BUILD_ID={:016x}", build_id());
}

/// A hash of everything a snapshot's contents depend on (the code that
/// keys names and the tables), so that a snapshot made by another build is
/// never taken for this one's.
fn build_id() -> u64 {
    use std::hash::{Hash, Hasher};
    fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
        let Ok(rd) = fs::read_dir(dir) else { return };
        for path in rd.filter_map(Result::ok).map(|e| e.path()) {
            if path.is_dir() { walk(&path, files) } else { files.push(path) }
        }
    }
    let mut files = Vec::new();
    for dir in ["src", "tables"] {
        println!("cargo:rerun-if-changed={dir}");
        walk(Path::new(dir), &mut files);
    }
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    for f in files {
        f.hash(&mut h);
        fs::read(&f).unwrap_or_default().hash(&mut h);
    }
    h.finish()
}
