//! Measures memory over a batch of reports in one process: resident set size and time per
//! report after every 10 reports. The engine trims Typst's caches by itself every few
//! documents, so the resident size should level off rather than grow with N.
//!
//!   cargo run --release -p sendbench-generate --example batch_memory -- [N]

use sendbench_core::{Assessment, Rubric};
use sendbench_generate::render::pdf::{PdfOptions, PdfRenderer};
use sendbench_generate::view::{Audience, Beside, View};

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(60);
    let rubric = Rubric::builtin();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/schools");
    let names = [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ];
    let mut schools: Vec<Assessment> = names
        .iter()
        .map(|n| {
            Assessment::load(root.join(n), &rubric)
                .expect("valid example")
                .value
        })
        .collect();
    let engine = PdfRenderer::new(&PdfOptions::default()).expect("engine");
    let start = std::time::Instant::now();
    for i in 0..n {
        // A different school name each time, so nothing is reused from the cache by accident.
        let a = &mut schools[i % names.len()];
        a.school.name = format!("School {i}");
        let audience = Audience::ALL[i % 3];
        engine
            .pdf(&View::school(&rubric, a, audience, &Beside::default()))
            .expect("report");
        if (i + 1) % 10 == 0 {
            println!(
                "{:>5} reports  RSS {:>7.1} MB  {:>6.0} ms/report",
                i + 1,
                rss_mb(),
                start.elapsed().as_millis() as f64 / (i + 1) as f64
            );
        }
    }
}
