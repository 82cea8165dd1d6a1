//! What the command-line tests share.

use std::io::{BufRead, BufReader, Read};
use std::process::Child;

/// `ramp serve`'s banner: the lines of its stdout up to the first that
/// contains one of `ready`. The rest of its output is drained in the
/// background, so the server never blocks on a full pipe.
pub fn banner(child: &mut Child, ready: &[&str]) -> Vec<String> {
    let mut out = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let (mut lines, mut line) = (Vec::new(), String::new());
    while out.read_line(&mut line).unwrap_or(0) > 0 {
        let done = ready.iter().any(|r| line.contains(r));
        lines.push(std::mem::take(&mut line));
        if done {
            break;
        }
    }
    std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = out.read_to_string(&mut rest);
    });
    lines
}
