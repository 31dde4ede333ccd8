//! The core's domains depend on each other in one direction: no two top-level modules
//! import each other (directly or around a longer loop), so each can be read, tested and
//! changed from the bottom up. The one allowed exception is named below with its reason.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

/// Loops allowed, with why.
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "error",
        "tx",
        "the facade Error wraps every domain's error, and a broadcast (rpc, lock and journal \
         failures together) returns it",
    ),
    (
        "error",
        "store",
        "the store implements tx's Journal, whose methods return the facade Error",
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file's non-test code names through `crate::`.
fn imports(text: &str) -> BTreeSet<String> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::x, b::{y, z}, c}`: the names at depth 0.
            let mut depth = 0;
            let mut item = String::new();
            for ch in group.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(ident(item.trim()));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(ch);
                }
            }
            out.insert(ident(item.trim()));
        } else {
            out.insert(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

#[test]
fn no_two_core_modules_depend_on_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" {
            continue;
        }
        let mut files = Vec::new();
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else {
            files.push(path);
        }
        let deps = graph.entry(name.clone()).or_default();
        for file in files {
            deps.extend(imports(&std::fs::read_to_string(file).unwrap()));
        }
        deps.remove(&name);
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for deps in graph.values_mut() {
        deps.retain(|d| modules.contains(d));
    }
    // The parse finds what it should: known edges are there.
    assert!(graph["tx"].contains("rpc") && graph["networks"].contains("chain"));

    let allowed = |a: &str, b: &str| {
        ALLOWED
            .iter()
            .any(|(x, y, _)| (a, b) == (*x, *y) || (a, b) == (*y, *x))
    };
    // A loop is a path from a module back to itself; report each edge that closes one.
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(m) = stack.pop() {
            if m == to {
                return true;
            }
            if seen.insert(m.clone()) {
                for d in &graph[&m] {
                    if !allowed(&m, d) {
                        stack.push(d.clone());
                    }
                }
            }
        }
        false
    };
    let mut loops = Vec::new();
    for (module, deps) in &graph {
        for dep in deps {
            if !allowed(module, dep) && reaches(dep, module) {
                loops.push(format!("{module} -> {dep} -> … -> {module}"));
            }
        }
    }
    assert!(
        loops.is_empty(),
        "module loops in core: {loops:#?}\n(graph: {graph:#?})"
    );
}
