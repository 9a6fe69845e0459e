//! Limits that cannot hang the program: a person's own template that runs away is made in a
//! process of its own, stopped at the memory or time limit with a message naming it, and
//! nothing else waits for it: a build with workers finishes every other document, every
//! time, and Ctrl-C ends it at once.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::util::root;

/// `n` schools' returns in `dir`: Oakfield's review under other names and URNs.
fn schools(dir: &Path, n: usize) {
    let text = std::fs::read_to_string(root().join("examples/schools/oakfield-primary.toml"))
        .expect("example");
    for i in 0..n {
        let school = text
            .replace("Oakfield Primary School", &format!("Test School {i}"))
            .replace("urn = \"117234\"", &format!("urn = \"{}\"", 170_000 + i));
        std::fs::write(dir.join(format!("school-{i}.toml")), school).expect("write");
    }
}

/// A templates folder whose parents' report asks for more memory than any machine has and
/// whose SEN information summary never finishes (when `slow`).
fn runaway_templates(dir: &Path, slow: bool) {
    std::fs::write(
        dir.join("parents.typ"),
        "#let a = (0,)\n#for i in range(40) { a = a + a }\n#a.len()\n",
    )
    .expect("write");
    if slow {
        std::fs::write(
            dir.join("sen-info.typ"),
            "#let n = 0\n#for i in range(100000) { for j in range(100000) { n += 1 } }\n",
        )
        .expect("write");
    }
}

fn build(input: &Path, out: &Path, templates: &Path, more: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_sendbench"));
    command
        .args([
            "build",
            &input.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ])
        .args(["--templates", &templates.to_string_lossy(), "--jobs", "2"])
        .args(more)
        .env("NO_COLOR", "1");
    command
}

/// A folder of `n` schools' returns and a folder of runaway templates (see
/// [`runaway_templates`]), with the output folder beside them; the temporary folder holds
/// them all.
fn runaway_build(n: usize, slow: bool) -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (input, out, templates) = (
        dir.path().join("in"),
        dir.path().join("out"),
        dir.path().join("t"),
    );
    for d in [&input, &templates] {
        std::fs::create_dir_all(d).expect("mkdir");
    }
    schools(&input, n);
    runaway_templates(&templates, slow);
    (dir, input, out, templates)
}

#[test]
fn a_template_past_the_memory_limit_stops_only_itself_in_every_run() {
    let (_dir, input, out, templates) = runaway_build(20, false);
    for run in 0..3 {
        let started = Instant::now();
        let output = build(
            &input,
            &out,
            &templates,
            // After the first run only the stopped documents are made again.
            &["--memory-limit", "128"],
        )
        .output()
        .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "run {run}: {stderr}");
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "run {run} took {:?}",
            started.elapsed()
        );
        assert_eq!(
            stderr
                .matches("parents.typ: the report needed more than the memory limit of 128 MB and was stopped")
                .count(),
            2 * 20, // as each document fails, and again in the list at the end
            "run {run}: {stderr}"
        );
        // Every other document was made: each school's governors' and SEN information
        // reports, toolkits, and the area's documents.
        assert!(
            stderr.contains("20 documents failed"),
            "run {run}: {stderr}"
        );
        if run > 0 {
            // Only the stopped documents were made again.
            assert!(
                stderr.contains("0 documents made, 63 up to date"),
                "run {run}: {stderr}"
            );
        }
        for i in 0..20 {
            let governors = out.join(format!("schools/test-school-{i}-governors.pdf"));
            assert!(governors.is_file(), "run {run}: {}", governors.display());
        }
        assert!(out.join("area/area.pdf").is_file());
    }
}

/// The children of `pid`, from `ps`.
fn children(pid: u32) -> Vec<u32> {
    let output = std::process::Command::new("ps")
        .args(["-o", "pid=", "--ppid", &pid.to_string()])
        .output()
        .expect("ps");
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

#[test]
fn ctrl_c_while_a_template_runs_away_ends_the_build_and_its_sandboxes() {
    let (_dir, input, out, templates) = runaway_build(4, true);
    // In a process group of its own, as a terminal runs a command: Ctrl-C signals the group.
    let mut child = {
        use std::os::unix::process::CommandExt;
        build(&input, &out, &templates, &["--time-limit", "600"])
            .stderr(std::process::Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("starts")
    };
    // Wait until a sandbox is at work on the template that never finishes.
    let started = Instant::now();
    let mut sandboxes = Vec::new();
    while sandboxes.is_empty() && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(200));
        sandboxes = children(child.id());
    }
    assert!(!sandboxes.is_empty(), "a sandbox started");
    std::thread::sleep(Duration::from_millis(1500));
    // Ctrl-C in a terminal signals the whole foreground process group.
    let group = format!("-{}", child.id());
    let interrupted = Instant::now();
    std::process::Command::new("kill")
        .args(["-INT", "--", &group])
        .status()
        .expect("kill");
    let status = child.wait().expect("waits");
    assert!(
        interrupted.elapsed() < Duration::from_secs(20),
        "{:?}",
        interrupted.elapsed()
    );
    assert_eq!(status.code(), Some(130));
    std::thread::sleep(Duration::from_millis(500));
    for pid in sandboxes {
        assert!(
            !Path::new(&format!("/proc/{pid}")).exists(),
            "sandbox {pid} was left running"
        );
    }
}

/// A template that never finishes is stopped at the time limit, named, with what to do; the
/// other reports made with the same templates are made.
#[test]
fn a_template_past_the_time_limit_is_stopped_and_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    runaway_templates(dir.path(), true);
    let out = dir.path().join("reports");
    std::fs::create_dir_all(&out).expect("mkdir");
    let started = Instant::now();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_sendbench"))
        .args([
            "report",
            &root()
                .join("examples/schools/oakfield-primary.toml")
                .to_string_lossy(),
        ])
        .args([
            "--audience",
            "sen-info",
            "--templates",
            &dir.path().to_string_lossy(),
        ])
        .args([
            "--time-limit",
            "2",
            "-o",
            &out.join("sen-info.pdf").to_string_lossy(),
        ])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert!(
        stderr.contains("sen-info.typ: the report took longer than 2 s and was stopped")
            && stderr.contains("give more time with --time-limit SECONDS"),
        "{stderr}"
    );
}
