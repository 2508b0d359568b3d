//! Integration tests: real HTTP on loopback against the in-process emulator (and, once,
//! the built binary). One test binary keeps link time down.

mod binary;
mod common;
mod control;
mod endpoints;
mod envelope;
mod family;
mod faults;
mod paging;
mod persistence;
