//! Guichet's server.
fn main() {}
