//! Text that came from outside the wallet (an RPC's error message, a token's name, an
//! HTTP body) before anyone shows it: no control characters or escape sequences that could
//! rewrite a terminal or fake a line of output, no direction overrides that reorder what a
//! person reads, and a bounded length.

/// The longest remote text kept, in characters; longer text is cut with "…".
pub const MAX_REMOTE_CHARS: usize = 300;

/// `text` made safe to show: control characters (C0, DEL, C1: ESC and so every ANSI
/// sequence's introducer), Unicode direction overrides and isolates, and line or paragraph
/// separators become a space (runs collapse to one); the result is cut at `max_chars`.
pub fn clean(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars * 4));
    let mut chars = 0;
    let mut last_space = false;
    for c in text.chars() {
        let c = if is_unsafe(c) { ' ' } else { c };
        if c == ' ' && last_space {
            continue;
        }
        if chars == max_chars {
            out.push('…');
            return out;
        }
        last_space = c == ' ';
        out.push(c);
        chars += 1;
    }
    out
}

/// [`clean`] with the default bound for remote text.
pub fn clean_remote(text: &str) -> String {
    clean(text, MAX_REMOTE_CHARS)
}

/// `text` for a terminal, keeping its layout: like [`clean`] but line breaks and tabs stay
/// (the shells' own tables use them), nothing is collapsed or cut. The last line of
/// defence for output that mixes the wallet's words with remote ones.
pub fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_unsafe(c) && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Whether `text` has a character [`clean`] would replace (for refusing user input, such as
/// a label, instead of silently changing it).
pub fn has_unsafe_chars(text: &str) -> bool {
    text.chars().any(is_unsafe)
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{2028}' | '\u{2029}'               // line and paragraph separators
            | '\u{200E}' | '\u{200F}'             // left-to-right / right-to-left marks
            | '\u{202A}'..='\u{202E}'             // embeddings and overrides
            | '\u{2066}'..='\u{2069}'             // isolates
            | '\u{061C}'                          // Arabic letter mark
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_become_spaces() {
        let hostile = "insufficient\u{1b}[2J\u{1b}]0;pwned\u{7}funds\r\nDone: 0 ETH\u{202E}lave";
        let cleaned = clean_remote(hostile);
        assert!(!cleaned.chars().any(is_unsafe), "{cleaned:?}");
        assert!(!cleaned.contains('\u{1b}'));
        assert_eq!(cleaned, "insufficient [2J ]0;pwned funds Done: 0 ETH lave");
    }

    #[test]
    fn terminal_output_keeps_its_lines_and_loses_escapes() {
        let text = terminal_safe("Token \u{1b}[31mRED\u{1b}[0m\r\nline two\u{7}\tcol \u{202E}x");
        assert!(!text.contains(['\u{1b}', '\r', '\u{7}', '\u{202E}']));
        assert!(text.contains("\nline two") && text.contains('\t'));
    }

    #[test]
    fn long_text_is_cut() {
        let long = "x".repeat(10_000);
        let cleaned = clean(&long, 20);
        assert_eq!(cleaned.chars().count(), 21);
        assert!(cleaned.ends_with('…'));
        assert_eq!(clean("short", 20), "short");
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        for s in [
            "Wrapped Ether",
            "USD Coin (PoS)",
            "Ünïcödé 币",
            "nonce too low: next 5",
        ] {
            assert_eq!(clean_remote(s), s);
            assert!(!has_unsafe_chars(s));
        }
        assert!(has_unsafe_chars("tab\there"));
    }
}
