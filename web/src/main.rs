fn main() {
    ramp_web::run();
}
