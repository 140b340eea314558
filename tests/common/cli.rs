//! Runs the built `corroborate` as outside tools do: arguments, bytes on standard input (written
//! from a thread, so a large input never deadlocks against a full stdout pipe; a usage error
//! that exits before reading is not a failure), environment variables, and the whole output.

// Each includer uses a different part of this file.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs the CLI with `args`, `stdin` on its standard input and `env` added to its environment.
pub fn run_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run corroborate");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    out
}

/// Runs the CLI with `args` and `stdin` on its standard input.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_env(args, stdin, &[])
}
