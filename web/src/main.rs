//! The app's entry point: starts the shell (ramp_web::run).

fn main() {
    ramp_web::run();
}
