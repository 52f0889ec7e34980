//! Entry point of the planner app: mounts [`acg_web::App`] on the page body.
fn main() {
    acg_web::start();
}
