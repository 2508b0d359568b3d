//! Integration tests: real HTTP on loopback against the in-process emulator (and, once,
//! the built binary). One test binary keeps link time down.

mod binary;
mod common;
mod control;
mod delete;
mod endpoints;
mod envelope;
mod faults;
mod group_edit;
mod paging;
mod persistence;
mod samples;
mod search;
mod shell;
