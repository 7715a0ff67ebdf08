//! Guichet's domain rules, shared by the browser app and the server. No I/O.
