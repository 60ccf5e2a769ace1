//! Running the `nomen` binary from tests.
// Each test crate that includes this module uses a part of it.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

/// What a run of the binary gave.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Run `nomen ARGS` with `stdin` (None: no input at all) and return what
/// it printed. A panic (exit 101) or a signal fails the test at once.
///
/// Runs share one registry cache under the target directory, so the
/// built-in tables are indexed once per build of nomen, not once per run,
/// and the tests never write to the user's own cache.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_with_cache(concat!(env!("CARGO_TARGET_TMPDIR"), "/nomen-cache"), args, stdin)
}

/// [`run`] with `NOMEN_CACHE_DIR` set to `cache`.
pub fn run_with_cache(cache: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nomen"))
        .args(args)
        .env("NOMEN_CACHE_DIR", cache)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start nomen");
    // Write stdin from another thread so a large input cannot deadlock
    // against a full stdout pipe.
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let output = child.wait_with_output().expect("cannot wait for nomen");
    if let Some(w) = writer {
        w.join().expect("stdin writer panicked");
    }
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let code = output.status.code().unwrap_or_else(|| panic!("nomen {args:?} was killed by a signal"));
    assert_ne!(code, 101, "nomen {args:?} panicked:\n{stderr}");
    let stdout = String::from_utf8(output.stdout).expect("nomen wrote stdout that is not UTF-8");
    Run { stdout, stderr, code }
}
