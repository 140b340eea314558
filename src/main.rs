//! The `corroborate` command line: `extract`, `check`, `index` (../shared/spec/cli.md).
//!
//! A thin shell: it reads files and arguments, calls the core, and prints one whole document on
//! stdout. Exit status: 0 done; 1 the input or corpus was unusable (one line on stderr says
//! which file and why); 2 a usage error.

use corroborate::corpus::{self, DocError, Needs, Part, Searcher};
use corroborate::{analyze, export, parse_date, reconcile, report, MAX_TEXT_BYTES};

/// Up to this many documents, `index` compares every pair for the corpus's own disagreements.
const DISAGREEMENT_DOCS: usize = 300;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

include!(concat!(env!("OUT_DIR"), "/default_corpus.rs"));

const USAGE: &str = "usage:
  corroborate extract [FILE|-] [--date YYYY-MM-DD] [--format json|text]
  corroborate check   [FILE|-] [--corpus PATH] [--date YYYY-MM-DD] [--format json|text|markdown|claimreview|html]
  corroborate index   SOURCE_DIR --out OUT_DIR

FILE absent or - reads standard input. An .html file is read as HTML.
--date is the article's own date, for relative dates (\"Thursday\", \"last year\"); without it, a
date line at the top of the text gives it.
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
                "json" => report::extract_json_text(&text, &analysis, true) + "\n",
                _ => report::extract_text(&text, &analysis),
            })
        }
        "check" => {
            let format = a.format.as_deref().unwrap_or("json");
            if format != "text" && export::Format::parse(format).is_none() {
                return Err(Failure::Usage(format!(
                    "check --format takes json, text, markdown, claimreview or html, not {format}"
                )));
            }
            let today = date_arg(&a)?;
            let mut source = load_corpus(a.corpus.as_deref())?;
            let text = read_input(a.file.as_deref())?;
            if text.trim().is_empty() {
                return Err(Failure::Input(format!(
                    "{}: the text is empty; there is nothing to check",
                    input_name(a.file.as_deref())
                )));
            }
            let analysis = analyze(&text, today);
            let retrieved = source.prepare(&analysis.claims)?;
            let judgments = retrieved.reconcile(&text, &analysis.claims);
            let corpus = retrieved.corpus;
            if format == "text" {
                return Ok(report::check_text(
                    &text,
                    &analysis.claims,
                    &judgments,
                    &corpus,
                ));
            }
            // json, markdown, claimreview, html: the same code the page exports with.
            let json = report::check_json(&text, &analysis.claims, &judgments, &corpus);
            let opts = export::Options {
                date: Some(today_utc()),
                url: None,
                article_date: a.date.clone(),
            };
            let format = export::Format::parse(format).unwrap_or(export::Format::Json);
            export::render(&json, &text, format, &opts).map_err(Failure::Input)
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

/// Today's date (UTC), `YYYY-MM-DD`: the date of the review in the exports. `SOURCE_DATE_EPOCH`
/// (seconds, the reproducible-builds convention) fixes it, for byte-identical output.
fn today_utc() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        });
    let (y, m, d) = corroborate::extract::civil_from_days((secs / 86_400) as i32);
    format!("{y:04}-{m:02}-{d:02}")
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

/// A corpus to check against: a searcher, and the folder its shards are read from when a check
/// needs them (none when everything is in memory).
struct CorpusSource {
    searcher: Searcher,
    dir: Option<PathBuf>,
}

impl CorpusSource {
    fn in_memory(documents: Vec<corpus::Document>) -> CorpusSource {
        CorpusSource {
            searcher: Searcher::new(vec![Part::build(documents)]),
            dir: None,
        }
    }

    /// Retrieves what a check of these claims needs, reading shards as the searcher asks.
    fn prepare(
        &mut self,
        claims: &[corroborate::claims::Claim],
    ) -> Result<corpus::Retrieved, Failure> {
        loop {
            match self.searcher.prepare(claims) {
                Ok(c) => return Ok(c),
                Err(Needs(names)) => {
                    let dir = self.dir.clone().unwrap_or_default();
                    for name in names {
                        let path = dir.join(&name);
                        let text = std::fs::read(&path).map_err(|e| {
                            Failure::Input(format!("{}: cannot be read: {e}", path.display()))
                        })?;
                        self.searcher
                            .add_shard(&name, &text)
                            .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
                    }
                }
            }
        }
    }
}

/// The default corpus, a folder written by `index`, a manifest, or a folder of source documents.
fn load_corpus(path: Option<&str>) -> Result<CorpusSource, Failure> {
    let Some(path) = path else {
        let sources: Vec<(String, Vec<u8>)> = DEFAULT_CORPUS
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        let (documents, errors) = compile_sources(&sources);
        doc_warnings(&errors);
        return Ok(CorpusSource::in_memory(documents));
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
        let dir = m.parent().unwrap_or(Path::new(".")).to_path_buf();
        let text = std::fs::read_to_string(&m)
            .map_err(|e| Failure::Input(format!("{}: cannot be read: {e}", m.display())))?;
        let part = Part::from_manifest(&text)
            .map_err(|e| Failure::Input(format!("{}: {e}", m.display())))?;
        return Ok(CorpusSource {
            searcher: Searcher::new(vec![part]),
            dir: Some(dir),
        });
    }
    if !p.is_dir() {
        return Err(Failure::Input(format!("{path}: no such corpus folder (give a folder of documents or one written by `corroborate index`)")));
    }
    let sources = read_sources(&p)?;
    let (documents, errors) = compile_sources(&sources);
    doc_warnings(&errors);
    if documents.is_empty() {
        return Err(Failure::Input(format!("{path}: no usable documents (.md, .txt or .html with front matter: title, source, published)")));
    }
    Ok(CorpusSource::in_memory(documents))
}

/// Compiles source documents on every core (the result does not depend on how many).
fn compile_sources(sources: &[(String, Vec<u8>)]) -> (Vec<corpus::Document>, Vec<DocError>) {
    corpus::assemble(compile_each(sources, corpus::compile_document))
}

/// `compile` of each source, in the sources' order, on every core. A document whose compiling
/// panics (a bug: the panic's message is on stderr) comes back as an error that names it, so
/// the others are kept and none is lost without a word.
fn compile_each<D: Send>(
    sources: &[(String, Vec<u8>)],
    compile: impl Fn(&str, &[u8]) -> Result<D, DocError> + Sync,
) -> Vec<(String, Result<D, DocError>)> {
    let threads = corroborate::parallel::machine_threads().clamp(1, 16);
    let per = sources.len().div_ceil(threads).max(1);
    let one = |(n, b): &(String, Vec<u8>)| {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| compile(n, b)))
            .unwrap_or_else(|_| {
                Err(DocError {
                    file: n.clone(),
                    line: None,
                    message: "could not be compiled: an internal error (the message above \
                              says where); please report it with this file"
                        .into(),
                })
            });
        (n.clone(), r)
    };
    let chunks = (0..sources.len())
        .step_by(per)
        .map(|at| at..sources.len().min(at + per))
        .collect();
    corroborate::parallel::for_ranges(chunks, |r| sources[r].iter().map(one).collect::<Vec<_>>())
        .into_iter()
        .flatten()
        .collect()
}

fn read_sources(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::Input(format!("{}: cannot be read: {e}", dir.display())))?;
    let mut found = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let ext_ok = [".md", ".markdown", ".txt", ".html", ".htm"]
            .iter()
            .any(|x| name.ends_with(x));
        if !path.is_file() || !ext_ok {
            continue;
        }
        found.push((e, path, name));
    }
    // Counted before any is read: too many is refused whole, nothing half-compiled.
    let limit = corroborate::corpus::MAX_CORPUS_DOCUMENTS;
    if found.len() > limit {
        return Err(Failure::Input(format!(
            "{}: {} documents is over the limit of {limit} per corpus (compiling holds them all in memory, about 100 KB each); split the folder",
            dir.display(),
            found.len()
        )));
    }
    let mut out = Vec::new();
    for (e, path, name) in found {
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
    let (documents, errors) = compile_sources(&sources);
    doc_warnings(&errors);
    if documents.is_empty() {
        return Err(Failure::Input(format!("{}: no usable documents (.md, .txt or .html with front matter: title, source, published)", src.display())));
    }
    // The corpus's own disagreements compare every pair of documents' claims: quadratic, so only
    // for a corpus of up to DISAGREEMENT_DOCS documents (the page lists them).
    let disagreements = (documents.len() <= DISAGREEMENT_DOCS).then(|| {
        let corpus = corpus::Corpus::from_documents(documents.clone());
        let found = reconcile::disagreements::find(&corpus);
        (
            reconcile::disagreements::to_json(&corpus, &found).to_string(),
            reconcile::disagreements::summary(&corpus, &found),
        )
    });
    let (part, idx) = Part::build_files(documents);
    std::fs::create_dir_all(out)
        .map_err(|e| Failure::Input(format!("{}: cannot be created: {e}", out.display())))?;
    // Shards of earlier builds go; the new ones are written before the manifest that names them.
    if let Ok(rd) = std::fs::read_dir(out) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            let ours = ["docs-", "terms-", "catalog-"]
                .iter()
                .any(|p| n.starts_with(p));
            // .json: shards of index format 2 and before.
            let shard = n.ends_with(".bin") || n.ends_with(".json");
            if ours && shard && !idx.shards.iter().any(|(s, _)| *s == n) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    for (name, bytes) in &idx.shards {
        write_file(&out.join(name), bytes)?;
    }
    write_file(&out.join("manifest.json"), &idx.manifest)?;
    let summary = match disagreements {
        Some((json, summary)) => {
            write_file(&out.join("disagreements.json"), &json)?;
            summary
        }
        None => {
            // A stale list from an earlier, smaller build must not pass for this corpus's.
            let _ = std::fs::remove_file(out.join("disagreements.json"));
            format!("disagreements between documents: not compared (more than {DISAGREEMENT_DOCS} documents)\n")
        }
    };
    let m = &part.manifest;
    let c = &m.counts;
    let said = format!(
        "indexed {} documents ({} sentences, {} claims, {} mentions, {} entities, {} terms) into {}: corpus {}, {} shards\n{}",
        c.documents,
        c.sentences,
        c.claims,
        c.mentions,
        c.entities,
        c.terms,
        out.display(),
        &m.id[..12],
        idx.shards.len(),
        summary
    );
    // The process ends right after: freeing a corpus's millions of small allocations one by one
    // (about 1 GB at 10,000 documents) would only cost time.
    std::mem::forget(part);
    std::mem::forget(idx);
    Ok(said)
}

fn write_file(path: &Path, text: impl AsRef<[u8]>) -> Result<(), Failure> {
    std::fs::write(path, text)
        .map_err(|e| Failure::Input(format!("{}: cannot be written: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_whose_compiling_panics_is_an_error_and_the_others_are_kept() {
        let sources: Vec<(String, Vec<u8>)> = (0..40)
            .map(|i| (format!("doc-{i:02}.md"), vec![i as u8]))
            .collect();
        let compiled = compile_each(&sources, |name, bytes| {
            if name == "doc-17.md" {
                panic!("a bug in compiling {name}");
            }
            Ok(bytes[0])
        });
        let names: Vec<&str> = compiled.iter().map(|(n, _)| n.as_str()).collect();
        let want: Vec<&str> = sources.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, want, "every document, in order");
        for (i, (name, r)) in compiled.iter().enumerate() {
            match r {
                Ok(b) => assert_eq!((*b as usize, name.as_str()), (i, want[i])),
                Err(e) => {
                    assert_eq!(name, "doc-17.md");
                    assert_eq!(e.file, "doc-17.md");
                    assert!(e.message.contains("internal error"), "{}", e.message);
                }
            }
        }
        assert_eq!(compiled.iter().filter(|(_, r)| r.is_err()).count(), 1);
    }
}
