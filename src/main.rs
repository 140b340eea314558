//! The `corroborate` command line: `extract`, `check`, `index` (../shared/spec/cli.md).
//!
//! A thin shell: it reads files and arguments, calls the core, and prints one whole document on
//! stdout. Exit status: 0 done; 1 the input or corpus was unusable (one line on stderr says
//! which file and why); 2 a usage error.

use corroborate::corpus::{Corpus, DocError};
use corroborate::{analyze, parse_date, reconcile, report, MAX_TEXT_BYTES};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

include!(concat!(env!("OUT_DIR"), "/default_corpus.rs"));

const USAGE: &str = "usage:
  corroborate extract [FILE|-] [--format json|text]
  corroborate check   [FILE|-] [--corpus PATH] [--date YYYY-MM-DD] [--format json|text|markdown]
  corroborate index   SOURCE_DIR --out OUT_DIR

FILE absent or - reads standard input. An .html file is read as HTML.
check without --corpus uses the default corpus (the documents in corpus/ when this was built).";

/// A failure and its exit status.
enum Failure {
    /// Exit 2: the command line is wrong.
    Usage(String),
    /// Exit 1: the input or the corpus is unusable.
    Input(String),
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("corroborate: internal error{at}: {msg} (please report it with the input that caused it)");
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = std::panic::catch_unwind(|| run(&args));
    match result {
        Ok(Ok(out)) => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Ok(Err(Failure::Usage(msg))) => {
            eprintln!("corroborate: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Ok(Err(Failure::Input(msg))) => {
            eprintln!("corroborate: {msg}");
            ExitCode::from(1)
        }
        Err(_) => ExitCode::from(1),
    }
}

struct Args {
    command: String,
    file: Option<String>,
    format: Option<String>,
    corpus: Option<String>,
    date: Option<String>,
    out: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Args, Failure> {
    let mut it = args.iter();
    let command = match it.next() {
        Some(c) if c == "-h" || c == "--help" || c == "help" => {
            return Err(Failure::Usage("help".into()))
        }
        Some(c) => c.clone(),
        None => return Err(Failure::Usage("no command given".into())),
    };
    let mut a = Args {
        command,
        file: None,
        format: None,
        corpus: None,
        date: None,
        out: None,
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--format" => a.format = Some(value("--format")?),
            "--corpus" => a.corpus = Some(value("--corpus")?),
            "--date" => a.date = Some(value("--date")?),
            "--out" => a.out = Some(value("--out")?),
            "-h" | "--help" => return Err(Failure::Usage("help".into())),
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s => {
                if a.file.is_some() {
                    return Err(Failure::Usage(format!("more than one input given ({s})")));
                }
                a.file = Some(s.to_string());
            }
        }
    }
    Ok(a)
}

fn run(args: &[String]) -> Result<String, Failure> {
    let a = parse_args(args)?;
    match a.command.as_str() {
        "extract" => {
            let format = a.format.as_deref().unwrap_or("json");
            if !matches!(format, "json" | "text") {
                return Err(Failure::Usage(format!(
                    "extract --format takes json or text, not {format}"
                )));
            }
            let today = date_arg(&a)?;
            let text = read_input(a.file.as_deref())?;
            let analysis = analyze(&text, today);
            Ok(match format {
                "json" => json_out(&report::extract_json(&text, &analysis)),
                _ => report::extract_text(&text, &analysis),
            })
        }
        "check" => {
            let format = a.format.as_deref().unwrap_or("json");
            if !matches!(format, "json" | "text" | "markdown") {
                return Err(Failure::Usage(format!(
                    "check --format takes json, text or markdown, not {format}"
                )));
            }
            let today = date_arg(&a)?;
            let corpus = load_corpus(a.corpus.as_deref())?;
            let text = read_input(a.file.as_deref())?;
            if text.trim().is_empty() {
                return Err(Failure::Input(format!(
                    "{}: the text is empty; there is nothing to check",
                    input_name(a.file.as_deref())
                )));
            }
            let analysis = analyze(&text, today);
            let judgments = reconcile::reconcile(&text, &analysis.claims, &corpus);
            Ok(match format {
                "json" => json_out(&report::check_json(
                    &text,
                    &analysis.claims,
                    &judgments,
                    &corpus,
                )),
                "text" => report::check_text(&text, &analysis.claims, &judgments, &corpus),
                _ => report::check_markdown(&text, &analysis.claims, &judgments, &corpus),
            })
        }
        "index" => {
            let src = a
                .file
                .as_deref()
                .ok_or_else(|| Failure::Usage("index needs a SOURCE_DIR".into()))?;
            let out = a
                .out
                .as_deref()
                .ok_or_else(|| Failure::Usage("index needs --out OUT_DIR".into()))?;
            index(Path::new(src), Path::new(out))
        }
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

fn json_out(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into()) + "\n"
}

fn date_arg(a: &Args) -> Result<Option<i32>, Failure> {
    match &a.date {
        None => Ok(None),
        Some(d) => parse_date(d).map(Some).ok_or_else(|| {
            Failure::Usage(format!("--date {d:?} is not a date in the form YYYY-MM-DD"))
        }),
    }
}

fn input_name(file: Option<&str>) -> &str {
    match file {
        None | Some("-") => "standard input",
        Some(f) => f,
    }
}

fn read_input(file: Option<&str>) -> Result<String, Failure> {
    let name = input_name(file);
    let mut bytes = Vec::new();
    let limit = MAX_TEXT_BYTES as u64 + 1;
    let read = match file {
        None | Some("-") => std::io::stdin().lock().take(limit).read_to_end(&mut bytes),
        Some(f) => std::fs::File::open(f).and_then(|h| h.take(limit).read_to_end(&mut bytes)),
    };
    read.map_err(|e| Failure::Input(format!("{name}: cannot be read: {e}")))?;
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(Failure::Input(format!(
            "{name}: the text is over the limit of {} MB; check it in parts",
            MAX_TEXT_BYTES / (1024 * 1024)
        )));
    }
    if bytes.contains(&0) {
        return Err(Failure::Input(format!(
            "{name}: contains NUL bytes: this is binary data, not text"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::Input(format!(
            "{name}: not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let is_html = file.is_some_and(|f| f.ends_with(".html") || f.ends_with(".htm"));
    Ok(if is_html {
        corroborate::corpus::html_to_text(&text)
    } else {
        text
    })
}

fn doc_warnings(errors: &[DocError]) {
    for e in errors {
        eprintln!("corroborate: warning: skipped {e}");
    }
}

/// The default corpus, a folder written by `index`, a manifest, or a folder of source documents.
fn load_corpus(path: Option<&str>) -> Result<Corpus, Failure> {
    let Some(path) = path else {
        let sources: Vec<(String, Vec<u8>)> = DEFAULT_CORPUS
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        let (corpus, errors) = Corpus::compile(&sources);
        doc_warnings(&errors);
        return Ok(corpus);
    };
    let p = PathBuf::from(path);
    let manifest = if p.is_file() && p.file_name().is_some_and(|n| n == "manifest.json") {
        Some(p.clone())
    } else if p.join("manifest.json").is_file() {
        Some(p.join("manifest.json"))
    } else {
        None
    };
    if let Some(m) = manifest {
        let dir = m.parent().unwrap_or(Path::new("."));
        let text = std::fs::read_to_string(&m)
            .map_err(|e| Failure::Input(format!("{}: cannot be read: {e}", m.display())))?;
        let parsed = Corpus::read_manifest(&text)
            .map_err(|e| Failure::Input(format!("{}: {e}", m.display())))?;
        let mut shards = Vec::new();
        for name in &parsed.shards {
            if name.contains('/') || name.contains('\\') || name.starts_with('.') {
                return Err(Failure::Input(format!(
                    "{}: shard name {name:?} is not a plain file name",
                    m.display()
                )));
            }
            let sp = dir.join(name);
            shards.push(
                std::fs::read_to_string(&sp).map_err(|e| {
                    Failure::Input(format!("{}: cannot be read: {e}", sp.display()))
                })?,
            );
        }
        let refs: Vec<&str> = shards.iter().map(String::as_str).collect();
        return Corpus::from_index(&text, &refs)
            .map_err(|e| Failure::Input(format!("{}: {e}", m.display())));
    }
    if !p.is_dir() {
        return Err(Failure::Input(format!("{path}: no such corpus folder (give a folder of documents or one written by `corroborate index`)")));
    }
    let sources = read_sources(&p)?;
    let (corpus, errors) = Corpus::compile(&sources);
    doc_warnings(&errors);
    if corpus.documents.is_empty() {
        return Err(Failure::Input(format!("{path}: no usable documents (.md, .txt or .html with front matter: title, source, published)")));
    }
    Ok(corpus)
}

fn read_sources(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::Input(format!("{}: cannot be read: {e}", dir.display())))?;
    let mut out = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let ext_ok = [".md", ".markdown", ".txt", ".html", ".htm"]
            .iter()
            .any(|x| name.ends_with(x));
        if !path.is_file() || !ext_ok {
            continue;
        }
        let len = e.metadata().map(|m| m.len()).unwrap_or(0);
        if len as usize > corroborate::corpus::MAX_DOCUMENT_BYTES {
            eprintln!("corroborate: warning: skipped {name}: {len} bytes is over the limit of 50 MB per document");
            continue;
        }
        match std::fs::read(&path) {
            Ok(b) => out.push((name, b)),
            Err(err) => eprintln!("corroborate: warning: skipped {name}: cannot be read: {err}"),
        }
    }
    Ok(out)
}

fn index(src: &Path, out: &Path) -> Result<String, Failure> {
    if !src.is_dir() {
        return Err(Failure::Input(format!(
            "{}: no such folder of source documents",
            src.display()
        )));
    }
    let sources = read_sources(src)?;
    let (corpus, errors) = Corpus::compile(&sources);
    doc_warnings(&errors);
    if corpus.documents.is_empty() {
        return Err(Failure::Input(format!("{}: no usable documents (.md, .txt or .html with front matter: title, source, published)", src.display())));
    }
    let idx = corpus.to_index();
    std::fs::create_dir_all(out)
        .map_err(|e| Failure::Input(format!("{}: cannot be created: {e}", out.display())))?;
    // Old shards of earlier builds go; the new ones are written before the manifest that names them.
    if let Ok(rd) = std::fs::read_dir(out) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with("docs-")
                && n.ends_with(".json")
                && !idx.shards.iter().any(|(s, _)| *s == n)
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    for (name, text) in &idx.shards {
        write_file(&out.join(name), text)?;
    }
    write_file(&out.join("manifest.json"), &idx.manifest)?;
    // The corpus's own disagreements, for the page to list.
    let found = reconcile::disagreements::find(&corpus);
    let json = reconcile::disagreements::to_json(&corpus, &found);
    write_file(&out.join("disagreements.json"), &json.to_string())?;
    let claims: usize = corpus.documents.iter().map(|d| d.claims.len()).sum();
    let sentences: usize = corpus.documents.iter().map(|d| d.sentences.len()).sum();
    Ok(format!(
        "indexed {} documents ({} sentences, {} claims) into {}: corpus {}\n{}",
        corpus.documents.len(),
        sentences,
        claims,
        out.display(),
        &corpus.id[..12],
        reconcile::disagreements::summary(&corpus, &found)
    ))
}

fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text)
        .map_err(|e| Failure::Input(format!("{}: cannot be written: {e}", path.display())))
}
