//! Standard output for every command. A reader that closes the pipe early
//! (`ramp lint … | head`) ends the program quietly, as `cat` does: the
//! write's `BrokenPipe` error is handled here, never a panic.

use std::io::Write as _;

/// Writes `args` to standard output; on a closed pipe, exits with 141
/// (128 + SIGPIPE, what a shell reports for `cat`); on any other failure,
/// says so and exits 1.
pub(crate) fn write(args: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    match out.write_fmt(args).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(141),
        Err(e) => {
            eprintln!("ramp: cannot write to standard output: {e}");
            std::process::exit(1);
        }
    }
}

/// `println!` that handles a closed pipe ([`write`]).
macro_rules! say {
    () => { $crate::output::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!` that handles a closed pipe ([`write`]).
macro_rules! say_raw {
    ($($arg:tt)*) => { $crate::output::write(format_args!($($arg)*)) };
}
