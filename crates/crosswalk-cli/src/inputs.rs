//! Turning the command line's INPUT arguments into batch inputs: files, standard input,
//! directories (walked recursively) and glob patterns (`*`, `?`, `**`), expanded by Crosswalk
//! when the shell did not.

use std::path::{Path, PathBuf};

use crosswalk::batch::Input;

/// File extensions taken from a directory walk: the formats Crosswalk knows.
const EXTENSIONS: &[&str] =
    &["xml", "json", "jsonl", "ndjson", "jsonld", "ris", "bib", "bibtex", "txt", "enw", "html", "htm"];

/// The expanded inputs, and notes on what was skipped.
pub struct Expanded {
    /// The inputs in order.
    pub inputs: Vec<Input>,
    /// Files left out of directory walks (other extensions), per directory.
    pub skipped: Vec<(PathBuf, usize)>,
}

/// Expands the INPUT arguments; an argument naming nothing is an error (a usage problem).
pub fn expand(arguments: &[PathBuf]) -> Result<Expanded, String> {
    let mut expanded = Expanded { inputs: Vec::new(), skipped: Vec::new() };
    if arguments.is_empty() {
        expanded.inputs.push(Input::stdin());
        return Ok(expanded);
    }
    for argument in arguments {
        if argument.as_os_str() == "-" {
            expanded.inputs.push(Input::stdin());
        } else if argument.is_dir() {
            let mut files = Vec::new();
            let mut skipped = 0;
            walk(argument, &mut files, &mut skipped);
            files.sort();
            if skipped > 0 {
                expanded.skipped.push((argument.clone(), skipped));
            }
            expanded.inputs.extend(files.into_iter().map(Input::path));
        } else if argument.exists() {
            expanded.inputs.push(Input::path(argument));
        } else if is_pattern(&argument.to_string_lossy()) {
            let matches = glob(&argument.to_string_lossy());
            if matches.is_empty() {
                return Err(format!("{} matches no file", argument.display()));
            }
            expanded.inputs.extend(matches.into_iter().map(Input::path));
        } else {
            return Err(format!("cannot read {}: no such file or directory", argument.display()));
        }
    }
    Ok(expanded)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, skipped: &mut usize) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        // The entry's type comes with the directory listing: no extra system call per file.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            walk(&path, files, skipped);
        } else if has_known_extension(&path) {
            files.push(path);
        } else {
            *skipped += 1;
        }
    }
}

fn has_known_extension(path: &Path) -> bool {
    path.extension().is_some_and(|e| EXTENSIONS.iter().any(|k| e.eq_ignore_ascii_case(k)))
}

fn is_pattern(text: &str) -> bool {
    text.contains(['*', '?', '['])
}

/// The files matching a pattern whose components may hold `*`, `?` and `**`, sorted.
fn glob(pattern: &str) -> Vec<PathBuf> {
    let absolute = pattern.starts_with('/');
    let components: Vec<&str> = pattern.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
    let start = if absolute { PathBuf::from("/") } else { PathBuf::from(".") };
    let mut out = Vec::new();
    glob_from(&start, &components, &mut out);
    out.sort();
    out.into_iter().map(|p| p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p)).collect()
}

fn glob_from(dir: &Path, components: &[&str], out: &mut Vec<PathBuf>) {
    let Some((first, rest)) = components.split_first() else {
        if dir.is_file() {
            out.push(dir.to_path_buf());
        }
        return;
    };
    if *first == "**" {
        // Zero directories, or one more and `**` again.
        glob_from(dir, rest, out);
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.path().is_dir() && !entry.file_name().to_string_lossy().starts_with('.') {
                glob_from(&entry.path(), components, out);
            }
        }
        return;
    }
    if !is_pattern(first) {
        glob_from(&dir.join(first), rest, out);
        return;
    }
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && !first.starts_with('.') {
            continue;
        }
        if matches(first.as_bytes(), name.as_bytes()) {
            glob_from(&entry.path(), rest, out);
        }
    }
}

/// Wildcard matching of one path component: `*` any run, `?` one character, `[abc]` a set.
fn matches(pattern: &[u8], name: &[u8]) -> bool {
    match (pattern.split_first(), name.split_first()) {
        (None, None) => true,
        (Some((b'*', rest)), _) => matches(rest, name) || (!name.is_empty() && matches(pattern, &name[1..])),
        (Some((b'?', rest)), Some((_, name_rest))) => matches(rest, name_rest),
        (Some((b'[', rest)), Some((&c, name_rest))) => match rest.iter().position(|&b| b == b']') {
            Some(end) => rest[..end].contains(&c) && matches(&rest[end + 1..], name_rest),
            None => c == b'[' && matches(rest, name_rest),
        },
        (Some((&p, rest)), Some((&c, name_rest))) => p == c && matches(rest, name_rest),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(matches(b"*.bib", b"export.bib"));
        assert!(!matches(b"*.bib", b"export.ris"));
        assert!(matches(b"rec-??.xml", b"rec-01.xml"));
        assert!(matches(b"[ab]*", b"beta"));
        assert!(!matches(b"[ab]*", b"gamma"));
        assert!(matches(b"*", b""));
    }

    #[test]
    fn directories_and_patterns() {
        let dir = std::env::temp_dir().join(format!("crosswalk-inputs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
        for f in ["a.xml", "b.json", "notes.md", "sub/c.xml", "sub/deeper/d.bib", ".hidden.xml"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let walked = expand(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<String> = walked.inputs.iter().map(|i| i.name.clone()).collect();
        assert_eq!(names.len(), 4, "{names:?}");
        assert_eq!(walked.skipped, vec![(dir.clone(), 1)]);
        let pattern = dir.join("**/*.xml");
        let globbed = expand(&[pattern]).unwrap();
        assert_eq!(globbed.inputs.len(), 2);
        assert!(expand(&[dir.join("*.nothing")]).is_err());
        assert!(expand(&[dir.join("missing.xml")]).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
