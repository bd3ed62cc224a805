//! Links the addon for Node (napi).
fn main() {
    napi_build::setup();
}
