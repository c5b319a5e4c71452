//! Turning the command line's INPUT arguments into batch inputs: files, standard input,
//! directories (walked recursively) and glob patterns (`*`, `?`, `[…]`, `**`), expanded by
//! Crosswalk when the shell did not.
//!
//! One walker serves directories and `**`: it reads regular files with the extensions of known
//! formats and accounts for everything else it meets, per argument and reason (other
//! extensions, hidden entries, symbolic links, which it follows only when asked and then never
//! in a loop, FIFOs and devices, which could block a run). An entry it cannot read (a directory
//! without permission) is an input that fails: counted, and an I/O error of the run. A file
//! named twice (by two arguments, a link, a pattern and a directory) is read once. Standard
//! input and named pipes are read through [`Interruptible`], so that Ctrl-C ends a read that
//! waits.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crosswalk::batch::Input;

use crate::signal::{open_fifo, Interruptible};

/// Why a walk left an entry out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// A file with another extension.
    Extension,
    /// A name starting with a dot.
    Hidden,
    /// A symbolic link (followed only with --follow-links).
    Link,
    /// A link back to a directory the walk is in (with --follow-links).
    Loop,
    /// A FIFO, socket or device: reading it could block the run.
    Special,
    /// A file already read under another name.
    Twice,
}

impl Skip {
    /// How the skipped entries are described, and whether that deserves a warning.
    pub fn describe(self, count: usize) -> (String, bool) {
        let s = if count == 1 { "" } else { "s" };
        match self {
            Skip::Extension => (format!("{count} file{s} with other extensions"), false),
            Skip::Hidden => (format!("{count} hidden entr{}", if count == 1 { "y" } else { "ies" }), false),
            Skip::Link => (format!("{count} symbolic link{s} (--follow-links follows them)"), true),
            Skip::Loop => (format!("{count} link{s} back into the walk (a loop)"), true),
            Skip::Special => (format!("{count} FIFO{s}, socket{s} or device{s} (name one to read it)"), true),
            Skip::Twice => (format!("{count} file{s} named twice (read once)"), false),
        }
    }
}

/// The expanded inputs, and what was left out.
pub struct Expanded {
    /// The inputs in order.
    pub inputs: Vec<Input>,
    /// Entries left out, per argument and reason.
    pub skipped: BTreeMap<(String, Skip), usize>,
}

/// Expands the INPUT arguments; an argument naming nothing is an error (a usage problem).
pub fn expand(arguments: &[PathBuf], follow_links: bool) -> Result<Expanded, String> {
    let mut walk = Walk {
        follow_links,
        seen: HashSet::new(),
        expanded: Expanded { inputs: Vec::new(), skipped: BTreeMap::new() },
    };
    if arguments.is_empty() {
        walk.stdin();
        return Ok(walk.expanded);
    }
    for argument in arguments {
        let label = argument.display().to_string();
        if argument.as_os_str() == "-" {
            walk.stdin();
        } else if let Ok(meta) = std::fs::metadata(argument) {
            // Named by the user: a link is followed, a FIFO is read.
            if meta.is_dir() {
                let mut files = Vec::new();
                let mut inside = Vec::new();
                walk.directory(argument, &label, &mut files, &mut inside);
                files.sort();
                for file in files {
                    walk.file(file, &label);
                }
            } else {
                walk.named(argument, &meta, &label);
            }
        } else if is_pattern(&argument.to_string_lossy()) {
            let mut matches = Vec::new();
            walk.glob(&argument.to_string_lossy(), &label, &mut matches);
            if matches.is_empty() {
                return Err(format!("{label} matches no file"));
            }
            matches.sort();
            for file in matches {
                walk.file(file, &label);
            }
        } else if argument.symlink_metadata().is_ok() {
            return Err(format!("cannot read {label}: a symbolic link to nothing"));
        } else {
            return Err(format!("cannot read {label}: no such file or directory"));
        }
    }
    Ok(walk.expanded)
}

struct Walk {
    follow_links: bool,
    /// Files and directories met, by device and inode.
    seen: HashSet<(u64, u64)>,
    expanded: Expanded,
}

impl Walk {
    fn skip(&mut self, label: &str, why: Skip) {
        *self.expanded.skipped.entry((label.to_owned(), why)).or_default() += 1;
    }

    fn stdin(&mut self) {
        // Standard input is one input, however often `-` is given.
        if self.seen.insert((u64::MAX, 0)) {
            self.expanded.inputs.push(Input::reader("<stdin>", Box::new(Interruptible::new(std::io::stdin()))));
        } else {
            self.skip("-", Skip::Twice);
        }
    }

    /// A path the user named (not found by a walk).
    fn named(&mut self, path: &Path, meta: &std::fs::Metadata, label: &str) {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        if !self.seen.insert((meta.dev(), meta.ino())) {
            self.skip(label, Skip::Twice);
            return;
        }
        let name = path.display().to_string();
        let kind = meta.file_type();
        if kind.is_fifo() || kind.is_char_device() || kind.is_socket() {
            self.expanded.inputs.push(match open_fifo(path) {
                Ok(file) => Input::reader(name, Box::new(Interruptible::new(file))),
                Err(e) => Input::unreadable(name, e.to_string()),
            });
        } else {
            self.expanded.inputs.push(Input::path(path));
        }
    }

    /// A regular file found by a walk or a pattern.
    fn file(&mut self, path: PathBuf, label: &str) {
        use std::os::unix::fs::MetadataExt;
        match std::fs::metadata(&path) {
            Ok(meta) if !self.seen.insert((meta.dev(), meta.ino())) => self.skip(label, Skip::Twice),
            Ok(_) => self.expanded.inputs.push(Input::path(path)),
            Err(e) => self.expanded.inputs.push(Input::unreadable(path.display().to_string(), e.to_string())),
        }
    }

    /// Collects the files of `dir` (recursively) into `files`; `inside` holds the directories
    /// the walk is in, to refuse a link back into one.
    fn directory(&mut self, dir: &Path, label: &str, files: &mut Vec<PathBuf>, inside: &mut Vec<(u64, u64)>) {
        use std::os::unix::fs::MetadataExt;
        let id = std::fs::metadata(dir).map(|m| (m.dev(), m.ino())).ok();
        if let Some(id) = id {
            if inside.contains(&id) {
                self.skip(label, Skip::Loop);
                return;
            }
            inside.push(id);
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.expanded.inputs.push(Input::unreadable(dir.display().to_string(), format!("cannot list it: {e}")));
                inside.pop();
                return;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let name = dir.display().to_string();
                    self.expanded.inputs.push(Input::unreadable(name, format!("cannot list it: {e}")));
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                self.skip(label, Skip::Hidden);
                continue;
            }
            // The entry's type comes with the directory listing: no extra system call per file.
            let Ok(mut kind) = entry.file_type() else {
                self.expanded.inputs.push(Input::unreadable(path.display().to_string(), "cannot tell what it is"));
                continue;
            };
            if kind.is_symlink() {
                if !self.follow_links {
                    self.skip(label, Skip::Link);
                    continue;
                }
                match std::fs::metadata(&path) {
                    Ok(meta) => kind = meta.file_type(),
                    Err(e) => {
                        self.expanded.inputs.push(Input::unreadable(path.display().to_string(), e.to_string()));
                        continue;
                    }
                }
            }
            if kind.is_dir() {
                self.directory(&path, label, files, inside);
            } else if !kind.is_file() {
                self.skip(label, Skip::Special);
            } else if has_known_extension(&path) {
                files.push(path);
            } else {
                self.skip(label, Skip::Extension);
            }
        }
        inside.pop();
    }

    /// The files matching a pattern whose components may hold `*`, `?`, `[…]` and `**`.
    fn glob(&mut self, pattern: &str, label: &str, out: &mut Vec<PathBuf>) {
        let absolute = pattern.starts_with('/');
        let components: Vec<&str> = pattern.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
        let start = if absolute { PathBuf::from("/") } else { PathBuf::from(".") };
        let mut found = Vec::new();
        self.glob_from(&start, &components, label, &mut found, &mut Vec::new());
        out.extend(found.into_iter().map(|p| p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p)));
    }

    fn glob_from(
        &mut self,
        dir: &Path,
        components: &[&str],
        label: &str,
        out: &mut Vec<PathBuf>,
        inside: &mut Vec<(u64, u64)>,
    ) {
        use std::os::unix::fs::MetadataExt;
        let Some((first, rest)) = components.split_first() else {
            match dir.symlink_metadata() {
                Ok(meta) if meta.file_type().is_symlink() && !self.follow_links && dir != Path::new(".") => {
                    self.skip(label, Skip::Link)
                }
                _ => match std::fs::metadata(dir) {
                    Ok(meta) if meta.is_file() => out.push(dir.to_path_buf()),
                    Ok(meta) if !meta.is_dir() => self.skip(label, Skip::Special),
                    _ => {}
                },
            }
            return;
        };
        if *first == "**" {
            // Zero directories, or one more and `**` again: the walker's rules for what it enters.
            let id = std::fs::metadata(dir).map(|m| (m.dev(), m.ino())).ok();
            if let Some(id) = id {
                if inside.contains(&id) {
                    self.skip(label, Skip::Loop);
                    return;
                }
                inside.push(id);
            }
            self.glob_from(dir, rest, label, out, inside);
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let Ok(kind) = entry.file_type() else { continue };
                let is_dir = if kind.is_symlink() { self.follow_links && entry.path().is_dir() } else { kind.is_dir() };
                if is_dir {
                    self.glob_from(&entry.path(), components, label, out, inside);
                } else if kind.is_symlink() && !self.follow_links && entry.path().is_dir() {
                    self.skip(label, Skip::Link);
                }
            }
            inside.pop();
            return;
        }
        if !is_pattern(first) {
            self.glob_from(&dir.join(first), rest, label, out, inside);
            return;
        }
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && !first.starts_with('.') {
                continue;
            }
            if matches(first.as_bytes(), name.as_bytes()) {
                self.glob_from(&entry.path(), rest, label, out, inside);
            }
        }
    }
}

/// The facade's rule, shared with `crosswalk::batch::walk`: known extensions, also with `.gz`.
fn has_known_extension(path: &Path) -> bool {
    crosswalk::batch::is_catalog_file(path)
}

fn is_pattern(text: &str) -> bool {
    text.contains(['*', '?', '['])
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

    fn names(expanded: &Expanded) -> Vec<String> {
        expanded.inputs.iter().map(|i| i.name.clone()).collect()
    }

    #[test]
    fn directories_and_patterns() {
        let dir = std::env::temp_dir().join(format!("crosswalk-inputs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
        for f in ["a.xml", "b.json", "notes.md", "sub/c.xml", "sub/deeper/d.bib", ".hidden.xml"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let walked = expand(std::slice::from_ref(&dir), false).unwrap();
        assert_eq!(walked.inputs.len(), 4, "{:?}", names(&walked));
        let label = dir.display().to_string();
        assert_eq!(walked.skipped.get(&(label.clone(), Skip::Extension)), Some(&1));
        assert_eq!(walked.skipped.get(&(label, Skip::Hidden)), Some(&1));
        let pattern = dir.join("**/*.xml");
        let globbed = expand(&[pattern], false).unwrap();
        assert_eq!(globbed.inputs.len(), 2);
        assert!(expand(&[dir.join("*.nothing")], false).is_err());
        assert!(expand(&[dir.join("missing.xml")], false).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn links_loops_fifos_and_twice_named_files() {
        let dir = std::env::temp_dir().join(format!("crosswalk-inputs-links-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a.xml"), "x").unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("sub/a.xml"), dir.join("link.xml")).unwrap();
        let fifo = dir.join("pipe.xml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
        let label = dir.display().to_string();

        let walked = expand(std::slice::from_ref(&dir), false).unwrap();
        assert_eq!(names(&walked), [dir.join("sub/a.xml").display().to_string()]);
        assert_eq!(walked.skipped.get(&(label.clone(), Skip::Link)), Some(&2));
        if made {
            assert_eq!(walked.skipped.get(&(label.clone(), Skip::Special)), Some(&1));
        }
        // Following links: the file link is the same file (read once), the loop is refused.
        let followed = expand(std::slice::from_ref(&dir), true).unwrap();
        assert_eq!(followed.inputs.len(), 1, "{:?}", names(&followed));
        assert_eq!(followed.skipped.get(&(label.clone(), Skip::Loop)), Some(&1));
        assert_eq!(followed.skipped.get(&(label.clone(), Skip::Twice)), Some(&1));
        // `**` walks the same way and ends.
        let globbed = expand(&[dir.join("**/*.xml")], false).unwrap();
        assert_eq!(globbed.inputs.len(), 1, "{:?}", names(&globbed));
        let globbed = expand(&[dir.join("**/*.xml")], true).unwrap();
        assert_eq!(globbed.inputs.len(), 1, "{:?}", names(&globbed));
        // One file named twice is read once.
        let twice = expand(&[dir.join("sub/a.xml"), dir.join("link.xml")], false).unwrap();
        assert_eq!(twice.inputs.len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
