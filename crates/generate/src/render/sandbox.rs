//! Typesetting replaced templates in another process, at limits the operating system keeps.
//!
//! A template a person wrote may loop for ever or ask for a terabyte, and neither Typst nor
//! minijinja can be stopped from outside. Counting the heap and parking the thread that
//! passed a limit (the way this was done before) left that thread holding its memory, and
//! any other thread that then asked for memory waiting too: a build's workers hung and the
//! program ignored Ctrl-C. So a document made with a replaced template is made by a child
//! process (the program running itself: [`ProcessSandbox`]) that holds the memory limit
//! itself and is killed at the time limit; the operating system frees all it had, a stopped
//! document stops nothing else, and Ctrl-C ends the child with its parent.
//!
//! The protocol, over the child's standard input and output, one request at a time (a child
//! is kept for the next document): a request is its length (8 bytes, little-endian) and JSON;
//! a reply is a status byte ([`OK`], [`FAILED`], [`OUT_OF_MEMORY`]), its length and bytes
//! (the document, or the error's message).

use std::io::{BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// A reply's status: the document follows.
pub const OK: u8 = 0;
/// A reply's status: the document could not be made; the message follows.
pub const FAILED: u8 = 1;
/// A reply's status: the child passed its memory limit and is ending.
pub const OUT_OF_MEMORY: u8 = 2;

/// How often a wait for a sandboxed document checks whether the user interrupted.
const CANCEL_POLL: Duration = Duration::from_millis(50);

/// The most a request or reply may be (a document's data and templates are far smaller).
const MAX_MESSAGE: u64 = 1 << 30;

/// One document to make in a sandbox.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Request {
    /// A PDF (see [`super::pdf::TypesetJob`]).
    Pdf(super::pdf::TypesetJob),
    /// A web page (see [`super::html::PageJob`]).
    Html(super::html::PageJob),
}

impl Request {
    /// The template the document is made with, for messages.
    pub fn template(&self) -> String {
        match self {
            Request::Pdf(job) => job.main.trim_start_matches('/').to_owned(),
            Request::Html(job) => job.template.clone(),
        }
    }
}

/// Why a sandboxed document was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SandboxError {
    /// The renderer's own failure, as JSON of its error.
    Failed(Vec<u8>),
    /// It ran past the time limit and was stopped.
    Time(Duration),
    /// It needed more than the child's memory limit and was stopped.
    Memory,
    /// The child could not be started or ended without a reply (killed, or Ctrl-C).
    Process(String),
}

/// Where documents with replaced templates are made, within the time limit.
pub trait Sandbox: Send + Sync {
    /// Makes the document `request` asks for, or says why not.
    fn run(&self, request: &Request, time_limit: Duration) -> Result<Vec<u8>, SandboxError>;

    /// The memory limit a sandboxed document is held to, in megabytes, for messages.
    fn memory_limit_mb(&self) -> Option<u64>;
}

/// A child process kept for the next request.
struct Worker {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

/// Child processes of `program args`, each serving one request at a time, kept while they
/// work and replaced when one is stopped.
pub struct ProcessSandbox {
    program: PathBuf,
    args: Vec<String>,
    memory_limit_mb: Option<u64>,
    idle: Mutex<Vec<Worker>>,
    /// Set when the user interrupts: a document being waited for is abandoned, its child
    /// ended.
    cancel: Option<&'static AtomicBool>,
}

impl ProcessSandbox {
    /// Children made by running `program` with `args` (which must serve requests on their
    /// standard input and output, as [`serve`] does, holding themselves to
    /// `memory_limit_mb`).
    pub fn new(
        program: PathBuf,
        args: Vec<String>,
        memory_limit_mb: Option<u64>,
    ) -> ProcessSandbox {
        ProcessSandbox {
            program,
            args,
            memory_limit_mb,
            idle: Mutex::new(Vec::new()),
            cancel: None,
        }
    }

    /// This sandbox ending the document it waits for (and its child) once `flag` is set.
    pub fn cancelled_by(mut self, flag: &'static AtomicBool) -> ProcessSandbox {
        self.cancel = Some(flag);
        self
    }

    /// Waits for a reply until the time limit, or until the user interrupts.
    fn wait<T>(
        &self,
        receiver: &mpsc::Receiver<T>,
        time_limit: Duration,
    ) -> Result<T, SandboxError> {
        let deadline = std::time::Instant::now() + time_limit;
        loop {
            let now = std::time::Instant::now();
            if now >= deadline {
                return Err(SandboxError::Time(time_limit));
            }
            if self.cancel.is_some_and(|c| c.load(Ordering::SeqCst)) {
                return Err(SandboxError::Process("interrupted".into()));
            }
            match receiver.recv_timeout((deadline - now).min(CANCEL_POLL)) {
                Ok(x) => return Ok(x),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(SandboxError::Process(
                        "the sandbox ended without a reply".into(),
                    ))
                }
            }
        }
    }

    fn worker(&self) -> Result<Worker, SandboxError> {
        if let Some(w) = self.idle.lock().ok().and_then(|mut idle| idle.pop()) {
            return Ok(w);
        }
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                SandboxError::Process(format!("cannot start {}: {e}", self.program.display()))
            })?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            return Err(SandboxError::Process("the sandbox has no pipes".into()));
        };
        Ok(Worker {
            child,
            input,
            output: BufReader::new(output),
        })
    }
}

impl Drop for ProcessSandbox {
    fn drop(&mut self) {
        if let Ok(mut idle) = self.idle.lock() {
            for mut w in idle.drain(..) {
                // Closing its input ends a child's loop; it is waited for so none is left.
                drop(w.input);
                let _ = w.child.wait();
            }
        }
    }
}

/// Writes one message: its length and bytes.
fn send(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)?;
    out.flush()
}

/// Reads one message's bytes; `None` at the end of the input.
fn receive(input: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut length = [0u8; 8];
    match input.read_exact(&mut length) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let length = u64::from_le_bytes(length);
    if length > MAX_MESSAGE {
        return Err(std::io::Error::other("a message over the size allowed"));
    }
    let mut bytes = Vec::new();
    input.take(length).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != length {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(bytes))
}

/// Reads a reply: its status and bytes.
fn reply(output: &mut impl Read) -> std::io::Result<(u8, Vec<u8>)> {
    let mut status = [0u8; 1];
    output.read_exact(&mut status)?;
    let bytes = receive(output)?.ok_or(std::io::ErrorKind::UnexpectedEof)?;
    Ok((status[0], bytes))
}

impl Sandbox for ProcessSandbox {
    fn memory_limit_mb(&self) -> Option<u64> {
        self.memory_limit_mb
    }

    fn run(&self, request: &Request, time_limit: Duration) -> Result<Vec<u8>, SandboxError> {
        let mut w = self.worker()?;
        let json = serde_json::to_vec(request)
            .map_err(|e| SandboxError::Process(format!("cannot send the request: {e}")))?;
        if let Err(e) = send(&mut w.input, &json) {
            let _ = w.child.kill();
            let _ = w.child.wait();
            return Err(SandboxError::Process(format!("the sandbox stopped: {e}")));
        }
        // The reply is read on a thread of its own, so the wait can end at the time limit.
        let (sender, receiver) = mpsc::channel();
        let mut output = w.output;
        let reader = std::thread::spawn(move || {
            let got = reply(&mut output);
            let _ = sender.send((got, output));
        });
        let (got, output) = match self.wait(&receiver, time_limit) {
            Ok(x) => x,
            Err(e) => {
                // Past the time limit, interrupted, or the reader ended: the child is ended,
                // which ends the reader too.
                let _ = w.child.kill();
                let _ = w.child.wait();
                let _ = reader.join();
                return Err(e);
            }
        };
        let _ = reader.join();
        match got {
            Ok((status @ (OK | FAILED), bytes)) => {
                // A child that answered is kept for the next request.
                if let Ok(mut idle) = self.idle.lock() {
                    idle.push(Worker {
                        child: w.child,
                        input: w.input,
                        output,
                    });
                }
                if status == OK {
                    Ok(bytes)
                } else {
                    Err(SandboxError::Failed(bytes))
                }
            }
            Ok((OUT_OF_MEMORY, _)) => {
                let _ = w.child.wait();
                Err(SandboxError::Memory)
            }
            Ok((other, _)) => {
                let _ = w.child.kill();
                let _ = w.child.wait();
                Err(SandboxError::Process(format!(
                    "a reply of unknown kind {other}"
                )))
            }
            Err(_) => {
                // No reply: the child ended (interrupted, or killed by the system).
                let _ = w.child.kill();
                let status = w.child.wait().map(|s| s.to_string()).unwrap_or_default();
                Err(SandboxError::Process(format!(
                    "the sandbox ended without a reply ({status})"
                )))
            }
        }
    }
}

/// What a child keeps between requests: the renderers of the last templates and fonts it
/// was sent, so a batch's documents share one as they would in one process.
#[derive(Default)]
struct Served {
    pdf: Option<(u64, std::sync::Arc<super::pdf::Typesetter>)>,
    html: Option<(u64, std::sync::Arc<super::html::HtmlRenderer>)>,
}

fn key(value: &impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

impl Served {
    /// Makes one document: the reply's status and bytes.
    fn make(&mut self, request: Request) -> (u8, Vec<u8>) {
        let failed = |e: &dyn erased::ToJson| (FAILED, e.to_json());
        match request {
            Request::Pdf(job) => {
                let k = key(&(&job.sources, &job.font_dirs));
                let typesetter = match &self.pdf {
                    Some((old, t)) if *old == k => t.clone(),
                    _ => match super::pdf::Typesetter::new(&job.sources, &job.font_dirs) {
                        Ok(t) => {
                            let t = std::sync::Arc::new(t);
                            self.pdf = Some((k, t.clone()));
                            t
                        }
                        Err(e) => return failed(&e),
                    },
                };
                match typesetter.typeset_here(&job) {
                    Ok(pdf) => (OK, pdf),
                    Err(e) => failed(&e),
                }
            }
            Request::Html(job) => {
                let k = key(&job.sources);
                let renderer = match &self.html {
                    Some((old, r)) if *old == k => r.clone(),
                    _ => match super::html::HtmlRenderer::with_sources(job.sources.clone()) {
                        Ok(r) => {
                            let r = std::sync::Arc::new(r);
                            self.html = Some((k, r.clone()));
                            r
                        }
                        Err(e) => return failed(&e),
                    },
                };
                match renderer.page_here(&job) {
                    Ok(page) => (OK, page.into_bytes()),
                    Err(e) => failed(&e),
                }
            }
        }
    }
}

/// Errors sent back to the parent as JSON.
mod erased {
    /// An error that travels as JSON.
    pub trait ToJson {
        fn to_json(&self) -> Vec<u8>;
    }

    impl<T: serde::Serialize> ToJson for T {
        fn to_json(&self) -> Vec<u8> {
            serde_json::to_vec(self).unwrap_or_default()
        }
    }
}

/// How often a child waiting for a document checks whether its memory limit was passed.
const MEMORY_POLL: Duration = Duration::from_millis(20);

/// Serves requests from `input`, replying on `output`, until the input ends: what the
/// program does when it runs itself as a sandbox. Each document is made on a thread of its
/// own (with the stack Typst's layout needs) while this one watches `memory_exceeded`:
/// when the allocator has stopped that thread at the memory limit, this replies
/// [`OUT_OF_MEMORY`] and the process ends, giving everything back.
pub fn serve(
    mut input: impl Read,
    mut output: impl Write,
    memory_exceeded: fn() -> bool,
) -> std::io::Result<()> {
    let mut served = Served::default();
    while let Some(bytes) = receive(&mut input)? {
        let request: Request = serde_json::from_slice(&bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let (sender, receiver) = mpsc::channel();
        let mut state = std::mem::take(&mut served);
        std::thread::Builder::new()
            .name("sandboxed".into())
            .stack_size(8 << 20)
            .spawn(move || {
                let made = state.make(request);
                // Typst's caches would otherwise grow document by document towards the limit
                // that is meant for one document.
                comemo::evict(0);
                let _ = sender.send((made, state));
            })?;
        let ((status, bytes), state) = loop {
            match receiver.recv_timeout(MEMORY_POLL) {
                Ok(done) => break done,
                Err(mpsc::RecvTimeoutError::Timeout) if memory_exceeded() => {
                    output.write_all(&[OUT_OF_MEMORY])?;
                    send(&mut output, &[])?;
                    std::process::exit(3);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    // The thread panicked outside the renderer's own guard.
                    break ((FAILED, b"null".to_vec()), Served::default());
                }
            }
        };
        served = state;
        output.write_all(&[status])?;
        send(&mut output, &bytes)?;
    }
    Ok(())
}
